// A refused slug or reader name says what a slug is, length included, and quotes only the start
// of a long input: a pasted paragraph gives a one-line error a person can read, in either language.
import Foundation
import Testing

@Suite struct CLISlugRefusalTests {
    @Test(arguments: [
        (["venue", "add", String(repeating: "a", count: 64), "--name", "X"], "en", "is not a valid venue slug: use 1 to 63 lowercase letters"),
        (["activity", "add", String(repeating: "Läxhjälp ", count: 2_000), "--venue", "tingshuset", "--name", "X"], "en", "is not a valid activity slug"),
        (["reader", "add", String(repeating: "x", count: 100_000), "--venue", "tingshuset", "--usb", "ffff:0035"], "sv", "är inget giltigt läsarnamn: använd 1 till 63"),
    ])
    func aLongSlugIsQuotedShortWithItsRule(arguments: [String], lang: String, rule: String) throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let result = try Executables.run("narvaro", ["--lang", lang] + arguments, environment: ws.environment)
        #expect(result.status != 0)
        #expect(result.stderr.contains(rule), "\(result.stderr.prefix(300))")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.count < 300, "\(result.stderr.count) characters: \(result.stderr.prefix(300))")
        #expect(result.stderr.contains(String(arguments[2].prefix(40)) + "…"), "\(result.stderr.prefix(300))")
    }
}
