// The live desk on a terminal: one poll() loop over the keyboard and the signal pipe with a
// 250 ms tick that polls the database. Only lines that changed are rewritten, so it stays light
// over SSH. The terminal is restored however the loop ends: q, Ctrl-C, SIGINT/SIGTERM/SIGHUP, errors.
import NarvaroCore
import Glibc

public enum DeskTerminal {
    /// How often the database is polled: a committed swipe shows within about this long.
    public static let tickMilliseconds: Int32 = 250

    /// Runs the desk on the terminal at `input`/`output` until the user quits or a signal ends it.
    public static func run(session: DeskSession, input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) throws {
        let signals = try TerminalSignals([SIGINT, SIGTERM, SIGHUP, SIGWINCH])
        defer { signals.uninstall() }
        let mode = try TerminalMode(input: input, output: output)
        defer { mode.restore() }
        var screen = ScreenPainter(output: output)
        var decoder = DeskKeyDecoder()
        var buffer = [UInt8](repeating: 0, count: 1024)
        session.refresh()
        while !session.wantsToQuit {
            let size = TerminalMode.size(of: output) ?? (width: 80, height: 24)
            guard screen.paint(session.frame().render(width: size.width, height: size.height, color: true), width: size.width) else {
                return // the terminal is gone (ssh dropped): nothing left to restore on it
            }
            var fds = [pollfd(fd: input, events: Int16(POLLIN), revents: 0), pollfd(fd: signals.readEnd, events: Int16(POLLIN), revents: 0)]
            // Retried after EINTR: the signal that interrupted it is in the self-pipe, so poll returns at once.
            let ready: Int32
            do { ready = try retryOnInterrupt("poll") { poll(&fds, 2, tickMilliseconds) } } catch { throw TerminalError.failed("poll", errno: error.errno ?? .invalidArgument) }
            for signal in signals.received() {
                if signal == SIGWINCH { screen.invalidate() } else { return }
            }
            if ready > 0, fds[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                var n = 0
                do { n = try retryOnInterrupt("read") { buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) } } }
                catch where error.errno == .wouldBlock { n = -1 } // nothing to read after all
                catch { return } // the terminal closed
                if n == 0 { return } // end of input: the terminal closed
                if n > 0 { for key in decoder.feed(Array(buffer.prefix(n))) { session.handle(key) } }
            }
            session.refresh()
        }
    }
}

/// Draws frames on a terminal, rewriting only the lines that differ from the last frame.
struct ScreenPainter {
    let output: Int32
    private var shown: [String] = []
    private var width = 0

    init(output: Int32) { self.output = output }

    /// Forget what is on the screen (after a resize): the next frame is drawn whole.
    mutating func invalidate() { shown = [] }

    /// Returns false when the terminal cannot be written to any more.
    mutating func paint(_ lines: [String], width: Int) -> Bool {
        var out = ""
        if width != self.width || lines.count != shown.count {
            out += "\u{1B}[0m\u{1B}[2J"
            shown = []
            self.width = width
        }
        for (row, line) in lines.enumerated() where row >= shown.count || shown[row] != line {
            // Clear to the end only when the line leaves room: at the last column it would erase the last character.
            let clear = TextTable.displayWidth(line.withoutTerminalEscapes) < width ? "\u{1B}[K" : ""
            out += "\u{1B}[\(row + 1);1H\u{1B}[0m" + line + "\u{1B}[0m" + clear
        }
        shown = lines
        return out.isEmpty || TerminalMode.writeAll(output, out)
    }
}
