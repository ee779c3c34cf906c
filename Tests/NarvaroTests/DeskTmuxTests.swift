// End to end, as at the front desk: `narvaro desk` runs in a real terminal (tmux) while
// `narvarod --replay` commits swipes; the screen, read with `tmux capture-pane`, greets the
// known visitor, flags the new card and counts both, then `q` ends the desk.
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

enum Tmux {
    /// tmux's path, installing it with apt-get when it is missing (the test skips only if that fails).
    static let path: String? = {
        func find() -> String? { ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) } }
        if let found = find() { return found }
        let install = Process()
        install.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        install.arguments = ["apt-get", "install", "-y", "-q", "tmux"]
        install.environment = ["DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"]
        install.standardOutput = FileHandle.nullDevice
        install.standardError = FileHandle.nullDevice
        guard (try? install.run()) != nil else { return nil }
        install.waitUntilExit()
        return find()
    }()

    /// Runs tmux on its own server socket `socket` and returns what it printed.
    ///
    /// Spawned with posix_spawn and an empty signal mask rather than `Process`: test threads block
    /// most signals and a child inherits that, which leaves a tmux server deaf to SIGTERM and SIGCHLD.
    /// Output goes through files, not pipes, so a daemonising server cannot hold a pipe open.
    @discardableResult
    static func run(_ socket: String, _ arguments: [String]) throws -> ProcessResult {
        let directory = try TemporaryDirectory("tmux")
        defer { withExtendedLifetime(directory) {} }
        let outPath = directory.appending("out").path, errPath = directory.appending("err").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        env.removeValue(forKey: "TMUX")
        let argv = ([path ?? "tmux", "-u", "-L", socket, "-f", "/dev/null"] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path ?? "/usr/bin/tmux", &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw StoreErrorForTests(message: "tmux: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let read = { (p: String) in (try? String(contentsOfFile: p, encoding: .utf8)) ?? "" }
        return ProcessResult(status: (status >> 8) & 0xFF, stdout: read(outPath), stderr: read(errPath))
    }

    /// Captures the pane until `condition` holds or `seconds` pass; returns the last capture.
    static func waitForScreen(_ socket: String, seconds: Double = 10, _ condition: (String) -> Bool) throws -> String {
        var screen = ""
        _ = try eventually(timeout: seconds) {
            screen = try run(socket, ["capture-pane", "-p", "-t", "desk"]).stdout
            return condition(screen)
        }
        return screen
    }
}

@Suite struct DeskTmuxTests {
    @Test(.enabled(if: Tmux.path != nil, "tmux is not installed and `apt-get install -y tmux` failed: the end-to-end desk test needs it"))
    func swipesShowUpOnTheDeskAsTheyAreCommitted() throws {
        let ws = try DeskSwipes.workspace()
        let socket = "narvaro-desk-\(UUID().uuidString.prefix(8))"
        defer {
            _ = try? Tmux.run(socket, ["kill-server"])
            unlink("\(ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp")/tmux-\(getuid())/\(socket)")
        }
        func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let command = ["env", "LANG=C.UTF-8", "TERM=screen", try Executables.path("narvaro"), "--database", ws.database,
                       "--card-key", ws.environment["NARVARO_CARD_KEY"] ?? "", "desk", "--lang", "sv"].map(quoted).joined(separator: " ")
        let started = try Tmux.run(socket, ["new-session", "-d", "-s", "desk", "-x", "80", "-y", "24", "exec " + command])
        #expect(started.status == 0, "\(started.stderr)")

        var screen = try Tmux.waitForScreen(socket) { $0.contains("Inga blipp än i dag.") }
        #expect(screen.contains(" Gamla Tingshuset"), "\(screen)")
        #expect(screen.contains(" e registrera nytt kort · a byt aktivitet · q avsluta"))

        // Amir's card, then a card nobody has registered, committed by the daemon's replay.
        try DeskSwipes.replay(["0563537489", "1234567890"], in: ws)
        screen = try Tmux.waitForScreen(socket) { $0.contains("Välkommen, Amir!") && $0.contains("NYTT KORT: tryck e") }
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains { $0.hasPrefix(" ★ Välkommen, Amir!  Läxhjälp  ") }, "\(screen)")
        #expect(lines.contains { $0.hasPrefix(" ! NYTT KORT (entre, ") })
        let swipes = lines.filter { $0.contains("Läxhjälp            ") && !$0.hasPrefix("   ") }
        #expect(swipes.count == 2 && swipes[0].hasSuffix("! NYTT KORT: tryck e") && swipes[1].contains("Amir") && swipes[1].hasSuffix("✓ räknad"),
                "newest first: \(swipes)")
        #expect(lines.contains("   Totalt                                   2       2       2"), "\(screen)")
        #expect(lines.allSatisfy { TextTable.displayWidth($0) <= 80 })

        try Tmux.run(socket, ["send-keys", "-t", "desk", "q"])
        _ = try eventually(timeout: 10) { try Tmux.run(socket, ["has-session", "-t", "desk"]).status != 0 }
        #expect(try Tmux.run(socket, ["has-session", "-t", "desk"]).status != 0, "q ends the desk")
    }
}
