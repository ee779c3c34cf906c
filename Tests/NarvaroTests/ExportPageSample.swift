// Exports for the page checks (browser, print, spreadsheet): a small venue's week where whole
// charts are hidden, and a half-year with long Swedish activity names and 26 weeks.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench

enum ExportPageSample {
    static let longNames = [
        "Gamla Tingshuset – Läxhjälp och språkcafé för unga vuxna",
        "Gamla Tingshuset – Öppen verksamhet för alla åldrar (Hej främling!)",
        "Fröslunda fritidsgård – Spelkväll med brädspel och rollspel",
        "Biblioteket i Gamla Tingshuset – Språkcafé på lätt svenska",
    ]
    static let ageBands = ["0-12", "13-15", "16-19", "20-25", "26-64", "65+"]
    static let genders = ["woman", "man", "other", "not_stated"]

    static func header(period: String, first: String, last: String) -> ExportHeader {
        ExportHeader(exportedBy: "åsa@gamla-tingshuset", exportedAt: "2026-12-31T16:05:00+01:00", period: period,
                     periodFirstDay: first, periodLastDay: last, venue: "Gamla Tingshuset", minCell: 5, softwareVersion: "0.1.0")
    }

    /// One week at a small venue: every gender and age total is below 5 or hidden with one that is.
    static var smallVenue: ExportDocument {
        let two = Array(longNames.prefix(2))
        return ExportDocument(
            header: header(period: "2026-W47", first: "2026-11-16", last: "2026-11-22"),
            sections: [
                ExportSection(id: "activities", title: "Aktiviteter", rowHeading: "Aktivitet", table: CountTable(
                    rowLabels: two, columnLabels: ["gatherings", "qualifying", "visits", "unique", "new"],
                    cells: [[2, 2, 9, 4, 1], [1, 1, 6, 4, 2]], margins: .none)),
                ExportSection(id: "gender", title: "Kön", rowHeading: "Aktivitet", table: CountTable(
                    rowLabels: two, columnLabels: genders, cells: [[2, 1, 0, 1], [1, 2, 0, 1]])),
                ExportSection(id: "age", title: "Åldersgrupp", rowHeading: "Aktivitet", table: CountTable(
                    rowLabels: two, columnLabels: ageBands, cells: [[0, 0, 4, 0, 0, 0], [0, 0, 2, 2, 0, 0]])),
            ],
            gatherings: [
                GatheringRow(venue: "Gamla Tingshuset", activity: "Läxhjälp", date: "2026-11-17", start: "15:00", participants: 5, qualifies: true),
                GatheringRow(venue: "Gamla Tingshuset", activity: "Läxhjälp", date: "2026-11-19", start: "15:00", participants: 4, qualifies: false,
                             reasons: ["för få deltagare"]),
                GatheringRow(venue: "Gamla Tingshuset", activity: "Språkcafé", date: "2026-11-18", start: "18:00", participants: 6, qualifies: true),
            ],
            weeklyVisits: zip(two, [9, 6]).map { WeeklySeries(activity: $0, points: [WeeklyPoint(week: "2026-W47", visits: $1)]) })
    }

    /// A half-year: 26 weekly columns, four long names, some small counts hidden in every table.
    static var halfYear: ExportDocument {
        let weeks = (27...52).map { "2026-W\($0)" }
        let weekly = longNames.enumerated().map { a, name in
            WeeklySeries(activity: name, points: weeks.enumerated().map { w, week in
                // Mostly 5–40 visits, a few weeks with 1–4 or none.
                let visits = (w * 7 + a * 13) % 11 == 0 ? (w + a) % 4 + 1 : 5 + (w * 5 + a * 11) % 36
                return WeeklyPoint(week: week, visits: (w + a) % 9 == 8 ? 0 : visits)
            })
        }
        return ExportDocument(
            header: header(period: "2026-H2", first: "2026-07-01", last: "2026-12-31"),
            sections: [
                ExportSection(id: "activities", title: "Aktiviteter", rowHeading: "Aktivitet", table: CountTable(
                    rowLabels: longNames, columnLabels: ["gatherings", "qualifying", "visits", "unique", "new"],
                    cells: [[48, 40, 512, 61, 12], [70, 70, 890, 140, 33], [26, 3, 230, 4, 2], [25, 25, 310, 38, 9]], margins: .none)),
                ExportSection(id: "gender", title: "Kön", rowHeading: "Aktivitet", table: CountTable(
                    rowLabels: longNames, columnLabels: genders,
                    cells: [[30, 25, 2, 4], [70, 62, 3, 5], [2, 2, 0, 0], [20, 15, 0, 3]])),
                ExportSection(id: "age", title: "Åldersgrupp", rowHeading: "Aktivitet", table: CountTable(
                    rowLabels: longNames, columnLabels: ageBands,
                    cells: [[0, 10, 21, 30, 0, 0], [25, 40, 35, 20, 15, 5], [0, 2, 2, 0, 0, 0], [0, 0, 3, 20, 12, 3]])),
            ],
            gatherings: (0..<12).map { i in
                GatheringRow(venue: "Gamla Tingshuset", activity: i % 2 == 0 ? "Läxhjälp" : "Språkcafé på lätt svenska",
                             date: "2026-09-\(i < 9 ? "0" : "")\(i + 1)", start: i % 2 == 0 ? "15:00" : "18:30",
                             participants: [12, 9, 3, 14, 8, 7, 11, 2, 10, 9, 15, 6][i], qualifies: i % 5 != 2,
                             reasons: i % 5 == 2 ? ["för få deltagare enligt bidragsreglerna"] : [])
            },
            weeklyVisits: weekly)
    }
}
