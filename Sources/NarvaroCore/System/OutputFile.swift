// The one rule for every file Närvaro writes (exports, the card key, benchmark results): the file
// appears whole or not at all, an existing file is replaced only when asked, and a path that is not
// a regular file (device, FIFO, directory, symbolic link) is never written through nor renamed over.
import Glibc

public enum OutputFile {
    /// What to do when the path already names a regular file.
    public enum Existing: Sendable { case refuse, replace }

    /// Refuses a path that cannot be written under the rule, before any work is done: a
    /// non-regular file (never replaced, even when asked), or an existing file unless `.replace`.
    public static func check(_ path: String, existing: Existing) throws(SystemError) {
        guard !path.isEmpty, !path.hasSuffix("/"), !path.hasSuffix("/."), !path.hasSuffix("/.."), path != ".", path != ".." else {
            throw .outputNotARegularFile(path: path, kind: "a directory")
        }
        var info = stat()
        if lstat(path, &info) != 0 {
            let code = Errno.current
            guard code == .noSuchFile else { throw .outputFailed(path: path, action: "inspect", errno: code) }
            var dirInfo = stat()
            let directory = parent(of: path)
            guard stat(directory, &dirInfo) == 0, dirInfo.st_mode & S_IFMT == S_IFDIR else {
                throw .outputMissingDirectory(path: path, directory: directory)
            }
            return
        }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .outputNotARegularFile(path: path, kind: kind(info.st_mode)) }
        if existing == .refuse { throw .outputExists(path: path) }
    }

    /// Writes `bytes` to `path` with `mode`: into a new temporary file in the same directory
    /// (`mkstemp`: O_CREAT|O_EXCL, so nothing is followed), fsynced, then put in place — by
    /// `link`, which never replaces anything, or with `.replace` by `rename` over a regular file
    /// checked just before — and the directory fsynced, so the file survives a crash whole.
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t, existing: Existing) throws(SystemError) {
        try check(path, existing: existing)
        let temporary = try writeTemporary(bytes, beside: path, mode: mode)
        defer { unlink(temporary) }
        if link(temporary, path) != 0 {
            let code = Errno.current
            guard code == Errno(rawValue: EEXIST) else { throw .outputFailed(path: path, action: "create", errno: code) }
            // Something appeared meanwhile, or was there and may be replaced: check it again.
            try check(path, existing: existing)
            // rename(2) replaces the name itself: it never writes through a link or into a device.
            guard rename(temporary, path) == 0 else { throw .outputFailed(path: path, action: "replace", errno: .current) }
        }
        syncDirectory(of: path)
    }

    /// Writes `bytes` to `path` only if nothing is there; returns false (and writes nothing) when
    /// a regular file already is. For files that must never be replaced, such as the card key.
    public static func create(_ bytes: [UInt8], at path: String, mode: mode_t) throws(SystemError) -> Bool {
        do {
            try write(bytes, to: path, mode: mode, existing: .refuse)
            return true
        } catch .outputExists {
            return false
        }
    }

    private static func writeTemporary(_ bytes: [UInt8], beside path: String, mode: mode_t) throws(SystemError) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? "output"
        var template = Array((parent(of: path) + "/." + name + ".tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        if fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        guard fd >= 0 else { throw .outputFailed(path: path, action: "create a file beside", errno: .current) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var done = 0
        var failure: Errno?
        while done < bytes.count {
            do {
                let n = try retryOnInterrupt("write") { bytes.withUnsafeBytes { raw in Glibc.write(fd, raw.baseAddress.map { $0 + done }, raw.count - done) } }
                guard n > 0 else { failure = Errno(rawValue: EIO); break }
                done += n
            } catch {
                failure = error.errno
                break
            }
        }
        if failure == nil, fchmod(fd, mode) != 0 || fsync(fd) != 0 { failure = .current }
        close(fd)
        if let failure {
            unlink(temporary)
            throw .outputFailed(path: path, action: "write", errno: failure)
        }
        return temporary
    }

    /// "a FIFO", "a directory", … for messages.
    public static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a FIFO"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFLNK: return "a symbolic link"
        case S_IFSOCK: return "a socket"
        default: return "a special file"
        }
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func syncDirectory(of path: String) {
        let fd = open(parent(of: path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
