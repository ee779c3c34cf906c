// The command layer's one error type (docs/errors.md): the command line is wrong (`usage`, exit 2),
// or a command ran and failed for a reason of its own, not the store's or the system's (exit 1).

public enum CommandError: Error, CustomStringConvertible, Equatable {
    /// The command line itself: an unknown or missing option, a value it does not take. Exit 2,
    /// with a hint to `--help`.
    case usage(String)
    /// A check the user asked for found problems (`doctor`, `stats verify`).
    case checkFailed(String)
    /// Swipes of a replay (or a benchmark) that are not in the database yet, and where they are.
    case notRecorded(String)
    /// The daemon the command ran ended with a failure code.
    case daemonFailed(String)
    /// An output path that would expose the file (a directory everyone may write to).
    case unsafeOutput(String)
    /// A file the command reads is missing or not what it should be.
    case unreadableInput(String)
    /// A file the command writes could not be written.
    case unwritableOutput(String)
    /// The database is not the kind the command works on (benchmarks need a generated one).
    case wrongDatabase(String)

    public var description: String {
        switch self {
        case .usage(let message), .checkFailed(let message), .notRecorded(let message), .daemonFailed(let message), .unsafeOutput(let message),
             .unreadableInput(let message), .unwritableOutput(let message), .wrongDatabase(let message):
            return message
        }
    }
}
