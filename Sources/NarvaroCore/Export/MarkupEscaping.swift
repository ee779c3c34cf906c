// Escaping for text placed in HTML and SVG (XML): labels come from staff input and must never
// become markup. The one escaping function: the HTML export and every page of narvaro-web use it.

public enum Markup {
    /// Escapes `& < > " '` so the text is safe in element content and in quoted attributes.
    /// Control characters other than tab/newline are dropped: XML forbids them.
    public static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&#39;".unicodeScalars)
            case "\t", "\n": out.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
