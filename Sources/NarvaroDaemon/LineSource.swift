// Reads text lines one at a time from a file or standard input, so a replay commits each swipe as
// its line arrives. Lines are bounded (4 KiB); a read error is an error, never the end of the input.
import NarvaroCore
import Glibc

/// A directory is refused at once; waiting for input can time out (`next(timeout:)`) so the caller
/// can retry its backlog meanwhile.
public final class LineSource {
    /// The longest line accepted, newline excluded. An evemu line is under 60 bytes.
    public static let maxLineBytes = 4096

    /// What `next(timeout:)` found.
    public enum Next: Equatable {
        case line(String)
        /// Nothing arrived within the timeout; the input is still open.
        case idle
        case end
    }

    private let fd: FileDescriptor
    private let name: String
    /// The bytes read and not yet returned as lines: `storage[start..<count]`. One fixed buffer that
    /// read(2) fills in place: a chunk array per read (zeroed, then appended) and a generic newline
    /// search were a fifth of narvarod's own CPU per swipe (docs/benchmarks.md).
    private let storage: UnsafeMutablePointer<UInt8>
    /// Where the unread part of `storage` starts (compacted before each read). Unchecked for
    /// exclusive access, as the pipeline's decoders are: read and written once or twice per line,
    /// only ever by this class's own methods on one thread (no access is held while `body` runs),
    /// where the run-time checks were two `swift_beginAccess` calls on every line.
    @exclusivity(unchecked) private var start = 0
    @exclusivity(unchecked) private var count = 0
    @exclusivity(unchecked) private var atEnd = false
    /// The number of the line most recently returned (1-based).
    @exclusivity(unchecked) public private(set) var lineNumber = 0

    /// Bytes asked of each read(2).
    static let chunkBytes = 65_536
    /// A partial line left before a read is at most `maxLineBytes` (longer ones are refused first).
    static let capacity = maxLineBytes + chunkBytes

    /// `-` is standard input.
    public init(path: String) throws {
        name = path == "-" ? "standard input" : path
        let raw = path == "-" ? fcntl(0, F_DUPFD_CLOEXEC, 0) : open(path, O_RDONLY | O_CLOEXEC)
        guard raw >= 0 else { throw DaemonError.input("cannot read \(name): \(String(cString: strerror(errno)))") }
        fd = FileDescriptor(rawValue: raw)
        storage = .allocate(capacity: Self.capacity)
        var info = stat()
        if fstat(raw, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            // Neither closed nor freed here: with every property set, the throw runs `deinit`, which
            // does both (closing here too closed the descriptor twice, maybe one opened meanwhile).
            throw DaemonError.input("\(name) is a directory: --replay takes an evemu recording (a file, or '-' for standard input)")
        }
    }

    deinit {
        try? fd.close()
        storage.deallocate()
    }

    /// The next line without its newline, or nil at the end of the input (waits as long as it takes).
    public func next() throws -> String? {
        while true {
            switch try next(timeout: -1) {
            case .line(let line): return line
            case .end: return nil
            case .idle: continue
            }
        }
    }

    /// The next line, `.idle` when none arrived within `timeoutMilliseconds` (-1: wait), or `.end`.
    public func next(timeout timeoutMilliseconds: Int32) throws -> Next {
        switch try next(timeout: timeoutMilliseconds, { String(decoding: $0, as: UTF8.self) }) {
        case .line(let line): return .line(line)
        case .idle: return .idle
        case .end: return .end
        }
    }

    /// What `next(timeout:_:)` found: the line as `body` made it.
    public enum Read<Line> {
        case line(Line)
        case idle
        case end
    }

    /// Like `next(timeout:)`, but hands the line's bytes (valid only during the call) to `body`
    /// instead of making a String: the replay parses ~70 lines per swipe, and a String per line
    /// was a malloc and a free each (docs/benchmarks.md, "CPU per swipe").
    public func next<Line>(timeout timeoutMilliseconds: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> Line) throws -> Read<Line> {
        while true {
            if start < count, let found = memchr(storage + start, 0x0A, count - start) {
                let newline = storage.distance(to: found.assumingMemoryBound(to: UInt8.self))
                try checkLength(newline - start)
                let line = UnsafeBufferPointer(start: storage + start, count: newline - start)
                start = newline + 1
                lineNumber += 1
                return .line(try body(line))
            }
            try checkLength(count - start)
            if atEnd {
                guard start < count else { return .end }
                let line = UnsafeBufferPointer(start: storage + start, count: count - start)
                start = count
                lineNumber += 1
                return .line(try body(line))
            }
            if start > 0 {
                memmove(storage, storage + start, count - start)
                count -= start
                start = 0
            }
            var poll = pollfd(fd: fd.rawValue, events: Int16(POLLIN), revents: 0)
            let ready: Int32
            do {
                ready = try retryOnInterrupt("poll") { Glibc.poll(&poll, 1, timeoutMilliseconds) }
            } catch {
                throw DaemonError.input("cannot read \(name): \(error.errno.map(String.init(describing:)) ?? error.description)")
            }
            if ready == 0 { return .idle }
            do {
                let n = try fd.read(into: UnsafeMutableRawBufferPointer(start: storage + count, count: min(Self.chunkBytes, Self.capacity - count)))
                if n == 0 { atEnd = true } else { count += n }
            } catch let error as SystemError where error.errno == .wouldBlock {
                continue
            } catch {
                throw DaemonError.input("cannot read \(name) after line \(lineNumber): \(error)")
            }
        }
    }

    private func checkLength(_ length: Int) throws {
        guard length > Self.maxLineBytes else { return }
        throw DaemonError.input("\(name) line \(lineNumber + 1): longer than \(Self.maxLineBytes) bytes, not an evemu recording")
    }
}
