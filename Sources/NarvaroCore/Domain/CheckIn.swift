// A swipe as recorded: its outcome, how its activity was chosen, and what the front desk sees.

/// What happened to a swipe, as the `checkins.outcome` column, `narvaro checkins` and the journal's
/// `outcome=` spell it (the raw values are stored: renaming one needs a migration). Only `counted`
/// and `unknown` count as visits.
public enum CheckInOutcome: String, CaseIterable, Sendable, Codable {
    /// A known visitor's card: counts.
    case counted
    /// A card nobody has enrolled yet: counts under that card until it is enrolled.
    case unknown
    /// The same card on the same reader within the reader's cooldown: never counted.
    case duplicate
    /// A revoked card: recorded, never counted.
    case revoked
    /// An activity card: switches the reader's current activity, not a visit.
    case activity

    public var counts: Bool { self == .counted || self == .unknown }
}

/// How a check-in's activity was chosen, in the order attribution tries them.
public enum AttributionSource: String, Sendable, Codable {
    case activityCard = "activity-card"
    case fixed
    case schedule
    /// Several scheduled slots overlapped: the one that started last was chosen.
    case scheduleOverlap = "schedule-overlap"
    case dropIn = "drop-in"
}

/// A check-in as the log holds it: what `narvaro checkins`, the desk and a visitor's data show.
public struct CheckIn: Hashable, Sendable {
    public var id: Int64
    public var time: EventTime
    public var reader: String
    public var venue: String
    public var activity: String?
    public var activityName: String?
    public var outcome: CheckInOutcome
    public var attribution: AttributionSource
    public var visitorCode: String?
    public var visitorName: String?
}

/// What recording one swipe did, returned only after it is committed: the check-in, and whether
/// this call wrote it. Its fields read through (`recorded.outcome`).
@dynamicMemberLookup
public struct RecordedCheckIn: Hashable, Sendable {
    public var checkIn: CheckIn
    /// False when the swipe had been committed before (a replay after a crash): nothing new was written.
    public var isNew: Bool

    public init(checkIn: CheckIn, isNew: Bool) {
        self.checkIn = checkIn
        self.isNew = isNew
    }

    public subscript<T>(dynamicMember field: KeyPath<CheckIn, T>) -> T { checkIn[keyPath: field] }
}
