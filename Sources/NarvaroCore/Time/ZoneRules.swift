// A named zone's UTC offsets through time, read from a compiled tz database file (TZif, RFC 8536):
// the recorded transitions, then the POSIX rule of its footer. Replaces ICU for VenueClock, so the
// daemon links neither Foundation's TimeZone nor ICU's data (about 4 MiB resident).

/// The offsets from UTC a zone has had (its transitions) and will have (its POSIX rule).
struct ZoneRules: Sendable, Equatable {
    /// UTC seconds at which the offset changes, ascending.
    let transitions: [Int64]
    /// The offset (seconds east of UTC) in force from each transition on.
    let offsets: [Int32]
    /// The offset before the first transition (the file's time type 0).
    let initialOffset: Int
    /// The rule after the last transition (the file's footer); nil keeps the last offset.
    let rule: PosixZoneRule?

    /// Seconds east of UTC in force at `utc` (seconds since the epoch).
    func offset(atUTC utc: Int) -> Int {
        let t = Int64(utc)
        guard let last = transitions.last else { return rule?.offset(atUTC: utc) ?? initialOffset }
        if t > last, let rule { return rule.offset(atUTC: utc) }
        // The number of transitions at or before t: the last of them is in force.
        var low = 0, high = transitions.count
        while low < high {
            let mid = (low + high) / 2
            if transitions[mid] <= t { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? initialOffset : Int(offsets[low - 1])
    }

    /// Reads a TZif file (versions 1–4). Nil when it is not one or contradicts itself; leap-second
    /// records (only in `right/` zones, which staff cannot name) are skipped.
    init?(tzif bytes: [UInt8]) {
        var reader = TZifReader(bytes: bytes)
        guard let first = reader.header() else { return nil }
        guard first.version >= 2 else {
            guard let block = reader.block(first, timeSize: 4) else { return nil }
            self.init(block: block, rule: nil)
            return
        }
        guard reader.skip(first.blockSize(timeSize: 4)), let second = reader.header(),
              let block = reader.block(second, timeSize: 8) else { return nil }
        // The footer: "\n" TZ-string "\n"; an empty string means no rule.
        let footer = reader.footer()
        self.init(block: block, rule: footer.flatMap { $0.isEmpty ? nil : PosixZoneRule($0) })
    }

    private init(block: TZifReader.Block, rule: PosixZoneRule?) {
        transitions = block.times
        offsets = block.typeIndices.map { block.typeOffsets[Int($0)] }
        initialOffset = Int(block.typeOffsets[0])
        self.rule = rule
    }
}

/// A cursor over a TZif file's big-endian fields.
private struct TZifReader {
    struct Header {
        let version: Int
        let isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt: Int
        func blockSize(timeSize: Int) -> Int {
            timecnt * timeSize + timecnt + typecnt * 6 + charcnt + leapcnt * (timeSize + 4) + isstdcnt + isutcnt
        }
    }

    struct Block {
        var times: [Int64]
        var typeIndices: [UInt8]
        var typeOffsets: [Int32]
    }

    let bytes: [UInt8]
    var position = 0

    mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, bytes.count - position >= count else { return false }
        position += count
        return true
    }

    mutating func integer(_ size: Int) -> Int64? {
        guard bytes.count - position >= size else { return nil }
        var value: UInt64 = 0
        for i in 0..<size { value = value << 8 | UInt64(bytes[position + i]) }
        position += size
        // Sign-extend from `size` bytes.
        let shift = UInt64(64 - size * 8)
        return Int64(bitPattern: value << shift) >> Int64(shift)
    }

    mutating func header() -> Header? {
        guard bytes.count - position >= 44, Array(bytes[position..<position + 4]) == Array("TZif".utf8) else { return nil }
        let versionByte = bytes[position + 4]
        let version = versionByte == 0 ? 1 : Int(versionByte) - Int(UInt8(ascii: "0"))
        guard (1...9).contains(version) else { return nil }
        position += 20
        var counts: [Int] = []
        for _ in 0..<6 {
            guard let n = integer(4), (0...1_000_000).contains(n) else { return nil }
            counts.append(Int(n))
        }
        let header = Header(version: version, isutcnt: counts[0], isstdcnt: counts[1], leapcnt: counts[2],
                            timecnt: counts[3], typecnt: counts[4], charcnt: counts[5])
        guard header.typecnt >= 1 else { return nil }
        return header
    }

    mutating func block(_ header: Header, timeSize: Int) -> Block? {
        var block = Block(times: [], typeIndices: [], typeOffsets: [])
        for _ in 0..<header.timecnt {
            guard let t = integer(timeSize), block.times.last.map({ $0 < t }) ?? true else { return nil }
            block.times.append(t)
        }
        for _ in 0..<header.timecnt {
            guard let index = integer(1), index < header.typecnt else { return nil }
            block.typeIndices.append(UInt8(index))
        }
        for _ in 0..<header.typecnt {
            // utoff (4 bytes), isdst (1), desigidx (1); offsets beyond ±26 h are not times of day.
            guard let offset = integer(4), offset > -93_600, offset < 93_600, skip(2) else { return nil }
            block.typeOffsets.append(Int32(offset))
        }
        guard skip(header.charcnt + header.leapcnt * (timeSize + 4) + header.isstdcnt + header.isutcnt) else { return nil }
        return block
    }

    /// The footer's TZ string, or nil when the file has none (or it is not newline-framed).
    mutating func footer() -> String? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\n") else { return nil }
        guard let end = bytes[(position + 1)...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        return String(decoding: bytes[(position + 1)..<end], as: UTF8.self)
    }
}
