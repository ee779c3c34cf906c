// Shared by every fuzz target (compiled into each by scripts/fuzz): reading the fuzzer's bytes
// as text or as small numbers, and an oracle check that stops the run with a one-line reason.
import Glibc

/// Fails the fuzz run when an oracle does not hold. libFuzzer catches the abort and saves the
/// input; the reason goes first so `scripts/fuzz` can show it next to the target name.
func fuzzCheck(_ condition: Bool, _ reason: @autoclosure () -> String) {
    guard !condition else { return }
    let line = "ORACLE FAILED: \(reason())\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
    abort()
}

/// The fuzzer's input as a byte cursor; reads past the end give zeros, so targets never trap on
/// short inputs (the fuzzer would waste its time on our harness instead of the parser).
struct FuzzBytes {
    let bytes: [UInt8]
    private(set) var offset = 0

    init(_ data: UnsafePointer<UInt8>, _ size: Int) {
        bytes = Array(UnsafeBufferPointer(start: data, count: size))
    }

    var isAtEnd: Bool { offset >= bytes.count }

    mutating func byte() -> UInt8 {
        guard offset < bytes.count else { return 0 }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// Two bytes, little-endian.
    mutating func uint16() -> UInt16 { UInt16(byte()) | UInt16(byte()) << 8 }

    /// The input as UTF-8 text; invalid sequences become U+FFFD, as LineSource reads files.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The input split into fields at NUL and newline bytes (empty fields kept), as UTF-8 text.
    var fields: [String] {
        bytes.split(omittingEmptySubsequences: false, whereSeparator: { $0 == 0 || $0 == 0x0A })
            .map { String(decoding: $0, as: UTF8.self) }
    }
}

extension String {
    /// Line breaks as a terminal or the journal sees them; `contains("\n")` would miss "\r\n",
    /// which Swift counts as one Character.
    var lineBreakCount: Int { utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
}
