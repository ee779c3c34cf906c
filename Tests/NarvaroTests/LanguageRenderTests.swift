// Every report (plain and each --by) and every list and show command, rendered in Swedish and in
// English on the demo database: no English table word leaks into the Swedish output and no Swedish
// one into the English, names stand where slugs stood, and numbers use the language's decimal sign.
@testable import NarvaroCore
import NarvaroCLI
import NarvaroCommands
import Foundation
import Testing

@Suite(.serialized) struct LanguageRenderTests {
    /// The demo venue with the demo week replayed (as scripts/demo builds it).
    nonisolated(unsafe) static let demo: Result<CLIWorkspace, any Error> = Result {  // built once, only read after
        let ws = try FixtureReportTests.demoVenue()
        for (recording, reader) in [("demo/entre-week.evemu", "entre"), ("demo/cafe-week.evemu", "cafe")] {
            let result = try ws.narvarod(["--replay", fixturesDirectory.appendingPathComponent(recording).path, "--reader", reader,
                                          "--start", "2026-11-16T00:00:00+01:00"])
            guard result.status == 0 else { throw StoreErrorForTests(message: result.stderr) }
        }
        return ws
    }

    static let reports: [[String]] = [["report", "--week", "2026-W47"]]
        + Breakdown.allCases.map { ["report", "--week", "2026-W47", "--by", $0.rawValue] }
        + [["report", "--week", "2026-W47", "--role", "all", "--by", "role"]]

    static let lists: [[String]] = [
        ["venue", "list", "--all"], ["activity", "list", "--all"], ["reader", "list", "--all"], ["schedule", "list"],
        ["visitor", "list", "--unknown"], ["card", "list"], ["checkins", "--limit", "100"],
        ["venue", "show", "gamla-tingshuset"], ["activity", "show", "laxhjalp"], ["reader", "show", "cafe"],
    ]

    /// Table words that differ between the languages, as whole words (`-` and units left out).
    static func words(_ lang: Lang) -> [String] {
        Word.allCases.filter { !Word.sameInBothLanguages.contains($0) && $0 != .none }.map { lang[$0] }
    }

    /// The words of `words` that occur in `text` as whole words (letters on neither side).
    static func leaks(_ words: [String], in text: String) -> [String] {
        words.filter { word in
            var search = text.startIndex..<text.endIndex
            while let range = text.range(of: word, options: [], range: search) {
                let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
                let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
                if !(before?.isLetter ?? false), !(after?.isLetter ?? false) { return true }
                search = range.upperBound..<text.endIndex
            }
            return false
        }
    }

    func run(_ arguments: [String], _ lang: Lang) throws -> String {
        let ws = try Self.demo.get()
        let output = BufferedOutput()
        let status = NarvaroProgram.run(arguments + ["--lang", lang.rawValue], environment: ws.environment, output: output)
        try #require(status == 0, "\(arguments): \(output.stderr)")
        return output.stdout
    }

    /// A visitor's show page too: the first enrolled visitor.
    func visitorShow() throws -> [String] {
        let ws = try Self.demo.get()
        let output = BufferedOutput()
        _ = NarvaroProgram.run(["visitor", "list", "--format", "json"], environment: ws.environment, output: output)
        let code = try #require(output.stdout.split(separator: "\"").drop { $0 != "code" }.dropFirst(2).first)
        return ["visitor", "show", String(code)]
    }

    @Test(arguments: reports + lists)
    func swedishOutputHasNoEnglishWords(_ arguments: [String]) throws {
        let sv = try run(arguments, .sv)
        let leaks = Self.leaks(Self.words(.en), in: sv)
        #expect(leaks.isEmpty, "\(arguments.joined(separator: " ")) --lang sv shows English \(leaks):\n\(sv)")
    }

    @Test(arguments: reports + lists)
    func englishOutputHasNoSwedishWords(_ arguments: [String]) throws {
        let en = try run(arguments, .en)
        let leaks = Self.leaks(Self.words(.sv), in: en)
        #expect(leaks.isEmpty, "\(arguments.joined(separator: " ")) --lang en shows Swedish \(leaks):\n\(en)")
    }

    @Test func visitorShowInBothLanguages() throws {
        let arguments = try visitorShow()
        #expect(Self.leaks(Self.words(.en), in: try run(arguments, .sv)).isEmpty)
        #expect(Self.leaks(Self.words(.sv), in: try run(arguments, .en)).isEmpty)
    }

