// Hotplug without udev or threads: inotify on /dev/input (and its by-id/by-path links) tells the
// poll loop when a device node appears, changes permissions or goes away.
import CLinux
import Glibc

/// What happened to a name in a watched directory (a subset of the inotify mask bits).
public struct InotifyEventKind: OptionSet, Hashable, Sendable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let created = InotifyEventKind(rawValue: UInt32(IN_CREATE))
    /// Metadata changed: udev sets a node's group and mode just after the kernel creates it.
    public static let attributesChanged = InotifyEventKind(rawValue: UInt32(IN_ATTRIB))
    public static let deleted = InotifyEventKind(rawValue: UInt32(IN_DELETE))
    public static let movedIn = InotifyEventKind(rawValue: UInt32(IN_MOVED_TO))
    /// A file in the directory was written (the database's -wal when another program commits).
    public static let modified = InotifyEventKind(rawValue: UInt32(IN_MODIFY))
    /// A file in the directory was opened (only when asked for in the watch mask).
    public static let opened = InotifyEventKind(rawValue: UInt32(IN_OPEN))
    /// The watched directory itself was deleted or moved away.
    public static let directoryGone = InotifyEventKind(rawValue: UInt32(IN_DELETE_SELF | IN_MOVE_SELF))
    /// The kernel removed the watch (after the directory went away); the watcher re-queues it.
    public static let watchRemoved = InotifyEventKind(rawValue: UInt32(IN_IGNORED))
    /// The kernel's queue overflowed: events were lost, rescan everything.
    public static let overflow = InotifyEventKind(rawValue: UInt32(IN_Q_OVERFLOW))
    public static let isDirectory = InotifyEventKind(rawValue: UInt32(IN_ISDIR))

    /// The default mask: appearances, permission changes, removals and renames into place.
    public static let hotplug: InotifyEventKind = [.created, .attributesChanged, .deleted, .movedIn]
}

/// One inotify event: the watched `directory`, the `name` inside it ("" for the directory itself
/// or an overflow) and what happened.
public struct InotifyEvent: Hashable, Sendable {
    public var directory: String
    public var name: String
    public var kind: InotifyEventKind

    /// `directory/name`, or `directory` when the event is about the directory itself.
    public var path: String { name.isEmpty ? directory : directory + "/" + name }
}

/// An inotify descriptor watching directories. A directory that does not exist yet (e.g.
/// /dev/input/by-id before the first USB keyboard) is kept as *pending*: call `retryPending()`
/// when its parent reports a new subdirectory, or on a timer.
public struct InotifyWatcher {
    public let fileDescriptor: FileDescriptor
    public let mask: InotifyEventKind
    private var directoriesByWatch: [Int32: String] = [:]
    /// Directories asked for that are not watched now (missing, or removed since).
    public private(set) var pending: [String] = []

    /// Opens a non-blocking, close-on-exec inotify descriptor. Wraps `inotify_init1(2)`.
    public init(mask: InotifyEventKind = .hotplug) throws {
        let fd = try retryOnInterrupt("inotify_init1") { inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC)) }
        self.fileDescriptor = FileDescriptor(rawValue: fd)
        self.mask = mask
    }

    /// The directories being watched now.
    public var watched: [String] { directoriesByWatch.values.sorted() }

    /// Watches `directory`; returns `false` and keeps it pending when it does not exist (ENOENT,
    /// ENOTDIR). Any other failure throws. Wraps `inotify_add_watch(2)` with `IN_ONLYDIR`.
    @discardableResult
    public mutating func watch(_ directory: String) throws -> Bool {
        let bits = mask.rawValue | UInt32(IN_ONLYDIR)
        do {
            let wd = try retryOnInterrupt("inotify_add_watch", path: directory) {
                inotify_add_watch(fileDescriptor.rawValue, directory, bits)
            }
            directoriesByWatch[wd] = directory
            pending.removeAll { $0 == directory }
            return true
        } catch {
            // Exhaustive (a `catch where` that rethrows the typed SystemError crashes the Swift 6.3 compiler's SIL verifier).
            guard error.errno == .noSuchFile || error.errno == Errno(rawValue: ENOTDIR) else { throw error }
            if !pending.contains(directory) { pending.append(directory) }
            return false
        }
    }

    /// Tries every pending directory again; returns the ones now watched.
    public mutating func retryPending() throws -> [String] {
        var nowWatched: [String] = []
        for directory in pending where try watch(directory) { nowWatched.append(directory) }
        return nowWatched
    }

    /// Reads every queued event (empty when none). A directory whose watch the kernel removed
    /// becomes pending again. Wraps `read(2)` of `struct inotify_event` records.
    public mutating func read() throws -> [InotifyEvent] {
        var events: [InotifyEvent] = []
        // Room for many events at once; a record is 16 bytes plus a name of at most NAME_MAX + 1.
        while let bytes = try fileDescriptor.read(upToCount: 16 * 1024), !bytes.isEmpty {
            events += parse(bytes)
        }
        return events
    }

    /// Closes the descriptor; the kernel drops all watches. Wraps `close(2)`.
    public func close() throws { try fileDescriptor.close() }

    private mutating func parse(_ bytes: [UInt8]) -> [InotifyEvent] {
        let headerSize = 16  // int wd; uint32_t mask, cookie, len;
        var events: [InotifyEvent] = []
        var offset = 0
        bytes.withUnsafeBytes { raw in
            while offset + headerSize <= raw.count {
                let wd = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                let bits = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                let length = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                let nameStart = offset + headerSize
                guard nameStart + length <= raw.count else { break }
                // The name is NUL-padded to an alignment boundary.
                let nameBytes = raw[nameStart..<(nameStart + length)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                let kind = InotifyEventKind(rawValue: bits)
                let directory = directoriesByWatch[wd] ?? ""
                if kind.contains(.watchRemoved), let gone = directoriesByWatch.removeValue(forKey: wd),
                   !pending.contains(gone) {
                    pending.append(gone)
                }
                events.append(InotifyEvent(directory: directory, name: name, kind: kind))
                offset = nameStart + length
            }
        }
        return events
    }
}
