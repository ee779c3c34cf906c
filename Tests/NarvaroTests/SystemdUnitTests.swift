// The shipped units pass `systemd-analyze verify` and stay at or below 1.5 (narvarod) and 1.0
// (narvaro-web) in `systemd-analyze security` (exposure: lower is safer); scripts/install stages them.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
@testable import NarvaroWeb
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
        let narvaro = try Executables.path("narvaro")
        #expect(text.contains("ExecStart=\(narvaro) --database /var/lib/narvaro/narvaro.db push"))
        let daemon = try String(contentsOf: Self.systemdDirectory.appendingPathComponent("narvarod.service"), encoding: .utf8)
        #expect(daemon.contains("PrivateNetwork=yes"), "narvarod keeps no network")
        let timerText = try String(contentsOf: timer, encoding: .utf8)
        #expect(timerText.contains("OnCalendar=*:0/5"))
        let security = try Executables.runTool("/usr/bin/systemd-analyze", ["security", "--offline=yes", unit.path])
        let line = try #require((security.stdout + security.stderr).split(separator: "\n").first { $0.contains("Overall exposure level") })
        let score = try #require(line.split(separator: " ").compactMap { Double($0) }.first)
        #expect(score <= 1.5, "\(line)")
    }

    /// narvaro-web.socket + narvaro-web.service verify together; the service has no network,
    /// writes only to its state directory, cannot see the card key, and rates SAFE.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze")
                   && FileManager.default.isExecutableFile(atPath: "/usr/sbin/fcgiwrap")))
    func theWebUnitsVerifyAndAreHardened() throws {
        let scratch = try TemporaryDirectory("unit")
        defer { withExtendedLifetime(scratch) {} }
        let directory = scratch.url
        for name in ["narvaro-web.socket", "narvaro-web.service"] {
            try FileManager.default.copyItem(at: Self.systemdDirectory.appendingPathComponent(name), to: directory.appendingPathComponent(name))
        }
        let service = try String(contentsOf: directory.appendingPathComponent("narvaro-web.service"), encoding: .utf8)
        for line in ["PrivateNetwork=yes", "RestrictAddressFamilies=AF_UNIX", "ProtectSystem=strict", "StateDirectory=narvaro",
                     "InaccessiblePaths=-/etc/narvaro/card-key", "User=narvaro", "ExecStart=/usr/sbin/fcgiwrap"] {
            #expect(service.contains("\n" + line), "\(line)")
        }
        #expect(!service.contains("ReadWritePaths="), "no writable path besides the state directory")
        let verify = try Executables.runTool("/usr/bin/systemd-analyze", ["verify", directory.appendingPathComponent("narvaro-web.socket").path,
                                                                          directory.appendingPathComponent("narvaro-web.service").path])
        #expect(verify.status == 0, "\(verify.stderr)")
        let security = try Executables.runTool("/usr/bin/systemd-analyze", ["security", "--offline=yes", directory.appendingPathComponent("narvaro-web.service").path])
        let line = try #require((security.stdout + security.stderr).split(separator: "\n").first { $0.contains("Overall exposure level") })
        let score = try #require(line.split(separator: " ").compactMap { Double($0) }.first)
        #expect(score <= 1.0, "\(line)")
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

    @Test func aStagedWebInstallHasUnitsSiteLoginAndKeepsEdits() throws {
        let stage = FileManager.default.temporaryDirectory.appendingPathComponent("narvaro-stage-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: stage) }
        let arguments = ["--web", "--web-user", "anna", "--skip-build", "--bin-dir", try #require(Executables.productsDirectory).path]
        let first = try Executables.runTool("/usr/bin/env", ["DESTDIR=\(stage)", "NARVARO_WEB_PASSWORD=s3cret", "bash", Self.script] + arguments)
        #expect(first.status == 0, "\(first.stderr)")
        for (path, mode) in [("/usr/local/lib/narvaro/narvaro-web", 0o755), ("/etc/systemd/system/narvaro-web.socket", 0o644),
                             ("/etc/systemd/system/narvaro-web.service", 0o644), ("/etc/nginx/sites-available/narvaro", 0o644),
                             ("/etc/narvaro/web.conf", 0o644), ("/etc/nginx/narvaro.htpasswd", 0o640),
                             ("/usr/local/share/narvaro/static/" + StaticAsset.deskScript.fingerprintedName, 0o644)] {
            let attributes = try FileManager.default.attributesOfItem(atPath: stage + path)
            #expect((attributes[.posixPermissions] as? Int) == mode, "\(path)")
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: stage + "/etc/nginx/sites-enabled/narvaro") == "../sites-available/narvaro")
        #expect(try String(contentsOfFile: stage + "/etc/narvaro/web.conf", encoding: .utf8).contains("staff = anna"))
        let login = try String(contentsOfFile: stage + "/etc/nginx/narvaro.htpasswd", encoding: .utf8)
        #expect(login.hasPrefix("anna:$6$") && !login.contains("s3cret"), "a SHA-512 crypt hash, never the password")
        // An admin's edits survive a second run; everything else is unchanged.
        try "staff = anna, bo\n".write(toFile: stage + "/etc/narvaro/web.conf", atomically: true, encoding: .utf8)
        let second = try Executables.runTool("/usr/bin/env", ["DESTDIR=\(stage)", "bash", Self.script] + arguments)
        #expect(second.status == 0 && !second.stdout.contains("installing"), "\(second.stdout)")
        #expect(second.stdout.contains("kept /etc/narvaro/web.conf") && second.stdout.contains("kept /etc/nginx/narvaro.htpasswd"))
        #expect(try String(contentsOfFile: stage + "/etc/narvaro/web.conf", encoding: .utf8) == "staff = anna, bo\n")
        let removed = try Executables.runTool("/usr/bin/env", ["DESTDIR=\(stage)", "bash", Self.script, "--uninstall"])
        #expect(removed.status == 0)
        #expect(!FileManager.default.fileExists(atPath: stage + "/etc/systemd/system/narvaro-web.service"))
        #expect(!FileManager.default.fileExists(atPath: stage + "/usr/local/lib/narvaro/narvaro-web"))
        #expect(FileManager.default.fileExists(atPath: stage + "/etc/nginx/narvaro.htpasswd"), "logins are kept")
    }
}
