// Text cells of every CSV Närvaro writes (the export, `report --format csv`): a spreadsheet must
// never run a name as a formula, and a terminal must never run it as an escape sequence.

public enum CSVCell {
    /// `text` safe for a spreadsheet and a terminal: control and direction characters made
    /// visible (`OutsideText.visible`), and a cell starting with `=`, `+`, `-`, `@`, tab or CR
    /// prefixed with `'` (OWASP's advice against CSV injection), so it is shown as text.
    /// Numbers are written by the callers as numbers and never pass through here.
    public static func safeText(_ text: String) -> String {
        let visible = OutsideText.visible(text)
        // Checked on the original too: a leading tab or CR becomes `\t`/`\r` when made visible.
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return visible }
        return "'" + visible
    }
}
