// The poll loop's descriptors against the real kernel: pipe readiness, signalfd, timerfd, inotify.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import CLinux
import Foundation
import Glibc
import Testing

@Suite struct SystemDescriptorTests {
    @Test func pollerReportsAPipeReadableOnlyAfterAWrite() throws {
        let pipe = try FileDescriptor.pipe(nonblocking: true)
        defer { try? pipe.read.close(); try? pipe.write.close() }
        var poller = Poller()
        poller.add(pipe.read, events: .readable)

        #expect(try poller.wait(timeout: .milliseconds(0)).isEmpty)

        try pipe.write.write([1, 2, 3])
        let ready = try poller.wait(timeout: .infinite)
        #expect(ready == [PollReadiness(fileDescriptor: pipe.read, events: .readable)])
        #expect(try pipe.read.read(upToCount: 10) == [1, 2, 3])
        #expect(try pipe.read.read(upToCount: 10) == nil)  // drained: would block
    }

    @Test func pollerReportsHangupWhenTheWriterCloses() throws {
        let pipe = try FileDescriptor.pipe(nonblocking: true)
        defer { try? pipe.read.close() }
        var poller = Poller()
        poller.add(pipe.read)
        try pipe.write.close()
        let ready = try #require(try poller.wait(timeout: .infinite).first)
        #expect(ready.events.contains(.hangup))
        poller.remove(pipe.read)
        #expect(poller.fileDescriptors.isEmpty)
    }

    @Test func fileDescriptorTogglesNonblocking() throws {
        let pipe = try FileDescriptor.pipe()
        defer { try? pipe.read.close(); try? pipe.write.close() }
        #expect(try pipe.read.isNonblocking() == false)
        try pipe.read.setNonblocking(true)
        #expect(try pipe.read.isNonblocking() == true)
    }

    @Test func signalDescriptorReceivesARaisedSIGHUP() throws {
        let signals = try SignalDescriptor(signals: [.hangup])
        // raise() targets this thread, where SIGHUP is now blocked, so it stays pending for the fd.
        #expect(raise(SIGHUP) == 0)
        let received = try signals.read()
        _ = try? signals.read()  // drain anything left so unblocking below cannot deliver it
        try signals.close(restoringMask: true)
        #expect(received == .hangup)
        #expect(received?.description == "SIGHUP")
    }

    @Test func signalDescriptorReadsNothingWhenNoSignalIsPending() throws {
        let signals = try SignalDescriptor(signals: [.hangup])
        defer { try? signals.close(restoringMask: true) }
        #expect(try signals.read() == nil)
    }

    @Test func timerDescriptorFiresAndCountsExpirations() throws {
        let timer = try TimerDescriptor(interval: .milliseconds(1))
        defer { try? timer.close() }
        var poller = Poller()
        poller.add(timer.fileDescriptor)
        let ready = try poller.wait(timeout: .infinite)
        #expect(ready.map(\.fileDescriptor) == [timer.fileDescriptor])
        #expect(try timer.read() >= 1)
    }

    /// The daemon's timer fires once per arming (issue 17: idle it must not tick), and nil disarms
    /// it, even a periodic one, so a sleeping loop is not woken.
    @Test func anArmedTimerFiresOnceAndADisarmedOneNever() throws {
        let timer = try TimerDescriptor(interval: .milliseconds(1))
        defer { try? timer.close() }
        try timer.arm(after: nil)
        _ = try timer.read()
        var poller = Poller()
        poller.add(timer.fileDescriptor)
        #expect(try poller.wait(timeout: .milliseconds(20)).isEmpty, "disarmed: the periodic interval is gone")
        try timer.arm(after: .microseconds(1))
        #expect(try poller.wait(timeout: .infinite).map(\.fileDescriptor) == [timer.fileDescriptor])
        #expect(try timer.read() == 1)
        #expect(try poller.wait(timeout: .milliseconds(20)).isEmpty, "one shot: no repeat")
    }

    @Test func inotifySeesAFileCreatedInAWatchedDirectory() throws {
        let directoryScratch = try TemporaryDirectory("inotify")
        defer { withExtendedLifetime(directoryScratch) {} }
        let directory = directoryScratch.path
        var watcher = try InotifyWatcher()
        defer { try? watcher.close() }
        #expect(try watcher.watch(directory))
        #expect(try watcher.read().isEmpty)

        try FileDescriptor.open(directory + "/event7", O_WRONLY | O_CREAT).close()
        var poller = Poller()
        poller.add(watcher.fileDescriptor)
        _ = try poller.wait(timeout: .infinite)
        let events = try watcher.read()
        let created = try #require(events.first { $0.kind.contains(.created) })
        #expect(created.name == "event7")
        #expect(created.path == directory + "/event7")
    }

    @Test func inotifyKeepsAMissingDirectoryPendingUntilItExists() throws {
        let rootScratch = try TemporaryDirectory("inotify-pending")
        defer { withExtendedLifetime(rootScratch) {} }
        let root = rootScratch.path
        let byID = root + "/by-id"
        var watcher = try InotifyWatcher()
        defer { try? watcher.close() }

        #expect(try watcher.watch(byID) == false)
        #expect(watcher.pending == [byID])
        #expect(try watcher.retryPending().isEmpty)

        try FileManager.default.createDirectory(atPath: byID, withIntermediateDirectories: false)
        #expect(try watcher.retryPending() == [byID])
        #expect(watcher.pending.isEmpty)
        #expect(watcher.watched == [byID])

        // When the directory goes away the kernel drops the watch and it becomes pending again.
        try FileManager.default.removeItem(atPath: byID)
        var poller = Poller()
        poller.add(watcher.fileDescriptor)
        _ = try poller.wait(timeout: .infinite)
        let events = try watcher.read()
        #expect(events.contains { $0.kind.contains(.watchRemoved) })
        #expect(watcher.pending == [byID])
    }

    @Test func systemErrorReadsAsOneActionableLine() {
        let error = SystemError("open", path: "/dev/input/event3", errno: .permissionDenied)
        #expect(error.description == "open /dev/input/event3: Permission denied: add the service user to group 'input'")
        #expect(SystemError("poll", errno: .invalidArgument).description == "poll: Invalid argument")
    }
}
