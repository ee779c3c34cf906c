// The terminal while the desk runs: raw input (tcsetattr), the alternate screen, no cursor, no
// autowrap; `restore()` puts every setting back and is safe to call more than once.
import CLinux
import NarvaroCore
import Glibc

public enum TerminalError: Error, CustomStringConvertible, Equatable {
    case notATerminal
    case failed(String, errno: Errno)

    public var description: String {
        switch self {
        case .notATerminal:
            return "the desk needs a terminal: run it in a terminal window (or over ssh -t), or use --once"
        case .failed(let call, let code):
            return "the terminal refused \(call): \(code)"
        }
    }
}

public final class TerminalMode {
    public let input: Int32
    public let output: Int32
    private let saved: termios
    private var active = false

    static let enterSequence = "\u{1B}[?1049h\u{1B}[?25l\u{1B}[?7l\u{1B}[2J"
    static let leaveSequence = "\u{1B}[0m\u{1B}[?7h\u{1B}[?25h\u{1B}[?1049l"

    /// Switches `input` to raw mode (`tcgetattr`/`tcsetattr`) and `output` to the alternate screen.
    /// Ctrl-C arrives as a key (ISIG off), so a dialog can take it as "cancel".
    public init(input: Int32, output: Int32) throws(TerminalError) {
        guard isatty(input) == 1, isatty(output) == 1 else { throw .notATerminal }
        var original = termios()
        guard tcgetattr(input, &original) == 0 else { throw .failed("tcgetattr", errno: .current) }
        self.input = input
        self.output = output
        saved = original
        var raw = original
        raw.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
        raw.c_cflag |= tcflag_t(CS8)
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(input, TCSAFLUSH, &raw) == 0 else { throw .failed("tcsetattr", errno: .current) }
        active = true
        Self.writeAll(output, Self.enterSequence)
    }

    deinit { restore() }

    /// Leaves the alternate screen, shows the cursor and restores the saved settings.
    public func restore() {
        guard active else { return }
        active = false
        Self.writeAll(output, Self.leaveSequence)
        var original = saved
        _ = tcsetattr(input, TCSADRAIN, &original)
    }

    /// The terminal's size in columns and rows (`ioctl TIOCGWINSZ`), if `fd` is a terminal that knows it.
    public static func size(of fd: Int32) -> (width: Int, height: Int)? {
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
        return (Int(size.ws_col), Int(size.ws_row))
    }

    /// Writes all of `text`, retrying after EINTR (`retryOnInterrupt`) and waiting out EAGAIN;
    /// returns false when the terminal is gone.
    @discardableResult
    public static func writeAll(_ fd: Int32, _ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            do {
                let n = try retryOnInterrupt("write") { bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } }
                guard n > 0 else { return false }
                bytes = bytes.dropFirst(n)
            } catch where error.errno == .wouldBlock {
                var pfd = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                _ = poll(&pfd, 1, 100)
            } catch {
                return false
            }
        }
        return true
    }
}
