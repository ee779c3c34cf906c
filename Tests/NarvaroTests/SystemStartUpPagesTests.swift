// Issue 17, goal 7: once serving, narvarod hands back the code pages start-up faulted in
// (StartUpPages): only r-xp file mappings are advised, the process keeps running, and the
// serving daemon's own code is no longer resident while it sleeps.
@testable import NarvaroCore
import Foundation
import Glibc
import Testing

@Suite struct SystemStartUpPagesTests {
    @Test func onlyCodeFromAFileIsAMappingToRelease() {
        let code = CodeMapping(line: "55c10cb0e000-55c10d801000 r-xp 00000000 fe:00 16226782   /usr/bin/narvarod\n")
        #expect(code?.start == 0x55c1_0cb0_e000)
        #expect(code?.end == 0x55c1_0d80_1000)
        // Written pages (data, RELRO made read-only after relocation) and anonymous memory are kept.
        #expect(CodeMapping(line: "55c10d853000-55c10da5a000 rw-p 00d44000 fe:00 16226782   /usr/bin/narvarod") == nil)
        #expect(CodeMapping(line: "7f0000000000-7f0000001000 r--p 00000000 fe:00 42   /usr/lib/libc.so.6") == nil)
        #expect(CodeMapping(line: "7ffd00000000-7ffd00021000 r-xp 00000000 00:00 0   [vdso]") == nil)
        #expect(CodeMapping(line: "7f0000000000-7f0000001000 r-xp 00000000 00:00 0") == nil)
        #expect(CodeMapping(line: "garbage") == nil)
    }

    @Test func releasingCodePagesLowersResidentFilePagesAndCodeStillRuns() throws {
        let before = try residentKiB("RssFile")
        let released = StartUpPages.release()
        let after = try residentKiB("RssFile")
        #expect(released.mappings >= 2, "this test's binary and libc at least")
        #expect(after < before, "RssFile \(before) → \(after) KiB")
        // The dropped pages come back on the next call into them.
        #expect([3, 1, 2].sorted() == [1, 2, 3])
        #expect(String(cString: strerror(ENOENT)) == "No such file or directory")
    }

    @Test func theServingDaemonSleepsWithoutItsStartUpCodeResident() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let logPath = ws.directory.appendingPathComponent("narvarod.log").path
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Executables.path("narvarod"))
        process.environment = ProcessInfo.processInfo.environment.merging(ws.environment) { $1 }.merging([
            "NARVARO_DEV_ROOT": ws.directory.appendingPathComponent("dev").path,
            "NARVARO_SYS_ROOT": ws.directory.appendingPathComponent("sys").path,
        ]) { $1 }
        process.environment?["WATCHDOG_USEC"] = nil
        process.environment?["NOTIFY_SOCKET"] = nil
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate(); process.waitUntilExit() } }
        func log() -> String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }
        #expect(eventually(timeout: 10) { log().contains("ready") }, "log: \(log())")
        // Start-up faults in megabytes of narvarod's code (64 KiB around each fault); the sleeping
        // loop runs a few pages of it.
        var code = 0
        #expect(eventually(timeout: 5) {
            code = (try? codeResidentKiB(pid: process.processIdentifier, program: "narvarod")) ?? -1
            return code >= 0 && code <= 1024
        }, "narvarod's code resident while idle: \(code) KiB")
    }

    private func residentKiB(_ field: String) throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") } ?? ""
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? -1
    }

    /// The Rss of the r-xp mappings of the file named `program` in process `pid` (/proc/PID/smaps).
    private func codeResidentKiB(pid: Int32, program: String) throws -> Int {
        let smaps = try String(contentsOfFile: "/proc/\(pid)/smaps", encoding: .utf8)
        var inCode = false, total = 0
        for line in smaps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.count >= 5, fields[0].contains("-"), !fields[0].hasSuffix(":") {
                inCode = fields.count >= 6 && fields[1] == "r-xp" && fields[5].hasSuffix("/" + program)
            } else if inCode, fields.first == "Rss:", fields.count >= 2 {
                total += Int(fields[1]) ?? 0
            }
        }
        return total
    }
}
