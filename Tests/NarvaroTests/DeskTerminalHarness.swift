// Test harness for the desk on a real terminal: a pseudo-terminal (openpty) that runs the
// real `narvaro desk`, types keys into it and reads its screen; and swipes replayed through
// `narvarod --replay` as a reader would type them.
import CEvdev
import CLinux
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Glibc

final class PseudoTerminal {
    let master: Int32
    let slave: Int32
    private(set) var output: [UInt8] = []

    init(width: Int, height: Int) throws {
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        var m: Int32 = -1, s: Int32 = -1
        guard openpty(&m, &s, nil, nil, &size) == 0 else {
            throw StoreErrorForTests(message: "no pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        master = m
        slave = s
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        close(master)
        close(slave)
    }

    /// Starts `narvaro` with the slave as its standard input, output and error.
    func run(_ arguments: [String], environment: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Executables.path("narvaro"))
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        env["TERM"] = "xterm-256color"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let handle = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        process.standardInput = handle
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    /// Types `text` as keys (raw bytes: "\r" is Enter, "\u{3}" Ctrl-C, "\u{1B}" Esc).
    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Where the output is now: `screen(since:)` then shows only what was drawn after it.
    var mark: Int { output.count }

    /// What was drawn since `mark`, without escapes.
    func screen(since mark: Int = 0) -> String {
        String(decoding: output[min(mark, output.count)...], as: UTF8.self).withoutTerminalEscapes
    }

    /// Reads the terminal until `condition` holds for what was drawn since `mark`, or `seconds` pass.
    @discardableResult
    func waitFor(since mark: Int = 0, seconds: Double = 10, _ condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            drain(milliseconds: 50)
            if condition(screen(since: mark)) { return true }
            if Date() > deadline { return false }
        }
    }

    /// Waits for `process` to exit, reading everything it draws on the way out.
    func waitForExit(_ process: Process, seconds: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { drain(milliseconds: 50) }
        drain(milliseconds: 50)
        return !process.isRunning
    }

    private func drain(milliseconds: Int32) {
        var pfd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&pfd, 1, milliseconds) > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            guard n > 0 else { return }
            output += buffer.prefix(n)
        }
    }

    /// The slave's current settings: whether the terminal is back in line mode with echo.
    var isCooked: Bool {
        var settings = termios()
        guard tcgetattr(slave, &settings) == 0 else { return false }
        return settings.c_lflag & tcflag_t(ICANON) != 0 && settings.c_lflag & tcflag_t(ECHO) != 0 && settings.c_lflag & tcflag_t(ISIG) != 0
    }
}

enum DeskSwipes {
    /// An evemu recording of `cards` swiped a few seconds apart, times as offsets from `--start`.
    static func recording(_ cards: [String]) -> String {
        var script = KeyScript(start: 1_000_000)
        for card in cards {
            script.type(card)
            script.enter()
            script.wait(3_000_000)
        }
        return EvemuRecording(name: "Sycreader USB Reader", vendor: 0xFFFF, product: 0x0035, events: script.events).evemuText()
    }

    /// Replays `cards` on reader `entre`, starting a minute ago (so they are today's and in the past).
    static func replay(_ cards: [String], in ws: CLIWorkspace) throws {
        let file = ws.directory.appendingPathComponent("swipes-\(UUID().uuidString).evemu")
        try recording(cards).write(to: file, atomically: true, encoding: .utf8)
        let formatter = ISO8601DateFormatter()
        let start = formatter.string(from: Date().addingTimeInterval(-60))
        let result = try ws.narvarod(["--replay", file.path, "--reader", "entre", "--start", start])
        guard result.status == 0 else { throw StoreErrorForTests(message: result.stderr) }
    }

    /// The CLI workspace with entre counting Läxhjälp (fixed, so the day of the week does not
    /// matter) and Amir holding card 0563537489.
    static func workspace() throws -> CLIWorkspace {
        let ws = try CLIWorkspace()
        try ws.setUp()
        for command in [["reader", "edit", "entre", "--activity", "laxhjalp"],
                        ["visitor", "add", "--nickname", "Amir", "--card", "0563537489", "--reader", "entre"]] {
            let result = try Executables.run("narvaro", command, environment: ws.environment)
            guard result.status == 0 else { throw StoreErrorForTests(message: result.stderr) }
        }
        return ws
    }
}
