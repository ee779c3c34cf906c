// One daemon per database: an flock on `narvaro.db.lock` next to it, held for the daemon's life
// and released by the kernel when it exits (even by SIGKILL). The file holds the holder's pid so
// a second daemon can name it. Only the holder reads, writes and empties the spool.
import NarvaroCore
import FoundationEssentials
import Glibc

public final class DaemonLock {
    private let fd: FileDescriptor

    /// `narvaro.db` → `narvaro.db.lock`.
    public static func path(forDatabase database: String) -> String { database + ".lock" }

    private init(fd: FileDescriptor) { self.fd = fd }

    deinit { try? fd.close() }

    /// Takes the lock without waiting, or throws `DaemonError.lockHeld` naming the holder.
    public static func acquire(database: String) throws -> DaemonLock {
        let path = path(forDatabase: database)
        let fd: FileDescriptor
        do {
            fd = try FileDescriptor.open(path, O_RDWR | O_CREAT | O_NOFOLLOW, mode: 0o640)
        } catch let error as SystemError where error.errno == .permissionDenied {
            // Left by a run as another user (root): flock works on a read-only descriptor too.
            do { fd = try FileDescriptor.open(path, O_RDONLY | O_NOFOLLOW) } catch {
                throw DaemonError.lockFailed(database: database, reason: "\(error): it belongs to another user; remove it (it holds only a pid) and start again")
            }
        } catch let error as SystemError where error.errno == .noSuchFile {
            // O_CREAT fails so only when the directory is missing: say that, as `narvaro` does.
            let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
            throw DaemonError.lockFailed(database: database, reason: "directory \(directory.isEmpty ? "/" : directory) does not exist: create it, or choose another --database")
        } catch {
            throw DaemonError.lockFailed(database: database, reason: "\(error)")
        }
        guard flock(fd.rawValue, LOCK_EX | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            let reason = String(cString: strerror(errno))
            let holder = busy ? holderPID(fd) : nil
            try? fd.close()
            if !busy { throw DaemonError.lockFailed(database: database, reason: reason) }
            throw DaemonError.lockHeld(database: database, holder: holder)
        }
        // Readable by all (it holds only a pid, and the umask would narrow it), so a daemon run
        // later as another user can still lock it and name its holder.
        _ = fchmod(fd.rawValue, 0o644)
        let pid = Array("\(getpid())\n".utf8)
        if ftruncate(fd.rawValue, 0) == 0 { try? fd.write(pid) }
        return DaemonLock(fd: fd)
    }

    /// The pid holding an flock on the file open as `fd`, from /proc/locks (`… FLOCK ADVISORY WRITE
    /// PID MAJ:MIN:INODE …`): true even when the file's own pid text is stale or unwritable.
    static func holderPID(_ fd: FileDescriptor) -> Int32? {
        var info = stat()
        guard fstat(fd.rawValue, &info) == 0, let locks = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return nil }
        for line in locks.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 6, fields[1] == "FLOCK", let inode = fields[5].split(separator: ":").last,
                  UInt64(inode) == UInt64(info.st_ino) else { continue }
            return Int32(fields[4])
        }
        return nil
    }
}
