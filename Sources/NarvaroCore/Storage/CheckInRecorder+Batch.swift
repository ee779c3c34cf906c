// Many prepared swipes in ONE transaction, through exactly the same write as `record`: for imports
// (a reader's offline buffer, a day's recording) where one fsync per swipe would dominate.

extension CheckInRecorder {
    /// Commits `swipes` in order in one transaction: all of them, or (on an error) none.
    /// Each swipe is decided as `record` would, seeing the swipes before it in the batch
    /// (duplicates, activity cards, first visits); already-recorded swipes come back with `isNew == false`.
    public func recordBatch(_ swipes: [PreparedSwipe]) throws -> [RecordedCheckIn] {
        try inTransaction {
            var results: [RecordedCheckIn] = []
            results.reserveCapacity(swipes.count)
            // Each swipe sees the readers as the ones before it left them (an activity card switches one).
            for swipe in swipes { results.append(try write(swipe)) }
            return results
        }
    }
}
