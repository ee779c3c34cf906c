// The trailing weekly average as people read it: the label says over how many weeks (fewer than
// 4 when the venue opened later), the number uses the language's decimal mark.

extension Texts {
    /// E.g. "Besök per vecka, snitt 4 v" or "Visits per week, average over 2 weeks".
    public func trailingAverageLabel(weeks: Int) -> String {
        day == "day" ? "Visits per week, average over \(weeks) week\(weeks == 1 ? "" : "s")" : "Besök per vecka, snitt \(weeks) v"
    }

    /// One decimal, e.g. "10,5" in Swedish and "10.5" in English.
    public func trailingAverageValue(_ average: Double) -> String {
        let tenths = Int((average * 10).rounded())
        return "\(tenths / 10)\(day == "day" ? "." : ",")\(tenths % 10)"
    }
}
