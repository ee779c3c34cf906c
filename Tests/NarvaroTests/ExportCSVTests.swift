// CSV writer: RFC 4180 and Swedish-Excel dialects read back by Python's csv module, with numbers,
// Å Ä Ö and hostile labels intact and suppression marks where small counts were.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench

import Foundation
import Testing

private let readCSV = """
import csv, json, sys
dialect = sys.argv[2] if len(sys.argv) > 2 else 'rfc'
with open(sys.argv[1], newline='', encoding='utf-8-sig' if dialect == 'excel' else 'utf-8') as f:
    rows = list(csv.reader(f, delimiter=';' if dialect == 'excel' else ','))
print(json.dumps(rows))
"""

private func pythonRows(_ csv: String, excel: Bool = false) throws -> [[String]] {
    let json = try runPython(readCSV, input: csv, arguments: [excel ? "excel" : "rfc"])
    return try JSONDecoder().decode([[String]].self, from: Data(json.utf8))
}

private func row(_ rows: [[String]], after title: String, label: String) -> [String]? {
    guard let start = rows.firstIndex(of: [title]) else { return nil }
    return rows[start...].first { $0.first == label }
}

@Suite struct ExportCSVTests {
    @Test func rfc4180RoundTripsThroughPythonCSV() throws {
        let published = try PublishedExport(ExportSample.document)
        let csv = CSVExport.write(published, variant: .rfc4180)
        #expect(!csv.hasPrefix("\u{FEFF}"))
        #expect(csv.hasSuffix("\r\n"))
        #expect(!csv.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let rows = try pythonRows(csv)
        #expect(rows == CSVExport.expectedRows(published))
        // Numbers come back as numbers, Å Ä Ö as themselves, small counts as marks.
        #expect(row(rows, after: "Aktiviteter", label: "Öppen verksamhet")?.dropFirst().compactMap { Int($0) } == [310, 57, 21, 50])
        // 18 is hidden because the gender and age tables had to hide that same total.
        #expect(row(rows, after: "Aktiviteter", label: "Läxhjälp") == ["Läxhjälp", "120", "x", "6", "24"])
        #expect(row(rows, after: "Aktiviteter", label: "Språkcafé") == ["Språkcafé", "43", "<5", "<5", "12"])
        #expect(rows.first == ["Närvaro – uppföljning till kommunen"])
        #expect(rows.contains(["Mötesplats", "Fröslunda fritidsgård"]))
        #expect(rows.contains(["Minsta redovisade antal", "5"]))
        let gender = try #require(row(rows, after: "Kön", label: "Öppen verksamhet"))
        #expect(gender.count == 6)
        #expect(gender[1] == "25" || gender[1] == "x")
        #expect(try #require(row(rows, after: "Kön", label: "Språkcafé"))[1...2] == ["<5", "<5"])
        #expect(rows.contains(["<5", "färre än 5 (1–4): dolt för att skydda enskilda personer"]))
        #expect(rows.contains { $0.first == "x" })
    }

    @Test func excelSwedishHasBOMSemicolonsAndDecimalComma() throws {
        let published = try PublishedExport(ExportSample.document)
        let csv = CSVExport.write(published, variant: .excelSwedish)
        #expect(Array(csv.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(csv.contains("Öppen verksamhet;310;57;21;50\r\n"))
        #expect(try pythonRows(csv, excel: true) == CSVExport.expectedRows(published, variant: .excelSwedish))
        #expect(CSVExport.encode(.decimal(12.5), variant: .excelSwedish) == "12,5")
        // Labels a spreadsheet would turn into numbers keep a word joiner in front (seen in Calc:
        // the age band 65+ became the number 65); ISO days, times and words stay as written.
        for text in ["65+", "65-", "1/2", "2026-11", "0.1.0", "12 345"] {
            #expect(CSVExport.encode(.text(text), variant: .excelSwedish) == "\u{2060}" + text)
            #expect(CSVExport.encode(.text(text), variant: .rfc4180) == text)
        }
        for text in ["2026-11-18", "15:00", "6–12", "2026-W47", "Läxhjälp 2", "<5", "x"] {
            #expect(CSVExport.encode(.text(text), variant: .excelSwedish) == text)
        }
        #expect(CSVExport.encode(.decimal(12.5), variant: .rfc4180) == "12.5")
        #expect(CSVExport.encode(.text("a;b"), variant: .excelSwedish) == "\"a;b\"")
        #expect(CSVExport.encode(.text("a,b"), variant: .excelSwedish) == "a,b")
        #expect(CSVExport.encode(.text("=1+1"), variant: .excelSwedish) == "'=1+1")
        // Both dialects defuse formulas (issue 12): a plain CSV is opened by spreadsheets too.
        #expect(CSVExport.encode(.text("=1+1"), variant: .rfc4180) == "'=1+1")
        for text in ["+46 70", "-1+2", "@SUM(A1)", "\tx", "\rx"] {
            #expect(CSVExport.encode(.text(text), variant: .rfc4180).hasPrefix("'"), "\(text.debugDescription)")
        }
        #expect(CSVExport.encode(.integer(-5), variant: .rfc4180) == "-5", "numbers stay numbers")
        #expect(CSVExport.encode(.text("a\u{1B}[31mb\u{202E}"), variant: .rfc4180) == "a\\e[31mb<U+202E>")
    }

    @Test func hostileLabelsSurviveQuotingExactly() throws {
        let published = try PublishedExport(ExportSample.hostileDocument)
        let csv = CSVExport.write(published, variant: .rfc4180)
        #expect(csv.contains("\"Han sa \"\"hej\"\"\""))
        #expect(csv.contains("\"Kaffe, te & bullar\""))
        let rows = try pythonRows(csv)
        #expect(rows == CSVExport.expectedRows(published))
        for label in ExportSample.hostileLabels {
            #expect(rows.contains { $0.first == CSVCell.safeText(label) }, "label \(label.debugDescription) did not come back")
        }
        // Formula-looking text is defused with a leading apostrophe in both dialects; a line
        // break in a name is shown as \n rather than breaking the cell.
        #expect(rows.contains { $0.first == "'=HYPERLINK(\"evil\")" })
        #expect(rows.contains { $0.first == "rad ett\\nrad två" })
        let excelRows = try pythonRows(CSVExport.write(published, variant: .excelSwedish), excel: true)
        #expect(excelRows.contains { $0.first == "'=HYPERLINK(\"evil\")" })
        #expect(excelRows.contains { $0.first == "semi;kolon" })
        #expect(excelRows.count == rows.count)
    }
}
