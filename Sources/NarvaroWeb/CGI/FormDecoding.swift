// application/x-www-form-urlencoded (query strings and POST bodies) and Cookie headers, decoded
// strictly: a malformed escape or invalid UTF-8 is bad input (400), never guessed at. Values come
// out in NFC, as `narvaro` stores names: "ä" sent decomposed is the same organizer, not a second one.
import Foundation

enum FormDecoding {
    /// `a=1&b=x+y&c=%C3%A5` → [("a","1"),("b","x y"),("c","å")], in order, duplicates kept.
    static func pairs(_ text: String) throws(WebError) -> [(String, String)] {
        var out: [(String, String)] = []
        for part in text.split(separator: "&", omittingEmptySubsequences: true) {
            let (name, value): (Substring, Substring)
            if let eq = part.firstIndex(of: "=") {
                (name, value) = (part[..<eq], part[part.index(after: eq)...])
            } else {
                (name, value) = (part, "")
            }
            out.append((try decode(name), try decode(value)))
        }
        return out
    }

    /// Percent-decoding with `+` as space.
    static func decode(_ text: Substring) throws(WebError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw .badRequest("a form field has a broken %-escape")
                }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .badRequest("a form field is not valid UTF-8") }
        return text.precomposedStringWithCanonicalMapping
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// `Cookie: a=1; b=2` → ["a": "1", "b": "2"]; the first of a repeated name wins (RFC 6265 §5.4).
    static func cookies(_ header: String) -> [String: String] {
        var out: [String: String] = [:]
        for part in header.split(separator: ";") {
            let trimmed = part.drop { $0 == " " }
            guard let eq = trimmed.firstIndex(of: "=") else { continue }
            let name = String(trimmed[..<eq]), value = String(trimmed[trimmed.index(after: eq)...])
            if out[name] == nil { out[name] = value }
        }
        return out
    }

    /// The encoding for building query strings in links: everything but unreserved characters escaped.
    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = Array("0123456789ABCDEF")
                out += "%" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 15)])
            }
        }
        return out
    }
}
