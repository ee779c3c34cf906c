// Escaping for text placed in HTML and SVG (XML): labels come from staff input and must never
// become markup. The one escaping function: the HTML export and every page of narvaro-web use it.

public enum Markup {
    /// Escapes `& < > " '` so the text is safe in element content and in quoted attributes.
    /// Other control and direction characters are shown as `OutsideText.visible` writes them
    /// (`\e`, `<U+202E>`): XML forbids the C0 controls, and a direction override would turn
    /// the text after it around in the reader's browser.
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
            case _ where OutsideText.isHidden(scalar): out.append(contentsOf: escape(OutsideText.written(scalar)).unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
