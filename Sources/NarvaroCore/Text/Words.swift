// The string table of every word a table shows: column heads, values (genders, roles, outcomes,
// states, weekdays), report labels. One entry per word, both languages side by side; a test
// (TextCatalogTests) fails when an entry lacks a language. Sentences (help, errors): Phrases.swift.

public enum Word: String, CaseIterable, Sendable {
    // Column heads and report labels.
    case venue, activity, visits, unique, new, total, day, week, gender, age, role
    case slug, name, timeZone, state, organizer, grantRules, number, time, reader, visitor, outcome
    case code, nickname, born, birthYear, card, cards, holder, device, cardFormat, when, schedule, activities
    case fixedActivity, currentActivity, cooldown
    case period, periodDay, periodWeek, periodMonth, periodHalf, periodRange
    case participants, volunteers, staffPlural, everyone
    case returning, lapsed, change, previous, foldedNotAvailable
    // Values.
    case active, archived, revoked, unknownCard
    case woman, man, otherGender, unstated, ageUnknown
    case participant, volunteer, staff
    case counted, unknownOutcome, duplicate, revokedOutcome, activityCardOutcome
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday
    case from, until, minutes, seconds, leaderPresent, ageRange, atLeastParticipants
    case none

    /// Words that are rightly the same in both languages.
    public static let sameInBothLanguages: Set<Word> = [.man, .period, .periodRange, .minutes, .seconds]
}

extension Lang {
    /// The word in this language.
    public subscript(_ word: Word) -> String {
        guard let entry = Words.table[word] else { return word.rawValue }
        return self == .sv ? entry.sv : entry.en
    }
}

public enum Words {
    public static let table: [Word: (sv: String, en: String)] = [
        .venue: ("Mötesplats", "Venue"), .activity: ("Aktivitet", "Activity"), .visits: ("Besök", "Visits"),
        .unique: ("Unika", "Unique"), .new: ("Nya", "New"), .total: ("Totalt", "Total"), .day: ("Dag", "Day"),
        .week: ("Vecka", "Week"), .gender: ("Kön", "Gender"), .age: ("Ålder", "Age"), .role: ("Roll", "Role"),
        .slug: ("Kortnamn", "Slug"), .name: ("Namn", "Name"), .timeZone: ("Tidszon", "Time zone"), .state: ("Status", "State"),
        .organizer: ("Arrangör", "Organizer"), .grantRules: ("Bidragsregler", "Grant rules"), .number: ("Nr", "ID"),
        .time: ("Tid", "Time"), .reader: ("Läsare", "Reader"), .visitor: ("Besökare", "Visitor"), .outcome: ("Utfall", "Outcome"),
        .code: ("Kod", "Code"), .nickname: ("Smeknamn", "Nickname"), .born: ("Född", "Born"), .birthYear: ("Födelseår", "Birth year"),
        .card: ("Kort", "Card"), .cards: ("Antal kort", "Cards"), .holder: ("Innehavare", "Holder"), .device: ("Enhet", "Device"),
        .cardFormat: ("Kortformat", "Card format"), .when: ("När", "When"), .schedule: ("Schema", "Schedule"),
        .activities: ("Aktiviteter", "Activities"), .fixedActivity: ("Fast aktivitet", "Fixed activity"),
        .currentActivity: ("Aktuell aktivitet", "Current activity"), .cooldown: ("Spärrtid", "Cooldown"),
        .period: ("Period", "Period"), .periodDay: ("dag", "day"), .periodWeek: ("vecka", "week"), .periodMonth: ("månad", "month"),
        .periodHalf: ("halvår", "half-year"), .periodRange: ("period", "period"),
        .participants: ("deltagare", "participants"), .volunteers: ("volontärer", "volunteers"), .staffPlural: ("personal", "staff"),
        .everyone: ("alla", "everyone"),
        .returning: ("Återkommande (även förra perioden)", "Returning (also in the previous period)"),
        .lapsed: ("Uteblivna (de 4 veckorna före, inte nu)", "Lapsed (in the 4 weeks before, not now)"),
        .change: ("Besök jämfört med", "Visits compared with"), .previous: ("föregående", "previous"),
        .foldedNotAvailable: ("finns inte för sammanslagna perioder (gallring)", "not available for folded periods (retention)"),
        .active: ("aktiv", "active"), .archived: ("arkiverad", "archived"), .revoked: ("spärrat", "revoked"),
        .unknownCard: ("okänt kort", "unknown card"),
        .woman: ("kvinna", "woman"), .man: ("man", "man"), .otherGender: ("annat", "other"), .unstated: ("ej angivet", "not stated"),
        .ageUnknown: ("okänd ålder", "age unknown"),
        .participant: ("deltagare", "participant"), .volunteer: ("volontär", "volunteer"), .staff: ("personal", "staff"),
        .counted: ("räknad", "counted"), .unknownOutcome: ("okänt kort", "unknown card"), .duplicate: ("dubblett", "duplicate"),
        .revokedOutcome: ("spärrat kort", "revoked card"), .activityCardOutcome: ("aktivitetskort", "activity card"),
        .monday: ("mån", "mon"), .tuesday: ("tis", "tue"), .wednesday: ("ons", "wed"), .thursday: ("tor", "thu"),
        .friday: ("fre", "fri"), .saturday: ("lör", "sat"), .sunday: ("sön", "sun"),
        .from: ("från", "from"), .until: ("till", "until"), .minutes: ("min", "min"), .seconds: ("s", "s"),
        .leaderPresent: ("ledare närvarande", "leader present"), .ageRange: ("ålder", "age"),
        .atLeastParticipants: ("deltagare", "participants"), .none: ("–", "-"),
    ]
}

