// The daemon layer's one error type (docs/errors.md): the spool, the daemon lock, the replayed
// input. Each case is one line that says what is wrong and what to do.
import NarvaroCore

public enum DaemonError: Error, CustomStringConvertible, Equatable {
    /// The spool cannot be opened, read, written or trusted (the message names the file).
    case spool(String)
    /// A spool line that cannot be read back; it goes to the quarantine file.
    case badSpoolLine(reason: String)
    /// Another narvarod holds the database's lock (`holder`: its pid, when readable).
    case lockHeld(database: String, holder: Int32?)
    /// The lock file cannot be opened or locked for a reason of its own.
    case lockFailed(database: String, reason: String)
    /// The replayed input (`--replay FILE`) cannot be read, or is not an evemu recording.
    case input(String)

    public var description: String {
        switch self {
        case .spool(let message), .input(let message): return message
        case .badSpoolLine(let reason): return reason
        case .lockHeld(let database, let holder):
            let who = holder.map { "narvarod pid \($0)" } ?? "another narvarod"
            return "\(who) already serves database \(database): one daemon per database; stop it first (systemctl stop narvarod)"
        case .lockFailed(let database, let reason):
            return "cannot lock \(DaemonLock.path(forDatabase: database)): \(reason)"
        }
    }
}
