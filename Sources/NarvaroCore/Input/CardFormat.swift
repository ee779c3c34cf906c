// How a reader writes a card's UID, and the one canonical id every format maps to, so the same
// physical card is the same card at every reader of a venue.

/// The text format a reader uses for card UIDs (configured per reader, `--card-format`).
///
/// The canonical id is the UID as uppercase hex in the byte order a `hex` reader shows it.
/// Example: a `decimal10` reader showing `0563537489` and a `hex` reader showing `51E69621` have
/// read the same card: 563537489 is 0x2196E651, whose bytes reversed are 51 E6 96 21.
public enum CardFormat: String, CaseIterable, Sendable {
    /// The text as typed, unchanged (for readers whose output is not a UID).
    case raw
    /// Ten decimal digits: the 4-byte UID read as a little-endian number (common cheap readers).
    case decimal10
    /// Hex digits in UID byte order.
    case hex
    /// Hex digits in reversed byte order.
    case hexReversed = "hex-reversed"

    /// Maps one swipe's text to the canonical card id. Leading zeros are never dropped.
    public func canonicalCard(_ text: String) throws(InputError) -> String {
        switch self {
        case .raw:
            // Only what a reader can type (KeyLayout): a card number typed by hand with other
            // characters (`١٢٣`, `card-7`) could be registered but never swiped.
            guard !text.isEmpty, text.utf8.allSatisfy(Self.isReaderCharacter) else {
                throw InputError.notACardNumber(text: text, format: self, expected: Self.rawRule)
            }
            return text
        case .decimal10:
            guard text.utf8.count == 10, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                throw InputError.notACardNumber(text: text, format: self, expected: "10 digits")
            }
            // Ten digits checked above: at most 9999999999, which UInt64 holds.
            let number = text.utf8.reduce(UInt64(0)) { $0 * 10 + UInt64($1 - 0x30) }
            guard let uid = UInt32(exactly: number) else {
                throw InputError.notACardNumber(text: text, format: self, expected: "at most 4294967295")
            }
            // The reader printed the UID bytes as a little-endian number: undo that.
            return Self.upperHex([UInt8(uid & 0xFF), UInt8((uid >> 8) & 0xFF), UInt8((uid >> 16) & 0xFF), UInt8(uid >> 24)])
        case .hex:
            return Self.upperHex(try Self.hexBytes(text, format: self))
        case .hexReversed:
            return Self.upperHex(try Self.hexBytes(text, format: self).reversed())
        }
    }

    /// The bytes of a hex string: non-empty, an even number of hex digits, either case.
    private static func hexBytes(_ text: String, format: CardFormat) throws(InputError) -> [UInt8] {
        let digits = Array(text.utf8)
        guard !digits.isEmpty, digits.count.isMultiple(of: 2) else {
            throw InputError.notACardNumber(text: text, format: format, expected: "an even number of hex digits")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else {
                throw InputError.notACardNumber(text: text, format: format, expected: "hex digits 0-9 and A-F")
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func hexValue(_ ascii: UInt8) -> UInt8? {
        switch ascii {
        case 0x30...0x39: ascii - 0x30        // 0-9
        case 0x41...0x46: ascii - 0x41 + 10   // A-F
        case 0x61...0x66: ascii - 0x61 + 10   // a-f
        default: nil
        }
    }

    /// Two uppercase hex digits per byte, written straight into the String's storage: a String per
    /// byte from an array of Characters cost ~5,000 instructions per swipe (docs/benchmarks.md).
    private static func upperHex(_ bytes: [UInt8]) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            for (i, byte) in bytes.enumerated() {
                out[2 * i] = upperHexDigits[Int(byte >> 4)]
                out[2 * i + 1] = upperHexDigits[Int(byte & 0x0F)]
            }
            return bytes.count * 2
        }
    }

    private static let upperHexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    static let rawRule = "letters A-Z, a-z and digits 0-9, as a reader types them"

    /// The characters KeyLayout gives a card: ASCII letters (either case) and digits.
    private static func isReaderCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        default: false
        }
    }
}
