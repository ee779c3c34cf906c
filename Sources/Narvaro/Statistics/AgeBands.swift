// Age bands for statistics: age = the day's year − birth year; configurable, default
// `0-12,13-15,16-19,20-25,26-64,65+`, with `unknown` for visitors without a birth year.

public struct AgeBands: Hashable, Sendable, CustomStringConvertible {
    public struct Band: Hashable, Sendable {
        public var low: Int
        public var high: Int?  // nil: open-ended (`65+`)
        public var label: String { high.map { "\(low)-\($0)" } ?? "\(low)+" }
    }

    public var bands: [Band]
    public static let unknown = "unknown"

    public static let `default` = AgeBands(bands: [Band(low: 0, high: 12), Band(low: 13, high: 15), Band(low: 16, high: 19),
                                                   Band(low: 20, high: 25), Band(low: 26, high: 64), Band(low: 65, high: nil)])

    /// `0-12,13-15,…,65+`: ascending, non-overlapping; only the last may be open-ended.
    public static func parse(_ text: String) throws(TimeError) -> AgeBands {
        var bands: [Band] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharactersInSpaces() }) {
            if part.hasSuffix("+"), let low = Int(part.dropLast()), low >= 0 {
                bands.append(Band(low: low, high: nil))
                continue
            }
            let bounds = part.split(separator: "-")
            guard bounds.count == 2, let low = Int(bounds[0]), let high = Int(bounds[1]), low >= 0, low <= high else {
                throw .invalid("'\(part)' is not an age band: write LOW-HIGH or LOW+, e.g. 0-12,13-15,65+")
            }
            bands.append(Band(low: low, high: high))
        }
        guard !bands.isEmpty else { throw .invalid("no age bands given: write e.g. 0-12,13-15,16-19,20-25,26-64,65+") }
        for (a, b) in zip(bands, bands.dropFirst()) {
            guard let high = a.high, high < b.low else {
                throw .invalid("age bands \(a.label) and \(b.label) overlap or are out of order")
            }
        }
        return AgeBands(bands: bands)
    }

    public func label(birthYear: Int?, in year: Int) -> String {
        guard let birthYear, year - birthYear >= 0 else { return Self.unknown }
        let age = year - birthYear
        return bands.first { age >= $0.low && age <= ($0.high ?? .max) }?.label ?? Self.unknown
    }

    /// Band labels in order, `unknown` last.
    public var labels: [String] { bands.map(\.label) + [Self.unknown] }

    public var description: String { bands.map(\.label).joined(separator: ",") }
}

extension Substring {
    func trimmingCharactersInSpaces() -> String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
