// Helpers for the hostile-conditions tests: evemu text for one swipe, spool lines written by hand,
// and a serving narvarod with a fake /dev.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Glibc

enum HostileInput {
    /// evemu lines typing `card` (digits) + Enter, starting `seconds` after the recording's start
    /// (or at that Unix time when ≥ 10^9), 4 ms per key event.
    static func swipe(_ card: String, at seconds: Int64) -> String {
        let codes: [Character: Int] = ["1": 2, "2": 3, "3": 4, "4": 5, "5": 6, "6": 7, "7": 8, "8": 9, "9": 10, "0": 11]
        var micros = seconds * 1_000_000
        var text = ""
        for code in card.compactMap({ codes[$0] }) + [28] {
            for value in [1, 0] {
                text += "E: \(micros / 1_000_000).\(String(format: "%06lld", micros % 1_000_000)) 0001 \(String(format: "%04x", code)) \(value)\n"
                text += "E: \(micros / 1_000_000).\(String(format: "%06lld", micros % 1_000_000)) 0000 0000 0\n"
                micros += 4_000
            }
        }
        return text
    }

    /// A spool line in the current format for `hash` (32 bytes) at `microseconds`.
    static func spoolLine(_ microseconds: Int64, hash: UInt8) -> String {
        SpoolLine.format(PreparedSwipe(reader: "entre", time: EventTime(microseconds: microseconds), cardHash: Array(repeating: hash, count: 32)))
    }

    /// The same in the format before checksums (three fields), as an older Närvaro wrote it.
    static func oldSpoolLine(_ microseconds: Int64, hash: UInt8) -> String {
        "\(microseconds)\tentre\t\(Hex.encode(Array(repeating: hash, count: 32)))\n"
    }
}

/// `narvarod` serving readers (none plugged in: a fake empty /dev), logging to a file.
final class ServingDaemon {
    let process = Process()
    let logPath: String

    init(_ ws: CLIWorkspace, name: String = "serve") throws {
        logPath = ws.directory.appendingPathComponent("\(name).log").path
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let dev = ws.directory.appendingPathComponent("dev/input")
        try FileManager.default.createDirectory(at: dev, withIntermediateDirectories: true)
        process.executableURL = URL(fileURLWithPath: try Executables.path("narvarod"))
        process.environment = ProcessInfo.processInfo.environment.merging(ws.environment) { $1 }.merging([
            "NARVARO_DEV_ROOT": ws.directory.appendingPathComponent("dev").path,
            "NARVARO_SYS_ROOT": ws.directory.appendingPathComponent("sys").path,
        ]) { $1 }
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Waits up to `seconds` for it to exit on its own (it should refuse to start); false if it still runs.
    func exited(within seconds: Double = 20) -> Bool {
        eventually(timeout: seconds) { !process.isRunning }
    }

    /// Stops it (SIGTERM) and waits.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
    }

    deinit { stop() }
}
