// The sd_notify protocol against a real datagram socket standing in for systemd's.
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

/// A bound AF_UNIX datagram socket: what systemd listens on.
struct FakeNotifySocket {
    let fd: FileDescriptor

    init(name: String) throws {
        let raw = try retryOnInterrupt("socket") {
            socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }
        fd = FileDescriptor(rawValue: raw)
        let address = try #require(UnixSocketAddress(name))
        _ = try address.withSockaddr { pointer, length in
            try retryOnInterrupt("bind", path: name) { bind(raw, pointer, length) }
        }
        try fd.setNonblocking(true)
    }

    /// One datagram as text, or nil when none arrived.
    func receive() throws -> String? {
        try fd.read(upToCount: 4096).map { String(decoding: $0, as: UTF8.self) }
    }
}

@Suite struct SystemNotifierTests {
    @Test func sendsTheExactMessageToAPathSocket() throws {
        let directoryScratch = try TemporaryDirectory("notify")
        defer { withExtendedLifetime(directoryScratch) {} }
        let directory = directoryScratch.path
        let path = directory + "/notify.sock"
        let listener = try FakeNotifySocket(name: path)
        defer { try? listener.fd.close() }

        let notifier = try SystemdNotifier(environment: ["NOTIFY_SOCKET": path])
        defer { try? notifier.close() }
        #expect(notifier.isEnabled)
        try notifier.send(["READY=1", "STATUS=2 readers"])
        #expect(try listener.receive() == "READY=1\nSTATUS=2 readers")
        try notifier.watchdog()
        #expect(try listener.receive() == "WATCHDOG=1")
    }

    @Test func sendsToAnAbstractSocket() throws {
        let name = "@narvaro-test-\(getpid())-\(UUID().uuidString.prefix(8))"
        let listener = try FakeNotifySocket(name: name)
        defer { try? listener.fd.close() }

        let notifier = try SystemdNotifier(environment: ["NOTIFY_SOCKET": name])
        defer { try? notifier.close() }
        try notifier.stopping()
        #expect(try listener.receive() == "STOPPING=1")
    }

    @Test func aStatusCannotSmuggleAnotherField() throws {
        let name = "@narvaro-test-\(getpid())-\(UUID().uuidString.prefix(8))"
        let listener = try FakeNotifySocket(name: name)
        defer { try? listener.fd.close() }
        let notifier = try SystemdNotifier(environment: ["NOTIFY_SOCKET": name])
        try notifier.status("ok\nREADY=1")
        #expect(try listener.receive() == "STATUS=ok READY=1")
    }

    @Test func isANoOpWithoutNotifySocket() throws {
        let notifier = try SystemdNotifier(environment: [:])
        #expect(!notifier.isEnabled)
        try notifier.ready(status: "nothing listens")  // must not throw
        #expect(notifier.watchdogInterval == nil)
    }

    @Test func sendingToAMissingSocketThrows() throws {
        let notifier = try SystemdNotifier(environment: ["NOTIFY_SOCKET": "/nonexistent/narvaro/notify"])
        #expect(throws: SystemError.self) { try notifier.send(["READY=1"]) }
    }

    @Test func watchdogIntervalIsHalfOfWatchdogUsecForThisProcess() throws {
        let mine = try SystemdNotifier(environment: ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "42"], processID: 42)
        #expect(mine.watchdogInterval == .seconds(15))
        let unowned = try SystemdNotifier(environment: ["WATCHDOG_USEC": "30000000"], processID: 42)
        #expect(unowned.watchdogInterval == .seconds(15))
        let other = try SystemdNotifier(environment: ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "7"], processID: 42)
        #expect(other.watchdogInterval == nil)
        let garbage = try SystemdNotifier(environment: ["WATCHDOG_USEC": "-5"], processID: 42)
        #expect(garbage.watchdogInterval == nil)
    }
}
