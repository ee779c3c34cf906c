// The two languages every word a person reads exists in.

public enum Lang: String, CaseIterable, Sendable {
    case sv, en
}
