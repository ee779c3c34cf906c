// The shipped unit passes `systemd-analyze verify` and stays at or below 1.5 in
// `systemd-analyze security` (exposure: lower is safer).
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCommands
@testable import NarvaroBench
import Foundation
import Testing

@Suite struct SystemdUnitTests {
    static let systemdDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("systemd")

    /// The unit with ExecStart pointing at a binary that exists here, in a fresh directory.
    func stagedUnit(_ name: String = "narvarod.service", binary: String = "narvarod") throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("narvaro-unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let unit = try String(contentsOf: Self.systemdDirectory.appendingPathComponent(name), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("ExecStart=") ? $0.replacingOccurrences(of: "/usr/local/bin/\(binary)", with: try Executables.path(binary)) : String($0) }
            .joined(separator: "\n")
        let url = directory.appendingPathComponent(name)
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

    /// The push service may use the network (and nothing narvarod does not); its timer runs it
    /// every 5 minutes. Both verify; the service stays well hardened.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze")))
    func thePushServiceAndTimerVerifyAndTheServiceIsHardened() throws {
        let unit = try stagedUnit("narvaro-push.service", binary: "narvaro")
        defer { try? FileManager.default.removeItem(at: unit.deletingLastPathComponent()) }
        let timer = unit.deletingLastPathComponent().appendingPathComponent("narvaro-push.timer")
        try FileManager.default.copyItem(at: Self.systemdDirectory.appendingPathComponent("narvaro-push.timer"), to: timer)
        let verify = try Executables.runTool("/usr/bin/systemd-analyze", ["verify", unit.path, timer.path])
        #expect(verify.status == 0, "\(verify.stderr)")
        let text = try String(contentsOf: unit, encoding: .utf8)
        #expect(text.contains("RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6") && !text.contains("PrivateNetwork=yes"))
        #expect(text.contains("ExecStart=\(Executables.path("narvaro")) --database /var/lib/narvaro/narvaro.db push"))
        let daemon = try String(contentsOf: Self.systemdDirectory.appendingPathComponent("narvarod.service"), encoding: .utf8)
        #expect(daemon.contains("PrivateNetwork=yes"), "narvarod keeps no network")
        let timerText = try String(contentsOf: timer, encoding: .utf8)
        #expect(timerText.contains("OnCalendar=*:0/5"))
        let security = try Executables.runTool("/usr/bin/systemd-analyze", ["security", "--offline=yes", unit.path])
        let line = try #require((security.stdout + security.stderr).split(separator: "\n").first { $0.contains("Overall exposure level") })
        let score = try #require(line.split(separator: " ").compactMap { Double($0) }.first)
        #expect(score <= 1.5, "\(line)")
    }
}

@Suite struct InstallScriptTests {
    static let script = SystemdUnitTests.systemdDirectory.deletingLastPathComponent().appendingPathComponent("scripts/install").path

    func install(_ arguments: [String], into stage: String) throws -> ProcessResult {
        try Executables.runTool("/usr/bin/env", ["DESTDIR=\(stage)", "bash", Self.script] + arguments)
    }

    @Test func aStagedInstallIsCompleteIdempotentAndUninstalls() throws {
        let stage = FileManager.default.temporaryDirectory.appendingPathComponent("narvaro-stage-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: stage) }
        let binaries = try #require(Executables.productsDirectory, "the built binaries").path
        let first = try install(["--skip-build", "--bin-dir", binaries], into: stage)
        #expect(first.status == 0, "\(first.stderr)")
        for (path, mode) in [("/usr/local/bin/narvarod", 0o755), ("/usr/local/bin/narvaro", 0o755), ("/etc/systemd/system/narvarod.service", 0o644),
                             ("/etc/systemd/system/narvaro-push.service", 0o644), ("/etc/systemd/system/narvaro-push.timer", 0o644),
                             ("/etc/sysusers.d/narvaro.conf", 0o644), ("/etc/tmpfiles.d/narvaro.conf", 0o644),
                             ("/etc/udev/rules.d/70-narvaro-reader.rules", 0o644)] {
            let attributes = try FileManager.default.attributesOfItem(atPath: stage + path)
            #expect((attributes[.posixPermissions] as? Int) == mode, "\(path)")
        }
        let unit = try String(contentsOfFile: stage + "/etc/systemd/system/narvarod.service", encoding: .utf8)
        #expect(unit.contains("ExecStart=/usr/local/bin/narvarod --database /var/lib/narvaro/narvaro.db"))
        let push = try String(contentsOfFile: stage + "/etc/systemd/system/narvaro-push.service", encoding: .utf8)
        #expect(push.contains("ExecStart=/usr/local/bin/narvaro --database /var/lib/narvaro/narvaro.db push"))
        let second = try install(["--skip-build", "--bin-dir", binaries], into: stage)
        #expect(second.status == 0 && second.stdout.contains("unchanged /etc/systemd/system/narvarod.service"))
        let removed = try install(["--uninstall"], into: stage)
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: stage + "/usr/local/bin/narvarod"))
        #expect(!FileManager.default.fileExists(atPath: stage + "/etc/systemd/system/narvarod.service"))
        #expect(!FileManager.default.fileExists(atPath: stage + "/etc/systemd/system/narvaro-push.timer"))
    }
}
