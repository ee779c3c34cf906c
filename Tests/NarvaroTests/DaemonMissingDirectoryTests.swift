// narvarod given a database in a directory that does not exist says so and what to do, in one
// line, as `narvaro` does: serving and replaying alike.
import Foundation
import Testing

@Suite struct DaemonMissingDirectoryTests {
    @Test(arguments: [[String](), ["--replay", "-", "--reader", "entre"]])
    func aMissingDirectoryIsNamedWithWhatToDo(arguments: [String]) throws {
        let ws = try CLIWorkspace()
        ws.environment["NARVARO_DATABASE"] = ws.directory.appendingPathComponent("gone/narvaro.db").path
        let result = try ws.narvarod(arguments, input: "")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
        #expect(result.stderr.contains("/gone does not exist: create it, or choose another --database"), "\(result.stderr)")
    }
}
