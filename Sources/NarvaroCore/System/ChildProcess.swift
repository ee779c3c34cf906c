// Runs a helper program (e.g. `systemctl is-active`) with posix_spawn and reads what it prints,
// so the doctor needs no Foundation.Process (full Foundation is ~8 MiB resident in the daemon).
import Glibc

public enum ChildProcess {
    /// Runs `path` with `arguments` (stdin and stderr on /dev/null) and returns its exit status
    /// and standard output (at most 64 KiB), or nil when it could not be started.
    public static func output(of path: String, _ arguments: [String]) -> (status: Int32, output: String)? {
        var pipeFDs: [Int32] = [-1, -1]
        guard pipe(&pipeFDs) == 0 else { return nil }
        // Close-on-exec, so no other child inherits them (dup2 onto stdout clears it for this one).
        for fd in pipeFDs { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        close(pipeFDs[1])
        guard spawned == 0 else { close(pipeFDs[0]); return nil }

        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while bytes.count < 65_536 {
            let n = buffer.withUnsafeMutableBytes { read(pipeFDs[0], $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { break }
            bytes += buffer[0..<n]
        }
        // Closed before waiting: a child that writes more than we read gets SIGPIPE, not stuck.
        close(pipeFDs[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        // WIFEXITED / WEXITSTATUS are macros Swift does not import.
        let exitStatus: Int32 = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exitStatus, String(decoding: bytes, as: UTF8.self))
    }
}
