// narvaro-web's own messages in Swedish: a bad parameter in a hand-edited address, a form sent
// in a way no page of ours sends it, a missing page. The names of parameters and form fields
// (`after`, `format`, `reader`) stay as they are written in the address. Tried before the
// commands' patterns (ErrorPhrases.swift); missing entries are caught by WebMessageCatalogTests.

let webWords: [String: String] = [
    "after=ID is missing (the last check-in id the page has)": "after=ID saknas (id för sidans senaste incheckning)",
    "period is missing, e.g. period=2026-H2": "period saknas, t.ex. period=2026-H2",
    "reader is missing": "fältet reader saknas",
    "activity is missing (empty means its usual activity)": "fältet activity saknas (tomt betyder läsarens vanliga aktivitet)",
    "there is no venue yet: add one with `narvaro venue add`": "det finns ingen mötesplats än: lägg till en med `narvaro venue add`",
    "the form is not valid UTF-8": "formuläret är inte kodat som giltig UTF-8",
    "a form field has a broken %-escape": "ett formulärfält har en trasig %-kod",
    "a form field is not valid UTF-8": "ett formulärfält är inte kodat som giltig UTF-8",
    "the form came without this browser's session cookie: reload the page and send it again":
        "formuläret kom utan webbläsarens sessionskaka: ladda om sidan och skicka det igen",
    "the form's security token is missing or wrong: reload the page and send it again":
        "formulärets säkerhetstoken saknas eller är fel: ladda om sidan och skicka det igen",
    "nobody is signed in: the web server must check the login (auth_basic) and pass REMOTE_USER":
        "ingen är inloggad: webbservern måste kontrollera inloggningen (auth_basic) och skicka REMOTE_USER",
    // The methods a page answers (`WebError.methodNotAllowed`).
    "GET and POST": "GET och POST",
]

let webPatterns: [(en: String, sv: String)] = [
    // A path typed by hand (quoted, so no word in it is taken for one to translate).
    ("there is no page '{}'",
     "det finns ingen sida '{}'"),
    ("no such file: '{}'",
     "filen finns inte: '{}'"),
    ("role takes participant, volunteer, staff or all, not '{}'",
     "role tar participant, volunteer, staff eller all, inte '{}'"),
    ("format takes html or json, not '{}'",
     "format tar html eller json, inte '{}'"),
    ("format takes csv, csv-sv or html, not '{}'",
     "format tar csv, csv-sv eller html, inte '{}'"),
    ("{} takes a visitor code, not '{}'",
     "{} tar en besökarkod, inte '{}'"),
    ("screen takes 'visitor', not '{}'",
     "screen tar 'visitor', inte '{}'"),
    ("after takes a check-in id (a whole number ≥ 0), not '{}'",
     "after tar id för en incheckning (ett heltal ≥ 0), inte '{}'"),
    ("card takes a card number as listed (#N), not '{}'",
     "card tar ett kortnummer som i listan (#N), inte '{}'"),
    ("activity '{}' is not an activity of '{}'",
     "aktiviteten '{}' är ingen aktivitet på '{}'"),
    ("'{}' is not a visitor code (six letters and digits, e.g. K7M2QD)",
     "'{}' är ingen besökarkod (sex bokstäver och siffror, t.ex. K7M2QD)"),
    ("venue '{}' is not a venue slug (lowercase letters, digits and -)",
     "venue '{}' är inget kortnamn för en mötesplats (små bokstäver, siffror och -)"),
    ("CONTENT_LENGTH '{}' is not a length",
     "CONTENT_LENGTH '{}' är ingen längd"),
    ("forms are sent as application/x-www-form-urlencoded, not '{}'",
     "formulär skickas som application/x-www-form-urlencoded, inte '{}'"),
    ("the request body ended after {} of {} bytes",
     "förfrågans innehåll tog slut efter {} av {} byte"),
    ("the request body is longer than {} bytes",
     "förfrågans innehåll är längre än {} byte"),
    ("this page answers {} only",
     "den här sidan tar bara emot {}"),
    ("the request could not be read: {}",
     "förfrågan kunde inte läsas: {}"),
    // The web's access file (`web-access`), as an administrator sees it on the error page.
    ("user '{}' is in neither group (staff, readers) of {}",
     "användaren '{}' finns inte i någon grupp (staff, readers) i {}"),
    ("{} cannot be read by the web program's user: check its owner and mode",
     "{} kan inte läsas av webbprogrammets användare: kontrollera ägare och rättigheter"),
    ("{} line {}: write 'staff = name, name' or 'readers = name, name'",
     "{} rad {}: skriv 'staff = namn, namn' eller 'readers = namn, namn'"),
    ("{} line {}: unknown group '{}': the groups are staff and readers",
     "{} rad {}: okänd grupp '{}': grupperna är staff och readers"),
]
