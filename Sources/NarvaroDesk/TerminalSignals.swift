// Signals for the desk's poll loop through a self-pipe: the handler only writes the signal's
// number to a pipe, which the loop polls beside the keyboard. SIGWINCH redraws; SIGINT, SIGTERM
// and SIGHUP (ssh dropped) end the desk through the same path as `q`, so the terminal is restored.
import NarvaroCore
import Glibc

/// The pipe's write end, for the handler (a C function cannot capture). Set before any handler is installed.
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

private func forwardSignal(_ signal: Int32) {
    let saved = errno
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(signalPipeWriteEnd, &byte, 1)
    errno = saved
}

public final class TerminalSignals {
    /// Poll this for reading; `received()` says which signals arrived.
    public let readEnd: Int32
    private let writeEnd: Int32
    private var previous: [(Int32, sigaction)] = []
    private var installed = true

    /// Installs handlers (`sigaction`) for `signals`; `uninstall` (or deinit) puts the old ones back.
    public init(_ signals: [Int32]) throws(TerminalError) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw .failed("pipe", errno: .current) }
        for fd in fds {
            // Non-blocking: a full pipe must never block the handler, nor an empty one the loop.
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readEnd = fds[0]
        writeEnd = fds[1]
        signalPipeWriteEnd = writeEnd
        // A parent may hand down these signals blocked (test runners, some supervisors): unblock them.
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        for signal in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = forwardSignal
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            var old = sigaction()
            if sigaction(signal, &action, &old) == 0 { previous.append((signal, old)) }
        }
    }

    deinit { uninstall() }

    /// The signals received since the last call, oldest first.
    public func received() -> [Int32] {
        var signals: [Int32] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            guard n > 0 else { break }
            signals += buffer.prefix(n).map { Int32($0) }
        }
        return signals
    }

    /// Restores the previous handlers and closes the pipe.
    public func uninstall() {
        guard installed else { return }
        installed = false
        for (signal, old) in previous {
            var old = old
            sigaction(signal, &old, nil)
        }
        previous = []
        if signalPipeWriteEnd == writeEnd { signalPipeWriteEnd = -1 }
        close(readEnd)
        close(writeEnd)
    }
}
