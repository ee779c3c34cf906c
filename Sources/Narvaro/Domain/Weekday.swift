// Weekdays for schedules, ISO-numbered (1 = Monday), typed in English or Swedish.

public enum Weekday: Int, CaseIterable, Sendable, Codable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    private static let names: [(Weekday, [String])] = [
        (.monday, ["mon", "monday", "mån", "måndag"]), (.tuesday, ["tue", "tuesday", "tis", "tisdag"]),
        (.wednesday, ["wed", "wednesday", "ons", "onsdag"]), (.thursday, ["thu", "thursday", "tor", "torsdag"]),
        (.friday, ["fri", "friday", "fre", "fredag"]), (.saturday, ["sat", "saturday", "lör", "lördag"]),
        (.sunday, ["sun", "sunday", "sön", "söndag"]),
    ]

    public static func parse(_ text: String) throws(TimeError) -> Weekday {
        let lower = text.lowercased()
        guard let day = names.first(where: { $0.1.contains(lower) })?.0 else {
            throw .invalid("'\(text)' is not a weekday: write mon, tue, wed, thu, fri, sat or sun (or mån, tis, ons, tor, fre, lör, sön)")
        }
        return day
    }

    public var shortName: String { Self.names[rawValue - 1].1[0] }
}
