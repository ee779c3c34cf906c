// The names people read for the slugs a report is keyed by: `gamla-tingshuset` → `Gamla Tingshuset`,
// `gamla-tingshuset/drop-in` → `Gamla Tingshuset – Öppen verksamhet`. Archived venues and
// activities keep their names, so old and folded periods read the same.

public struct ReportNames: Sendable {
    public var venues: [String: String]
    /// Keyed `venue/activity`.
    public var activities: [String: String]

    public init(venues: [String: String] = [:], activities: [String: String] = [:]) {
        self.venues = venues
        self.activities = activities
    }

    public init(store: Store) throws {
        let venues = try store.venues(includeArchived: true)
        let slugs = Dictionary(venues.map { ($0.id, $0.slug) }, uniquingKeysWith: { a, _ in a })
        self.venues = Dictionary(venues.map { ($0.slug, $0.name) }, uniquingKeysWith: { a, _ in a })
        activities = Dictionary(try store.activities(includeArchived: true).compactMap { a in
            slugs[a.venueID].map { ("\($0)/\(a.slug)", a.name) }
        }, uniquingKeysWith: { a, _ in a })
    }

    /// The venue's name, or its slug when it has none (a venue removed since).
    public func venue(_ slug: String) -> String { venues[slug] ?? slug }

    /// The activity's own name for `venue/activity`, or the activity slug.
    public func activity(_ key: String) -> String {
        activities[key] ?? String(key.split(separator: "/", maxSplits: 1).last ?? Substring(key))
    }

    /// The venue's slug in `venue/activity`.
    public func venueSlug(of key: String) -> String { String(key.split(separator: "/", maxSplits: 1).first ?? Substring(key)) }

    /// `Gamla Tingshuset – Öppen verksamhet` for `gamla-tingshuset/drop-in`.
    public func full(_ key: String) -> String { "\(venue(venueSlug(of: key))) – \(activity(key))" }
}