    @Test(arguments: reports)
    func reportsShowNamesNotSlugs(_ arguments: [String]) throws {
        for lang in Lang.allCases {
            let text = try run(arguments, lang)
            #expect(!text.contains("gamla-tingshuset"), "\(arguments) --lang \(lang) shows a slug:\n\(text)")
            if arguments.count == 3 || arguments.last == "activity" {
                #expect(text.contains("Gamla Tingshuset") && text.contains("Öppen verksamhet") && text.contains("Läxhjälp"))
            }
            if arguments.last == "activity" { #expect(text.contains("Gamla Tingshuset – Öppen verksamhet")) }
        }
    }

    @Test func averagesUseTheLanguagesDecimalSign() throws {
        let sv = try run(["report", "--week", "2026-W47"], .sv), en = try run(["report", "--week", "2026-W47"], .en)
        // The weekly average line ends in a number with one decimal: `42,0` in Swedish, `42.0` in English.
        let average = { (text: String, label: String) in
            text.split(separator: "\n").first { $0.contains(label) }.map { String($0.split(separator: " ").last ?? "") } ?? ""
        }
        let svAverage = average(sv, "snitt"), enAverage = average(en, "average over")
        #expect(svAverage.count >= 3 && svAverage.dropLast(2).allSatisfy(\.isNumber) && svAverage.dropLast().last == ",", "\(sv)")
        #expect(enAverage.count >= 3 && enAverage.dropLast(2).allSatisfy(\.isNumber) && enAverage.dropLast().last == ".", "\(en)")
        #expect(svAverage.replacingOccurrences(of: ",", with: ".") == enAverage)
    }

    @Test func everyTableFitsEightyColumns() throws {
        for arguments in Self.reports + Self.lists {
            for lang in Lang.allCases {
                for line in try run(arguments, lang).split(separator: "\n") {
                    #expect(TextTable.displayWidth(String(line)) <= 80 || !line.contains("  "), "\(arguments) \(lang): \(line)")
                }
            }
        }
    }

    @Test func csvAndJSONKeepSlugsAndAddNames() throws {
        let csv = try run(["report", "--week", "2026-W47", "--format", "csv"], .sv)
        #expect(csv.hasPrefix("period,venue,activity,visits,unique_visitors,new_visitors,venue_name,activity_name\r\n"))
        #expect(csv.contains("2026-W47,gamla-tingshuset,drop-in,9,8,8,Gamla Tingshuset,Öppen verksamhet\r\n"))
        let byActivity = try run(["report", "--week", "2026-W47", "--by", "activity", "--format", "csv"], .en)
        #expect(byActivity.contains("2026-W47,gamla-tingshuset/laxhjalp,19,11,11,Gamla Tingshuset,Läxhjälp\r\n"))
        let byGender = try run(["report", "--week", "2026-W47", "--by", "gender", "--format", "csv"], .sv)
        #expect(byGender.hasPrefix("period,gender,visits,unique_visitors,new_visitors\r\n") && byGender.contains(",woman,"))
        let json = try run(["report", "--week", "2026-W47", "--by", "activity", "--format", "json"], .sv)
        #expect(json.contains(#""activity": "gamla-tingshuset/drop-in""#) && json.contains(#""venue_name": "Gamla Tingshuset""#)
                && json.contains(#""activity_name": "Öppen verksamhet""#))
        let activities = try run(["activity", "list", "--format", "json"], .sv)
        #expect(activities.contains(#""venue": "gamla-tingshuset""#) && activities.contains(#""venue_name": "Gamla Tingshuset""#))
    }

    @Test func doctorSpeaksTheLanguageAndItsJSONStaysEnglish() throws {
        let ws = try Self.demo.get()
        func doctor(_ arguments: [String]) -> String {
            let output = BufferedOutput()
            _ = NarvaroProgram.run(["doctor"] + arguments, environment: ws.environment, output: output)
            return output.stdout
        }
        let sv = doctor(["--lang", "sv"]), en = doctor(["--lang", "en"])
        #expect(sv.contains("kortnyckel: ") && sv.contains("integritet: ") && sv.contains("läsare entre: "), "\(sv)")
        #expect(!["card key:", "permissions:", "integrity:", "no swipes waiting", "FAIL", "warn "].contains { sv.contains($0) }, "\(sv)")
        #expect(en.contains("card key: ") && en.contains("reader entre: "))
        #expect(doctor(["--lang", "sv", "--format", "json"]).contains(#""check": "card key""#))
    }

    @Test func helpAndErrorsFollowTheLanguage() throws {
        let ws = try Self.demo.get()
        func run(_ arguments: [String], _ env: [String: String]) -> BufferedOutput {
            let output = BufferedOutput()
            _ = NarvaroProgram.run(arguments, environment: ws.environment.merging(env) { $1 }, output: output)
            return output
        }
        let help = run(["report", "--help"], ["NARVARO_LANG": "sv"]).stdout
        #expect(help.hasPrefix("användning: narvaro report [flaggor]") && help.contains("bara denna mötesplats"))
        #expect(run(["report", "--help"], ["LANG": "sv_SE.UTF-8"]).stdout == help)
        #expect(run(["report", "--help"], ["NARVARO_LANG": "sv", "LANG": "C"]).stdout == help)
        #expect(run(["report", "--help", "--lang", "en"], ["NARVARO_LANG": "sv"]).stdout.hasPrefix("usage: narvaro report [options]"))
        let errors: [[String]] = [
            ["report"], ["report", "--week", "2026-W99"], ["report", "--week", "2026-W47", "--by", "colour"],
            ["report", "--week", "2026-W47", "--venue", "nowhere"], ["checkins", "--limit", "many"], ["checkins", "--since", "yesterday"],
            ["export", "--period", "2026-H2"], ["enroll"], ["enroll", "--last", "--reader", "nowhere"], ["visitor", "show", "NOBODY"],
            ["card", "add", "123"], ["venue", "show", "nowhere"], ["activity", "show", "nothing"], ["activity", "list", "--bogus"],
            ["venue", "add", "Bad Slug", "--name", "x"], ["schedule", "add", "laxhjalp", "--weekly", "someday", "10:00-11:00"],
        ]
        for arguments in errors {
            let sv = run(arguments, ["NARVARO_LANG": "sv"]).stderr, en = run(arguments, ["NARVARO_LANG": "en"]).stderr
            #expect(!sv.isEmpty && sv != en, "\(arguments): '\(sv)'")
            let english = ["not found", "takes", "missing", "unknown", "try '", "not a ", "give ", "check "]
            #expect(!english.contains { sv.contains($0) }, "\(arguments) in Swedish: \(sv)")
        }
        #expect(run(["bogus"], ["NARVARO_LANG": "sv"]).stderr == "narvaro: okänt kommando 'bogus': se 'narvaro --help'\n")
        #expect(run(["venue", "list"], ["NARVARO_LANG": "fi"]).stderr.contains("NARVARO_LANG takes sv or en, not 'fi'"))
    }
}
