// Pushes that are interrupted or run at once: the real `narvaro push` waits for the venue's
// advisory lock (two pushes serialise), a server stopped mid-push leaves central unchanged and the
// next push completes it, and `kill -9` at random points (20 rounds, seed printed) leaves central
// either unchanged or complete.
@testable import NarvaroCore
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroCentral
import Foundation
import Glibc
import Testing

/// A `narvaro push` process running in the background.
final class PushProcess {
    let process = Process()
    private let out = Pipe(), err = Pipe()

    init(_ venue: CentralVenue) throws {
        process.executableURL = URL(fileURLWithPath: try Executables.path("narvaro"))
        process.arguments = ["push", "--postgres", venue.conninfo]
        process.environment = ProcessInfo.processInfo.environment.merging(venue.environment) { $1 }
        process.standardOutput = out
        process.standardError = err
        try process.run()
    }

    func finish() -> ProcessResult {
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }
}

extension CentralTests {
    /// Holds the venue's push lock from another session, as a concurrent push would.
    func holdPushLock(_ venue: CentralVenue) throws -> PostgresConnection {
        let holder = try PostgresConnection(conninfo: venue.conninfo)
        try holder.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", ["narvaro-push:" + (try venue.uuid())])
        return holder
    }

    /// Waits until `count` sessions wait for an advisory lock (a condition, not a duration).
    func waitForLockWaiters(_ count: Int, _ observer: PostgresConnection) throws {
        let waiting = try eventually(timeout: 30) {
            Int(try observer.scalar("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") ?? "0") == count
        }
        if !waiting { throw PostgresTestError("no push ever waited for the lock") }
    }

    @Test func twoPushesOfOneVenueSerialiseOnTheAdvisoryLock() throws {
        let scene = try scene(venues: 1)
        let venue = scene.venues[0]
        try venue.replayWeek(start: "2026-11-09T00:00:00+01:00")
        _ = try venue.attach()
        try venue.replayWeek(start: "2026-11-16T00:00:00+01:00")
        let before = try centralContents(scene.reader)
        let holder = try holdPushLock(venue)
        let first = try PushProcess(venue), second = try PushProcess(venue)
        try waitForLockWaiters(2, scene.reader)
        #expect(try centralContents(scene.reader) == before, "neither push wrote while the lock was held")
        #expect(try scene.reader.scalar("SELECT revision FROM narvaro.venues") == "1")
        try holder.query("SELECT pg_advisory_unlock_all()")
        let results = [first.finish(), second.finish()]
        #expect(results.allSatisfy { $0.status == 0 }, "\(results.map(\.stderr))")
        let lines = results.map(\.stdout).sorted()
        // One push sent the week; the other came after it and found nothing new, or re-sent the
        // same figures under the next revision. Never the same revision twice.
        #expect(lines.contains { $0.hasPrefix("pushed ") && $0.hasSuffix("; revision 2\n") }, "\(lines)")
        #expect(Set(lines).count == 2, "\(lines)")
        #expect(try venue.store().outboxCount() == 0)
        try expectCentralEqualsLocal([venue], scene.readerInfo, periods: ["2026-W46", "2026-W47", "2026-11"])
    }

    @Test func aServerStoppedMidPushLeavesCentralUnchangedAndTheNextPushCompletesIt() throws {
        let scene = try scene(venues: 1)
        let venue = scene.venues[0]
        try venue.replayWeek(start: "2026-11-09T00:00:00+01:00")
        _ = try venue.attach()
        try venue.replayWeek(start: "2026-11-16T00:00:00+01:00")
        let before = try centralContents(scene.reader)
        let holder = try holdPushLock(venue)
        let push = try PushProcess(venue)
        try waitForLockWaiters(1, scene.reader)   // inside its transaction, before writing
        try server.stop()
        let result = push.finish()
        try server.start()
        _ = holder
        #expect(result.status == 1)
        #expect(result.stderr.contains("connection to PostgreSQL was lost"), "\(result.stderr)")
        #expect(try venue.store().outboxCount() > 0, "the outbox is kept")
        let reader = try PostgresConnection(conninfo: scene.readerInfo)
        #expect(try centralContents(reader) == before, "central unchanged")
        #expect(try reader.scalar("SELECT revision FROM narvaro.venues") == "1")
        #expect(try venue.push().hasSuffix("; revision 2\n"))
        try expectCentralEqualsLocal([venue], scene.readerInfo, periods: ["2026-W46", "2026-W47", "2026-11"])
    }

    @Test func killDashNineAtRandomPointsLeavesCentralUnchangedOrComplete() throws {
        let scene = try scene(venues: 1)
        let venue = scene.venues[0]
        try venue.replayWeek(start: "2026-09-07T00:00:00+02:00")
        _ = try venue.attach()
        let seed = TestSeed()
        var random = seed.generator()
        // How long a whole-history push takes here, to spread the kills over it.
        try venue.store().noteWholeHistory(venueID: venue.store().venue(slug: venue.slug).id)
        let started = Date()
        #expect(try PushProcess(venue).finish().status == 0)
        let span = max(Date().timeIntervalSince(started), 0.05)
        var outcomes = (unchanged: 0, complete: 0)
        for round in 0..<20 {
            let monday = LocalDate(unchecked: 2026, 9, 14).adding(days: 7 * round)
            let offset = monday >= LocalDate(unchecked: 2026, 10, 26) ? "+01:00" : "+02:00"   // summer time ends 25 October
            try venue.replayWeek(start: "\(monday)T00:00:00\(offset)", cafe: round % 2 == 0)
            try venue.store().noteWholeHistory(venueID: venue.store().venue(slug: venue.slug).id)
            let before = try centralContents(scene.reader)
            let push = try PushProcess(venue)
            usleep(UInt32(Double.random(in: 0...(span * 1.3), using: &random) * 1_000_000))
            kill(push.process.processIdentifier, SIGKILL)
            _ = push.finish()
            let middle = try centralContents(scene.reader)
            let line = try venue.push()   // "nothing to push" when the killed push had finished
            #expect(line.hasPrefix("pushed ") || line.hasPrefix("nothing to push"), "round \(round), seed \(seed): \(line)")
            let after = try centralContents(scene.reader)
            #expect(middle == before || middle == after, "round \(round), seed \(seed): central was half-written")
            if middle == before { outcomes.unchanged += 1 } else { outcomes.complete += 1 }
            #expect(try venue.store().outboxCount() == 0)
        }
        print("central kill -9 test: seed \(seed): \(outcomes.unchanged) rounds killed before COMMIT, \(outcomes.complete) after")
        try expectCentralEqualsLocal([venue], scene.readerInfo, periods: ["2026-W40", "2026-10", "2026-H2", "2027-H1"])
    }
}
