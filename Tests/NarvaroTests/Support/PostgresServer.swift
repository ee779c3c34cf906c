// A real PostgreSQL 15 for the central tests: initdb into a temporary directory as the `postgres`
// user (PostgreSQL refuses root), Unix socket only in that directory, one server per suite
// (`.postgres` trait), stopped when the suite ends, fails, or the test process dies (a watchdog).
@testable import NarvaroCentral
import Foundation
import Glibc
import Testing

final class PostgresServer: @unchecked Sendable {
    static let bin = "/usr/lib/postgresql/15/bin"
    /// Root (to switch to `postgres`) and the Debian server binaries.
    static let available = getuid() == 0 && FileManager.default.isExecutableFile(atPath: bin + "/initdb") && getpwnam("postgres") != nil

    @TaskLocal static var current: PostgresServer?

    let directory: String
    private let watchdog: pid_t
    private var databases = 0

    init() throws {
        var template = Array("/tmp/narvaro-pg-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw PostgresTestError("mkdtemp failed") }
        directory = String(cString: made)
        chmod(directory, 0o755)
        if let pw = getpwnam("postgres") { chown(directory, pw.pointee.pw_uid, pw.pointee.pw_gid) }
        try Self.asPostgres(Self.bin + "/initdb", ["-D", directory + "/data", "-A", "trust", "-U", "postgres", "--no-sync"])
        // Stops the server and removes the directory if this process dies without cleaning up.
        // In a session of its own (setsid), so a signal to the test run's process group (a timeout)
        // does not take the watchdog down with it.
        watchdog = try Self.spawn(["/usr/bin/setsid", "/bin/sh", "-c", "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; runuser -u postgres -- \(Self.bin)/pg_ctl -D '\(directory)/data' -m immediate stop >/dev/null 2>&1; rm -rf '\(directory)'"],
                                  output: "/dev/null", wait: false)
        try start()
        try superuser().query("CREATE ROLE narvaro_admin LOGIN CREATEROLE")
    }

    /// The suite's cleanup: an immediate stop (nothing to keep) and the directory removed.
    func destroy() {
        try? stop()
        kill(watchdog, SIGTERM)
        var status: Int32 = 0
        waitpid(watchdog, &status, 0)
        try? FileManager.default.removeItem(atPath: directory)
    }

    func start() throws {
        try Self.asPostgres(Self.bin + "/pg_ctl", ["-D", directory + "/data", "-l", directory + "/log", "-w", "start",
                                                   "-o", "-k \(directory) -c listen_addresses='' -c fsync=off -c max_connections=50"])
    }

    func stop() throws {
        try Self.asPostgres(Self.bin + "/pg_ctl", ["-D", directory + "/data", "-m", "immediate", "-w", "stop"])
    }

    func conninfo(user: String, database: String = "postgres") -> String { "host=\(directory) dbname=\(database) user=\(user)" }

    func superuser(database: String = "postgres") throws -> PostgresConnection {
        try PostgresConnection(conninfo: conninfo(user: "postgres", database: database))
    }

    /// A fresh database owned by the administrator role, with the central schema initialised.
    func centralDatabase() throws -> String {
        databases += 1
        let name = "central_\(databases)"
        try superuser().query("CREATE DATABASE \(name) OWNER narvaro_admin")
        _ = try CentralSchema.initialise(PostgresConnection(conninfo: conninfo(user: "narvaro_admin", database: name)))
        return name
    }

    /// A new venue login role (a member of narvaro_venue), named uniquely in the cluster.
    func venueRole(_ prefix: String, municipality: Bool = false) throws -> String {
        let name = "\(prefix)_\(UInt32.random(in: 0...UInt32.max))"
        for statement in CentralSchema.roleSQL(name: name, municipality: municipality) { try superuser().query(statement) }
        return name
    }

    /// Runs `tool` as the `postgres` user and waits. posix_spawn and waitpid, not Foundation's
    /// Process: the server pg_ctl starts inherits the descriptors, and Process did not return here.
    @discardableResult
    static func asPostgres(_ tool: String, _ arguments: [String]) throws -> String {
        let log = "/tmp/narvaro-pg-tool-\(UUID().uuidString)"
        defer { unlink(log) }
        let status = try spawn(["/usr/sbin/runuser", "-u", "postgres", "--", tool] + arguments, output: log, wait: true)
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        guard status == 0 else { throw PostgresTestError("\(tool) failed (\(status)): \(text)") }
        return text
    }

    /// Starts `argv` with standard output and error into `output` (a file) and standard input from
    /// /dev/null; returns the exit status when waiting, else the pid.
    static func spawn(_ argv: [String], output: String, wait: Bool) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, nil, cArgs, environ)
        guard rc == 0 else { throw PostgresTestError("cannot start \(argv[0]): errno \(rc)") }
        guard wait else { return pid }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}

struct PostgresTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// One PostgreSQL server for the whole suite, reachable through `PostgresServer.current`.
struct PostgresSuiteTrait: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let server = try PostgresServer()
        defer { server.destroy() }
        try await PostgresServer.$current.withValue(server) { try await function() }
    }
}

extension Trait where Self == PostgresSuiteTrait {
    static var postgres: Self { PostgresSuiteTrait() }
}
