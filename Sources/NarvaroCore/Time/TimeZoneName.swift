// Which zone names staff may give a venue: only IANA names the system's tz database holds
// (/usr/share/zoneinfo, or $TZDIR), and reading their files once. "UTC+5" is refused: POSIX reads its sign the other way.
import Glibc

extension VenueClock {
    /// A clock for a zone name typed by staff: it must be an IANA name whose file is in the
    /// system's tz database (a TZif file we can read). Stored names are opened with
    /// `init(identifier:)`, so a venue saved before this check keeps working.
    public init(validating name: String, zoneDirectory: String = TimeZoneName.directory) throws(TimeError) {
        guard TimeZoneName.isInDatabase(name, directory: zoneDirectory) else { throw TimeZoneName.refusal(name) }
        try self.init(identifier: name, zoneDirectory: zoneDirectory)
    }
}

public enum TimeZoneName {
    /// `$TZDIR` when set, else Debian's /usr/share/zoneinfo (package tzdata).
    public static var directory: String {
        if let dir = getenv("TZDIR").map({ String(cString: $0) }), !dir.isEmpty { return dir }
        return "/usr/share/zoneinfo"
    }

    /// Whether `name` looks like an IANA name (`Europe/Stockholm`, `Etc/GMT-5`, `UTC`) and names
    /// a TZif file under `directory`. The `posix/` and `right/` copies are not names of their own.
    public static func isInDatabase(_ name: String, directory: String) -> Bool {
        guard let bytes = zoneFile(name, directory: directory) else { return false }
        return bytes.starts(with: Array("TZif".utf8))
    }

    /// Whether `name` has the shape of an IANA name, so it can be joined to a directory safely.
    static func isWellFormed(_ name: String) -> Bool {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        return !name.isEmpty && name.utf8.count <= 64 && !["posix", "right"].contains(parts[0])
            && parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." })
            && name.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || "/_-+".unicodeScalars.contains($0) })
    }

    /// The bytes of zone `name`'s file under `directory`: nil unless the name is well formed and
    /// the file a regular one of at most 256 KiB (real ones are under 4 KiB).
    static func zoneFile(_ name: String, directory: String) -> [UInt8]? {
        guard isWellFormed(name) else { return nil }
        // Non-blocking and checked to be a regular file, so a FIFO planted in TZDIR cannot hang us.
        let fd = open(directory + "/" + name, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size <= 256 * 1024 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while filled < bytes.count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return nil }
            filled += n
        }
        return bytes
    }

    /// The error for a name that is not in the tz database, with a suggestion for offsets.
    static func refusal(_ name: String) -> TimeError {
        var rest = Substring(name.uppercased())
        for prefix in ["UTC", "GMT", "UT"] where rest.hasPrefix(prefix) { rest = rest.dropFirst(prefix.count); break }
        if let sign = rest.first, sign == "+" || sign == "-", let hours = Int(rest.dropFirst()), (0...14).contains(hours), rest.count <= 3 {
            // Etc/GMT names have POSIX signs: UTC+5 (five hours east) is Etc/GMT-5.
            let etc = "Etc/GMT\(sign == "+" ? "-" : "+")\(hours)"
            let example = sign == "+" && hours == 5 ? "Asia/Karachi" : "Europe/Stockholm"
            return .invalid(input: "time zone '\(name)'",
                            reason: "not an IANA zone name (POSIX reads its sign the other way): a fixed \(hours) h \(sign == "+" ? "east" : "west") "
                                + "of UTC is \(etc); better, the place's own zone (e.g. \(example)) follows its summer time")
        }
        return .unknownTimeZone(name)
    }
}

/// Zones read so far, by directory and name: a clock is made per venue and per command, and the
/// file does not change under a running program (a tzdata upgrade restarts the daemon).
enum ZoneCache {
    nonisolated(unsafe) private static var zones: [String: ZoneRules] = [:]
    nonisolated(unsafe) private static let lock: UnsafeMutablePointer<pthread_mutex_t> = {
        let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
        return lock
    }()

    static func rules(for name: String, directory: String) -> ZoneRules? {
        let key = directory + "\0" + name
        pthread_mutex_lock(lock)
        let known = zones[key]
        pthread_mutex_unlock(lock)
        if let known { return known }
        guard let bytes = TimeZoneName.zoneFile(name, directory: directory), let rules = ZoneRules(tzif: bytes) else { return nil }
        pthread_mutex_lock(lock)
        zones[key] = rules
        pthread_mutex_unlock(lock)
        return rules
    }
}
