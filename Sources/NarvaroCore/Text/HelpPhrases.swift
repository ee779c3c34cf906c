// Help texts of narvaro in Swedish, keyed by the English text in the command table (summaries,
// option and argument help, the words of the help layout). Values in --role, --by, --gender
// stay as typed (they are what the command takes) with the Swedish meaning beside them.

let helpPhrases: [String: String] = [
    "usage:":
        "användning:",
    "[options]":
        "[flaggor]",
    "COMMAND [options]":
        "KOMMANDO [flaggor]",
    "[global options] COMMAND [options]":
        "[globala flaggor] KOMMANDO [flaggor]",
    "Commands:":
        "Kommandon:",
    "Global options:":
        "Globala flaggor:",
    "Every command takes --help.":
        "Alla kommandon tar --help.",
    "unknown command '{}': see '{}'":
        "okänt kommando '{}': se '{}'",
    "try '{}'":
        "se '{}'",
    "Närvaro: attendance at meeting places, from card swipes to weekly statistics.":
        "Närvaro: närvaro på mötesplatser, från kortdragning till veckostatistik.",
    "add an activity at a venue":
        "lägg till en aktivitet på en mötesplats",
    "list activities":
        "lista aktiviteter",
    "show one activity and its schedule":
        "visa en aktivitet och dess schema",
    "change an activity":
        "ändra en aktivitet",
    "remove an activity (archived instead when check-ins refer to it)":
        "ta bort en aktivitet (arkiveras i stället när incheckningar hänvisar till den)",
    "grant rule: participants a gathering needs":
        "bidragsregel: deltagare en sammankomst behöver",
    "grant rule: participants' age range, e.g. 7-25":
        "bidragsregel: deltagarnas åldersspann, t.ex. 7-25",
    "grant rule: scheduled length a gathering needs":
        "bidragsregel: schemalagd längd en sammankomst behöver",
    "the venue":
        "mötesplatsen",
    "display name, e.g. 'Läxhjälp'":
        "visningsnamn, t.ex. 'Läxhjälp'",
    "who runs it, e.g. 'Biblioteket'":
        "vem som driver den, t.ex. 'Biblioteket'",
    "only this venue":
        "bara denna mötesplats",
    "output format":
        "utdataformat",
    "the venue, when the slug is used at several":
        "mötesplatsen, när kortnamnet används på flera",
    "new display name":
        "nytt visningsnamn",
    "new organizer":
        "ny arrangör",
    "grant rule: a staff member or volunteer must check in":
        "bidragsregel: personal eller en volontär måste checka in",
    "drop the leader rule":
        "ta bort ledarregeln",
    "short name, e.g. laxhjalp":
        "kortnamn, t.ex. laxhjalp",
    "include archived":
        "ta med arkiverade",
    "slug or VENUE/SLUG":
        "kortnamn eller MÖTESPLATS/KORTNAMN",
    "create or migrate the central tables and group roles (run by the database administrator)":
        "skapa eller uppgradera de centrala tabellerna och grupprollerna (körs av databasadministratören)",
    "register this venue centrally (UUID, name, time zone) and push its whole history":
        "registrera mötesplatsen centralt (UUID, namn, tidszon) och skicka hela dess historik",
    "print (or with --apply run) the SQL that gives a venue its own login role":
        "skriv ut (eller kör med --apply) den SQL som ger en mötesplats en egen inloggningsroll",
    "attendance across venues from the central database (unique people are summed across venues)":
        "närvaro över mötesplatser från den centrala databasen (unika personer summeras över mötesplatser)",
    "the municipality export across venues from the central database: small counts hidden":
        "kommunens export över mötesplatser från den centrala databasen: små tal döljs",
    "only this venue (default: every venue in the database)":
        "bara denna mötesplats (standard: alla mötesplatser i databasen)",
    "an ISO week, month or half-year: 2026-W47, 2026-11, 2026-H2":
        "en ISO-vecka, månad eller ett halvår: 2026-W47, 2026-11, 2026-H2",
    "only this venue (slug, name or UUID)":
        "bara denna mötesplats (kortnamn, namn eller UUID)",
    "only this organizer's activities":
        "bara denna arrangörs aktiviteter",
    "rows per venue, activity (default) or week":
        "rader per mötesplats, aktivitet (standard) eller vecka",
    "participant (default), volunteer, staff or all":
        "participant (deltagare, standard), volunteer (volontär), staff (personal) eller all (alla)",
    "output format (default table)":
        "utdataformat (standard table)",
    "counts from 1 to K-1 are hidden (default 5)":
        "tal från 1 till K-1 döljs (standard 5)",
    "how people counts are protected (default suppression; cell-key also closes differencing between overlapping exports)":
        "hur antal personer skyddas (standard suppression; cell-key stänger också differensangrepp mellan överlappande exporter)",
    "write to FILE (mode 0640) instead of standard output":
        "skriv till FIL (läge 0640) i stället för standard ut",
    "the role name, e.g. venue_tingshuset":
        "rollnamnet, t.ex. venue_tingshuset",
    "a read-only role for the municipality's analysts instead":
        "en läsroll för kommunens analytiker i stället",
    "run it (as the administrator, through --postgres) instead of printing":
        "kör den (som administratör, via --postgres) i stället för att skriva ut",
    "with csv: ';' separator, decimal comma and a BOM for Swedish spreadsheets":
        "med csv: ';' som avgränsare, decimalkomma och BOM för svenska kalkylprogram",
    "write into a directory everyone may write to":
        "skriv i en katalog som alla får skriva i",
    "list recent swipes: time, reader, activity, visitor and outcome":
        "lista senaste kortdragningar: tid, läsare, aktivitet, besökare och utfall",
    "only swipes since this date or time":
        "bara dragningar sedan detta datum eller denna tid",
    "only this reader":
        "bara denna läsare",
    "only counted, unknown, duplicate, revoked or activity":
        "bara counted (räknad), unknown (okänt kort), duplicate (dubblett), revoked (spärrat) eller activity (aktivitetskort)",
    "at most N rows (default 50)":
        "högst N rader (standard 50)",
    "live front-desk view: greets each swipe, registers new cards (e), switches activities (a), q quits":
        "receptionsvy: hälsar vid varje dragning, registrerar nya kort (e), byter aktivitet (a), q avslutar",
    "the venue to follow (needed when there are several)":
        "mötesplatsen att följa (behövs när det finns flera)",
    "print one plain frame and exit (for scripts; also what happens without a terminal)":
        "skriv en enkel bild och avsluta (för skript; också vad som händer utan terminal)",
    "check the database, card key, readers, spool and service, and say what to do":
        "kontrollera databasen, kortnyckeln, läsarna, spoolen och tjänsten, och säg vad som ska göras",
    "aggregated statistics for the municipality: no personal data, small counts hidden":
        "sammanställd statistik för kommunen: inga personuppgifter, små tal döljs",
    "2026-H2, 2026-11, 2026-W47 or FROM..TO":
        "2026-H2, 2026-11, 2026-W47 eller FRÅN..TILL",
    "write to FILE (mode 0640; - is standard output); never a link, FIFO or device":
        "skriv till FIL (läge 0640; - är standard ut); aldrig en länk, FIFO eller enhet",
    "replace an existing FILE, or write into a directory everyone may write to":
        "ersätt en befintlig FIL, eller skriv i en katalog som alla får skriva i",
    "delete a visitor, their cards and check-ins; the anonymous totals keep their counts":
        "radera en besökare, deras kort och incheckningar; de anonyma summorna behåller sina tal",
    "fold per-person data older than the retention period into anonymous totals and delete it":
        "slå ihop persondata äldre än lagringstiden till anonyma summor och radera dem",
    "set the retention period in days (the daemon applies it once a day)":
        "ange lagringstiden i dagar (tjänsten tillämpar den en gång per dygn)",
    "keep this many days (default: the configured period, 400)":
        "behåll så här många dagar (standard: den inställda tiden, 400)",
    "the visitor code":
        "besökarkoden",
    "30 to 3650":
        "30 till 3650",
    "send the changed anonymous statistics to the municipality's PostgreSQL (one transaction)":
        "skicka den ändrade anonyma statistiken till kommunens PostgreSQL (en transaktion)",
    "libpq connection string or URI, e.g. service=narvaro (default $NARVARO_POSTGRES, then /etc/narvaro/central.conf); never a password":
        "libpq-anslutningssträng eller URI, t.ex. service=narvaro (standard $NARVARO_POSTGRES, sedan /etc/narvaro/central.conf); aldrig ett lösenord",
    "add a card reader":
        "lägg till en kortläsare",
    "change a reader":
        "ändra en läsare",
    "list readers":
        "lista läsare",
    "show one reader":
        "visa en läsare",
    "remove a reader (archived instead when check-ins refer to it)":
        "ta bort en läsare (arkiveras i stället när incheckningar hänvisar till den)",
    "the venue the reader stands at":
        "mötesplatsen där läsaren står",
    "device path, best a stable link: /dev/input/by-id/… or by-path/…":
        "enhetssökväg, helst en stabil länk: /dev/input/by-id/… eller by-path/…",
    "USB vendor and product id in hex, e.g. ffff:0035":
        "USB-tillverkar- och produkt-id i hex, t.ex. ffff:0035",
    "with --usb: only devices whose name matches":
        "med --usb: bara enheter vars namn matchar",
    "with --usb: only devices on this port, e.g. '*-1/input0'":
        "med --usb: bara enheter på denna port, t.ex. '*-1/input0'",
    "a fixed activity for every swipe on this reader":
        "en fast aktivitet för varje dragning på denna läsare",
    "how the reader writes card ids: raw, decimal10, hex, hex-reversed (default raw)":
        "hur läsaren skriver kort-id: raw, decimal10, hex, hex-reversed (standard raw)",
    "repeat swipes of one card within this time are duplicates (default 10)":
        "upprepade dragningar av ett kort inom denna tid är dubbletter (standard 10)",
    "drop the fixed activity":
        "ta bort den fasta aktiviteten",
    "short name, e.g. entre":
        "kortnamn, t.ex. entre",
    "the reader":
        "läsaren",
    "attendance for a period: visits, unique and new visitors per venue and activity":
        "närvaro för en period: besök, unika och nya besökare per mötesplats och aktivitet",
    "an ISO week, e.g. 2026-W47":
        "en ISO-vecka, t.ex. 2026-W47",
    "one day, e.g. 2026-11-17":
        "en dag, t.ex. 2026-11-17",
    "a month, e.g. 2026-11":
        "en månad, t.ex. 2026-11",
    "a half-year (grant period), e.g. 2026-H2":
        "ett halvår (bidragsperiod), t.ex. 2026-H2",
    "a date range, with --to":
        "ett datumintervall, med --to",
    "a date range, with --from":
        "ett datumintervall, med --from",
    "any of the forms above, e.g. 2026-W47 or 2026-11-01..2026-11-30":
        "någon av formerna ovan, t.ex. 2026-W47 eller 2026-11-01..2026-11-30",
    "only this activity":
        "bara denna aktivitet",
    "split by activity, day, week, gender, age or role":
        "dela upp per activity (aktivitet), day (dag), week (vecka), gender (kön), age (ålder) eller role (roll)",
    "add a weekly slot or a one-off session to an activity":
        "lägg till en veckotid eller ett enstaka tillfälle till en aktivitet",
    "list schedule slots":
        "lista schematider",
    "remove a schedule slot":
        "ta bort en schematid",
    "every week, e.g. --weekly tue 15:00-18:00 (22:00-02:00+1 runs past midnight)":
        "varje vecka, t.ex. --weekly tis 15:00-18:00 (22:00-02:00+1 går över midnatt)",
    "one session, e.g. --once 2026-12-05 10:00-16:00":
        "ett tillfälle, t.ex. --once 2026-12-05 10:00-16:00",
    "weekly slot starts on this date":
        "veckotiden börjar detta datum",
    "weekly slot ends on this date":
        "veckotiden slutar detta datum",
    "the slot's number from `schedule list`":
        "tidens nummer från `schedule list`",
    "show the age bands, or set them (the statistics are rebuilt)":
        "visa åldersgrupperna, eller ändra dem (statistiken räknas om)",
    "recompute every aggregate from the raw check-ins":
        "räkna om alla summor från de råa incheckningarna",
    "prove the incremental aggregates equal a full recomputation (exit 1 and a diff if not)":
        "visa att de löpande summorna är lika med en full omräkning (slutstatus 1 och skillnaderna om inte)",
    "show at most N differences (default 50)":
        "visa högst N skillnader (standard 50)",
    "e.g. 0-12,13-15,16-19,20-25,26-64,65+":
        "t.ex. 0-12,13-15,16-19,20-25,26-64,65+",
    "add a meeting place (its drop-in activity is created with it)":
        "lägg till en mötesplats (dess öppna verksamhet skapas samtidigt)",
    "list venues":
        "lista mötesplatser",
    "show one venue":
        "visa en mötesplats",
    "change a venue's name or time zone":
        "ändra en mötesplats namn eller tidszon",
    "remove a venue (archived instead when check-ins refer to it)":
        "ta bort en mötesplats (arkiveras i stället när incheckningar hänvisar till den)",
    "display name, e.g. 'Gamla Tingshuset'":
        "visningsnamn, t.ex. 'Gamla Tingshuset'",
    "IANA time zone (default Europe/Stockholm)":
        "IANA-tidszon (standard Europe/Stockholm)",
    "new IANA time zone":
        "ny IANA-tidszon",
    "short name, e.g. gamla-tingshuset":
        "kortnamn, t.ex. gamla-tingshuset",
    "include archived venues":
        "ta med arkiverade mötesplatser",
    "add a visitor, optionally with a card typed by hand":
        "lägg till en besökare, om du vill med ett kortnummer inskrivet för hand",
    "list visitors":
        "lista besökare",
    "show a visitor; --all prints everything held about them (right of access)":
        "visa en besökare; --all skriver ut allt som finns om personen (rätt till tillgång)",
    "change a visitor's details":
        "ändra en besökares uppgifter",
    "remove a visitor who never checked in (else use `narvaro forget`)":
        "ta bort en besökare som aldrig checkat in (annars `narvaro forget`)",
    "list cards: who holds them and whether they are revoked (numbers are not stored)":
        "lista kort: vem som har dem och om de är spärrade (numren sparas inte)",
    "give a visitor another card, or make a card an activity card":
        "ge en besökare ett kort till, eller gör ett kort till aktivitetskort",
    "revoke a card: its swipes are recorded as revoked and not counted":
        "spärra ett kort: dess dragningar registreras som spärrade och räknas inte",
    "bind the newest unknown card to a new visitor (or --visitor CODE); its earlier check-ins move with it":
        "koppla det senaste okända kortet till en ny besökare (eller --visitor KOD); dess tidigare incheckningar följer med",
    "what the front desk calls them (optional)":
        "vad receptionen kallar personen (valfritt)",
    "for age statistics (optional)":
        "för åldersstatistik (valfritt)",
    "woman, man, other or unstated (default unstated)":
        "woman (kvinna), man, other (annat) eller unstated (ej angivet; standard)",
    "participant, volunteer or staff (default participant)":
        "participant (deltagare; standard), volunteer (volontär) eller staff (personal)",
    "the card number is as this reader writes it (its card format)":
        "kortnumret är skrivet som denna läsare skriver det (dess kortformat)",
    "the card number's format: raw, decimal10, hex, hex-reversed":
        "kortnumrets format: raw, decimal10, hex, hex-reversed",
    "the number printed on or read from the card":
        "numret som står på kortet eller lästes från det",
    "only this visitor's cards":
        "bara denna besökares kort",
    "the visitor who gets the card":
        "besökaren som får kortet",
    "make it an activity card: swiping it switches the reader's activity":
        "gör det till aktivitetskort: en dragning byter läsarens aktivitet",
    "the activity's venue, when its slug is used at several":
        "aktivitetens mötesplats, när kortnamnet används på flera",
    "the newest unknown card at this reader":
        "det senaste okända kortet vid denna läsare",
    "add the card to this existing visitor instead":
        "lägg kortet till denna befintliga besökare i stället",
    "also list cards swiped but not enrolled":
        "lista också kort som dragits men inte registrerats",
    "the visitor code, e.g. K7M2QD":
        "besökarkoden, t.ex. K7M2QD",
    "everything held, as JSON: details, cards, check-ins":
        "allt som finns, som JSON: uppgifter, kort, incheckningar",
    "bring an archived venue back into use": "ta en arkiverad mötesplats i bruk igen",
    "bring an archived activity back into use": "ta en arkiverad aktivitet i bruk igen",
    "bring an archived reader back into use": "ta en arkiverad läsare i bruk igen",
    "the card number":
        "kortnumret",
    "the most recently swiped unknown card (required)":
        "det senast dragna okända kortet (krävs)",
    "the database (default $NARVARO_DATABASE, then /var/lib/narvaro/narvaro.db)":
        "databasen (standard $NARVARO_DATABASE, sedan /var/lib/narvaro/narvaro.db)",
    "the card key file (default $NARVARO_CARD_KEY, then /etc/narvaro/card-key)":
        "kortnyckelfilen (standard $NARVARO_CARD_KEY, sedan /etc/narvaro/card-key)",
    "language of tables, help and messages (default $NARVARO_LANG, then sv if LANG is sv_*, else en)":
        "språk för tabeller, hjälp och meddelanden (standard $NARVARO_LANG, sedan sv om LANG är sv_*, annars en)",
]
