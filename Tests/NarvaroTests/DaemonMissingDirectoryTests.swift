// narvarod given a database in a directory that does not exist says so and what to do, in one
// line, as `narvaro` does: serving and replaying alike; `narvaro doctor` says the same, in both languages.
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

    @Test(arguments: [("en", "directory {} does not exist", "create it, or choose another --database"),
                      ("sv", "katalogen {} finns inte", "skapa den, eller välj en annan --database")])
    func doctorNamesTheMissingDirectoryNotStartingTheDaemon(lang: String, detail: String, action: String) throws {
        let ws = try CLIWorkspace()
        let directory = ws.directory.appendingPathComponent("gone").path
        ws.environment["NARVARO_DATABASE"] = directory + "/narvaro.db"
        let doctor = try ws.narvaro("doctor", "--lang", lang)
        #expect(doctor.status == 1, "\(doctor.stderr)")
        #expect(doctor.stdout.contains(detail.replacingOccurrences(of: "{}", with: directory)), "\(doctor.stdout)")
        #expect(doctor.stdout.contains(action), "\(doctor.stdout)")
        #expect(!doctor.stdout.contains("narvaro venue add"), "\(doctor.stdout)")
    }
}
