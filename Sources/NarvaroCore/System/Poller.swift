// The daemon's one wait: poll(2) over the descriptors it cares about (readers, inotify, signalfd,
// timerfd), returning which are ready. Level-triggered, so nothing is lost between waits.
import Glibc

/// The `poll` event bits Närvaro uses.
public struct PollEvents: OptionSet, Hashable, Sendable {
    public var rawValue: Int16
    public init(rawValue: Int16) { self.rawValue = rawValue }

    /// Data to read (`POLLIN`).
    public static let readable = PollEvents(rawValue: Int16(POLLIN))
    /// The other end went away or the device was unplugged (`POLLHUP`); only ever reported.
    public static let hangup = PollEvents(rawValue: Int16(POLLHUP))
    /// An error condition on the descriptor (`POLLERR`); only ever reported.
    public static let error = PollEvents(rawValue: Int16(POLLERR))
    /// The descriptor is not open (`POLLNVAL`): a bug in the caller's bookkeeping; only ever reported.
    public static let invalid = PollEvents(rawValue: Int16(POLLNVAL))
}

/// How long `Poller.wait` may block.
public enum PollTimeout: Hashable, Sendable {
    case milliseconds(Int32)
    case infinite

    var cValue: Int32 {
        switch self {
        case .milliseconds(let ms): return max(ms, 0)
        case .infinite: return -1
        }
    }
}

/// A descriptor `wait` found ready, with what happened to it (`revents`).
public struct PollReadiness: Hashable, Sendable {
    public var fileDescriptor: FileDescriptor
    public var events: PollEvents
}

/// The set of descriptors the loop waits on. Register with `add`, drop with `remove`, then `wait`.
public struct Poller: Sendable {
    private var interests: [pollfd] = []

    public init() {}

    /// The registered descriptors, in registration order.
    public var fileDescriptors: [FileDescriptor] { interests.map { FileDescriptor(rawValue: $0.fd) } }

    /// Waits for `events` on `fd` from now on; registering a descriptor again replaces its events.
    public mutating func add(_ fd: FileDescriptor, events: PollEvents = .readable) {
        remove(fd)
        interests.append(pollfd(fd: fd.rawValue, events: events.rawValue, revents: 0))
    }

    /// Stops waiting on `fd` (do it before closing it, or `wait` reports `.invalid`).
    public mutating func remove(_ fd: FileDescriptor) {
        interests.removeAll { $0.fd == fd.rawValue }
    }

    /// Blocks until a registered descriptor is ready or `timeout` passes; returns the ready ones
    /// (empty on timeout). An interrupted wait (EINTR) also returns empty rather than restarting
    /// with the full timeout: the caller's loop simply waits again. Wraps `poll(2)`.
    public mutating func wait(timeout: PollTimeout) throws -> [PollReadiness] {
        let count = interests.withUnsafeMutableBufferPointer { buffer in
            poll(buffer.baseAddress, nfds_t(buffer.count), timeout.cValue)
        }
        if count == -1 {
            let error = Errno.current
            if error == .interrupted { return [] }
            throw SystemError("poll", errno: error)
        }
        return interests.compactMap { entry in
            entry.revents == 0 ? nil
                : PollReadiness(fileDescriptor: FileDescriptor(rawValue: entry.fd),
                                events: PollEvents(rawValue: entry.revents))
        }
    }
}
