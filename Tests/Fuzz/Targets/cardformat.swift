// Fuzz target `cardformat`: swipe texts (and `--card` values) mapped to canonical card ids by
// every CardFormat. Oracles: hex, decimal10 and hex-reversed give uppercase hex of even length
// (decimal10: exactly 8 digits, and the same id as hex-reversed of the number in hex); raw keeps
// the text; error messages are one line.
// fuzz-sources: NarvaroCore/Input/CardFormat.swift NarvaroCore/Input/InputError.swift NarvaroCore/System/SystemError.swift

let upperHex = Set("0123456789ABCDEF".utf8)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = FuzzBytes(data, size).text

    for format in CardFormat.allCases {
        let id: String
        do throws(InputError) {
            id = try format.canonicalCard(text)
        } catch {
            let message = error.description
            fuzzCheck(!message.utf8.contains(0x0A) && !message.utf8.contains(0x0D), "\(format) error is not one line: \(message.debugDescription)")
            continue
        }
        switch format {
        case .raw:
            fuzzCheck(id == text, "raw changed \(text.debugDescription) to \(id.debugDescription)")
        case .hex, .hexReversed, .decimal10:
            fuzzCheck(!id.isEmpty && id.utf8.count.isMultiple(of: 2) && id.utf8.allSatisfy(upperHex.contains),
                      "\(format) gave \(id.debugDescription) for \(text.debugDescription): not uppercase hex of even length")
        }
        switch format {
        case .hex:
            fuzzCheck(id == text.uppercased(), "hex gave \(id) for \(text.debugDescription)")
            let reversed = try? CardFormat.hexReversed.canonicalCard(text)
            fuzzCheck(reversed?.utf8.count == id.utf8.count, "hex-reversed rejects or resizes \(text.debugDescription)")
        case .decimal10:
            fuzzCheck(id.utf8.count == 8, "decimal10 gave \(id.count) hex digits for \(text.debugDescription)")
            // The reader printed the UID as a little-endian number: that is the number's hex, byte-reversed.
            if let number = UInt32(text) {
                let hex = String(number, radix: 16)
                let padded = String(repeating: "0", count: 8 - hex.count) + hex
                fuzzCheck((try? CardFormat.hexReversed.canonicalCard(padded)) == id, "decimal10 \(text) is not \(padded) byte-reversed")
            } else {
                fuzzCheck(false, "decimal10 accepted \(text.debugDescription), which is no 32-bit number")
            }
        case .raw, .hexReversed:
            break
        }
    }
    return 0
}
