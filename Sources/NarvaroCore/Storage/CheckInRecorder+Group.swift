// Group commit for the swipe path: swipes that are already waiting (a replay, a backlog) are
// recorded one transaction each, and one sync of the WAL makes them all durable
// (`SQLiteConnection.withGroupCommit`). What a swipe's commit means is unchanged.

extension CheckInRecorder {
    /// Runs `body`, whose `record` calls commit without waiting for the disk, then syncs them all at
    /// once. When this returns, everything `body` recorded is on disk; when it throws, some of it may
    /// not be, and the caller must record it again (idempotent: found with `isNew == false`).
    /// `swipes`: how many `body` records; one is committed and synced on its own (`synchronous = FULL`).
    public func withGroupCommit<T>(swipes: Int = .max, _ body: () -> T) throws -> T {
        try store.db.withGroupCommit(transactions: swipes, body)
    }
}
