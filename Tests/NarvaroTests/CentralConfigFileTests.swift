// The conninfo file (/etc/narvaro/central.conf, or $NARVARO_CENTRAL_CONF) that is there but cannot
// be read is named as such, exit 1, not "no central database named … write it into" the file the
// administrator just wrote. No PostgreSQL needed: nothing gets as far as connecting.
import Foundation
import Testing

@Suite struct CentralConfigFileTests {
    @Test(arguments: ["directory", "not-utf8"])
    func aConninfoFileThatCannotBeReadIsNamed(kind: String) throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let conf = ws.directory.appendingPathComponent("central.conf")
        if kind == "directory" {
            try FileManager.default.createDirectory(at: conf, withIntermediateDirectories: false)
        } else {
            try Data([0x73, 0x65, 0xFF, 0xFE, 0x0A]).write(to: conf)
        }
        ws.environment["NARVARO_CENTRAL_CONF"] = conf.path
        ws.environment["NARVARO_POSTGRES"] = nil
        let result = try ws.narvaro("push")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
        #expect(result.stderr.contains("cannot read \(conf.path)"), "\(result.stderr)")
    }

    /// An empty --postgres would be libpq's defaults (the local socket as the login): refused instead.
    @Test(arguments: [["push", "--postgres", ""], ["central", "report", "--period", "2026-H2", "--postgres", " "]])
    func anEmptyConnectionStringIsAUsageError(arguments: [String]) throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let result = try Executables.run("narvaro", arguments, environment: ws.environment)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("--postgres is empty"), "\(result.stderr)")
        #expect(!result.stderr.contains("cannot connect"), "\(result.stderr)")
    }

    @Test func aMissingConninfoFileStillSaysWhatToWrite() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        ws.environment["NARVARO_CENTRAL_CONF"] = ws.directory.appendingPathComponent("absent.conf").path
        let result = try ws.narvaro("push")
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("no central database named"), "\(result.stderr)")
    }
}
