// The string tables are complete: every table word has Swedish and English, every help text of
// narvaro has Swedish, every message pattern fills the same places in both languages, and the
// language is chosen as documented (--lang, NARVARO_LANG, LC_ALL/LC_MESSAGES/LANG, English).
@testable import NarvaroCore
import NarvaroCLI
import NarvaroCommands
import Foundation
import Testing

@Suite struct TextCatalogTests {
    @Test(arguments: Word.allCases)
    func everyWordExistsInBothLanguages(_ word: Word) throws {
        let entry = try #require(Words.table[word], "\(word) has no entry in Words.table")
        #expect(!entry.sv.isEmpty && !entry.en.isEmpty, "\(word) is empty in a language")
        if !Word.sameInBothLanguages.contains(word) {
            #expect(entry.sv != entry.en, "\(word) reads '\(entry.en)' in Swedish too: translate it or list it in sameInBothLanguages")
        }
    }

    /// Every summary, argument and option help of every narvaro command, and the global options.
    static let helpTexts: [String] = {
        var texts = NarvaroProgram.table().about.isEmpty ? [] : [NarvaroProgram.table().about]
        for command in NarvaroProgram.commands {
            texts.append(command.summary)
            texts += command.positionals.map(\.help) + command.options.map(\.help)
        }
        texts += narvaroGlobalOptions.map(\.help)
        var seen = Set<String>()
        return texts.filter { seen.insert($0).inserted }
    }()

    @Test func everyHelpTextHasSwedish() {
        #expect(Self.helpTexts.count > 100)
        let missing = Self.helpTexts.filter { (Phrases.sv[$0] ?? "").isEmpty }
        #expect(missing.isEmpty, "help texts without Swedish (add them to Text/HelpPhrases.swift): \(missing)")
        let unchanged = Self.helpTexts.filter { Phrases.sv[$0] == $0 }
        #expect(unchanged.isEmpty, "Swedish equal to the English: \(unchanged)")
    }

    /// Every literal message the code passes to `.text(…)` or `.doctorText(…)` (confirmations,
    /// the help layout, doctor's status words) has Swedish: read from the sources themselves.
    @Test func everyMessageTheCodeTranslatesHasSwedish() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        // `lang.text("…"` or `l.doctorText(archived ? "…" : "…"`: the literal messages at a call.
        let call = try NSRegularExpression(pattern: #"\b(?:lang|l)\.(text|doctorText)\((?:[A-Za-z.]+ \? )?"((?:[^"\\]|\\.)*)"(?: : "((?:[^"\\]|\\.)*)")?"#)
        var checked = 0, missing: [String] = []
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for match in call.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let table = Range(match.range(at: 1), in: text).map { text[$0] == "text" } ?? true ? Phrases.sv : Phrases.svDoctor
                for group in [2, 3] {
                    guard let range = Range(match.range(at: group), in: text) else { continue }
                    checked += 1
                    if table[String(text[range])] == nil { missing.append("\(file): \(text[range])") }
                }
            }
        }
        #expect(checked > 25)
        #expect(missing.isEmpty, "messages without Swedish: \(missing)")
    }

    @Test func patternsFillTheSamePlacesInBothLanguages() {
        for (en, sv) in Phrases.svDoctorPatterns + Phrases.svDoctor.map({ ($0.key, $0.value) }) {
            #expect(en.components(separatedBy: "{}").count == sv.components(separatedBy: "{}").count, "'\(en)' → '\(sv)'")
        }
    }

    @Test func messagesWithNamesAreTranslatedPieceByPiece() {
        #expect(Lang.sv.text("venue 'x' not found: check `narvaro venue list`") == "mötesplatsen 'x' hittades inte: se `narvaro venue list`")
        #expect(Lang.sv.text("--limit takes a whole number from 1 to 1000000, not 'many'") == "--limit tar ett heltal från 1 till 1000000, inte 'many'")
        #expect(Lang.sv.text("--week: '2026-W99' is not a week: 2026 has 53 ISO weeks") == "--week: '2026-W99' är inte en vecka: 2026 har 53 ISO-veckor")
        #expect(Lang.sv.text("something nobody translated") == "something nobody translated")
        // A name in quotes is never translated, even when it is a word the tables know.
        #expect(Lang.sv.text("venue 'database' not found: check `narvaro venue list`") == "mötesplatsen 'database' hittades inte: se `narvaro venue list`")
        #expect(Lang.en.text("venue 'x' not found: check `narvaro venue list`") == "venue 'x' not found: check `narvaro venue list`")
        #expect(Lang.sv.text("added visitor {}", "K7M2QD") == "besökare K7M2QD tillagd")
        // A specific pattern is tried before the general one that would also fit it.
        #expect(Lang.sv.text("--format takes csv, json or html, not 'xml'") == "--format tar csv, json eller html, inte 'xml'")
    }

    /// Regression: a long argument full of pattern separators, echoed in an error, took minutes to
    /// match (every capture was matched against every pattern again, without end). Now bounded.
    @Test func hostileMessagesAreNotSearchedWithoutBound() {
        let noise = String(repeating: ": '", count: 60)  // the message stays under the pattern limit
        let message = "--week: \(noise) is not a week: \(noise)"
        #expect(Lang.sv.text(message).hasPrefix("--week: "))
        let venue = "venue '\(noise)\(String(repeating: "' is not a ", count: 5))' not found: check `narvaro venue list`"
        #expect(Lang.sv.text(venue).hasPrefix("mötesplatsen '"))
        let long = String(repeating: "x", count: Phrases.longestPatternInput) + " not found"
        #expect(Lang.sv.text("venue '\(long)' not found: check `narvaro venue list`").hasPrefix("venue '"))
    }

    @Test func numbersFollowTheLanguage() {
        #expect(Lang.sv.decimal(10.5) == "10,5")
        #expect(Lang.en.decimal(10.5) == "10.5")
        #expect(Lang.sv.decimal(0.25, digits: 2) == "0,25")
        #expect(Lang.en.decimal(3) == "3.0")
        #expect(Lang.sv.decimal(-0.04) == "0,0")
        #expect(Lang.en.decimal(-2.25, digits: 1) == "-2.3")
    }

    @Test func theLanguageIsChosenAsDocumented() throws {
        #expect(try Lang.resolve(option: "SV", environment: ["NARVARO_LANG": "en"]) == .sv)
        #expect(try Lang.resolve(option: nil, environment: ["NARVARO_LANG": "sv", "LANG": "en_GB.UTF-8"]) == .sv)
        #expect(try Lang.resolve(option: nil, environment: ["LANG": "sv_SE.UTF-8"]) == .sv)
        #expect(try Lang.resolve(option: nil, environment: ["LC_ALL": "C.UTF-8", "LANG": "sv_SE.UTF-8"]) == .en)
        #expect(try Lang.resolve(option: nil, environment: ["LC_MESSAGES": "sv_FI.UTF-8"]) == .sv)
        #expect(try Lang.resolve(option: nil, environment: [:]) == .en)
        #expect(throws: LangError.self) { try Lang.resolve(option: nil, environment: ["NARVARO_LANG": "fi"]) }
        #expect(throws: LangError.self) { try Lang.resolve(option: "de", environment: [:]) }
    }
}
