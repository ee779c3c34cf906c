// Staff in the database's group read reports without being its owner: real users made with
// useradd, the real binaries run as them (runuser), the daemon stopped and running.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Testing

/// A group, an owner (the daemon's user) and a staff member in the group, removed again at the end.
final class AccessUsers {
    let tag = String(UUID().uuidString.prefix(6)).lowercased()
    var group: String { "nvg\(tag)" }
    var owner: String { "nvo\(tag)" }
    var staff: String { "nvs\(tag)" }
    let directory: URL

    init() throws {
        directory = URL(fileURLWithPath: "/tmp/narvaro-access-\(tag)")
        for command in [["/usr/sbin/groupadd", group], ["/usr/sbin/useradd", "-M", "-N", "-g", group, "-s", "/usr/sbin/nologin", owner],
                        ["/usr/sbin/useradd", "-M", "-N", "-g", "users", "-G", group, "-s", "/usr/sbin/nologin", staff]] {
            let result = try Executables.runTool(command[0], Array(command.dropFirst()))
            guard result.status == 0 else { throw StoreErrorForTests(message: "\(command): \(result.stderr)") }
        }
        // Like /var/lib/narvaro: the owner's, readable by the group, not writable by it.
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        try Executables.runTool("/usr/bin/chown", ["\(owner):\(group)", directory.path])
        try Executables.runTool("/usr/bin/chmod", ["0750", directory.path])
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
        _ = try? Executables.runTool("/usr/sbin/userdel", [staff])
        _ = try? Executables.runTool("/usr/sbin/userdel", [owner])
        _ = try? Executables.runTool("/usr/sbin/groupdel", [group])
    }

    var database: String { directory.appendingPathComponent("narvaro.db").path }
    var global: [String] { ["--database", database, "--card-key", directory.appendingPathComponent("card-key").path] }

    /// Runs a Närvaro binary as `user` (runuser: a real login-less switch of uid, gid and groups).
    @discardableResult
    func run(_ user: String, _ binary: String, _ arguments: [String], input: String? = nil) throws -> ProcessResult {
        try Executables.run("/usr/sbin/runuser", ["-u", user, "--", Executables.path(binary)] + global + arguments, input: input)
    }
}

@Suite(.enabled(if: getuid() == 0, "creates users and groups with useradd: run as root (CI does)"))
struct SystemGroupAccessTests {
    static let readCommands: [[String]] = [
        ["report", "--week", "2026-W47"], ["report", "--week", "2026-W47", "--format", "json"], ["report", "--half", "2026-H2", "--by", "week"],
        ["export", "--period", "2026-W47", "--format", "csv"], ["checkins"], ["venue", "list"], ["venue", "show", "tingshuset"],
        ["activity", "list"], ["activity", "show", "laxhjalp"], ["reader", "list"], ["reader", "show", "entre"],
        ["schedule", "list"], ["visitor", "list"], ["card", "list"],
    ]

    @Test func groupMemberReadsWhetherTheDaemonRunsOrNot() throws {
        let users = try AccessUsers()
        for command in [["venue", "add", "tingshuset", "--name", "Gamla Tingshuset"],
                        ["activity", "add", "laxhjalp", "--venue", "tingshuset", "--name", "Läxhjälp", "--organizer", "Hej främling!"],
                        ["schedule", "add", "laxhjalp", "--weekly", "tue", "15:00-18:00"],
                        ["reader", "add", "entre", "--venue", "tingshuset", "--usb", "ffff:0035", "--card-format", "decimal10"]] {
            let result = try users.run(users.owner, "narvaro", command)
            try #require(result.status == 0, "\(result.stderr)")
        }
        // The daemon is stopped: no narvaro process holds the database.
        let keyExisted = FileManager.default.fileExists(atPath: users.directory.appendingPathComponent("card-key").path)
        for command in Self.readCommands {
            let result = try users.run(users.staff, "narvaro", command)
            #expect(result.status == 0, "\(command) as a group member, daemon stopped: \(result.stderr)")
        }
        #expect(try users.run(users.staff, "narvaro", ["venue", "add", "x", "--name", "X"]).status == 1, "staff may read, not write")
        #expect(FileManager.default.fileExists(atPath: users.directory.appendingPathComponent("card-key").path) == keyExisted,
                "a read-only command never creates the card key")

        // The daemon runs (a streaming replay as the owner holds the database open and commits each swipe).
        let daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
        daemon.arguments = ["-u", users.owner, "--", try Executables.path("narvarod")] + users.global
            + ["--replay", "-", "--reader", "entre", "--start", "2026-11-16T00:00:00+01:00"]
        let input = Pipe(), errors = Pipe()
        daemon.standardInput = input
        daemon.standardError = errors
        daemon.standardOutput = FileHandle.nullDevice
        try daemon.run()
        let text = try String(contentsOf: fixturesDirectory.appendingPathComponent("demo/entre-week.evemu"), encoding: .utf8)
        input.fileHandleForWriting.write(Data(text.utf8))
        var log = ""
        while !log.contains("checkin id=37 ") {   // every swipe committed; the daemon still runs, stdin open
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            log += String(decoding: chunk, as: UTF8.self)
        }
        #expect(log.contains("checkin id=37 "), "\(log)")
        #expect(daemon.isRunning)
        let live = try users.run(users.staff, "narvaro", ["report", "--week", "2026-W47", "--format", "json"])
        #expect(live.status == 0, "\(live.stderr)")
        #expect(live.stdout.contains("\"visits\": 36"), "the reader sees every commit of the running daemon: \(live.stdout)")
        for command in Self.readCommands {
            let result = try users.run(users.staff, "narvaro", command)
            #expect(result.status == 0, "\(command) as a group member, daemon running: \(result.stderr)")
        }
        try input.fileHandleForWriting.close()
        daemon.waitUntilExit()
        #expect(daemon.terminationStatus == 0)

        // Stopped again: the same figures, for the owner and for staff.
        let owner = try users.run(users.owner, "narvaro", ["report", "--week", "2026-W47", "--format", "json"])
        let staff = try users.run(users.staff, "narvaro", ["report", "--week", "2026-W47", "--format", "json"])
        #expect(staff.status == 0 && staff.stdout == owner.stdout && staff.stdout.contains("\"visits\": 36"), "\(staff.stderr)")
        for suffix in ["-wal", "-shm"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: users.database + suffix)
            #expect((attributes[.posixPermissions] as? Int) == 0o640, "\(suffix) kept for readers, group-readable")
        }
        let wal = try FileManager.default.attributesOfItem(atPath: users.database + "-wal")
        #expect((wal[.size] as? Int) == 0, "the kept WAL is checkpointed and emptied when the last writer closes")

        // Without the WAL files (deleted by hand, or a tool that does not keep them) staff are told what to do.
        try FileManager.default.removeItem(atPath: users.database + "-wal")
        try FileManager.default.removeItem(atPath: users.database + "-shm")
        let missing = try users.run(users.staff, "narvaro", ["report", "--week", "2026-W47"])
        #expect(missing.status == 1 && missing.stderr.contains("start narvarod, or run any narvaro command that changes something"), "\(missing.stderr)")
        // Any command of the owner's brings them back (SQLite creates them with the database's mode and owner).
        #expect(try users.run(users.owner, "narvaro", ["venue", "list"]).status == 0)
        #expect(try users.run(users.staff, "narvaro", ["report", "--week", "2026-W47"]).status == 0)
    }
}
