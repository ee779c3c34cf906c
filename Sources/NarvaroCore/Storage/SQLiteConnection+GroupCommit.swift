// Group commit: transactions that are already waiting share one sync of the WAL. Each still commits
// on its own (atomic, rolled back alone); they commit at `synchronous = NORMAL` (in the WAL, not yet
// on the disk) and one sync of the WAL file afterwards makes all of them durable, which is what
// `synchronous = FULL` does at every commit. Nobody is told "recorded" before that sync returns.
import CSQLite

extension SQLiteConnection {
    /// Runs `body`, whose transactions commit without waiting for the disk, then syncs the WAL once.
    /// `body` does not throw: it keeps its own account of what committed. The sync runs whatever
    /// `body` did, so everything it committed is durable when this returns; when this throws, some
    /// of it may not be (the caller keeps it, to commit again: the swipe path is idempotent).
    /// `transactions`: how many `body` may commit. One commits at `synchronous = FULL` as it is
    /// (SQLite syncs the WAL at that commit, before anyone can read it): a group of one needs
    /// neither the two pragmas nor a sync of its own.
    public func withGroupCommit<T>(transactions: Int = .max, _ body: () -> T) throws(StoreError) -> T {
        if transactions <= 1 { return body() }
        _ = try statement("PRAGMA synchronous = NORMAL").run([])
        let result = body()
        // Back to FULL first: whatever else this connection commits syncs at its own commit again.
        var restored: StoreError?
        do throws(StoreError) { _ = try statement("PRAGMA synchronous = FULL").run([]) } catch { restored = error }
        try syncWAL()
        if let restored { throw restored }
        return result
    }

    /// Runs `body`, whose transactions commit at `synchronous = NORMAL`: in the WAL, on the disk with
    /// the next commit that syncs (or the next checkpoint). For writes that can be made again from
    /// what is already durable (the statistics' catch-up), never for a swipe.
    public func withoutSync<T>(_ body: () throws -> T) throws -> T {
        let level = try scalar("PRAGMA synchronous")
        guard level > 1 else { return try body() }   // NORMAL or OFF already (a benchmark's setup)
        _ = try statement("PRAGMA synchronous = NORMAL").run([])
        let result: Result<T, any Error> = Result { try body() }
        // Back whatever happened: the next swipe must sync at its commit.
        _ = try statement("PRAGMA synchronous = \(level)").run([])
        return try result.get()
    }

    /// Syncs the WAL file through SQLite's own handle of it (SQLITE_FCNTL_JOURNAL_POINTER, then the
    /// VFS's xSync: `fdatasync` on Linux, and the directory too when the file was just created).
    func syncWAL() throws(StoreError) {
        var file: UnsafeMutablePointer<sqlite3_file>?
        let rc = sqlite3_file_control(handle, "main", SQLITE_FCNTL_JOURNAL_POINTER, &file)
        guard rc == SQLITE_OK else {
            throw .database(DatabaseError(code: rc, message: "cannot reach the WAL file to sync it", path: path))
        }
        // No WAL open yet: nothing was written, so nothing waits for the disk.
        guard let file, let methods = file.pointee.pMethods, let sync = methods.pointee.xSync else { return }
        let synced = sync(file, SQLITE_SYNC_NORMAL)
        guard synced == SQLITE_OK else {
            throw .database(DatabaseError(code: synced, message: "cannot sync the WAL file to disk", path: path))
        }
    }
}
