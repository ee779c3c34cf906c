// One live card reader: an evdev node opened through libevdev, grabbed so its keystrokes do not
// reach the console, and drained with libevdev's NORMAL/SYNC read state machine.
//
// libevdev semantics relied on (stable since 1.0; built against 1.13):
// - libevdev_new_from_fd fails with a negative errno (ENOTTY for a non-evdev file: EVIOCGBIT fails).
// - libevdev_next_event(NORMAL) returns 0 with an event, -EAGAIN when nothing is queued, or
//   LIBEVDEV_READ_STATUS_SYNC with the SYN_DROPPED event when the kernel dropped events. The caller
//   then reads with LIBEVDEV_READ_FLAG_SYNC, getting STATUS_SYNC per state-delta event, until
//   -EAGAIN ends the sync; unread delta events are discarded if NORMAL reading resumes early.
// - A vanished device makes reads fail with -ENODEV. libevdev_grab(LIBEVDEV_GRAB) is EVIOCGRAB:
//   -EBUSY when another client holds the grab; libevdev tracks our own grab so repeats are no-ops.
// - libevdev_get_event_value reflects the state after the events handed out so far.
import CEvdev
import Glibc

/// An open evdev card reader. Not `Sendable`: it lives on the daemon's one thread.
public final class ReaderSource {
    /// The path it was opened by (a by-id link stays a by-id link in messages).
    public let path: String
    /// The kernel's device name, e.g. "HID 0c2e:0b61".
    public let name: String
    public let vendor: UInt16
    public let product: UInt16
    /// The descriptor to register with the `Poller` (readable when events arrive).
    public let fileDescriptor: FileDescriptor
    public private(set) var isGrabbed = false
    private var device: OpaquePointer?

    /// What one `readAvailable()` found besides the events.
    public struct ReadFlags: OptionSet, Hashable, Sendable {
        public var rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// The kernel dropped events (its buffer overflowed). A SYN_DROPPED event marks the spot in
        /// `events`; the keys around it are unreliable, so the decoder abandons its partial swipe.
        public static let synced = ReadFlags(rawValue: 1 << 0)
        /// The device is gone (ENODEV): close it and wait for hotplug to bring it back.
        public static let unplugged = ReadFlags(rawValue: 1 << 1)
        /// The batch limit was reached with events still queued inside libevdev, where poll cannot
        /// see them: call `readAvailable()` again before waiting.
        public static let moreAvailable = ReadFlags(rawValue: 1 << 2)
    }

    /// The events read (kernel timestamps) and what else happened.
    public struct ReadResult: Hashable, Sendable {
        public var events: [InputEvent]
        public var flags: ReadFlags
    }

    /// Opens `path` with `O_RDONLY | O_NONBLOCK | O_CLOEXEC` and attaches libevdev to it. Refuses a
    /// file that is not an evdev device and a device without EV_KEY / KEY_ENTER. Does not grab.
    /// Wraps `open(2)` and `libevdev_new_from_fd`.
    public init(path: String) throws {
        let fd: FileDescriptor
        do {
            fd = try FileDescriptor.open(path, O_RDONLY | O_NONBLOCK)
        } catch let error as SystemError {
            throw InputError.system(error)
        }
        var device: OpaquePointer?
        let rc = libevdev_new_from_fd(fd.rawValue, &device)
        guard rc == 0, let device else {
            try? fd.close()
            let errno = Errno(rawValue: -rc)
            if errno == .notTTY || errno == .invalidArgument { throw InputError.notEvdev(path: path) }
            throw InputError.system(SystemError("libevdev_new_from_fd", path: path, errno: errno))
        }
        let name = libevdev_get_name(device).map { String(cString: $0) } ?? ""
        guard libevdev_has_event_type(device, UInt32(EV_KEY)) == 1,
              libevdev_has_event_code(device, UInt32(EV_KEY), UInt32(KEY_ENTER)) == 1
        else {
            libevdev_free(device)
            try? fd.close()
            throw InputError.notKeyboard(name: name, path: path)
        }
        self.path = path
        self.name = name
        self.vendor = UInt16(truncatingIfNeeded: libevdev_get_id_vendor(device))
        self.product = UInt16(truncatingIfNeeded: libevdev_get_id_product(device))
        self.fileDescriptor = fd
        self.device = device
    }

