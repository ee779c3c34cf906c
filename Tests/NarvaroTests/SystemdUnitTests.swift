// The shipped unit passes `systemd-analyze verify` and stays at or below 1.5 in
// `systemd-analyze security` (exposure: lower is safer).
import Foundation
import Testing
@testable import Narvaro

@Suite struct SystemdUnitTests {
    static let systemdDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("systemd")

    /// The unit with ExecStart pointing at a binary that exists here, in a fresh directory.
    func stagedUnit() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("narvaro-unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let unit = try String(contentsOf: Self.systemdDirectory.appendingPathComponent("narvarod.service"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("ExecStart=") ? "ExecStart=\(Executables.path("narvarod")) --database /var/lib/narvaro/narvaro.db" : String($0) }
            .joined(separator: "\n")
        let url = directory.appendingPathComponent("narvarod.service")
        try unit.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze")))
    func theUnitVerifiesAndIsHardened() throws {
        let unit = try stagedUnit()
        defer { try? FileManager.default.removeItem(at: unit.deletingLastPathComponent()) }
        let verify = try Executables.runTool("/usr/bin/systemd-analyze", ["verify", unit.path])
        #expect(verify.status == 0, "\(verify.stderr)")
        let security = try Executables.runTool("/usr/bin/systemd-analyze", ["security", "--offline=yes", unit.path])
        let line = try #require((security.stdout + security.stderr).split(separator: "\n").first { $0.contains("Overall exposure level") })
        let score = try #require(line.split(separator: " ").compactMap { Double($0) }.first)
        #expect(score <= 1.5, "\(line)")
    }
}
