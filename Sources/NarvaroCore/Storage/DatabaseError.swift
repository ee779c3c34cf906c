// What SQLite said when it refused: the extended result code, its message and the SQL, with a
// one-line description a volunteer can act on. Thrown as `StoreError.database` (docs/errors.md).
import CSQLite

public struct DatabaseError: CustomStringConvertible, Equatable, Sendable {
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

    /// Another connection holds a lock (SQLITE_BUSY, SQLITE_LOCKED).
    public var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }
    /// The disk or the file size limit is full (SQLITE_FULL, or a failed write/fsync as RLIMIT_FSIZE reports it).
    public var isFull: Bool { primaryCode == SQLITE_FULL || code == 778 /* SQLITE_IOERR_WRITE */ || code == 1034 /* SQLITE_IOERR_FSYNC */ }
    /// The operating system reported an I/O error (SQLITE_IOERR and its extended codes).
    public var isIOError: Bool { primaryCode == SQLITE_IOERR }
    /// The file, its directory or the filesystem cannot be written (SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN).
    public var isReadOnly: Bool { primaryCode == SQLITE_READONLY || primaryCode == SQLITE_PERM || primaryCode == SQLITE_CANTOPEN }
    /// The file is damaged or not a database (SQLITE_CORRUPT, SQLITE_NOTADB).
    public var isCorrupt: Bool { primaryCode == SQLITE_CORRUPT || primaryCode == SQLITE_NOTADB }
    /// A progress handler stopped the statement (SQLITE_INTERRUPT): a budget ran out.
    public var isInterrupted: Bool { primaryCode == SQLITE_INTERRUPT }
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
