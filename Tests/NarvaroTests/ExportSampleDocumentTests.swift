// Shared fixtures for the writer tests: a realistic export, one with hostile labels, and a way to
// run Python's csv/json/jsonschema modules on our output. Also checks the fixtures themselves.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench

import Foundation
import Testing

enum ExportSample {
    static let header = ExportHeader(
        exportedBy: "anna@fröslunda", exportedAt: "2026-12-31T16:05:00+01:00", period: "2026-H2",
        periodFirstDay: "2026-07-01", periodLastDay: "2026-12-31", venue: "Fröslunda fritidsgård",
        organizer: nil, minCell: 5, softwareVersion: "0.1.0")

    static let activities = ["Läxhjälp", "Språkcafé", "Öppen verksamhet"]

    static var document: ExportDocument {
        ExportDocument(
            header: header,
            sections: [
                ExportSection(id: "activities", title: "Aktiviteter", rowHeading: "Aktivitet", table: CountTable(
                    rowLabels: activities, columnLabels: ["visits", "unique", "new", "gatherings"],
                    cells: [[120, 18, 6, 24], [43, 3, 2, 12], [310, 57, 21, 50]], margins: .none)),
                ExportSection(id: "gender", title: "Kön", rowHeading: "Aktivitet", table: CountTable(
                    rowLabels: activities, columnLabels: ["woman", "man", "other", "not_stated"],
                    cells: [[10, 7, 0, 1], [2, 1, 0, 0], [25, 28, 1, 3]])),
                ExportSection(id: "age", title: "Åldersgrupp", rowHeading: "Aktivitet", table: CountTable(
                    rowLabels: activities, columnLabels: ["6–12", "13–15", "16–19", "20–25"],
                    cells: [[8, 10, 0, 0], [0, 1, 2, 0], [12, 20, 15, 10]])),
            ],
            gatherings: [
                GatheringRow(venue: "Fröslunda", activity: "Läxhjälp", date: "2026-09-01", start: "15:00", participants: 12, qualifies: true),
                GatheringRow(venue: "Fröslunda", activity: "Läxhjälp", date: "2026-09-08", start: "15:00", participants: 3, qualifies: false, reasons: ["för få deltagare"]),
                GatheringRow(venue: "Fröslunda", activity: "Läxhjälp", date: "2026-09-15", start: "15:00", participants: 9, qualifies: true),
                GatheringRow(venue: "Fröslunda", activity: "Språkcafé", date: "2026-09-02", start: "18:00", participants: 7, qualifies: true),
            ],
            weeklyVisits: [
                WeeklySeries(activity: "Läxhjälp", points: [.init(week: "2026-W36", visits: 12), .init(week: "2026-W37", visits: 3), .init(week: "2026-W38", visits: 9)]),
                WeeklySeries(activity: "Språkcafé", points: [.init(week: "2026-W36", visits: 7), .init(week: "2026-W38", visits: 11)]),
            ])
    }

    /// Labels a careless or malicious admin could type.
    static let hostileLabels = [
        "<script>alert(\"x\")</script>", "Kaffe, te & bullar", "Han sa \"hej\"", "rad ett\nrad två",
        "=HYPERLINK(\"evil\")", "\"\u{301}kombinerat", "semi;kolon", "it's",
    ]

    static var hostileDocument: ExportDocument {
        var doc = document
        doc.header.venue = "<b>Gård</b> \"A\""
        doc.sections.append(ExportSection(id: "hostile", title: "<i>Titel</i>", rowHeading: "\"rad\"", table: CountTable(
            rowLabels: hostileLabels, columnLabels: ["a,b", "<c>"],
            cells: hostileLabels.indices.map { [10 + $0, 20 + $0] })))
        doc.gatherings?.append(GatheringRow(
            venue: "<script>", activity: "x\r\ny", date: "2026-09-03", start: "10:00",
            participants: 30, qualifies: false, reasons: ["a,b", "\"q\""]))
        return doc
    }
}

/// Runs `python3 -c script FILE ARGS…` with `input` written to FILE; returns stdout.
func runPython(_ script: String, input: String, arguments: [String] = []) throws -> String {
    let dir = try TemporaryDirectory("export")
    defer { withExtendedLifetime(dir) {} }   // removed when the script is done
    let file = dir.appending("input")
    try Data(input.utf8).write(to: file)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, file.path] + arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw PythonFailure(message: String(decoding: errors, as: UTF8.self))
    }
    return String(decoding: data, as: UTF8.self)
}

struct PythonFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { "python3 failed: \(message)" }
}

@Suite struct ExportSampleDocumentTests {
    @Test func publishedExportShowsNoSmallCountAnywhere() throws {
        let published = try PublishedExport(ExportSample.document)
        var counts = published.sections.flatMap(\.table.allCounts)
        counts += published.weeklyVisits?.table.allCounts ?? []
        counts += published.gatherings?.map(\.participants) ?? []
        #expect(counts.count > 60)
        for count in counts {
            if let n = count.number { #expect(n == 0 || n >= 5, "published \(n)") }
        }
        // The small gathering (3) hides together with a partner so 24 − 12 − 9 cannot reveal it.
        let participants = try #require(published.gatherings).map(\.participants)
        #expect(participants[0] == .suppressed(primary: false) || participants[2] == .suppressed(primary: false))
        #expect(participants[1] == .suppressed(primary: true))
        #expect(published.weeklyVisits?.table.columnLabels == ["2026-W36", "2026-W37", "2026-W38"])
    }

    @Test func aFigureHiddenInOneTableIsHiddenInEveryTableThatShowsIt() throws {
        // Gender and age both split each activity's 18, 3 and 57 participants, which the
        // activities table shows as "unique". Språkcafé's 3 forces another total to be hidden;
        // showing it in any other table would give 3 back as 78 − 18 − 57.
        let published = try PublishedExport(ExportSample.document)
        let activities = published.sections[0].table, gender = published.sections[1].table, age = published.sections[2].table
        let hiddenGender = try #require(gender.rowTotals).map(\.isSuppressed)
        #expect(hiddenGender.filter { $0 }.count >= 2)
        #expect(try #require(age.rowTotals).map(\.isSuppressed) == hiddenGender)
        #expect(activities.cells.map { $0[1].isSuppressed } == hiddenGender)
        #expect(gender.grandTotal?.isSuppressed == age.grandTotal?.isSuppressed)
        // Visits (column 0) are a different figure and stay published.
        #expect(activities.cells.map(\.[0]) == [.value(120), .value(43), .value(310)])
        // Each table on its own still resists the attacker after the extra hiding.
        for table in [gender, age] {
            #expect(SuppressionAttacker(table: table, complementaryFloor: 1).leaks() == [])
        }
    }

    @Test func linkingWithoutSharedFiguresChangesNothing() throws {
        let gender = CountTable(rowLabels: ["a", "b"], columnLabels: ["w", "m"], cells: [[2, 30], [20, 40]])
        let other = CountTable(rowLabels: ["a", "b"], columnLabels: ["v"], cells: [[99], [98]], margins: .none)
        let linked = try LinkedSuppression(suppressor: Suppressor()).publish([("g", gender), ("o", other)])
        #expect(linked[0] == (try Suppressor().publish(gender)))
        #expect(linked[1].cells == [[.value(99)], [.value(98)]])
    }
}
