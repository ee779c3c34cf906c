// Runs the real narvaro and narvarod binaries (built beside the test bundle) as a user would.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation

struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

struct MissingExecutable: Error, CustomStringConvertible {
    var name: String
    var description: String { "\(name) is not built beside the test bundle (\(CommandLine.arguments[0])): run `swift build --build-tests` first" }
}

/// Reads a pipe to its end on a thread of its own, so a child that fills one pipe while we wait
/// on the other cannot deadlock the test.
private final class PipeDrain: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    /// Everything the pipe carried; the semaphore orders the thread's write before this read.
    func wait() -> Data {
        done.wait()
        return data
    }
}

enum Executables {
    /// The directory holding the built products (the test bundle's directory), or nil.
    static let productsDirectory: URL? = {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" {
            if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("narvaro").path) { return url }
            url = url.deletingLastPathComponent()
        }
        return nil
    }()

    /// The built binary `name` (or an absolute path as given); throws when it is not there, so a
    /// test never runs `/narvaro` by accident.
    static func path(_ name: String) throws -> String {
        if name.hasPrefix("/") { return name }
        guard let directory = productsDirectory, FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent(name).path) else {
            throw MissingExecutable(name: name)
        }
        return directory.appendingPathComponent(name).path
    }

    /// Runs a system tool by absolute path (python3 through /usr/bin/env, tmux, sqlite3).
    @discardableResult
    static func runTool(_ path: String, _ arguments: [String], input: String? = nil) throws -> ProcessResult {
        try run(path, arguments, input: input)
    }

    /// Runs `name` with `arguments`, optional standard input, and extra environment; stdout and
    /// stderr are read at the same time.
    @discardableResult
    static func run(_ name: String, _ arguments: [String], environment: [String: String] = [:], input: String? = nil) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try path(name))
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        env["NARVARO_LANG"] = nil  // a developer's chosen language must not change what tests read
        env["LC_MESSAGES"] = nil
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe(), inp = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inp
        try process.run()
        let stdout = PipeDrain(out.fileHandleForReading), stderr = PipeDrain(err.fileHandleForReading)
        if let input { inp.fileHandleForWriting.write(Data(input.utf8)) }
        try inp.fileHandleForWriting.close()
        let outData = stdout.wait(), errData = stderr.wait()
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A scratch directory with a database path and card key path for CLI tests.
final class CLIWorkspace {
    private let scratch: TemporaryDirectory
    var directory: URL { scratch.url }
    var environment: [String: String]

    init() throws {
        scratch = try TemporaryDirectory("cli")
        environment = ["NARVARO_DATABASE": scratch.appending("n.db").path,
                       "NARVARO_CARD_KEY": scratch.appending("card-key").path]
    }

    var database: String { environment["NARVARO_DATABASE"] ?? "" }

    @discardableResult
    func narvaro(_ arguments: String...) throws -> ProcessResult { try Executables.run("narvaro", arguments, environment: environment) }

    @discardableResult
    func narvarod(_ arguments: [String], input: String? = nil) throws -> ProcessResult {
        try Executables.run("narvarod", arguments, environment: environment, input: input)
    }

    /// A venue, an activity on Tuesdays and a decimal10 reader `entre`.
    func setUp() throws {
        for command in [["venue", "add", "tingshuset", "--name", "Gamla Tingshuset"],
                        ["activity", "add", "laxhjalp", "--venue", "tingshuset", "--name", "Läxhjälp", "--organizer", "Hej främling!"],
                        ["schedule", "add", "laxhjalp", "--weekly", "tue", "15:00-18:00"],
                        ["reader", "add", "entre", "--venue", "tingshuset", "--usb", "ffff:0035", "--card-format", "decimal10"]] {
            let result = try Executables.run("narvaro", command, environment: environment)
            guard result.status == 0 else { throw StoreErrorForTests(message: result.stderr) }
        }
    }
}

extension CLIWorkspace {
    /// Runs `narvaro` commands that set a test up; the first that fails throws with its message.
    func run(_ commands: [[String]]) throws {
        for command in commands {
            let result = try Executables.run("narvaro", command, environment: environment)
            guard result.status == 0 else { throw StoreErrorForTests(message: "\(command): \(result.stderr)") }
        }
    }

    /// One swipe of card 0000000000 on `reader` at `start` (ISO 8601), through `narvarod --replay -`.
    func swipe(on reader: String, at start: String) throws {
        let key = "E: 0.000001 0001 000b 0001\nE: 0.000001 0000 0000 0000\nE: 0.000002 0001 000b 0000\nE: 0.000002 0000 0000 0000\n"
        let typed = String(repeating: key, count: 10) + "E: 0.000003 0001 001c 0001\nE: 0.000003 0000 0000 0000\n"
        let replay = try narvarod(["--replay", "-", "--reader", reader, "--start", start], input: typed)
        guard replay.status == 0 else { throw StoreErrorForTests(message: replay.stderr) }
    }
}

/// `narvarod --replay - --reader entre` running in the background, fed through `input`.
struct StreamingDaemon {
    let process: Process
    let input: Pipe
    let errors: Pipe

    init(_ ws: CLIWorkspace) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: try Executables.path("narvarod"))
        process.arguments = ["--replay", "-", "--reader", "entre", "--start", "2026-11-16T00:00:00+01:00"]
        process.environment = ProcessInfo.processInfo.environment.merging(ws.environment) { $1 }
        input = Pipe()
        errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
    }

    func send(_ text: String) { input.fileHandleForWriting.write(Data(text.utf8)) }

    /// Everything it logged; call after it exited.
    func log() -> String { String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }
}

struct StoreErrorForTests: Error { var message: String }

/// The repository's Tests/Fixtures directory.
let fixturesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures")
