// Fuzz target `schedule`: `narvaro schedule add ACTIVITY --weekly DAY HH:MM-HH:MM [--from] [--until]`
// and `--once DATE HH:MM-HH:MM`. Input fields are split at NUL/newline: day, range, date, date.
// Oracles: a weekly or one-off slot's description parses back to the same timing; ranges stay in
// one day plus at most 24 hours; weekday names round-trip.
// fuzz-sources: NarvaroCore/Time/EventTime.swift NarvaroCore/Input/InputEvent.swift NarvaroCore/Time/LocalDate.swift NarvaroCore/Time/VenueClock.swift NarvaroCore/Time/ZoneRules.swift NarvaroCore/Time/PosixZoneRule.swift NarvaroCore/Time/TimeZoneName.swift NarvaroCore/Domain/Weekday.swift NarvaroCore/Domain/ScheduleSlot.swift

/// Parses a weekly description, `tue 15:00-18:00 [from DATE] [until DATE]`, as the CLI would get it.
func reparseWeekly(_ description: String) throws(TimeError) -> SlotTiming {
    let words = description.split(separator: " ").map(String.init)
    guard words.count >= 2 else { throw .invalid(input: description, reason: "fewer than two words") }
    var from: String?, until: String?
    var i = 2
    while i + 1 < words.count {
        if words[i] == "from" { from = words[i + 1] } else if words[i] == "until" { until = words[i + 1] }
        i += 2
    }
    return try SlotTiming.parseWeekly(day: words[0], range: words[1], from: from, until: until)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let fields = FuzzBytes(data, size).fields
    func field(_ i: Int) -> String? { i < fields.count ? fields[i] : nil }
    let day = field(0) ?? "", range = field(1) ?? "", from = field(2), until = field(3)

    if let weekday = try? Weekday.parse(day) {
        fuzzCheck((try? Weekday.parse(weekday.shortName)) == weekday, "weekday \(weekday) does not parse back from '\(weekday.shortName)'")
    }

    for text in [range, day] {
        guard let (start, end) = try? SlotTiming.parseTimeRange(text) else { continue }
        fuzzCheck((0..<1440).contains(start) && start < end && end - start <= 1440, "'\(text)' gave \(start)..\(end) minutes")
        let written = "\(SlotTiming.clockText(start))-\(end > 1440 ? SlotTiming.clockText(end - 1440) + "+1" : SlotTiming.clockText(end))"
        fuzzCheck((try? SlotTiming.parseTimeRange(written)).map { $0 == (start, end) } ?? false, "'\(text)' is written '\(written)', which does not parse back")
    }

    if let weekly = try? SlotTiming.parseWeekly(day: day, range: range, from: from, until: until) {
        fuzzCheck((try? reparseWeekly(weekly.description)) == weekly, "'\(weekly)' does not parse back")
        fuzzCheck((1...1440).contains(weekly.end - weekly.start), "'\(weekly)' lasts \(weekly.end - weekly.start) minutes")
    }
    if let once = try? SlotTiming.parseOnce(date: from ?? "", range: range) {
        let words = once.description.split(separator: " ").map(String.init)
        let again = words.count == 2 ? try? SlotTiming.parseOnce(date: words[0], range: words[1]) : nil
        fuzzCheck(again == once, "'\(once)' does not parse back")
    }
    return 0
}
