// The real `narvaro desk` on a pseudo-terminal: keys typed into it, its screen read back. Proves
// the enrol dialog over a real terminal (empty answers, a bad birth year asked again, Ctrl-C
// cancelling with nothing written) and that the terminal is restored however the desk ends.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Testing

@Suite(.serialized) struct DeskPtyTests {
    @Test func enrollingANewCardFromTheKeyboard() throws {
        let ws = try DeskSwipes.workspace()
        try DeskSwipes.replay(["1234567890"], in: ws)
        let pty = try PseudoTerminal(width: 80, height: 24)
        let desk = try pty.run(["desk", "--lang", "en"], environment: ws.environment)
        defer { if desk.isRunning { desk.terminate() } }
        #expect(pty.waitFor { $0.contains("! NEW CARD (entre, ") && $0.contains(" e register new card") }, "\(pty.screen())")
        #expect(pty.screen().contains("\u{1B}") == false, "escapes are stripped from what the test reads")
        #expect(String(decoding: pty.output, as: UTF8.self).contains("\u{1B}[?1049h"), "the alternate screen is used")

        var mark = pty.mark
        pty.send("e")
        #expect(pty.waitFor(since: mark) { $0.contains("Register the new card (entre, ") && $0.contains("> Nickname: _") })
        mark = pty.mark
        pty.send("\r") // no nickname
        #expect(pty.waitFor(since: mark) { $0.contains("Nickname: –") && $0.contains("> Birth year: _") })
        mark = pty.mark
        pty.send("2090\r")
        #expect(pty.waitFor(since: mark) { $0.contains("! 2090 is not a plausible birth year: type a year from") })
        #expect(pty.screen(since: mark).contains("> Birth year: _"), "asked again from an empty line")
        mark = pty.mark
        pty.send("2010\r")
        #expect(pty.waitFor(since: mark) { $0.contains("> Gender: _") && $0.contains("1 woman   2 man   3 other   4 not stated") })
        mark = pty.mark
        pty.send("\r") // gender skipped
        #expect(pty.waitFor(since: mark) { $0.contains("> Role: _") })
        mark = pty.mark
        pty.send("\r") // role skipped
        #expect(pty.waitFor(since: mark) { $0.contains("Registered as visitor ") })
        mark = pty.mark
        pty.send("q")
        #expect(pty.waitForExit(desk))
        #expect(desk.terminationStatus == 0)
        #expect(String(decoding: pty.output, as: UTF8.self).hasSuffix("\u{1B}[0m\u{1B}[?7h\u{1B}[?25h\u{1B}[?1049l"),
                "cursor shown, autowrap back, alternate screen left")
        #expect(pty.isCooked, "line mode and echo are back")

        let list = try ws.narvaro("visitor", "list", "--format", "json")
        let visitors = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(visitors.count == 2)
        let enrolled = try #require(visitors.first { $0["nickname"] as? String != "Amir" })
        #expect(enrolled["birth_year"] as? Int == 2010)
        #expect(enrolled["gender"] as? String == "unstated" && enrolled["role"] as? String == "participant")
    }

    @Test func ctrlCCancelsTheDialogWithNothingWrittenThenQuits() throws {
        let ws = try DeskSwipes.workspace()
        try DeskSwipes.replay(["1234567890"], in: ws)
        let before = try ws.narvaro("visitor", "list", "--unknown", "--format", "json").stdout
        let pty = try PseudoTerminal(width: 80, height: 24)
        let desk = try pty.run(["desk", "--lang", "sv"], environment: ws.environment)
        defer { if desk.isRunning { desk.terminate() } }
        #expect(pty.waitFor { $0.contains("! NYTT KORT (entre, ") })
        var mark = pty.mark
        pty.send("e")
        #expect(pty.waitFor(since: mark) { $0.contains("> Smeknamn: _") })
        mark = pty.mark
        pty.send("Kim\r2001\r\u{3}")
        #expect(pty.waitFor(since: mark) { $0.contains("Registreringen avbröts: inget ändrades.") }, "\(pty.screen(since: mark))")
        #expect(desk.isRunning, "Ctrl-C in the dialog cancels only the dialog")
        #expect(try ws.narvaro("visitor", "list", "--unknown", "--format", "json").stdout == before)
        pty.send("\u{3}")
        #expect(pty.waitForExit(desk))
        #expect(desk.terminationStatus == 0)
        #expect(pty.isCooked)
    }

    @Test func sigintFromOutsideRestoresTheTerminal() throws {
        let ws = try DeskSwipes.workspace()
        let pty = try PseudoTerminal(width: 100, height: 30)
        let desk = try pty.run(["desk", "--lang", "en"], environment: ws.environment)
        defer { if desk.isRunning { desk.terminate() } }
        #expect(pty.waitFor { $0.contains("No swipes yet today.") && $0.contains(" e register new card") })
        #expect(pty.isCooked == false, "raw mode while running")
        desk.interrupt()
        #expect(pty.waitForExit(desk))
        #expect(String(decoding: pty.output, as: UTF8.self).hasSuffix("\u{1B}[?1049l"))
        #expect(pty.isCooked)
    }

    @Test func withoutATerminalItPrintsOnePlainFrame() throws {
        let ws = try DeskSwipes.workspace()
        try DeskSwipes.replay(["0563537489"], in: ws)
        let result = try ws.narvaro("desk", "--lang", "en")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 24 && lines.allSatisfy { TextTable.displayWidth(String($0)) <= 80 })
        #expect(lines[1].hasPrefix(" ★ Welcome, Amir!  Läxhjälp  "))
        #expect(!result.stdout.contains("\u{1B}"), "no escapes when not on a terminal")
        let once = try ws.narvaro("desk", "--once", "--venue", "tingshuset", "--lang", "sv")
        #expect(once.status == 0 && once.stdout.contains(" ★ Välkommen, Amir!  Läxhjälp  "))
        let wrong = try ws.narvaro("desk", "--once", "--venue", "nowhere")
        #expect(wrong.status == 1 && wrong.stderr.contains("venue 'nowhere' not found"))
    }
}
