// Text from outside (names staff type, names already stored, device names, arguments): control
// characters and bidi overrides are refused on the way in and made visible on the way out.

public enum OutsideText {
    /// Characters a terminal executes or that reorder what is shown: C0, DEL, C1, the bidi
    /// embeddings/overrides (U+202A–U+202E) and isolates (U+2066–U+2069), and the line and
    /// paragraph separators (U+2028, U+2029) that some programs treat as line breaks.
    public static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// `text` as a terminal may print it: every hidden character written out (`\e`, `\t`, `\x01`,
    /// `<U+202E>`), everything else unchanged. Visible text maps to itself, so applying it twice
    /// is harmless. With `keepingLineBreaks`, `\n` stays a line break (for whole outputs).
    public static func visible(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: isHidden) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isHidden(scalar), !(keepingLineBreaks && scalar == "\n") else { out.append(scalar); continue }
            out.append(contentsOf: written(scalar).unicodeScalars)
        }
        return String(out)
    }

    /// How one hidden character is shown.
    static func written(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\u{1B}": return "\\e"
        case "\t": return "\\t"
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\u{07}": return "\\a"
        case "\u{08}": return "\\b"
        default:
            let hex = String(scalar.value, radix: 16, uppercase: true)
            let padded = String(repeating: "0", count: max(0, (scalar.value < 0x80 ? 2 : 4) - hex.count)) + hex
            return scalar.value < 0x80 ? "\\x" + padded : "<U+" + padded + ">"
        }
    }

    /// The longest name staff may give, in characters: a venue, activity or organizer name is a
    /// table cell, a report heading and a line of the export, and a nickname is shown at the desk.
    public static let longestName = 100

    /// Checks a name given by staff (venue, activity, organizer, nickname, …): not empty or blank,
    /// not over `longest` characters, no hidden characters. Returns it unchanged; throws a message
    /// naming `what` and saying what to do.
    @discardableResult
    public static func checkName(_ text: String, what: String, longest: Int = longestName) throws(StoreError) -> String {
        // First, and counted only up to one past the limit: a hostile argument is never walked or
        // echoed whole.
        if text.prefix(longest + 1).count > longest {
            throw .badName("\(what) is longer than \(longest) characters: give a shorter name")
        }
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            throw .badName("\(what) is empty: give a name with letters or digits")
        }
        try checkPlain(text, what: what)
        return text
    }

    /// Checks other text staff give (device paths, patterns): no hidden characters.
    public static func checkPlain(_ text: String, what: String) throws(StoreError) {
        if let bad = text.unicodeScalars.first(where: isHidden) {
            throw .badName("\(what) '\(visible(text))' contains the control character \(written(bad)): type it without control or direction characters")
        }
    }
}
