// Signals as readable data: SIGTERM, SIGINT and SIGHUP are blocked and delivered through a
// signalfd the poll loop waits on, so no handler runs at an arbitrary point in the loop.
import CLinux
import Glibc

/// A signal number with the names the daemon cares about.
public struct Signal: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let terminate = Signal(rawValue: SIGTERM)
    public static let interrupt = Signal(rawValue: SIGINT)
    public static let hangup = Signal(rawValue: SIGHUP)

    /// "SIGTERM", "SIGINT", "SIGHUP", or "signal N".
    public var description: String {
        switch self {
        case .terminate: return "SIGTERM"
        case .interrupt: return "SIGINT"
        case .hangup: return "SIGHUP"
        default: return "signal \(rawValue)"
        }
    }
}

/// A signalfd receiving `signals`, which are blocked for the calling thread.
///
/// Create it first thing in `main`, before anything could start a thread: a thread created
/// earlier inherits an unblocked mask, and a SIGTERM delivered to it would kill the process
/// instead of reaching the descriptor. Not `Sendable`: the mask belongs to the creating thread.
public struct SignalDescriptor {
    public let fileDescriptor: FileDescriptor
    public let signals: [Signal]
    private let previousMask: sigset_t

    /// Blocks `signals` (`sigprocmask(SIG_BLOCK)`) and opens a non-blocking, close-on-exec
    /// descriptor for them. Wraps `sigprocmask(2)` and `signalfd(2)`.
    public init(signals: [Signal] = [.terminate, .interrupt, .hangup]) throws {
        var mask = sigset_t()
        sigemptyset(&mask)
        for signal in signals { sigaddset(&mask, signal.rawValue) }
        var previous = sigset_t()
        try retryOnInterrupt("sigprocmask") { sigprocmask(SIG_BLOCK, &mask, &previous) }
        do {
            let fd = try retryOnInterrupt("signalfd") { signalfd(-1, &mask, Int32(SFD_NONBLOCK | SFD_CLOEXEC)) }
            self.fileDescriptor = FileDescriptor(rawValue: fd)
        } catch {
            sigprocmask(SIG_SETMASK, &previous, nil)
            throw error
        }
        self.signals = signals
        self.previousMask = previous
    }

    /// The next pending signal, or `nil` when none is pending. Wraps `read(2)` of one
    /// `struct signalfd_siginfo`.
    public func read() throws -> Signal? {
        var info = signalfd_siginfo()
        let size = MemoryLayout<signalfd_siginfo>.size
        do {
            let n = try withUnsafeMutableBytes(of: &info) { try fileDescriptor.read(into: $0) }
            guard n == size else { throw SystemError("read", errno: .invalidArgument) }
        } catch let error as SystemError where error.errno == .wouldBlock {
            return nil
        }
        return Signal(rawValue: Int32(bitPattern: info.ssi_signo))
    }

    /// Closes the descriptor. With `restoringMask`, also unblocks the signals again (tests do;
    /// the daemon exits instead). Wraps `close(2)` and `sigprocmask(SIG_SETMASK)`.
    public func close(restoringMask: Bool = false) throws {
        try fileDescriptor.close()
        if restoringMask {
            var mask = previousMask
            try retryOnInterrupt("sigprocmask") { sigprocmask(SIG_SETMASK, &mask, nil) }
        }
    }
}
