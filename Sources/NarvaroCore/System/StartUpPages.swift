// Hands back the memory start-up left resident once the daemon serves (issue 17, goal 7): the
// kernel maps code 64 KiB around each page fault, so start-up's scattered paths leave ~8 MiB of
// clean code pages in VmRSS that the sleeping poll loop never runs; and the heap keeps its peak.
import CLinux
import Glibc

public enum StartUpPages {
    /// What `release()` did: the code mappings advised and their size (mapped, not all resident).
    public struct Released: Sendable, Equatable {
        public var mappings = 0
        public var bytes = 0
    }

    /// `madvise(MADV_DONTNEED)` on every executable, file-backed mapping (the program's code and its
    /// libraries'), then `malloc_trim(0)`. Safe for code: an `r-xp` mapping is never written (no text
    /// relocations), so dropping its page-table entries loses nothing; the next call into a dropped
    /// page faults it back from the page cache (a minor fault, no disk read while it stays cached).
    /// Writable and `r--p` mappings are left alone (a RELRO page holds relocated pointers).
    /// Best effort: a mapping the kernel refuses is skipped.
    @discardableResult
    public static func release() -> Released {
        // All lines are read and parsed before the first madvise: the parsing runs Swift string
        // code that would fault pages straight back in between two advices.
        let mappings = codeMappings()
        var released = Released()
        for mapping in mappings
        where madvise(UnsafeMutableRawPointer(bitPattern: mapping.start), mapping.end - mapping.start, MADV_DONTNEED) == 0 {
            released.mappings += 1
            released.bytes += mapping.end - mapping.start
        }
        malloc_trim(0)
        return released
    }

    /// The executable file mappings listed in /proc/self/maps (empty when it cannot be read).
    static func codeMappings() -> [CodeMapping] {
        guard let maps = fopen("/proc/self/maps", "r") else { return [] }
        defer { fclose(maps) }
        var mappings: [CodeMapping] = []
        mappings.reserveCapacity(64)
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, maps) > 0, let line {
            if let mapping = CodeMapping(line: String(cString: line)) { mappings.append(mapping) }
        }
        return mappings
    }
}

/// One line of /proc/self/maps that is code from a file: `start-end r-xp offset dev inode /path`.
struct CodeMapping {
    var start: Int
    var end: Int

    init?(line: String) {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 6, fields[1] == "r-xp", fields[5].hasPrefix("/") else { return nil }
        let bounds = fields[0].split(separator: "-")
        guard bounds.count == 2, let start = Int(bounds[0], radix: 16), let end = Int(bounds[1], radix: 16), start < end else { return nil }
        self.start = start
        self.end = end
    }
}
