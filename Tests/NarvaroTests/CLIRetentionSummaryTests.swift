// What `retention run` says is kept is what is kept: rows go only a whole half-year at a time, so
// per-person check-ins older than the retention period can stay; the line names the real line.
import Foundation
import Testing

@Suite struct CLIRetentionSummaryTests {
    @Test func theKeptFromDateIsNoLaterThanTheOldestCheckInKept() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "Europe/Stockholm"))
        let today = calendar.startOfDay(for: Date())
        // A horizon in the middle of a half-year (1 April or 1 October), at least 30 days back.
        var horizon = try #require(calendar.date(byAdding: .day, value: -30, to: today))
        while !(calendar.component(.day, from: horizon) == 1 && [4, 10].contains(calendar.component(.month, from: horizon))) {
            horizon = try #require(calendar.date(byAdding: .day, value: -1, to: horizon))
        }
        let days = try #require(calendar.dateComponents([.day], from: horizon, to: today).day)
        let start = try #require(calendar.date(byAdding: .day, value: -14, to: horizon))
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = calendar.timeZone
        let ws = try CLIWorkspace()
        try ws.setUp()
        let replay = try ws.narvarod(["--replay", fixturesDirectory.appendingPathComponent("demo/entre-week.evemu").path,
                                      "--reader", "entre", "--start", formatter.string(from: start)])
        try #require(replay.status == 0, "\(replay.stderr)")

        let retention = try ws.narvaro("retention", "run", "--days", String(days))
        #expect(retention.status == 0, "\(retention.stderr)")
        let checkIns = try #require(try JSONSerialization.jsonObject(with: Data(ws.narvaro("checkins", "--limit", "1000", "--format", "json").stdout.utf8)) as? [[String: Any]])
        let checkInDays = checkIns.compactMap { ($0["time"] as? String).map { String($0.prefix(10)) } }
        let oldest = try #require(checkInDays.min(), "the week is after the half-year's start: kept")
        let dayFormatter = ISO8601DateFormatter()
        dayFormatter.formatOptions = [.withFullDate]
        dayFormatter.timeZone = calendar.timeZone
        #expect(oldest < dayFormatter.string(from: horizon), "check-ins older than the retention period are kept")
        let match = retention.stdout.firstMatch(of: /kept from (\d{4}-\d{2}-\d{2})/)
        let keptFrom = try #require(match.map { String($0.1) }, "\(retention.stdout)")
        #expect(keptFrom <= oldest, "'\(retention.stdout)' but a check-in of \(oldest) is still there")
    }
}
