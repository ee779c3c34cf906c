// The error of the System layer: a failed system call, carrying errno, the call and the path,
// so a log line says what failed on which file and what a volunteer can do about it.
import Glibc

/// A C `errno` value as a type, so errors compare and print without global state.
public struct Errno: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let interrupted = Errno(rawValue: EINTR)
    public static let wouldBlock = Errno(rawValue: EAGAIN)
    public static let noSuchFile = Errno(rawValue: ENOENT)
    public static let permissionDenied = Errno(rawValue: EACCES)
    public static let notPermitted = Errno(rawValue: EPERM)
    public static let busy = Errno(rawValue: EBUSY)
    public static let noDevice = Errno(rawValue: ENODEV)
    public static let notTTY = Errno(rawValue: ENOTTY)
    public static let invalidArgument = Errno(rawValue: EINVAL)
    public static let badFileDescriptor = Errno(rawValue: EBADF)
    public static let connectionRefused = Errno(rawValue: ECONNREFUSED)

    /// The value of the calling thread's `errno` right now.
    public static var current: Errno { Errno(rawValue: Glibc.errno) }

    /// The C library's text for this error (`strerror`), e.g. "Permission denied".
    public var description: String {
        guard let text = strerror(rawValue) else { return "errno \(rawValue)" }
        return String(cString: text)
    }
}

/// A system call that failed: which call (`operation`, e.g. "open"), on which `path` if any,
/// and the `errno` it left.
public struct SystemError: Error, Hashable, Sendable, CustomStringConvertible {
    public var errno: Errno
    public var operation: String
    public var path: String?

    public init(_ operation: String, path: String? = nil, errno: Errno) {
        self.operation = operation
        self.path = path
        self.errno = errno
    }

    /// Builds the error from the thread's current `errno`; call it right after the failing call.
    public static func current(_ operation: String, path: String? = nil) -> SystemError {
        SystemError(operation, path: path, errno: .current)
    }

    /// One line, e.g. "open /dev/input/event3: Permission denied: add the service user to group 'input'".
    public var description: String {
        var line = operation
        if let path { line += " \(path)" }
        line += ": \(errno)"
        if let hint { line += ": \(hint)" }
        return line
    }

    /// What to do about the common failures on input devices; `nil` when there is no useful advice.
    public var hint: String? {
        guard path?.hasPrefix("/dev/input") ?? false else { return nil }
        switch errno {
        case .permissionDenied, .notPermitted: return "add the service user to group 'input'"
        case .noSuchFile, .noDevice: return "is the reader plugged in? see /dev/input/by-id"
        default: return nil
        }
    }
}
