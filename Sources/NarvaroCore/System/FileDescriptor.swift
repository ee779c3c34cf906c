// An open file descriptor as a typed value: open, read, write, close and the O_NONBLOCK flag,
// each a thin throwing wrapper over the C call it names.
import Glibc

/// A file descriptor. A value: copying it does not duplicate the descriptor, and closing it is
/// explicit (`close()`), as in swift-system.
public struct FileDescriptor: RawRepresentable, Hashable, Sendable {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Opens `path` with the C `open` flags given (`O_RDONLY | O_NONBLOCK | ...`); `O_CLOEXEC` is
    /// always added so no descriptor leaks into a child process. Wraps `open(2)`.
    public static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o600) throws -> FileDescriptor {
        let fd = try retryOnInterrupt("open", path: path) { Glibc.open(path, flags | O_CLOEXEC, mode) }
        return FileDescriptor(rawValue: fd)
    }

    /// A connected pair: bytes written to `write` can be read from `read`. Wraps `pipe(2)` and
    /// `fcntl(F_SETFD, FD_CLOEXEC)` (`pipe2` needs _GNU_SOURCE, which the Glibc module lacks).
    public static func pipe(nonblocking: Bool = false) throws -> (read: FileDescriptor, write: FileDescriptor) {
        var fds: [Int32] = [-1, -1]
        try retryOnInterrupt("pipe") { fds.withUnsafeMutableBufferPointer { Glibc.pipe($0.baseAddress) } }
        let pair = (read: FileDescriptor(rawValue: fds[0]), write: FileDescriptor(rawValue: fds[1]))
        do {
            for fd in [pair.read, pair.write] {
                try retryOnInterrupt("fcntl") { fcntl(fd.rawValue, F_SETFD, FD_CLOEXEC) }
                if nonblocking { try fd.setNonblocking(true) }
            }
        } catch {
            try? pair.read.close()
            try? pair.write.close()
            throw error
        }
        return pair
    }

    /// Closes the descriptor. Not retried on EINTR: on Linux the descriptor is released even then,
    /// and a retry could close a descriptor another open just reused. Wraps `close(2)`.
    public func close() throws {
        if Glibc.close(rawValue) == -1 {
            let error = Errno.current
            if error != .interrupted { throw SystemError("close", errno: error) }
        }
    }

    /// Reads into a buffer the caller owns; returns the byte count (0 at end of file). Throws
    /// `Errno.wouldBlock` when the descriptor is non-blocking and nothing is ready. Wraps `read(2)`.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try retryOnInterrupt("read") { Glibc.read(rawValue, buffer.baseAddress, buffer.count) }
    }

    /// Reads at most `count` bytes; returns `nil` when the descriptor is non-blocking and nothing is
    /// ready, an empty array at end of file. Wraps `read(2)`.
    public func read(upToCount count: Int) throws -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: max(count, 0))
        do {
            let n = try bytes.withUnsafeMutableBytes { try read(into: $0) }
            bytes.removeSubrange(n...)
            return bytes
        } catch let error as SystemError where error.errno == .wouldBlock {
            return nil
        }
    }

    /// Flushes the file's data and metadata to the disk. Wraps `fsync(2)`.
    public func sync() throws {
        _ = try retryOnInterrupt("fsync") { Glibc.fsync(rawValue) }
    }

    /// Writes all of `bytes`, continuing after a partial write. Wraps `write(2)`.
    public func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = try bytes.withUnsafeBytes { all in
                try retryOnInterrupt("write") {
                    Glibc.write(rawValue, all.baseAddress.map { $0 + offset }, all.count - offset)
                }
            }
            offset += n
        }
    }

    /// Whether reads return EAGAIN instead of waiting. Wraps `fcntl(F_GETFL)`.
    public func isNonblocking() throws -> Bool {
        let flags = try retryOnInterrupt("fcntl") { fcntl(rawValue, F_GETFL) }
        return flags & O_NONBLOCK != 0
    }

    /// Sets or clears `O_NONBLOCK`. Wraps `fcntl(F_GETFL)` and `fcntl(F_SETFL)`.
    public func setNonblocking(_ on: Bool) throws {
        let flags = try retryOnInterrupt("fcntl") { fcntl(rawValue, F_GETFL) }
        let wanted = on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK
        if wanted != flags { try retryOnInterrupt("fcntl") { fcntl(rawValue, F_SETFL, wanted) } }
    }
}
