// ISO 8601 times written and read with plain arithmetic. Foundation's formatters pull in ICU,
// which a statically linked binary on a minimal system (the QEMU guest, a kiosk) may lack.

public enum ISO8601 {
    /// `2026-11-17T15:30:00+01:00` for `t` at the given UTC offset (`Z` when 0).
    public static func format(_ t: EventTime, offsetSeconds: Int = 0) -> String {
        let local = t.seconds + Int64(offsetSeconds)
        let day = Int((local - (((local % 86_400) + 86_400) % 86_400)) / 86_400)
        let secondOfDay = Int(((local % 86_400) + 86_400) % 86_400)
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var text = "\(LocalDate(dayNumber: day))T\(pad(secondOfDay / 3600)):\(pad(secondOfDay / 60 % 60)):\(pad(secondOfDay % 60))"
        if offsetSeconds == 0 { return text + "Z" }
        let minutes = abs(offsetSeconds) / 60
        text += (offsetSeconds < 0 ? "-" : "+") + "\(pad(minutes / 60)):\(pad(minutes % 60))"
        return text
    }

    /// `t` in the venue's local time with its offset.
    public static func format(_ t: EventTime, clock: VenueClock) -> String {
        format(t, offsetSeconds: clock.utcOffsetSeconds(at: t))
    }

    /// Reads `YYYY-MM-DDTHH:MM[:SS[.ffffff]]` followed by `Z` or `±HH:MM`; nil if it is not that.
    public static func parse(_ text: String) -> EventTime? {
        let parts = text.split(separator: "T", maxSplits: 1)
        guard parts.count == 2, let date = try? LocalDate.parse(String(parts[0])) else { return nil }
        var rest = Substring(parts[1])
        var offset = 0
        if rest.hasSuffix("Z") {
            rest = rest.dropLast()
        } else if let sign = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let zone = rest[rest.index(after: sign)...].split(separator: ":")
            guard zone.count == 2, zone.allSatisfy({ $0.count == 2 }), let h = Int(zone[0]), let m = Int(zone[1]), h < 24, m < 60 else { return nil }
            offset = (h * 3600 + m * 60) * (rest[sign] == "-" ? -1 : 1)
            rest = rest[..<sign]
        } else {
            return nil
        }
        let clock = rest.split(separator: ":")
        guard (2...3).contains(clock.count), clock[0].count == 2, clock[1].count == 2,
              let h = Int(clock[0]), let m = Int(clock[1]), h < 24, m < 60 else { return nil }
        var seconds = 0.0
        if clock.count == 3 {
            guard let s = Double(clock[2]), s >= 0, s < 61, clock[2].allSatisfy({ $0.isNumber || $0 == "." }) else { return nil }
            seconds = s
        }
        let whole = Int64(date.dayNumber) * 86_400 + Int64(h * 3600 + m * 60) - Int64(offset)
        return EventTime(microseconds: whole * 1_000_000 + Int64((seconds * 1_000_000).rounded()))
    }
}
