// Sentences in Swedish: help texts and error messages are written in English in the code (the
// message id, as in gettext) and looked up here. An error with names in it matches a pattern
// whose `{}` stand for the names; each name is looked up in turn (`venue` → `mötesplatsen`).
// The tables: HelpPhrases.swift, ErrorPhrases.swift, WebPhrases.swift, DoctorPhrases.swift. Missing entries are caught by TextCatalogTests.

public enum Phrases {
    /// English → Swedish, exact sentences (help, fixed messages, words inside messages).
    public static let sv: [String: String] = helpPhrases.merging(errorWords) { first, _ in first }.merging(webWords) { first, _ in first }

    /// English → Swedish with `{}` for text that varies, tried in order.
    public static let svPatterns: [(en: String, sv: String)] = webPatterns + errorPatterns

    /// `narvaro doctor`'s findings: their own words and patterns first (kept apart so a finding's
    /// pattern like `{} mode {}` never rewrites another command's message), then the ones above.
    public static let svDoctor: [String: String] = doctorWords.merging(sv) { first, _ in first }
    public static let svDoctorPatterns: [(en: String, sv: String)] = doctorPatterns + svPatterns

    /// Longest message searched for patterns: messages are one line; a longer text (a hostile
    /// argument echoed back) is only looked up whole, so matching stays cheap.
    static let longestPatternInput = 400

    /// The Swedish for `english`, or nil when neither a sentence nor a pattern matches.
    public static func swedish(_ english: String) -> String? { swedish(english, depth: 0, words: sv, patterns: svPatterns) }

    /// The Swedish for a doctor finding, or nil.
    public static func swedishDoctor(_ english: String) -> String? {
        swedish(english, depth: 0, words: svDoctor, patterns: svDoctorPatterns)
    }

    /// A pattern's captures are looked up once more (`venue`, `--week: '…' is not a week: …`), their
    /// own captures only as whole sentences: the work is bounded, whatever the text.
    private static func swedish(_ english: String, depth: Int, words: [String: String], patterns: [(en: String, sv: String)]) -> String? {
        if let exact = words[english] { return exact }
        guard depth < 2, english.utf8.count <= longestPatternInput else { return nil }
        for pattern in patterns {
            guard let captures = match(english, pattern: pattern.en) else { continue }
            var pieces = pattern.sv.split(separator: "{}", omittingEmptySubsequences: false).map(String.init)
            guard pieces.count == captures.count + 1 else { continue }
            // A name in quotes ('x') is what someone typed or stored: shown as it is, never translated.
            let literals = pattern.en.split(separator: "{}", omittingEmptySubsequences: false)
            var out = pieces.removeFirst()
            for (i, (capture, piece)) in zip(captures, pieces).enumerated() {
                let quoted = literals[i].hasSuffix("'") && literals[i + 1].hasPrefix("'")
                out += (quoted ? capture : swedish(capture, depth: depth + 1, words: words, patterns: patterns) ?? capture) + piece
            }
            return out
        }
        return nil
    }

    /// The texts `{}` stand for when `text` fits `pattern`, else nil. Each `{}` takes the shortest
    /// text after which the rest still fits (backtracking), and is never empty.
    static func match(_ text: String, pattern: String) -> [String]? {
        let literals = pattern.split(separator: "{}", omittingEmptySubsequences: false).map(String.init)
        guard literals.count > 1 else { return nil }
        return match(Substring(text), literals[...])
    }

    private static func match(_ text: Substring, _ literals: ArraySlice<String>) -> [String]? {
        guard let first = literals.first, text.hasPrefix(first) else { return nil }
        let rest = text.dropFirst(first.count)
        let next = literals.dropFirst()
        guard let following = next.first else { return rest.isEmpty ? [] : nil }
        if next.count == 1 {
            // The last `{}`: everything up to the final literal.
            guard rest.hasSuffix(following), rest.count > following.count else { return nil }
            return [String(rest.dropLast(following.count))]
        }
        var searchStart = rest.index(after: rest.startIndex, limitedBy: rest.endIndex)
        while let start = searchStart, start <= rest.endIndex, let range = rest[start...].range(of: following) {
            let capture = String(rest[rest.startIndex..<range.lowerBound])
            if let more = match(rest[range.lowerBound...], next) { return [capture] + more }
            searchStart = rest.index(after: range.lowerBound, limitedBy: rest.endIndex)
        }
        return nil
    }
}

extension Lang {
    /// A help text or message in this language: English as written, Swedish from the phrase
    /// tables (the English text when no entry exists yet; the catalog test lists those).
    public func text(_ english: String) -> String {
        self == .en ? english : Phrases.swedish(english) ?? english
    }
}

extension Lang {
    /// A `narvaro doctor` finding in this language (DoctorPhrases.swift), English when it has no entry.
    public func doctorText(_ english: String) -> String {
        self == .en ? english : Phrases.swedishDoctor(english) ?? english
    }

    /// A message with `{}` in it, in this language, each `{}` filled with the next value.
    public func text(_ pattern: String, _ values: String...) -> String {
        var pieces = text(pattern).split(separator: "{}", omittingEmptySubsequences: false).map(String.init)
        var out = pieces.removeFirst()
        for (i, piece) in pieces.enumerated() { out += (i < values.count ? values[i] : "") + piece }
        return out
    }
}

extension Collection {
    fileprivate func index(after i: Index, limitedBy limit: Index) -> Index? {
        i < limit ? index(after: i) : nil
    }
}

extension Substring {
    fileprivate func range(of needle: String) -> Range<Index>? {
        guard !needle.isEmpty else { return startIndex..<startIndex }
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(needle) { return i..<(index(i, offsetBy: needle.count)) }
            i = index(after: i)
        }
        return nil
    }
}