extension Lang {
    public func name(_ gender: Gender) -> String { value(gender.rawValue) }
    public func name(_ role: Role) -> String { value(role.rawValue) }

    public func name(_ outcome: CheckInOutcome) -> String {
        switch outcome {
        case .counted: self[.counted]
        case .unknown: self[.unknownOutcome]
        case .duplicate: self[.duplicate]
        case .revoked: self[.revokedOutcome]
        case .activity: self[.activityCardOutcome]
        }
    }

    public func name(_ day: Weekday) -> String {
        self[[.monday, .tuesday, .wednesday, .thursday, .friday, .saturday, .sunday][day.rawValue - 1]]
    }

    /// `aktiv`/`arkiverad`.
    public func state(archived: Bool) -> String { self[archived ? .archived : .active] }

    /// A stored key (`woman`, `not_stated`, `participant`, age band `unknown`) in this language;
    /// anything else (an age band like `13-15`, a date) as it is.
    public func value(_ key: String) -> String {
        switch key {
        case "woman": self[.woman]
        case "man": self[.man]
        case "other": self[.otherGender]
        case "unstated", "not_stated": self[.unstated]
        case "participant": self[.participant]
        case "volunteer": self[.volunteer]
        case "staff": self[.staff]
        case AgeBands.unknown: self[.ageUnknown]
        default: key
        }
    }

    /// The column head of a report split `by`.
    public func head(_ by: Breakdown) -> String {
        switch by {
        case .activity: self[.activity]
        case .day: self[.day]
        case .week: self[.week]
        case .gender: self[.gender]
        case .age: self[.age]
        case .role: self[.role]
        }
    }

    /// `tis 15:00-18:00 från 2026-09-01 till 2026-12-20`: a schedule slot with the weekday in this language.
    public func slot(_ timing: SlotTiming) -> String {
        let text = timing.description
        guard case let .weekly(weekday, _, _, _, _) = timing else { return text }
        let rest = text.dropFirst(weekday.shortName.count)
        return name(weekday) + rest.swapping(" from ", with: " \(self[.from]) ").swapping(" until ", with: " \(self[.until]) ")
    }
}

extension StringProtocol {
    fileprivate func swapping(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
