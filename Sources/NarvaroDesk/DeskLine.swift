// One screen line as styled pieces, cut to the terminal's width by display width (å is one
// column, 漢 two) before any escape is added, so colour never counts towards the width.
import NarvaroCore

/// How a piece of text looks. Every style that carries meaning also has a text mark in the
/// words themselves, so the screen reads the same without colour.
public enum DeskStyle: Sendable, Hashable {
    case plain, bold, dim, title, greeting, ok, warning, alert, info, inverse

    /// The SGR parameters (ECMA-48) for the style.
    var sgr: String {
        switch self {
        case .plain: return "0"
        case .bold: return "1"
        case .dim: return "2"
        case .title: return "1;7"
        case .greeting: return "1;30;42"
        case .ok: return "32"
        case .warning: return "1;30;43"
        case .alert: return "1;37;41"
        case .info: return "36"
        case .inverse: return "7"
        }
    }
}

/// A run of text in one style.
public struct DeskPiece: Sendable, Hashable {
    public var text: String
    public var style: DeskStyle
}

public struct DeskLine: Sendable, Hashable {
    public var pieces: [DeskPiece]
    /// Fill the rest of the line with the last piece's style (for bars such as the title).
    public var fill: Bool

    public init(_ pieces: [(String, DeskStyle)] = [], fill: Bool = false) {
        self.pieces = pieces.map { DeskPiece(text: $0.0, style: $0.1) }
        self.fill = fill
    }

    public init(_ text: String, _ style: DeskStyle = .plain, fill: Bool = false) {
        self.init([(text, style)], fill: fill)
    }

    /// The line's text without styles, cut to `width` columns.
    public func plain(width: Int) -> String {
        cut(width).map(\.text).joined()
    }

    /// The line with SGR escapes, cut to `width` columns; filled bars are padded to the full width.
    public func ansi(width: Int) -> String {
        var out = ""
        var used = 0
        let pieces = cut(width)
        for piece in pieces {
            used += TextTable.displayWidth(piece.text)
            out += piece.style == .plain ? piece.text : "\u{1B}[\(piece.style.sgr)m\(piece.text)\u{1B}[0m"
        }
        if fill, let last = pieces.last, last.style != .plain, used < width {
            out += "\u{1B}[\(last.style.sgr)m\(String(repeating: " ", count: width - used))\u{1B}[0m"
        }
        return out
    }

    /// The pieces, the last one that does not fit ended with '…' and the rest dropped.
    func cut(_ width: Int) -> [DeskPiece] {
        var left = max(0, width)
        var out: [DeskPiece] = []
        for piece in pieces {
            // Names come from the database: control and bidi characters are shown, never executed.
            let clean = OutsideText.visible(piece.text)
            let w = TextTable.displayWidth(clean)
            if w <= left {
                out.append(DeskPiece(text: clean, style: piece.style))
                left -= w
            } else {
                if left > 0 { out.append(DeskPiece(text: TextTable.truncate(clean, to: left), style: piece.style)) }
                break
            }
        }
        return out
    }

    /// `text` padded with spaces (or cut) to exactly `width` columns.
    public static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let cut = TextTable.truncate(OutsideText.visible(text), to: max(0, width))
        let spaces = String(repeating: " ", count: max(0, width - TextTable.displayWidth(cut)))
        return right ? spaces + cut : cut + spaces
    }
}

extension String {
    /// The text without ANSI CSI/SGR escapes: what a terminal would show.
    public var withoutTerminalEscapes: String {
        var out = ""
        var scalars = unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\u{1B}" else { out.unicodeScalars.append(scalar); continue }
            guard let next = scalars.next() else { break }
            if next == "[" {
                // Parameters and intermediates until a final byte 0x40…0x7E.
                while let c = scalars.next(), !(0x40...0x7E).contains(c.value) {}
            }
        }
        return out
    }
}
