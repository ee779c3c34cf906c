// The trailing weekly average as people read it: the label says over how many weeks (fewer than
// 4 when the venue opened later), the number uses the language's decimal mark.

extension Texts {
    /// E.g. "Besök per vecka, snitt 4 v" or "Visits per week, average over 2 weeks".
    public func trailingAverageLabel(weeks: Int) -> String {
        switch lang {
        case .sv: "Besök per vecka, snitt \(weeks) v"
        case .en: "Visits per week, average over \(weeks) week\(weeks == 1 ? "" : "s")"
        }
    }

    /// One decimal, e.g. "10,5" in Swedish and "10.5" in English.
    public func trailingAverageValue(_ average: Double) -> String { lang.decimal(average) }
}
