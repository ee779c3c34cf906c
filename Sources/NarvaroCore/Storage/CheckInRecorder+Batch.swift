// Many prepared swipes in ONE transaction, through exactly the same write as `record`: for imports
// (a reader's offline buffer, a day's recording) where one fsync per swipe would dominate.

extension CheckInRecorder {
    /// Commits `swipes` in order in one transaction: all of them, or (on an error) none.
    /// Each swipe is decided as `record` would, seeing the swipes before it in the batch
    /// (duplicates, activity cards, first visits); already-recorded swipes come back with `isNew == false`.
    public func recordBatch(_ swipes: [PreparedSwipe]) throws -> [RecordedCheckIn] {
        try store.db.transaction {
            var results: [RecordedCheckIn] = []
            results.reserveCapacity(swipes.count)
            for swipe in swipes {
                // The reader is read per swipe: an activity card earlier in the batch changes it.
                let (reader, swipeKey) = try identify(swipe)
                results.append(try write(swipe, reader: reader, swipeKey: swipeKey))
            }
            return results
        }
    }
}
