// Days of the week as ISO numbers, read in English or Swedish, for weekly schedule slots.

/// ISO weekday: 1 = Monday … 7 = Sunday.
public enum Weekday: Int, CaseIterable, Hashable, Comparable, Sendable, CustomStringConvertible {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// The weekday of `date`.
    public init(_ date: LocalDate) {
        // isoWeekday is always 1…7, so the fallback is never taken.
        self = Weekday(rawValue: date.isoWeekday) ?? .monday
    }

    /// Reads English (`tue`, `tuesday`) or Swedish (`tis`, `tisdag`) names, in any letter case.
    public static func parse(_ text: String) throws(TimeError) -> Weekday {
        let key = text.lowercased()
        guard let day = Weekday.allCases.first(where: { names[$0.rawValue - 1].contains(key) }) else {
            throw .notA(.weekday, input: text, reason: "use mon, tue, wed, thu, fri, sat, sun (or mån, tis, ons, tor, fre, lör, sön)")
        }
        return day
    }

    /// Accepted spellings, indexed by rawValue - 1; compared after lowercasing, and String
    /// equality is canonical, so a decomposed "å" matches too.
    static let names: [Set<String>] = [
        ["mon", "monday", "mån", "måndag"],
        ["tue", "tuesday", "tis", "tisdag"],
        ["wed", "wednesday", "ons", "onsdag"],
        ["thu", "thursday", "tor", "torsdag"],
        ["fri", "friday", "fre", "fredag"],
        ["sat", "saturday", "lör", "lördag"],
        ["sun", "sunday", "sön", "söndag"],
    ]

    /// `mon` … `sun`, for display and for `SlotTiming.description`.
    public var shortName: String {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][rawValue - 1]
    }

    public var description: String { shortName }

    public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }
}

extension LocalDate {
    /// The day of the week this date falls on.
    public var weekday: Weekday { Weekday(self) }
}
