// Aligned text tables for terminals: widths by display width (å, é count 1; wide CJK 2),
// numbers right-aligned, and the widest text column cut with '…' so the table fits (80 columns).

public struct TextTable {
    public var headers: [String]
    public var rows: [[String]]
    /// Columns aligned to the right (numbers).
    public var numeric: Set<Int>

    public init(headers: [String], rows: [[String]], numeric: Set<Int> = []) {
        self.headers = headers
        self.rows = rows
        self.numeric = numeric
    }

    /// Terminal columns a string takes.
    public static func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { width, scalar in
            let v = scalar.value
            if v < 0x20 || (0x300...0x36F).contains(v) || v == 0x200B || (0xFE00...0xFE0F).contains(v) { return width }
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFF60).contains(v) || (0x1F300...0x1FAFF).contains(v)
            return width + (wide ? 2 : 1)
        }
    }

    /// Cuts `s` to at most `width` columns, ending in '…' when cut.
    public static func truncate(_ s: String, to width: Int) -> String {
        guard displayWidth(s) > width else { return s }
        guard width > 1 else { return width == 1 ? "…" : "" }
        var out = ""
        for ch in s {
            if displayWidth(out + String(ch)) > width - 1 { break }
            out.append(ch)
        }
        return out + "…"
    }

    public func render(width: Int = 80) -> String {
        // Cells are made terminal-safe first (`OutsideText.visible`), so widths count what is shown.
        let headers = self.headers.map { OutsideText.visible($0) }
        let rows = self.rows.map { $0.map { OutsideText.visible($0) } }
        let columns = headers.count
        var widths = (0..<columns).map { c in
            ([headers[c]] + rows.map { c < $0.count ? $0[c] : "" }).map(Self.displayWidth).max() ?? 0
        }
        // Shrink the widest text column until the table fits, but never below 6 columns.
        while widths.reduce(0, +) + 2 * (columns - 1) > width {
            guard let widest = (0..<columns).filter({ !numeric.contains($0) && widths[$0] > 6 }).max(by: { widths[$0] < widths[$1] }) else { break }
            widths[widest] -= 1
        }
        func line(_ cells: [String]) -> String {
            (0..<columns).map { c in
                let text = Self.truncate(c < cells.count ? cells[c] : "", to: widths[c])
                let pad = String(repeating: " ", count: max(0, widths[c] - Self.displayWidth(text)))
                return numeric.contains(c) ? pad + text : (c == columns - 1 ? text : text + pad)
            }.joined(separator: "  ")
        }
        var out = [line(headers), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")]
        out += rows.map(line)
        return out.joined(separator: "\n") + "\n"
    }

    /// `key: value` lines for `show` commands, keys padded to one column.
    public static func keyValue(_ pairs: [(String, String)]) -> String {
        let pairs = pairs.map { (OutsideText.visible($0.0), OutsideText.visible($0.1)) }
        let width = pairs.map { displayWidth($0.0) }.max() ?? 0
        return pairs.map { $0.0 + ":" + String(repeating: " ", count: width - displayWidth($0.0) + 1) + $0.1 }.joined(separator: "\n") + "\n"
    }
}
