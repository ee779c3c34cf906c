// Data subject rights: everything held about a visitor (right of access), and forgetting a
// visitor (erasure) while the anonymous day totals keep their counts.
// The types; the Store methods and their SQL are in Storage/Store+Forget.swift.

/// What `narvaro forget` removed.
public struct ForgetSummary: Equatable, Sendable, Codable {
    public var visitor: String
    public var checkIns: Int
    public var cards: Int
    public var visits: Int

    enum CodingKeys: String, CodingKey {
        case visitor
        case checkIns = "check_ins"
        case cards
        case visits
    }
}

/// Everything the database holds about one visitor.
public struct VisitorRecord: Sendable {
    public var visitor: Visitor
    public var cards: [CardRecord]
    public var checkIns: [CheckIn]
    public var firstVisits: [(venue: String, day: LocalDate)]
}
