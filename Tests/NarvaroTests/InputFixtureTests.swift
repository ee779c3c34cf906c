// The fixtures in Tests/Fixtures: each evemu recording, decoded, must give exactly the lines of
// its .expected file (`swipe <card> <sec>.<usec>` or `rejected <reason> <sec>.<usec>`).
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Testing

@Suite struct InputFixtureTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func line(_ output: DecoderOutput) -> String {
        switch output {
        case .swipe(let swipe): "swipe \(swipe.card) \(swipe.time)"
        case .rejected(let reason, let time): "rejected \(reason.rawValue) \(time)"
        }
    }

    static func read(_ name: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
    }

    @Test(arguments: ["two-cards", "hex-shift", "offsets", "messy"])
    func fixtureDecodesToExpected(name: String) throws {
        let recording = try EvemuRecording.parse(try Self.read("\(name).evemu"))
        #expect(recording.name == "Sycreader USB Reader")
        #expect(recording.vendor == 0xFFFF && recording.product == 0x0035)
        let outputs = decode(recording.events, CardDecoder(reader: "entré")).map(Self.line)
        let expected = try Self.read("\(name).expected").split(separator: "\n").map(String.init)
        #expect(outputs == expected)
    }

    @Test(arguments: ["two-cards", "messy"])
    func fixtureRoundTripsThroughTheWriter(name: String) throws {
        let recording = try EvemuRecording.parse(try Self.read("\(name).evemu"))
        #expect(try EvemuRecording.parse(recording.evemuText()) == recording)
    }

    @Test func eachFixtureHasItsExpectedFile() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path)
        let recordings = names.filter { $0.hasSuffix(".evemu") }
        #expect(recordings.count >= 4)
        for recording in recordings {
            #expect(names.contains(recording.replacingOccurrences(of: ".evemu", with: ".expected")))
        }
    }

    @Test func swipesTypedTheSameAtTwoReadersDecodeAlike() throws {
        // Determinism across readers: the reader name is the only difference in the output.
        let events = try EvemuRecording.parse(try Self.read("messy.evemu")).events
        let entrance = decode(events, CardDecoder(reader: "entré")).map(Self.line)
        let cafe = decode(events, CardDecoder(reader: "café")).map(Self.line)
        #expect(entrance == cafe)
    }
}
