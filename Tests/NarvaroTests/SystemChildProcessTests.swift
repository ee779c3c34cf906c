// The doctor's helper runs (posix_spawn, no Foundation.Process): exit status and output of real
// programs, and the service check against stand-in `systemctl` scripts.
@testable import NarvaroCore
@testable import NarvaroDaemon
import Foundation
import Testing

@Suite("System: child process") struct SystemChildProcessTests {
    @Test func runsAProgramAndReadsItsOutputAndStatus() throws {
        let echo = try #require(ChildProcess.output(of: "/bin/sh", ["-c", "printf 'active\\n'; echo noise >&2; exit 3"]))
        #expect(echo.status == 3)
        #expect(echo.output == "active\n", "stderr is not mixed in")
        #expect(ChildProcess.output(of: "/bin/sh", ["-c", "kill -9 $$"])?.status == 137, "a signal is 128 + its number")
        #expect(ChildProcess.output(of: "/nonexistent/systemctl", []) == nil)
        // More than a pipe's buffer: the rest is cut off, and the child is not left blocked.
        let long = try #require(ChildProcess.output(of: "/bin/sh", ["-c", "head -c 200000 /dev/zero | tr '\\\\0' x"]))
        #expect(long.output.utf8.count == 65_536)
    }

    @Test func theServiceCheckReadsSystemctl() throws {
        let scratch = try TemporaryDirectory("systemctl")
        defer { withExtendedLifetime(scratch) {} }
        func fake(_ name: String, _ script: String) throws -> String {
            let path = scratch.path + "/" + name
            // Close-on-exec, so a child spawned meanwhile by another test cannot hold it open for
            // writing (exec would then fail with ETXTBSY).
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
            #expect(fd >= 0)
            let text = "#!/bin/sh\n" + script + "\n"
            #expect(write(fd, text, text.utf8.count) == text.utf8.count)
            close(fd)
            return path
        }
        let active = Doctor.checkService(systemctl: try fake("active", "[ \"$1 $2\" = 'is-active narvarod.service' ] && echo active"))
        #expect(active.status == .ok && active.detail == "narvarod.service is active", "\(active)")
        let failed = Doctor.checkService(systemctl: try fake("failed", "echo failed; exit 3"))
        #expect(failed.status == .problem && failed.detail == "narvarod.service is failed", "\(failed)")
        let silent = Doctor.checkService(systemctl: try fake("silent", "exit 1"))
        #expect(silent.detail == "narvarod.service is unknown")
        #expect(Doctor.checkService(systemctl: scratch.path + "/missing").detail == "systemctl did not run")
    }
}