    deinit { close() }

    /// Takes the device exclusively, so swipes do not also type into the console or a desktop.
    /// Grab only when `isAnyKeyDown` is false, or the held key repeats forever elsewhere.
    /// Wraps `libevdev_grab(LIBEVDEV_GRAB)`.
    public func grab() throws {
        guard let device else { throw InputError.system(SystemError("libevdev_grab", path: path, errno: .badFileDescriptor)) }
        let rc = libevdev_grab(device, LIBEVDEV_GRAB)
        if rc == -EBUSY { throw InputError.grabbedByAnotherProgram(path: path) }
        if rc < 0 { throw InputError.system(SystemError("libevdev_grab", path: path, errno: Errno(rawValue: -rc))) }
        isGrabbed = true
    }

    /// Whether any key is held right now (by libevdev's state, as of the events read so far).
    /// Wraps `libevdev_has_event_code` and `libevdev_get_event_value` over the EV_KEY codes.
    public var isAnyKeyDown: Bool {
        guard let device else { return false }
        for code in 0...UInt32(KEY_MAX) where libevdev_has_event_code(device, UInt32(EV_KEY), code) == 1 {
            if libevdev_get_event_value(device, UInt32(EV_KEY), code) != 0 { return true }
        }
        return false
    }

    /// Drains the events available now, up to `limit`. Implements libevdev's read state machine:
    /// NORMAL until LIBEVDEV_READ_STATUS_SYNC, then SYNC until -EAGAIN (delta events are dropped,
    /// the SYN_DROPPED stays in `events` and `.synced` is set), then NORMAL again; -EAGAIN in NORMAL
    /// ends the drain, -ENODEV sets `.unplugged`. Any other error throws, unless events were
    /// already read: those are returned and the error comes back on the next call.
    /// Wraps `libevdev_next_event`.
    public func readAvailable(limit: Int = 4096) throws -> ReadResult {
        var result = ReadResult(events: [], flags: [])
        guard let device else { result.flags.insert(.unplugged); return result }
        var syncing = false
        var event = input_event()
        while true {
            if !syncing && result.events.count >= limit {
                if libevdev_has_event_pending(device) > 0 { result.flags.insert(.moreAvailable) }
                return result
            }
            let flag = syncing ? LIBEVDEV_READ_FLAG_SYNC : LIBEVDEV_READ_FLAG_NORMAL
            let rc = libevdev_next_event(device, UInt32(flag.rawValue), &event)
            switch rc {
            case Int32(LIBEVDEV_READ_STATUS_SUCCESS.rawValue) where !syncing:
                result.events.append(Self.inputEvent(event))
            case Int32(LIBEVDEV_READ_STATUS_SYNC.rawValue) where !syncing:
                result.events.append(Self.inputEvent(event))  // the SYN_DROPPED itself
                result.flags.insert(.synced)
                syncing = true
            case _ where rc >= 0:
                continue  // a state-delta event during SYNC: not a keystroke, dropped
            case -EAGAIN where syncing:
                syncing = false  // sync complete; newer events may follow
            case -EAGAIN:
                return result
            case -EINTR:
                continue
            case -ENODEV:
                result.flags.insert(.unplugged)
                return result
            default:
                if !result.events.isEmpty { return result }
                throw InputError.system(SystemError("libevdev_next_event", path: path, errno: Errno(rawValue: -rc)))
            }
        }
    }

    /// Ungrabs (if grabbed), frees libevdev and closes the descriptor. Safe to call twice.
    /// Wraps `libevdev_grab(LIBEVDEV_UNGRAB)`, `libevdev_free` and `close(2)`.
    public func close() {
        guard let device else { return }
        if isGrabbed { _ = libevdev_grab(device, LIBEVDEV_UNGRAB) }  // fails harmlessly if unplugged
        libevdev_free(device)
        self.device = nil
        isGrabbed = false
        try? fileDescriptor.close()
    }

    /// struct input_event → InputEvent. On 64-bit glibc the kernel timestamp is `time.tv_sec/usec`.
    private static func inputEvent(_ event: input_event) -> InputEvent {
        InputEvent(time: EventTime(seconds: Int64(event.time.tv_sec), microseconds: Int64(event.time.tv_usec)),
                   type: event.type, code: event.code, value: event.value)
    }
}
