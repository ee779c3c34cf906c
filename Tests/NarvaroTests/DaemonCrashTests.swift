// kill -9 at random points while swipes stream into `narvarod --replay -`: every swipe logged as
// recorded is in the database, a restart counts nothing twice, and the database stays intact.
// The kill points come from a printed seed (NARVARO_TEST_SEED replays them).
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Glibc
import Testing

@Suite struct DaemonCrashTests {
    /// The demo recording split into chunks that each end with a swipe's last event.
    static func swipeChunks() throws -> [String] {
        let text = try String(contentsOf: fixturesDirectory.appendingPathComponent("demo/entre-week.evemu"), encoding: .utf8)
        var chunks: [String] = []
        var current = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            current += line + "\n"
            // The Enter key's release ends a swipe: "0001 001c 0".
            if line.contains(" 0001 001c 0") { chunks.append(current); current = "" }
        }
        chunks.append(current)
        return chunks
    }

    @Test func killNineAtRandomPointsLosesNothingAndCountsNothingTwice() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let chunks = try Self.swipeChunks()
        let seed = TestSeed()
        var generator = seed.generator()
        var loggedIDs = Set<Int64>()
        for _ in 0..<50 {
            let daemon = try StreamingDaemon(ws)
            let process = daemon.process
            // Feed swipes one by one, then kill at a random moment (possibly mid-commit).
            let killAfter = Int.random(in: 0..<chunks.count, using: &generator)
            for chunk in chunks.prefix(killAfter) {
                daemon.send(chunk)
            }
            usleep(UInt32.random(in: 0..<30_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try? daemon.input.fileHandleForWriting.close()
            let log = daemon.log()
            for line in log.split(separator: "\n") where line.hasPrefix("<6>checkin id=") {
                if let id = Int64(line.dropFirst("<6>checkin id=".count).prefix { $0.isNumber }) { loggedIDs.insert(id) }
            }
        }
        let keyPath = ws.environment["NARVARO_CARD_KEY"] ?? ""
        let store = try Store(path: ws.database, create: false, cardKey: { CardHasher(key: try CardKey.load(path: keyPath)) })
        let stored = Set(try store.db.query("SELECT id FROM checkins").map { $0.int64(0) })
        #expect(loggedIDs.isSubset(of: stored), "every check-in logged as recorded is in the database, \(seed)")
        #expect(!loggedIDs.isEmpty, "\(seed)")
        #expect(try store.db.queryOne("PRAGMA integrity_check")?.string(0) == "ok", "\(seed)")
        // A full replay after all the crashes: exactly one check-in per swipe, statistics intact.
        let full = try ws.narvarod(["--replay", "-", "--reader", "entre", "--start", "2026-11-16T00:00:00+01:00"], input: chunks.joined())
        #expect(full.status == 0, "\(seed)")
        #expect(try store.db.scalar("SELECT count(*) FROM checkins") == 37, "\(seed)")
        #expect(try store.verifyStatistics().isEmpty, "\(seed)")
    }
}
