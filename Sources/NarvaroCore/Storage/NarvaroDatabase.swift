// Opening the Närvaro database: WAL (verified), synchronous=FULL, foreign keys, a busy timeout,
// and the schema brought up to date by forward-only migrations.
import FoundationEssentials  // FileManager only: the daemon stays clear of full Foundation and ICU
import Glibc

extension StoreError {
    /// The line for a failure to open the file.
    var openDescription: String {
        switch self {
        case .missingDirectory(let dir):
            return "directory \(dir) does not exist: create it, or choose another --database"
        case .missingDatabase(let path):
            return "no database at \(path): add a venue first (narvaro venue add …) or check --database"
        case .walRefused(let path, let mode):
            return "database \(path) could not switch to WAL mode (got '\(mode)'): put it on a local disk"
        case .newerSchema(let path, let found, let known):
            return "database \(path) has schema version \(found), newer than this Närvaro knows (\(known)): upgrade Närvaro"
        case .notAFile(let path, let kind):
            let example = kind == "a directory" ? ", e.g. \(path.hasSuffix("/") ? path : path + "/")narvaro.db" : ""
            return "database \(path) is \(kind), not a database file: give --database the path of the database file\(example)"
        case .olderSchema(let path, let found, let known):
            return "database \(path) has schema version \(found), older than this Närvaro (\(known)), and reading does not upgrade it: "
                + "start narvarod, or run any narvaro command that changes something as the database's owner, once"
        case .noSharedMemory(let path):
            return "database \(path) cannot be read without its -wal and -shm files, which only its owner can create: "
                + "start narvarod, or run any narvaro command that changes something as the database's owner, once (they are kept from then on)"
        case .foreignDatabase(let path, let table):
            return "database \(path) is not a Närvaro database (it holds another program's table '\(OutsideText.visible(table))'): "
                + "nothing was changed; check --database or $NARVARO_DATABASE"
        default:
            return ""  // not a failure to open: StoreError.description has its line
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
            throw StoreError.missingDirectory(directory)
        }
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            // SQLite would say only "cannot open", and a FIFO would hang it.
            throw StoreError.notAFile(path: path, kind: OutputFile.kind(info.st_mode))
        }
        if !create, !FileManager.default.fileExists(atPath: path) {
            throw StoreError.missingDatabase(path)
        }
        let db = try SQLiteConnection(path: path, create: create)
        try db.execute("PRAGMA busy_timeout = \(max(0, busyTimeoutMilliseconds))")
        try db.execute("PRAGMA foreign_keys = ON")
        // Deleted rows (a forgotten visitor, retention) are overwritten, not left in free pages.
        try db.execute("PRAGMA secure_delete = ON")
        // Reading the schema first turns "not a database" into an error here, not on the first swipe.
        _ = try db.scalar("SELECT count(*) FROM sqlite_master")
        try refuseForeignDatabase(db, path: path)
        let mode = try db.queryOne("PRAGMA journal_mode = WAL")?.string(0) ?? ""
        guard mode.lowercased() == "wal" else { throw StoreError.walRefused(path, mode: mode) }
        try db.execute("PRAGMA synchronous = FULL")
        try keepWALFilesForReaders(db)
        try migrate(db)
        return db
    }

    /// WAL pages between automatic checkpoints (SQLite's default is 1,000). A swipe writes ~11 pages,
    /// mostly the same few leaves again; a checkpoint copies each page once and syncs the WAL and the
    /// database, so a longer interval means fewer syncs and fewer copies: a 20k-swipe replay spent
    /// ~10 % less CPU with 4,000 (docs/benchmarks.md, issue 17). Readers still find a page in the
    /// WAL through its index in one look-up.
    static let walCheckpointPages = 4000
    /// What the WAL may keep after a checkpoint: above the size it reaches between checkpoints
    /// (4,000 frames of 4,120 bytes), so it is reused, not cut and grown again each time.
    static let walSizeLimit = 20 * 1024 * 1024

    /// Keeps the -wal and -shm files when the last writer closes (SQLITE_FCNTL_PERSIST_WAL). A reader
    /// that may not write the directory (staff in group `narvaro`) cannot create them, and SQLite
    /// needs them to read a WAL database; SQLite gives them the database file's mode and owner.
    static func keepWALFilesForReaders(_ db: SQLiteConnection) throws {
        try db.setPersistentWAL()
        // A kept WAL is truncated to 0 bytes when the last writer closes (only when a size limit is
        // set), so it never holds stale pages or space; the limit also caps it after each checkpoint.
        try db.execute("PRAGMA journal_size_limit = \(walSizeLimit)")
        try db.execute("PRAGMA wal_autocheckpoint = \(walCheckpointPages)")
        // A write-free read creates both files now, not at the first write.
        _ = try db.scalar("SELECT count(*) FROM sqlite_master")
    }

    /// Opens `path` for commands that only read (`report`, `export`, `checkins`, the list and show
    /// commands): SQLITE_OPEN_READONLY, no migrations, nothing created. Works for any user who may read
    /// the database and its -wal/-shm files; sees every commit, also while narvarod writes (WAL
    /// readers use the -shm's locks and index, read-only when the file is not writable).
    public static func openReadOnly(path: String, busyTimeoutMilliseconds: Int = 5000) throws -> SQLiteConnection {
        let directory = parentDirectory(of: path)
        var info = stat()
        if !directory.isEmpty, stat(directory, &info) != 0 || info.st_mode & S_IFMT != S_IFDIR {
            throw StoreError.missingDirectory(directory)
        }
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            throw StoreError.notAFile(path: path, kind: OutputFile.kind(info.st_mode))
        }
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.missingDatabase(path) }
        let db = try SQLiteConnection(path: path, readOnly: true, create: false)
        try db.execute("PRAGMA busy_timeout = \(max(0, busyTimeoutMilliseconds))")
        let found = try readableSchemaVersion(db, path: path)
        try refuseForeignDatabase(db, path: path)
        guard found <= Schema.currentVersion else { throw StoreError.newerSchema(path: path, found: found, known: Schema.currentVersion) }
        guard found == Schema.currentVersion else { throw StoreError.olderSchema(path: path, found: found, known: Schema.currentVersion) }
        return db
    }

    /// The schema version, read through a read-only connection (the first read opens the WAL files).
    private static func readableSchemaVersion(_ db: SQLiteConnection, path: String) throws -> Int {
        do {
            _ = try db.scalar("SELECT count(*) FROM sqlite_master")
            return Int(try db.scalar("PRAGMA user_version"))
        } catch {
            // SQLITE_READONLY / SQLITE_CANTOPEN: a WAL database whose -shm this user may not create.
            if !FileManager.default.fileExists(atPath: path + "-shm"), error.databaseError?.isReadOnly == true {
                throw StoreError.noSharedMemory(path)
            }
            throw error
        }
    }

    /// A file at version 0 with tables in it is another program's database (a --database typo): never
    /// migrated into ours or switched to WAL. Närvaro's first migration sets version 1 with its tables.
    static func refuseForeignDatabase(_ db: SQLiteConnection, path: String) throws {
        guard try db.scalar("PRAGMA user_version") == 0,
              let table = try db.queryOne("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name LIMIT 1")?.string(0)
        else { return }
        throw StoreError.foreignDatabase(path: path, table: table)
    }

    /// Applies every migration newer than the file's `user_version`, each in its own transaction.
    static func migrate(_ db: SQLiteConnection) throws {
        let found = Int(try db.scalar("PRAGMA user_version"))
        guard found <= Schema.currentVersion else {
            throw StoreError.newerSchema(path: db.path, found: found, known: Schema.currentVersion)
        }
        for version in found..<Schema.currentVersion {
            try db.transaction {
                try db.execute(Schema.migrations[version])
                if Schema.editsSchemaText(Schema.migrations[version]) {
                    // Makes this connection (and every other) parse the edited schema again.
                    try db.execute("PRAGMA schema_version = \(try db.scalar("PRAGMA schema_version") + 1)")
                }
                try db.execute("PRAGMA user_version = \(version + 1)")
            }
        }
    }
}
