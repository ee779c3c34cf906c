// A POSIX TZ rule string (the footer of a TZif file, RFC 8536 §3.3), e.g. Europe/Stockholm's
// `CET-1CEST,M3.5.0,M10.5.0/3`: the zone's offsets for every instant after its last transition.

/// Standard time, and optionally daylight time between two yearly changes.
struct PosixZoneRule: Sendable, Equatable {
    /// A yearly change: a day of the year and a local time (seconds, may be negative or past 24 h).
    struct Change: Sendable, Equatable {
        enum Day: Sendable, Equatable {
            /// `Jn`: 1…365, February 29th never counted.
            case julianNoLeap(Int)
            /// `n`: 0…365, February 29th counted.
            case zeroBased(Int)
            /// `Mm.w.d`: weekday d (0 = Sunday) of week w (1…4, 5 = last) of month m.
            case monthWeekDay(month: Int, week: Int, weekday: Int)
        }
        let day: Day
        let time: Int
    }

    /// Seconds east of UTC (the string's sign is the other way: `CET-1` is one hour east).
    let standardOffset: Int
    let daylightOffset: Int
    /// When daylight time starts (in standard time) and ends (in daylight time); nil: none.
    let start: Change?
    let end: Change?

    init?(_ text: String) {
        var scanner = Scanner(bytes: Array(text.utf8))
        guard scanner.name(), let std = scanner.offset(maxHours: 24) else { return nil }
        standardOffset = -std
        if scanner.atEnd {
            daylightOffset = standardOffset
            start = nil
            end = nil
            return
        }
        guard scanner.name() else { return nil }
        if let dst = scanner.offset(maxHours: 24) { daylightOffset = -dst } else { daylightOffset = standardOffset + 3600 }
        if scanner.atEnd {
            // POSIX leaves the default rule to the implementation; glibc uses the US one.
            start = Change(day: .monthWeekDay(month: 3, week: 2, weekday: 0), time: 7200)
            end = Change(day: .monthWeekDay(month: 11, week: 1, weekday: 0), time: 7200)
            return
        }
        guard scanner.take(","), let start = scanner.change(), scanner.take(","), let end = scanner.change(), scanner.atEnd
        else { return nil }
        self.start = start
        self.end = end
    }

    /// Seconds east of UTC in force at `utc`.
    func offset(atUTC utc: Int) -> Int {
        guard let start, let end else { return standardOffset }
        let year = LocalDate(dayNumber: LocalDate.floorDiv(utc + standardOffset, 86_400)).year
        let begins = start.wallSeconds(in: year) - standardOffset
        let ends = end.wallSeconds(in: year) - daylightOffset
        if begins < ends { return begins <= utc && utc < ends ? daylightOffset : standardOffset }
        // Southern hemisphere: daylight time spans the new year.
        return ends <= utc && utc < begins ? standardOffset : daylightOffset
    }
}

extension PosixZoneRule.Change {
    /// Local seconds since 1970-01-01T00:00 at which this change happens in `year`.
    func wallSeconds(in year: Int) -> Int {
        let january1 = LocalDate(unchecked: year, 1, 1).dayNumber
        let dayNumber: Int
        switch day {
        case let .julianNoLeap(n):
            dayNumber = january1 + n - 1 + (LocalDate.isLeapYear(year) && n >= 60 ? 1 : 0)
        case let .zeroBased(n):
            dayNumber = january1 + n
        case let .monthWeekDay(month, week, weekday):
            let first = LocalDate(unchecked: year, month, 1)
            let firstWeekday = first.isoWeekday % 7  // 0 = Sunday
            var day = 1 + (weekday - firstWeekday + 7) % 7 + (week - 1) * 7
            while day > LocalDate.daysInMonth(year: year, month: month) { day -= 7 }
            dayNumber = first.dayNumber + day - 1
        }
        return dayNumber * 86_400 + time
    }
}

/// Reads the pieces of a TZ string.
private struct Scanner {
    let bytes: [UInt8]
    var position = 0

    var atEnd: Bool { position == bytes.count }

    mutating func take(_ c: Character) -> Bool {
        guard !atEnd, bytes[position] == c.asciiValue else { return false }
        position += 1
        return true
    }

    /// A zone abbreviation: three or more letters, or `<…>` quoted (`<+0545>`).
    mutating func name() -> Bool {
        let from = position
        if take("<") {
            while !atEnd, bytes[position] != UInt8(ascii: ">") { position += 1 }
            let length = position - from - 1
            return take(">") && length >= 3
        }
        while !atEnd, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(bytes[position] & 0xDF) { position += 1 }
        return position - from >= 3
    }

    mutating func number(maxDigits: Int) -> Int? {
        var value = 0, digits = 0
        while !atEnd, digits < maxDigits, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
            value = value * 10 + Int(bytes[position] - UInt8(ascii: "0"))
            position += 1
            digits += 1
        }
        return digits > 0 ? value : nil
    }

    /// `[+-]hh[:mm[:ss]]` in seconds, hours at most `maxHours`; nil (and nothing read) if absent.
    mutating func offset(maxHours: Int) -> Int? {
        let from = position
        let sign = take("-") ? -1 : (take("+") ? 1 : 1)
        guard let hours = number(maxDigits: 3), hours <= maxHours else { position = from; return nil }
        var seconds = hours * 3600
        if take(":") {
            guard let minutes = number(maxDigits: 2), minutes < 60 else { position = from; return nil }
            seconds += minutes * 60
            if take(":") {
                guard let s = number(maxDigits: 2), s < 60 else { position = from; return nil }
                seconds += s
            }
        }
        return sign * seconds
    }

    /// `Jn`, `n` or `Mm.w.d`, then an optional `/time` (default 02:00, RFC 8536 allows ±167 h).
    mutating func change() -> PosixZoneRule.Change? {
        let day: PosixZoneRule.Change.Day
        if take("J") {
            guard let n = number(maxDigits: 3), (1...365).contains(n) else { return nil }
            day = .julianNoLeap(n)
        } else if take("M") {
            guard let m = number(maxDigits: 2), (1...12).contains(m), take("."),
                  let w = number(maxDigits: 1), (1...5).contains(w), take("."),
                  let d = number(maxDigits: 1), (0...6).contains(d) else { return nil }
            day = .monthWeekDay(month: m, week: w, weekday: d)
        } else {
            guard let n = number(maxDigits: 3), (0...365).contains(n) else { return nil }
            day = .zeroBased(n)
        }
        var time = 7200
        if take("/") {
            guard let t = offset(maxHours: 167) else { return nil }
            time = t
        }
        return PosixZoneRule.Change(day: day, time: time)
    }
}
