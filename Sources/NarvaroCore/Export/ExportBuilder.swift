// From the rolling statistics to the municipality export: per venue × activity the gatherings
// held, visits, unique and new participants, their gender and age split, volunteers and staff
// apart, each gathering judged against the activity's grant rules, and visits per week. Reads only
// the period's statistics rows; names no person. Suppression happens in the writers.
// The types; the Store methods and their SQL are in Storage/Store+ExportQueries.swift.

public struct ExportRequest: Sendable {
    public var period: Period
    public var venue: String?
    public var organizer: String?
    public var minCell: Int
    public var exportedBy: String
    public var exportedAt: String
    public var language: Lang
    public var protection: ExportProtection

    public init(period: Period, venue: String? = nil, organizer: String? = nil, minCell: Int = 5,
                exportedBy: String, exportedAt: String, language: Lang = .sv, protection: ExportProtection = .suppression) {
        self.protection = protection
        self.period = period
        self.venue = venue
        self.organizer = organizer
        self.minCell = minCell
        self.exportedBy = exportedBy
        self.exportedAt = exportedAt
        self.language = language
    }
}
