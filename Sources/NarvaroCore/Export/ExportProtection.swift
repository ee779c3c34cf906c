// Which method protects the people counts of an export: cell suppression (the default) or the
// cell-key method; printed in every export's header. docs/suppression.md explains both.

public enum ExportProtection: String, Sendable, Equatable, CaseIterable {
    /// Small counts hidden (`<k`), with complementary suppression (`x`) inside each export.
    case suppression
    /// Every people count slightly and deterministically perturbed from its members' keys; perturbed
    /// counts below k shown as `<k`. Closes differencing between overlapping exports.
    case cellKey = "cell-key"
}
