// The `--excel-sv` CSV opened in a real spreadsheet (issue 15): LibreOffice Calc, headless, Swedish
// locale, converts it to xlsx in one run; Tests/Export/spreadsheet_cells.py then reads the sheet XML
// and checks every cell: columns split, numbers are number cells, ÅÄÖ intact, `<5` and `x` text.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench

import Foundation
import Testing

@Suite struct ExportSpreadsheetTests {
    static var available: Bool {
        ["/usr/bin/soffice", "/usr/bin/python3"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// What Calc should make of a field that a CSV reader gets back as `text`: numbers stay numbers,
    /// ISO days and clock times become date cells, everything else stays the text it was.
    static func expectedCell(_ field: CSVExport.Field, read text: String) -> [String: Any] {
        switch field {
        case .integer(let n): return ["n": n]
        case .decimal(let d): return ["n": d]
        case .text:
            let shape = String(text.map { $0.isASCII && $0.isNumber ? "9" : $0 })
            return ["9999-99-99", "99:99"].contains(shape) ? ["d": text] : ["s": text]
        }
    }

    @Test(.enabled(if: available)) func excelSwedishFileOpensInCalcWithItsCellsIntact() throws {
        var document = ExportPageSample.halfYear
        document.sections += ExportSample.hostileDocument.sections.filter { $0.id == "hostile" }
        let published = try PublishedExport(document)
        let dir = try TemporaryDirectory("calc")
        let export = dir.appending("export.csv"), decimals = dir.appending("decimals.csv")
        try Data(CSVExport.write(published, variant: .excelSwedish, lang: .sv).utf8).write(to: export)
        let records = CSVExport.records(published, lang: .sv)
        let read = CSVExport.expectedRows(published, lang: .sv, variant: .excelSwedish)
        var sheets: [[String: Any]] = [["xlsx": dir.appending("out/export.xlsx").path,
                                        "rows": zip(records, read).map { zip($0, $1).map(Self.expectedCell) }]]
        // The export has no fractions yet; the dialect's decimal comma must still give numbers.
        let fractions: [[CSVExport.Field]] = [[.text("Snitt per vecka"), .decimal(10.5)], [.text("65+"), .decimal(0.25)], [.text("Åsa Öst"), .integer(1_234_567)]]
        let lines = fractions.map { $0.map { CSVExport.encode($0, variant: .excelSwedish) }.joined(separator: ";") + "\r\n" }
        try Data(("\u{FEFF}" + lines.joined()).utf8).write(to: decimals)
        sheets.append(["xlsx": dir.appending("out/decimals.xlsx").path, "rows": fractions.map { row in
            row.map { Self.expectedCell($0, read: { if case .text(let s) = $0 { return CSVExport.spreadsheetText(s, variant: .excelSwedish) } else { return "" } }($0)) }
        }])

        // 59 = ';', 34 = '"', 76 = UTF-8, from line 1, 1053 = Swedish; Calc's default of detecting
        // dates and special numbers stays on, as a spreadsheet opening the file by double-click does.
        let calc = try Executables.run("/usr/bin/soffice", [
            "-env:UserInstallation=file://\(dir.appending("profile").path)", "--headless",
            "--infilter=CSV:59,34,76,1,,1053", "--convert-to", "xlsx", "--outdir", dir.appending("out").path,
            export.path, decimals.path], environment: ["HOME": dir.path])
        #expect(calc.status == 0, "\(calc.stdout)\n\(calc.stderr)")
        let spec = dir.appending("expected.json")
        try JSONSerialization.data(withJSONObject: sheets).write(to: spec)
        let script = ExportPageBrowserTests.repository.appendingPathComponent("Tests/Export/spreadsheet_cells.py").path
        let check = try Executables.runTool("/usr/bin/python3", [script, spec.path])
        #expect(check.status == 0 && check.stdout.contains("spreadsheet cells: 0 failed"), "\(check.stdout)\n\(check.stderr)")
        #expect(check.stdout.contains("number cells") && !check.stdout.contains(" 0 number cells"), "\(check.stdout)")
    }
}
