// The helpers behind issue 12's rules: OutputFile (which files may be replaced, written whole) and
// OutsideText (hidden characters refused on input, made visible on output).
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Glibc
import Testing

@Suite struct SystemOutputFileTests {
    @Test func writesWholeNewFilesAndReplacesOnlyWhenAsked() throws {
        let dirScratch = try TemporaryDirectory("out")
        defer { withExtendedLifetime(dirScratch) {} }
        let dir = dirScratch.path
        let path = dir + "/out.txt"
        try OutputFile.write(Array("one".utf8), to: path, mode: 0o640, existing: .refuse)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "one")
        #expect(throws: SystemError.outputExists(path: path)) { try OutputFile.write(Array("two".utf8), to: path, mode: 0o640, existing: .refuse) }
        #expect(try OutputFile.create(Array("two".utf8), at: path, mode: 0o600) == false)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "one")
        try OutputFile.write(Array("three".utf8), to: path, mode: 0o600, existing: .replace)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "three")
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.txt"], "no temporary file left")
    }

    @Test func nonRegularFilesAreNeverReplacedEvenWhenAsked() throws {
        let dirScratch = try TemporaryDirectory("out")
        defer { withExtendedLifetime(dirScratch) {} }
        let dir = dirScratch.path
        #expect(mkfifo(dir + "/fifo", 0o600) == 0)
        #expect(symlink(dir + "/elsewhere", dir + "/link") == 0)
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: false)
        for (name, kind) in [("fifo", "a FIFO"), ("link", "a symbolic link"), ("sub", "a directory"), ("sub/", "a directory")] {
            #expect(throws: SystemError.outputNotARegularFile(path: dir + "/" + name, kind: kind)) {
                try OutputFile.write(Array("x".utf8), to: dir + "/" + name, mode: 0o640, existing: .replace)
            }
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/elsewhere"))
        #expect(throws: SystemError.outputMissingDirectory(path: dir + "/none/x", directory: dir + "/none")) {
            try OutputFile.check(dir + "/none/x", existing: .refuse)
        }
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: dir)) == ["fifo", "link", "sub"])
    }

    @Test func theCardKeyIsNeverCreatedThroughALink() throws {
        let dirScratch = try TemporaryDirectory("out")
        defer { withExtendedLifetime(dirScratch) {} }
        let dir = dirScratch.path
        #expect(symlink(dir + "/planted", dir + "/card-key") == 0)
        #expect(throws: CardKeyError.notARegularFile(path: dir + "/card-key")) { try CardKey.loadOrCreate(path: dir + "/card-key") }
        #expect(!FileManager.default.fileExists(atPath: dir + "/planted"))
        // A FIFO as the key is proven through the binary (CLIHostileFilesTests), where a regression
        // that hangs is killed instead of hanging this process.
    }

    @Test func hiddenCharactersAreShownAndNamesChecked() throws {
        #expect(OutsideText.visible("a\u{1B}[2Jb\u{07}\u{7F}\u{9B}\u{202E}\u{2069}\t\r\n") == "a\\e[2Jb\\a\\x7F<U+009B><U+202E><U+2069>\\t\\r\\n")
        #expect(OutsideText.visible("a\nb\u{1}", keepingLineBreaks: true) == "a\nb\\x01")
        for text in ["Läxhjälp", "Språkcafé ☕", "שלום", "日本語", "a\\eb"] {
            #expect(OutsideText.visible(text) == text)
            #expect(OutsideText.visible(OutsideText.visible(text + "\u{1B}")) == OutsideText.visible(text + "\u{1B}"), "twice is once")
        }
        #expect(throws: StoreError.self) { try OutsideText.checkName("Nick\u{1B}[2J", what: "nickname") }
        #expect(throws: StoreError.self) { try OutsideText.checkName("\u{2067}x", what: "nickname") }
        #expect(throws: StoreError.badName("nickname is empty: give a name with letters or digits")) { try OutsideText.checkName(" \u{3000}", what: "nickname") }
        #expect(try OutsideText.checkName("Amir", what: "nickname") == "Amir")
        // A table measures what is shown, so columns stay aligned around a made-visible name.
        let table = TextTable(headers: ["A", "B"], rows: [["x\u{1B}[31my", "1"], ["plain", "2"]]).render()
        let lines = table.split(separator: "\n")
        #expect(!table.contains("\u{1B}"))
        #expect(lines[2].lastIndex(of: "1").map { lines[2].distance(from: lines[2].startIndex, to: $0) }
                == lines[3].lastIndex(of: "2").map { lines[3].distance(from: lines[3].startIndex, to: $0) })
        #expect(JSONValue.string("a\u{202E}b\u{9B}").serialized() == "\"a\\u202eb\\u009b\"")
        // The desk stripped ESC but let direction overrides through; now both are shown.
        let greeting = DeskLine(" ★ Välkommen, Nick\u{202E}\u{1B}[2J!", .greeting)
        #expect(greeting.plain(width: 80).contains("Nick<U+202E>\\e[2J!"))
        #expect(!greeting.ansi(width: 80).withoutTerminalEscapes.unicodeScalars.contains(where: OutsideText.isHidden))
    }
}
