// A periodic tick as a readable descriptor (timerfd on CLOCK_MONOTONIC), for the watchdog ping
// and housekeeping: it fires in the poll loop like any other input and ignores wall-clock jumps.
// CEvdev: in release builds the compiler attributes `timespec` to the first module that declared
// it (linux/input.h pulls in <time.h>), and MemberImportVisibility then asks for that import.
import CEvdev
import CLinux
import Glibc

/// A periodic monotonic timer. Readable whenever at least one interval has passed since the last read.
public struct TimerDescriptor: Sendable {
    public let fileDescriptor: FileDescriptor
    public let interval: Duration

    /// Starts a timer that first fires after `interval` and then every `interval`.
    /// Wraps `timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC)` and `timerfd_settime(2)`.
    public init(interval: Duration) throws {
        let fd = try retryOnInterrupt("timerfd_create") {
            timerfd_create(CLOCK_MONOTONIC, Int32(TFD_NONBLOCK | TFD_CLOEXEC))
        }
        let descriptor = FileDescriptor(rawValue: fd)
        var spec = itimerspec(it_interval: Self.timespec(interval), it_value: Self.timespec(interval))
        do {
            try retryOnInterrupt("timerfd_settime") { timerfd_settime(fd, 0, &spec, nil) }
        } catch {
            try? descriptor.close()
            throw error
        }
        self.fileDescriptor = descriptor
        self.interval = interval
    }

    /// Makes the timer fire once, `delay` from now (no repeat); nil disarms it. The daemon re-arms
    /// it to its next deadline at every turn of its loop, so idle it sleeps until there is one.
    /// Wraps `timerfd_settime(2)`.
    public func arm(after delay: Duration?) throws {
        var spec = itimerspec(it_interval: Glibc.timespec(), it_value: Glibc.timespec())
        if let delay { spec.it_value = Self.timespec(delay) }
        try retryOnInterrupt("timerfd_settime") { timerfd_settime(fileDescriptor.rawValue, 0, &spec, nil) }
    }

    /// How many intervals passed since the last read (0 when the timer has not fired yet).
    /// Wraps `read(2)` of the timerfd's 8-byte expiration count.
    public func read() throws -> UInt64 {
        var expirations: UInt64 = 0
        do {
            _ = try withUnsafeMutableBytes(of: &expirations) { try fileDescriptor.read(into: $0) }
        } catch let error as SystemError where error.errno == .wouldBlock {
            return 0
        }
        return expirations
    }

    /// Stops the timer. Wraps `close(2)`.
    public func close() throws { try fileDescriptor.close() }

    /// A zero interval would disarm the timer, so anything below a microsecond is raised to one.
    private static func timespec(_ duration: Duration) -> Glibc.timespec {
        let (seconds, attoseconds) = duration.components
        var spec = Glibc.timespec()
        spec.tv_sec = Int(max(seconds, 0))
        spec.tv_nsec = Int(max(attoseconds / 1_000_000_000, 0))
        if spec.tv_sec == 0 && spec.tv_nsec < 1_000 { spec.tv_nsec = 1_000 }
        return spec
    }
}
