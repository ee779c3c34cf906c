// Card formats: the same physical card reads differently on different readers. Each reader has
// a format that maps its output to one canonical id (the UID in hex, as a `hex` reader shows it),
// so a visitor's card matches at every reader. Card text is never parsed where zeros could be lost.

public enum CardFormatError: Error, CustomStringConvertible, Equatable, Sendable {
    case invalid(text: String, format: CardFormat, expected: String)

    public var description: String {
        switch self {
        case .invalid(let text, let format, let expected):
            let visible = String(String.UnicodeScalarView(text.unicodeScalars.prefix(40).map {
                $0.properties.generalCategory == .control ? "?" : $0
            }))
            return "'\(visible)\(text.unicodeScalars.count > 40 ? "…" : "")' is not a \(format.rawValue) card number (\(expected))"
        }
    }
}

public enum CardFormat: String, CaseIterable, Sendable, Codable {
    /// The text as typed.
    case raw
    /// Ten decimal digits: the UID's four bytes, byte-reversed, as one number (common on USB readers).
    case decimal10
    /// The UID as hex digits, most significant byte first.
    case hex
    /// The UID as hex digits with the byte order reversed.
    case hexReversed = "hex-reversed"

    public func canonicalCard(_ text: String) throws(CardFormatError) -> String {
        switch self {
        case .raw:
            guard !text.isEmpty, text.count <= 64, text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }) else {
                throw .invalid(text: text, format: self, expected: "1 to 64 printable characters")
            }
            return text
        case .decimal10:
            let digits = Array(text.utf8)
            guard digits.count == 10, digits.allSatisfy({ (48...57).contains($0) }) else {
                throw .invalid(text: text, format: self, expected: "10 digits")
            }
            let value = digits.reduce(UInt64(0)) { $0 * 10 + UInt64($1 - 48) }
            guard value <= 0xFFFF_FFFF else { throw .invalid(text: text, format: self, expected: "at most 4294967295") }
            let bytes = (0..<4).map { UInt8((value >> (8 * UInt64($0))) & 0xFF) } // little end first = reversed
            return Self.hex(bytes)
        case .hex:
            return try Self.hexBytes(text, format: self).map { Self.hex($0) } ?? ""
        case .hexReversed:
            return try Self.hexBytes(text, format: self).map { Self.hex($0.reversed()) } ?? ""
        }
    }

    private static func hexBytes(_ text: String, format: CardFormat) throws(CardFormatError) -> [UInt8]? {
        guard !text.isEmpty, text.utf8.count % 2 == 0, text.utf8.count <= 64, let bytes = Hex.decode(text) else {
            throw .invalid(text: text, format: format, expected: "an even number of hex digits 0-9 A-F")
        }
        return bytes
    }

    private static func hex(_ bytes: [UInt8]) -> String { Hex.encode(bytes).uppercased() }
}
