// narvarod as a service: the notify protocol on a test socket, configuration changes picked up
// without a restart, and SIGTERM finishing within 2 seconds with exit 0.
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

@Suite struct DaemonServiceTests {
    @Test func notifiesSystemdPicksUpNewReadersAndStopsOnSIGTERM() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let socketPath = ws.directory.appendingPathComponent("notify.sock").path
        let listener = try FakeNotifySocket(name: socketPath)
        defer { try? listener.fd.close() }
        let logPath = ws.directory.appendingPathComponent("narvarod.log").path
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let fakeDev = ws.directory.appendingPathComponent("dev/input")
        try FileManager.default.createDirectory(at: fakeDev, withIntermediateDirectories: true)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Executables.path("narvarod"))
        process.environment = ProcessInfo.processInfo.environment.merging(ws.environment) { $1 }.merging([
            "NOTIFY_SOCKET": socketPath, "WATCHDOG_USEC": "2000000",
            "NARVARO_DEV_ROOT": ws.directory.appendingPathComponent("dev").path,
            "NARVARO_SYS_ROOT": ws.directory.appendingPathComponent("sys").path,
        ]) { $1 }
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        var messages: [String] = []
        func drain() throws { while let message = try listener.receive() { messages.append(message) } }
        func log() -> String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

        #expect(try eventually(timeout: 5) { try drain(); return messages.contains { $0.hasPrefix("READY=1") } })
        #expect(messages.first { $0.hasPrefix("READY=1") }?.contains("STATUS=readers up 0/1, swipes today 0, backlog 0") == true)
        // The watchdog is petted at half of WATCHDOG_USEC.
        #expect(try eventually(timeout: 4) { try drain(); return messages.contains("WATCHDOG=1") })
        // A reader added with narvaro is picked up without a restart (PRAGMA data_version).
        let added = try ws.narvaro("reader", "add", "cafe", "--venue", "tingshuset", "--usb", "08ff:0009")
        #expect(added.status == 0)
        #expect(eventually(timeout: 5) { log().contains("reader-missing reader=cafe") })
        #expect(try eventually(timeout: 5) { try drain(); return messages.contains { $0.contains("readers up 0/2") } })

        let stopAsked = Date()
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(Date().timeIntervalSince(stopAsked) < 2, "stops within 2 s")
        #expect(process.terminationStatus == 0)
        try drain()
        #expect(messages.contains("STOPPING=1"))
        #expect(log().contains("<5>stopping signal=SIGTERM"))
        #expect(!log().contains("<3>"), "no errors: \(log())")
    }
}
