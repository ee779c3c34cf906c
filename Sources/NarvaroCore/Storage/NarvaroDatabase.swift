// Opening the Närvaro database: WAL (verified), synchronous=FULL, foreign keys, a busy timeout,
// and the schema brought up to date by forward-only migrations.
import FoundationEssentials  // FileManager only: the daemon stays clear of full Foundation and ICU
import Glibc

public enum DatabaseOpenError: Error, CustomStringConvertible, Equatable {
    case missingDirectory(String)
    case missingDatabase(String)
    case walRefused(String, mode: String)
    case newerSchema(path: String, found: Int, known: Int)

    public var description: String {
        switch self {
        case .missingDirectory(let dir):
            return "directory \(dir) does not exist: create it, or choose another --database"
        case .missingDatabase(let path):
            return "no database at \(path): add a venue first (narvaro venue add …) or check --database"
        case .walRefused(let path, let mode):
            return "database \(path) could not switch to WAL mode (got '\(mode)'): put it on a local disk"
        case .newerSchema(let path, let found, let known):
            return "database \(path) has schema version \(found), newer than this Närvaro knows (\(known)): upgrade Närvaro"
        }
    }
}

public enum NarvaroDatabase {
    /// Opens `path`, configures the connection and migrates the schema.
    /// - Parameters:
    ///   - create: create the file when it does not exist (otherwise a missing file is an error).
    ///   - busyTimeoutMilliseconds: how long a statement waits for another connection's lock. The daemon
    ///     keeps this short so its loop never stalls; the CLI waits longer.
    /// What `NSString.deletingLastPathComponent` gave: "" for a bare name, "/" for a file at the root.
    static func parentDirectory(of path: String) -> String {
        var path = Substring(path)
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    public static func open(path: String, create: Bool = true, busyTimeoutMilliseconds: Int = 5000) throws -> SQLiteConnection {
        let directory = parentDirectory(of: path)
        var info = stat()
        if !directory.isEmpty, stat(directory, &info) != 0 || info.st_mode & S_IFMT != S_IFDIR {
            throw DatabaseOpenError.missingDirectory(directory)
        }
        if !create, !FileManager.default.fileExists(atPath: path) {
            throw DatabaseOpenError.missingDatabase(path)
        }
        let db = try SQLiteConnection(path: path, create: create)
        try db.execute("PRAGMA busy_timeout = \(max(0, busyTimeoutMilliseconds))")
        try db.execute("PRAGMA foreign_keys = ON")
        // Deleted rows (a forgotten visitor, retention) are overwritten, not left in free pages.
        try db.execute("PRAGMA secure_delete = ON")
        // Reading the schema first turns "not a database" into an error here, not on the first swipe.
        _ = try db.scalar("SELECT count(*) FROM sqlite_master")
        let mode = try db.queryOne("PRAGMA journal_mode = WAL")?.string(0) ?? ""
        guard mode.lowercased() == "wal" else { throw DatabaseOpenError.walRefused(path, mode: mode) }
        try db.execute("PRAGMA synchronous = FULL")
        try migrate(db)
        return db
    }

    /// Applies every migration newer than the file's `user_version`, each in its own transaction.
    static func migrate(_ db: SQLiteConnection) throws {
        let found = Int(try db.scalar("PRAGMA user_version"))
        guard found <= Schema.currentVersion else {
            throw DatabaseOpenError.newerSchema(path: db.path, found: found, known: Schema.currentVersion)
        }
        for version in found..<Schema.currentVersion {
            try db.transaction {
                try db.execute(Schema.migrations[version])
                try db.execute("PRAGMA user_version = \(version + 1)")
            }
        }
    }
}
