// Fuzz target `period`: the periods staff type (`--week`, `--period`, `--from`, `--age-bands`).
// Oracles: a parsed period's label parses back to the same period, firstDay ≤ lastDay, and the
// previous period ends the day before; weeks and dates round-trip through their descriptions.
// fuzz-sources: NarvaroCore/Time/LocalDate.swift NarvaroCore/Time/ISOWeek.swift NarvaroCore/Time/Period.swift NarvaroCore/Statistics/AgeBands.swift

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = FuzzBytes(data, size).text

    if let period = try? Period.parse(text) {
        fuzzCheck((try? Period.parse(period.label)) == period, "'\(period.label)' (from \(text.debugDescription)) does not parse back")
        fuzzCheck(period.firstDay <= period.lastDay, "\(period) starts \(period.firstDay), after it ends \(period.lastDay)")
        fuzzCheck(period.days >= 1 && period.days == period.lastDay.dayNumber - period.firstDay.dayNumber + 1, "\(period) has \(period.days) days")
        fuzzCheck(period.previous.lastDay.adding(days: 1) == period.firstDay, "the period before \(period) ends \(period.previous.lastDay)")
        fuzzCheck(period.contains(period.firstDay) && period.contains(period.lastDay), "\(period) does not contain its own days")
    }

    if let week = try? ISOWeek.parse(text) {
        fuzzCheck((try? ISOWeek.parse(week.description)) == week, "'\(week)' does not parse back")
        fuzzCheck(week.monday.isoWeekday == 1 && week.sunday.isoWeekday == 7, "\(week) does not run Monday to Sunday")
        fuzzCheck(ISOWeek(containing: week.monday) == week && ISOWeek(containing: week.sunday) == week,
                  "\(week)'s Monday \(week.monday) or Sunday \(week.sunday) lies in another week")
    }

    if let date = try? LocalDate.parse(text) {
        fuzzCheck((try? LocalDate.parse(date.description)) == date, "'\(date)' does not parse back")
        fuzzCheck(LocalDate(dayNumber: date.dayNumber) == date, "\(date) does not survive its day number")
        fuzzCheck((1...7).contains(date.isoWeekday), "\(date) has weekday \(date.isoWeekday)")
    }

    if let bands = try? AgeBands.parse(text) {
        fuzzCheck((try? AgeBands.parse(bands.description)) == bands, "age bands '\(bands)' do not parse back")
        for birthYear in [nil, 1900, 2000, 2026, 2100] as [Int?] {
            let label = bands.label(birthYear: birthYear, in: 2026)
            fuzzCheck(bands.labels.contains(label), "age band '\(label)' is not one of \(bands.labels)")
        }
    }
    return 0
}
