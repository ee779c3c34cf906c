// The configured things a front desk works with: venues, activities and readers, as values.

/// A meeting place, e.g. `gamla-tingshuset` in Europe/Stockholm.
public struct Venue: Hashable, Sendable {
    public var id: Int64
    public var slug: String
    public var name: String
    public var timeZone: String
    public var archived: Bool
}

/// Optional rules an activity grant sets for a gathering to qualify.
public struct GrantRules: Hashable, Sendable {
    public var minParticipants: Int?
    public var minAge: Int?
    public var maxAge: Int?
    public var minMinutes: Int?
    public var leaderRequired: Bool

    public init(minParticipants: Int? = nil, minAge: Int? = nil, maxAge: Int? = nil, minMinutes: Int? = nil, leaderRequired: Bool = false) {
        self.minParticipants = minParticipants
        self.minAge = minAge
        self.maxAge = maxAge
        self.minMinutes = minMinutes
        self.leaderRequired = leaderRequired
    }

    public var isEmpty: Bool { minParticipants == nil && minAge == nil && maxAge == nil && minMinutes == nil && !leaderRequired }
}

/// Something that happens at a venue (homework help, language café, the venue's `drop-in`).
public struct Activity: Hashable, Sendable {
    public var id: Int64
    public var venueID: Int64
    public var slug: String
    public var name: String
    public var organizer: String?
    public var grant: GrantRules
    public var archived: Bool

    /// The slug of the activity every venue gets on creation: open drop-in (öppen verksamhet).
    public static let dropInSlug = "drop-in"
}

/// A card reader at a venue and how to find its device.
public struct Reader: Hashable, Sendable {
    public var id: Int64
    public var name: String
    public var venueID: Int64
    public var device: String?
    public var usb: String?
    public var namePattern: String?
    public var physPattern: String?
    public var cardFormat: CardFormat
    public var fixedActivityID: Int64?
    public var cooldownSeconds: Int
    public var currentActivityID: Int64?
    public var currentUntil: EventTime?
    public var archived: Bool
}
