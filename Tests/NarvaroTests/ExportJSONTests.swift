// JSON writer: validates against docs/export-schema.json with Python's jsonschema (draft 2020-12),
// keeps counts as integers and marks, and carries hostile labels through unchanged.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench

import Foundation
import Testing

/// docs/export-schema.json, found from this file's location in the package.
private func schemaPath() -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/export-schema.json").path
}

private let validate = """
import json, sys
doc = json.load(open(sys.argv[1], encoding='utf-8'))
schema = json.load(open(sys.argv[2], encoding='utf-8'))
try:
    import jsonschema
except ImportError:
    missing = [k for k in schema['required'] if k not in doc]
    print('no-jsonschema' if not missing else 'missing ' + ' '.join(missing))
    sys.exit(0)
jsonschema.Draft202012Validator.check_schema(schema)
errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(doc), key=str)
print('valid' if not errors else 'invalid: ' + errors[0].message)
"""

private func jsonObject(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

@Suite struct ExportJSONTests {
    @Test func outputValidatesAgainstTheSchema() throws {
        for document in [ExportSample.document, ExportSample.hostileDocument] {
            let json = try JSONExport.write(document)
            let verdict = try runPython(validate, input: json, arguments: [schemaPath()])
            #expect(verdict == "valid\n" || verdict == "no-jsonschema\n", "\(verdict)")
        }
    }

    @Test func schemaRejectsADocumentThatBreaksIt() throws {
        // Proves the validation above is not vacuous: a count as a free string is refused.
        let json = try JSONExport.write(ExportSample.document).replacingOccurrences(of: "\"<5\"", with: "\"3\"")
        let verdict = try runPython(validate, input: json, arguments: [schemaPath()])
        #expect(verdict.hasPrefix("invalid") || verdict == "no-jsonschema\n", "\(verdict)")
    }

    @Test func countsAreIntegersOrMarks() throws {
        let root = try jsonObject(try JSONExport.write(ExportSample.document))
        #expect(root["format"] as? String == "narvaro-export/1")
        let header = try #require(root["header"] as? [String: Any])
        #expect(header["minCell"] as? Int == 5)
        #expect(header["organizer"] is NSNull)
        #expect(header["venue"] as? String == "Fröslunda fritidsgård")
        let markers = try #require(root["markers"] as? [String: String])
        #expect(markers == ["primary": "<5", "complementary": "x"])
        let sections = try #require(root["sections"] as? [[String: Any]])
        #expect(sections.map { $0["id"] as? String } == ["activities", "gender", "age"])
        let activityRows = try #require(sections[0]["rows"] as? [[String: Any]])
        #expect(activityRows[2]["cells"] as? [Int] == [310, 57, 21, 50])
        #expect(activityRows[0]["total"] is NSNull)
        #expect(sections[0]["hasTotals"] as? Bool == false)
        let genderRows = try #require(sections[1]["rows"] as? [[String: Any]])
        let cafe = try #require(genderRows[1]["cells"] as? [Any])
        #expect(cafe[0] as? String == "<5" && cafe[1] as? String == "<5")
        #expect(cafe[2] as? Int == 0)
        #expect(root["weeklyVisits"] is [String: Any])
        #expect((root["gatherings"] as? [Any])?.count == 4)
        // Integers are written as integers, not 120.0.
        #expect(try JSONExport.write(ExportSample.document).contains("[310, 57, 21, 50]"))
    }

    @Test func hostileLabelsRoundTrip() throws {
        let root = try jsonObject(try JSONExport.write(ExportSample.hostileDocument))
        let sections = try #require(root["sections"] as? [[String: Any]])
        let hostile = try #require(sections.first { $0["id"] as? String == "hostile" })
        let labels = try #require(hostile["rows"] as? [[String: Any]]).compactMap { $0["label"] as? String }
        #expect(labels == ExportSample.hostileLabels)
        #expect(JSONValue.string("a\u{1}b\u{2028}").serialized() == "\"a\\u0001b\\u2028\"")
    }
}
