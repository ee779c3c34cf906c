// A calendar date with no time zone (proleptic Gregorian), and the errors of the time layer.
// Day arithmetic is pure integer math so that reports never depend on Foundation's calendar.

/// What went wrong reading a date, week, period, weekday, age band or time range.
/// Each `description` is one line that says what was expected.
public enum TimeError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The things the time layer reads from text, as named in messages.
    public enum Kind: String, Sendable {
        case date, week, month, period, weekday, time
        case halfYear = "half-year"
        case timeRange = "time range"
        case ageBand = "age band"
    }

    /// `input` is not a `kind`; `reason` says what was expected or which limit it broke.
    case notA(Kind, input: String, reason: String)
    /// `input` is well formed but does not make sense as a whole (a reversed range, overlapping bands…).
    case invalid(input: String, reason: String)
    /// The time zone is not in the system's tz database.
    case unknownTimeZone(String)

    public var description: String {
        switch self {
        case let .notA(kind, input, reason):
            let article = kind.rawValue.first.map { "aeiou".contains($0) } == true ? "an" : "a"
            return "'\(input)' is not \(article) \(kind.rawValue): \(reason)"
        case let .invalid(input, reason):
            return "\(input): \(reason)"
        case let .unknownTimeZone(name):
            return "unknown time zone '\(name)': use an IANA name like Europe/Stockholm"
        }
    }
}

/// A day in the proleptic Gregorian calendar. Always a real date (no February 30th).
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The years a date typed by a person may have. Computed dates (e.g. the day before
    /// 1970-01-01) may fall outside; only parsing and `init(year:month:day:)` enforce it.
    public static let supportedYears = 1970...9999

    /// A validated date; throws if the day does not exist or the year is outside `supportedYears`.
    public init(year: Int, month: Int, day: Int) throws(TimeError) {
        let text = LocalDate.format(year: year, month: month, day: day)
        guard LocalDate.supportedYears.contains(year) else {
            throw .notA(.date, input: text, reason: "years from 1970 to 9999 are supported")
        }
        guard (1...12).contains(month) else {
            throw .notA(.date, input: text, reason: "months are 01 to 12")
        }
        let length = LocalDate.daysInMonth(year: year, month: month)
        guard (1...length).contains(day) else {
            let name = LocalDate.monthNames[month - 1]
            throw .notA(.date, input: text, reason: "days in \(name) \(year) are 01 to \(length)")
        }
        self.init(unchecked: year, month, day)
    }

    /// For dates already known to exist (computed from a day number, or first/last of a valid month).
    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads exactly `YYYY-MM-DD`.
    public static func parse(_ text: String) throws(TimeError) -> LocalDate {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = decimal(bytes[0..<4]), let month = decimal(bytes[5..<7]), let day = decimal(bytes[8..<10])
        else {
            throw .notA(.date, input: text, reason: "expected YYYY-MM-DD, e.g. 2026-11-22")
        }
        return try LocalDate(year: year, month: month, day: day)
    }

    /// `YYYY-MM-DD`.
    public var description: String { LocalDate.format(year: year, month: month, day: day) }

    /// Days since 1970-01-01 (negative before it).
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil: count from a March-based year so the leap day is last.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01. Values beyond ±10^12 days (far past any
    /// calendar anyone uses) are clamped so that arithmetic on hostile input cannot trap.
    public init(dayNumber: Int) {
        let z = min(max(dayNumber, -1_000_000_000_000), 1_000_000_000_000) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(unchecked: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        // 1970-01-01 was a Thursday (4).
        let n = dayNumber + 3
        return n - LocalDate.floorDiv(n, 7) * 7 + 1
    }

    /// The date `days` later (earlier if negative).
    public func adding(days: Int) -> LocalDate {
        let (sum, overflow) = dayNumber.addingReportingOverflow(days)
        return LocalDate(dayNumber: overflow ? (days > 0 ? Int.max : Int.min) : sum)
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// 28…31; 0 for a month outside 1…12.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return isLeapYear(year) ? 29 : 28
        default: return 0
        }
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]

    static func format(year: Int, month: Int, day: Int) -> String {
        "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Zero-padded to `width` digits (negative numbers keep their sign in front).
    static func pad(_ n: Int, _ width: Int) -> String {
        let digits = String(n.magnitude)
        let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
        return n < 0 ? "-" + padded : padded
    }

    /// The value of a run of ASCII digits, or nil if any byte is not a digit or the run is empty.
    /// Runs longer than nine digits are refused, so the value cannot overflow.
    static func decimal(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
        var value = 0
        for b in bytes {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(b - UInt8(ascii: "0"))
        }
        return value
    }

    /// Division rounding towards negative infinity, for times and days before the epoch.
    static func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
