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

/// The System layer's one error (docs/errors.md): a system call that failed (which call, on which
/// path, the `errno` it left), or a file Närvaro was asked to write that the one rule for output
/// files refuses (`OutputFile`).
public enum SystemError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A failed call: `operation` (e.g. "open"), the `path` if any, and `errno`.
    case call(operation: String, path: String?, errno: Errno)
    /// The output file exists and replacing it was not asked for (`--force`).
    case outputExists(path: String)
    /// The output path names a directory, FIFO, link or device: never written or replaced.
    case outputNotARegularFile(path: String, kind: String)
    /// The output file's directory does not exist.
    case outputMissingDirectory(path: String, directory: String)
    /// Writing the output file failed (`action`: create, write, fsync, replace...).
    case outputFailed(path: String, action: String, errno: Errno)

    public init(_ operation: String, path: String? = nil, errno: Errno) {
        self = .call(operation: operation, path: path, errno: errno)
    }

    /// Builds the error from the thread's current `errno`; call it right after the failing call.
    public static func current(_ operation: String, path: String? = nil) -> SystemError {
        SystemError(operation, path: path, errno: .current)
    }

    /// The `errno` a call left; nil for a refusal, which no call returned.
    public var errno: Errno? {
        switch self {
        case .call(_, _, let errno), .outputFailed(_, _, let errno): errno
        case .outputExists, .outputNotARegularFile, .outputMissingDirectory: nil
        }
    }

    /// One line, e.g. "open /dev/input/event3: Permission denied: add the service user to group 'input'".
    public var description: String {
        switch self {
        case .call(let operation, let path, let errno):
            var line = operation
            if let path { line += " \(path)" }
            line += ": \(errno)"
            if let hint { line += ": \(hint)" }
            return line
        case .outputExists(let path):
            return "\(path) exists: add --force to replace it, or choose another file name"
        case .outputNotARegularFile(let path, let kind):
            return "\(path) is \(kind), not a regular file: give the path of a file to write (--output - writes to standard output)"
        case .outputMissingDirectory(let path, let directory):
            return "cannot write \(path): directory \(directory) does not exist; create it or choose another path"
        case .outputFailed(let path, let action, let code):
            return "cannot \(action) \(path): \(code)"
        }
    }

    /// What to do about the common failures on input devices; `nil` when there is no useful advice.
    public var hint: String? {
        guard case .call(_, let path, let errno) = self, path?.hasPrefix("/dev/input") ?? false else { return nil }
        switch errno {
        case .permissionDenied, .notPermitted: return "add the service user to group 'input'"
        case .noSuchFile, .noDevice: return "is the reader plugged in? see /dev/input/by-id"
        default: return nil
        }
    }
}
