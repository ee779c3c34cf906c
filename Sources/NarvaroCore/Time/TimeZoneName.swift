// Which zone names staff may give a venue: only IANA names the system's tz database holds
// (/usr/share/zoneinfo, or $TZDIR). "UTC+5" is refused: POSIX reads its sign the other way.
import Glibc

extension VenueClock {
    /// A clock for a zone name typed by staff: it must be an IANA name whose file is in the
    /// system's tz database (a TZif file), and Foundation must know it too. Stored names are
    /// opened with `init(identifier:)`, so a venue saved before this check keeps working.
    public init(validating name: String, zoneDirectory: String = TimeZoneName.directory) throws(TimeError) {
        guard TimeZoneName.isInDatabase(name, directory: zoneDirectory) else { throw TimeZoneName.refusal(name) }
        try self.init(identifier: name)
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
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.isEmpty, name.utf8.count <= 64, !["posix", "right"].contains(parts[0]),
              parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }),
              name.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || "/_-+".unicodeScalars.contains($0) })
        else { return false }
        // Non-blocking and checked to be a regular file, so a FIFO planted in TZDIR cannot hang us.
        let fd = open(directory + "/" + name, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
        var magic = [UInt8](repeating: 0, count: 4)
        return read(fd, &magic, 4) == 4 && magic == Array("TZif".utf8)
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
