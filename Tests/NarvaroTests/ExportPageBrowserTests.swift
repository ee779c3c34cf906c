// The HTML export checked where people read it (issue 15): Tests/Export/export_page_test.py lays the
// pages out in headless Chromium on a phone, at A4 width and in print, measures overflow and label
// overlaps, and prints A4 PDFs it reads back with poppler. Pictures and PDFs land in web-test-out/export.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench

import Foundation
import Testing

@Suite struct ExportPageBrowserTests {
    static let tools = ["/usr/bin/chromium", "/usr/bin/chromedriver", "/usr/bin/python3", "/usr/bin/pdftotext", "/usr/bin/pdfinfo"]
    static var available: Bool {
        tools.allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
            && FileManager.default.fileExists(atPath: "/usr/lib/python3/dist-packages/selenium")
    }

    static let repository = fixturesDirectory.deletingLastPathComponent().deletingLastPathComponent()

    @Test(.enabled(if: available)) func exportPagesReadOnAPhoneAtA4AndInPrint() throws {
        let out = Self.repository.appendingPathComponent("web-test-out/export")
        try? FileManager.default.removeItem(at: out)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        var pages: [[String: Any]] = []
        for (name, document, empty, maxPages) in [
            ("small-venue", ExportPageSample.smallVenue, ["alla värden under 5 – visas inte"], 3),
            ("half-year", ExportPageSample.halfYear, [], 6),
        ] {
            let html = out.appendingPathComponent("\(name).html")
            try Data(try HTMLExport.write(document, lang: .sv).utf8).write(to: html)
            pages.append(["name": name, "html": html.path, "empty": empty, "maxPages": maxPages,
                          "texts": ["Närvaro – uppföljning till kommunen", "Teckenförklaring", "Diagram"] + empty
                              + ExportPageSample.longNames.prefix(name == "half-year" ? 4 : 2)])
        }
        let spec = out.appendingPathComponent("spec.json")
        try JSONSerialization.data(withJSONObject: ["out": out.path, "pages": pages]).write(to: spec)
        let script = Self.repository.appendingPathComponent("Tests/Export/export_page_test.py").path
        let result = try Executables.runTool("/usr/bin/python3", [script, spec.path])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains(" 0 failed"), "\(result.stdout)")
    }
}
