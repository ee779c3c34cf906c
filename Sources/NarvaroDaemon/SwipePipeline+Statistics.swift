// The pipeline's share of "statistics follow the check-ins": it records swipes without their
// statistics and counts them in a catch-up every `statisticsGroup` check-ins; its owner (the serve
// loop, a replay) catches up when its input pauses. See docs/design-decisions.md.
import NarvaroCore

extension SwipePipeline {
    /// The most check-ins the pipeline lets wait for their statistics before catching up itself,
    /// whether or not the input pauses: reports stay at most this far behind a long replay.
    public static let statisticsGroup = 256

    /// Writes the statistics of every check-in not counted yet (this run's and any an earlier run
    /// left), in one transaction that does not wait for the disk: the check-ins are durable already,
    /// and a catch-up lost with the power is done again at the next start. Returns how many
    /// check-ins it looked at. `waiting`: wait out another program's lock as a swipe's first attempt
    /// does (a replay's end, a stop), else not at all (the loop retries, and must not stall).
    @discardableResult
    public func catchUpStatistics(waiting: Bool = false) throws -> Int {
        setBusyTimeout(waiting ? busyTimeouts?.first : busyTimeouts?.retry)
        let looked = try recorder.catchUpStatistics(syncing: false)
        statisticsBehind = 0
        return looked
    }

    /// Catches up once `statisticsGroup` check-ins wait. A failure is left to the owner's catch-up,
    /// which reports it.
    func catchUpIfGroupFull() {
        if statisticsBehind >= Self.statisticsGroup { _ = try? catchUpStatistics() }
    }
}
