// One spool line: `time<TAB>reader<TAB>card-hash<TAB>crc32`, a CRC-32 of the first three fields so
// each line stands alone: a torn or garbled line is found and quarantined without doubting the
// rest. Lines of three fields (no checksum) were written by Närvaro before the checksum and are read.
import NarvaroCore

enum SpoolLine {
    /// The line for `swipe`, newline included.
    static func format(_ swipe: PreparedSwipe) -> String {
        let body = "\(swipe.time.microseconds)\t\(swipe.reader)\t\(Hex.encode(swipe.cardHash))"
        return body + "\t" + hex8(crc32(Array(body.utf8))) + "\n"
    }

    /// The swipe on one line (without its newline; a trailing CR is ignored), or why it is refused.
    static func parse(_ bytes: ArraySlice<UInt8>) -> Result<PreparedSwipe, DaemonError> {
        var bytes = bytes
        if bytes.last == 0x0D { bytes.removeLast() }
        guard let text = String(validating: bytes, as: UTF8.self) else { return .failure(.badSpoolLine(reason: "not UTF-8")) }
        var fields = text.split(separator: "\t", omittingEmptySubsequences: false)
        if fields.count == 4 {
            let body = fields.prefix(3).joined(separator: "\t")
            guard fields[3] == Substring(hex8(crc32(Array(body.utf8)))) else { return .failure(.badSpoolLine(reason: "checksum does not match")) }
            fields.removeLast()
        }
        guard fields.count == 3 else { return .failure(.badSpoolLine(reason: "expected 4 tab-separated fields, found \(fields.count)")) }
        guard let micros = Int64(fields[0]) else { return .failure(.badSpoolLine(reason: "time is not a number")) }
        let time = EventTime(microseconds: micros)
        guard SwipeTimeRange.contains(time) else { return .failure(.badSpoolLine(reason: SwipeTimeRange.refusal(time))) }
        guard !fields[1].isEmpty, !fields[1].contains(where: { $0.isNewline || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } == true }) else {
            return .failure(.badSpoolLine(reason: "reader name is empty or has control characters"))
        }
        guard let hash = Hex.decode(String(fields[2])), hash.count == 32 else { return .failure(.badSpoolLine(reason: "card hash is not 64 hex digits")) }
        return .success(PreparedSwipe(reader: String(fields[1]), time: time, cardHash: hash))
    }

    static func hex8(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// CRC-32 (IEEE 802.3, as zlib and `cksum -a crc32b`), bitwise: spool lines are short and rare.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
