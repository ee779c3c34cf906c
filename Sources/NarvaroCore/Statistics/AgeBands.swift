// The age groups statistics are broken down by, e.g. "0-12,13-15,16-19,20-25,26-64,65+".
// Age is counted in whole calendar years (year of the visit minus birth year): we store no birth dates.

/// Ascending, non-overlapping age bands. Ages outside every band, and visitors without a birth
/// year, are counted as "unknown".
public struct AgeBands: Hashable, Sendable, CustomStringConvertible {
    /// One band: `lower` through `upper` years, or `lower` and older when `upper` is nil.
    public struct Band: Hashable, Sendable {
        public let lower: Int
        public let upper: Int?

        /// `13-15` or `65+`.
        public var label: String { upper.map { "\(lower)-\($0)" } ?? "\(lower)+" }

        public func contains(age: Int) -> Bool { age >= lower && age <= (upper ?? Int.max) }
    }

    public static let unknown = "unknown"

    public let bands: [Band]

    /// The bands used unless a venue configures others.
    public static let `default`: AgeBands = {
        let bands: [Band] = [.init(lower: 0, upper: 12), .init(lower: 13, upper: 15), .init(lower: 16, upper: 19),
                             .init(lower: 20, upper: 25), .init(lower: 26, upper: 64), .init(lower: 65, upper: nil)]
        return AgeBands(bands: bands)
    }()

    init(bands: [Band]) { self.bands = bands }

    /// Reads comma-separated bands `A-B` and, last, optionally `A+` (spaces around commas allowed).
    public static func parse(_ text: String) throws(TimeError) -> AgeBands {
        var bands: [Band] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let part = item.trimmingSpaces
            let bytes = Array(part.utf8)
            let band: Band
            if bytes.last == UInt8(ascii: "+"), let lower = LocalDate.decimal(bytes.dropLast()), lower <= 200 {
                band = Band(lower: lower, upper: nil)
            } else if let dash = bytes.firstIndex(of: UInt8(ascii: "-")),
                      let lower = LocalDate.decimal(bytes[..<dash]), let upper = LocalDate.decimal(bytes[(dash + 1)...]),
                      upper <= 200 {
                guard lower <= upper else {
                    throw .notA(.ageBand, input: part, reason: "the lower age comes first, e.g. 13-15")
                }
                band = Band(lower: lower, upper: upper)
            } else {
                throw .notA(.ageBand, input: part, reason: "expected ages like 13-15 or 65+ (0 to 200), separated by commas")
            }
            if let last = bands.last {
                guard let lastUpper = last.upper else {
                    throw .invalid(input: text, reason: "\(last.label) must be the last band")
                }
                guard band.lower > lastUpper else {
                    throw .invalid(input: text, reason: "\(band.label) overlaps or comes before \(last.label); list bands from youngest to oldest without overlap")
                }
            }
            bands.append(band)
        }
        return AgeBands(bands: bands)
    }

    /// The band of a visitor born in `birthYear`, at a visit in `year`; "unknown" without a birth
    /// year, for a birth year after `year`, or for an age no band covers.
    public func label(birthYear: Int?, in year: Int) -> String {
        guard let birthYear else { return AgeBands.unknown }
        let (age, overflow) = year.subtractingReportingOverflow(birthYear)
        guard !overflow, age >= 0, let band = bands.first(where: { $0.contains(age: age) }) else {
            return AgeBands.unknown
        }
        return band.label
    }

    /// Every label in report order: the bands from youngest to oldest, then "unknown".
    public var labels: [String] { bands.map(\.label) + [AgeBands.unknown] }

    /// The form `parse` reads, e.g. `0-12,13-15,16-19,20-25,26-64,65+`.
    public var description: String { bands.map(\.label).joined(separator: ",") }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
