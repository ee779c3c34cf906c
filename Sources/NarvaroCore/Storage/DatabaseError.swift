// Errors from SQLite, carrying the extended result code, SQLite's message and the SQL,
// with a one-line description a volunteer or administrator can act on.
import CSQLite

public struct DatabaseError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The extended result code (sqlite3_extended_errcode).
    public var code: Int32
    public var message: String
    public var sql: String?
    /// The database file, when the error is about opening it.
    public var path: String?

    public init(code: Int32, message: String, sql: String? = nil, path: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
        self.path = path
    }

    /// The primary result code (the low byte of the extended one).
    public var primaryCode: Int32 { code & 0xFF }

    public var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }
    public var isDiskFull: Bool { primaryCode == SQLITE_FULL || code == 778 /* SQLITE_IOERR_WRITE */ || code == 1034 /* SQLITE_IOERR_FSYNC */ }
    public var isConstraint: Bool { primaryCode == SQLITE_CONSTRAINT }

    public var description: String {
        let file = path.map { " \($0)" } ?? ""
        switch primaryCode {
        case SQLITE_BUSY, SQLITE_LOCKED:
            return "database\(file) is busy (another program holds a lock): try again, or stop the program holding it"
        case SQLITE_READONLY:
            return "database\(file) is read-only: check the file's owner and permissions (\(message))"
        case SQLITE_CORRUPT, SQLITE_NOTADB:
            return "database\(file) is damaged or not a Närvaro database (\(message)): restore it from a backup"
        case SQLITE_CANTOPEN:
            return "cannot open database\(file): check that the directory exists and is writable"
        case SQLITE_FULL:
            return "disk full while writing the database\(file): free some space"
        case SQLITE_PERM, SQLITE_AUTH:
            return "permission denied on database\(file): run as a member of group 'narvaro' or as root"
        default:
            let context = sql.map { " in: \($0.split(whereSeparator: \.isNewline).joined(separator: " ").prefix(120))" } ?? ""
            return "database error \(code): \(message)\(context)"
        }
    }
}
