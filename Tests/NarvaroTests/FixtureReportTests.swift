// Readable expectations in the style of keyd's t/*.t: every recording in Tests/Fixtures (the demo's
// too) has a NAME.report beside it. Its header says which reader replays it and which report to
// print; the rest is the report, byte for byte. The venue is the demo's (scripts/demo).
@testable import NarvaroCore
import Foundation
import Testing

@Suite struct FixtureReportTests {
    /// `# replay: READER [START]` lines, a `# report: ARGS…` line, then a blank line and the expected output.
    struct Expectation {
        var replays: [(reader: String, start: String?)] = []
        var report: [String] = []
        var output = ""

        init(parsing text: String) {
            let parts = text.components(separatedBy: "\n\n")
            for line in parts[0].split(separator: "\n") {
                let words = line.split(separator: " ").map(String.init)
                if words.starts(with: ["#", "replay:"]), words.count >= 3 {
                    replays.append((words[2], words.count > 3 ? words[3] : nil))
                } else if words.starts(with: ["#", "report:"]) {
                    report = Array(words.dropFirst(2))
                }
            }
            output = parts.dropFirst().joined(separator: "\n\n")
        }
    }

    /// Every `.report` file under Tests/Fixtures, as a path relative to it.
    static let reports: [String] = {
        let files = FileManager.default.enumerator(atPath: fixturesDirectory.path)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.hasSuffix(".report") }.sorted()
    }()

    /// The demo venue: Gamla Tingshuset, its activities and schedule, a decimal10 reader `entre`,
    /// a hex reader `cafe` at the language café, two enrolled visitors.
    static func demoVenue() throws -> CLIWorkspace {
        let ws = try CLIWorkspace()
        let setup: [[String]] = [
            ["venue", "add", "gamla-tingshuset", "--name", "Gamla Tingshuset", "--timezone", "Europe/Stockholm"],
            ["activity", "add", "laxhjalp", "--venue", "gamla-tingshuset", "--name", "Läxhjälp", "--organizer", "Hej främling!"],
            ["activity", "add", "spelkvall", "--venue", "gamla-tingshuset", "--name", "Spelkväll", "--organizer", "Hej främling!"],
            ["activity", "add", "sprakcafe", "--venue", "gamla-tingshuset", "--name", "Språkcafé", "--organizer", "Biblioteket"],
            ["schedule", "add", "laxhjalp", "--weekly", "tue", "15:00-18:00"],
            ["schedule", "add", "laxhjalp", "--weekly", "thu", "15:00-18:00"],
            ["schedule", "add", "spelkvall", "--weekly", "fri", "18:00-22:00"],
            ["reader", "add", "entre", "--venue", "gamla-tingshuset", "--usb", "ffff:0035", "--card-format", "decimal10"],
            ["reader", "add", "cafe", "--venue", "gamla-tingshuset", "--usb", "08ff:0009", "--card-format", "hex", "--activity", "sprakcafe"],
            ["visitor", "add", "--nickname", "Amir", "--birth-year", "2008", "--gender", "man", "--card", "0563537489", "--reader", "entre"],
            ["visitor", "add", "--nickname", "Sara", "--birth-year", "2009", "--gender", "woman", "--card", "0004021337", "--reader", "entre"],
        ]
        for command in setup {
            let result = try Executables.run("narvaro", command, environment: ws.environment)
            guard result.status == 0 else { throw StoreErrorForTests(message: "\(command): \(result.stderr)") }
        }
        return ws
    }

    @Test func everyRecordingHasAReport() throws {
        let files = FileManager.default.enumerator(atPath: fixturesDirectory.path)?.compactMap { $0 as? String } ?? []
        let recordings = files.filter { $0.hasSuffix(".evemu") }
        #expect(recordings.count >= 6)
        for recording in recordings {
            #expect(files.contains(recording.replacingOccurrences(of: ".evemu", with: ".report")), "\(recording) has no .report")
        }
    }

    @Test(arguments: reports)
    func replayGivesTheExpectedReport(_ name: String) throws {
        let expectation = Expectation(parsing: try String(contentsOf: fixturesDirectory.appendingPathComponent(name), encoding: .utf8))
        try #require(!expectation.replays.isEmpty && !expectation.report.isEmpty, "\(name) needs '# replay:' and '# report:' lines")
        let ws = try Self.demoVenue()
        let recording = fixturesDirectory.appendingPathComponent(name.replacingOccurrences(of: ".report", with: ".evemu")).path
        for replay in expectation.replays {
            var arguments = ["--replay", recording, "--reader", replay.reader]
            if let start = replay.start { arguments += ["--start", start] }
            let result = try ws.narvarod(arguments)
            #expect(result.status == 0, "\(name): \(result.stderr)")
        }
        let report = try Executables.run("narvaro", expectation.report, environment: ws.environment.merging(["LANG": "C.UTF-8"]) { $1 })
        #expect(report.status == 0, "\(name): \(report.stderr)")
        #expect(report.stdout == expectation.output, "\(name): the report differs from the file")
    }
}
