// Keys from a terminal in raw mode: bytes become characters (UTF-8, so å ä ö arrive whole),
// Enter, Backspace, Esc and Ctrl-C. Arrow and function keys (escape sequences) are read and ignored.
import NarvaroCore

public enum DeskKey: Hashable, Sendable {
    case character(Character)
    case enter
    case backspace
    case escape
    /// Ctrl-C: in raw mode it arrives as a byte, not as SIGINT.
    case interrupt
    /// Ctrl-D.
    case endOfInput
}

public struct DeskKeyDecoder: Sendable {
    private var pending: [UInt8] = []
    private var lastWasCR = false

    public init() {}

    /// Decodes one read's bytes. A UTF-8 character split across reads is completed by the next.
    /// A lone ESC at the end of a read is the Esc key; an ESC followed by `[` or `O` starts a sequence.
    public mutating func feed(_ bytes: [UInt8]) -> [DeskKey] {
        let input = pending + bytes
        pending = []
        var keys: [DeskKey] = []
        var i = 0
        while i < input.count {
            let byte = input[i]
            let wasCR = lastWasCR
            lastWasCR = false
            switch byte {
            case 0x1B:
                if i + 1 < input.count, input[i + 1] == UInt8(ascii: "[") || input[i + 1] == UInt8(ascii: "O") {
                    // CSI or SS3: skip parameters up to the final byte (0x40…0x7E).
                    i += 2
                    while i < input.count, !(0x40...0x7E).contains(input[i]) { i += 1 }
                } else {
                    keys.append(.escape)
                }
            case 0x0D:
                keys.append(.enter)
                lastWasCR = true
            case 0x0A:
                if !wasCR { keys.append(.enter) }
            case 0x03: keys.append(.interrupt)
            case 0x04: keys.append(.endOfInput)
            case 0x7F, 0x08: keys.append(.backspace)
            case 0x00..<0x20: break
            default:
                let length: Int
                switch byte {
                case 0x20..<0x80: length = 1
                case 0xC2...0xDF: length = 2
                case 0xE0...0xEF: length = 3
                case 0xF0...0xF4: length = 4
                default: length = 0 // not a lead byte: dropped
                }
                let continuation = input[(i + 1)..<min(i + max(length, 1), input.count)]
                if length == 0 || !continuation.allSatisfy({ (0x80...0xBF).contains($0) }) { break }
                if i + length > input.count {
                    pending = Array(input[i...])
                    return keys
                }
                let text = String(decoding: input[i..<(i + length)], as: UTF8.self)
                if let character = text.first, character != "\u{FFFD}" { keys.append(.character(character)) }
                i += length - 1
            }
            i += 1
        }
        return keys
    }
}
