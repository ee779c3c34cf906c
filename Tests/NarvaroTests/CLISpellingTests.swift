// One name per concept (issue 13): the command is `enrol`; `enroll`, its old spelling, still runs
// for scripts written before, but the help shows one name.
@testable import NarvaroCLI
@testable import NarvaroCommands
import Foundation
import Testing

@Suite struct CLISpellingTests {
    /// Runs `narvaro` in-process on the workspace's database.
    private func narvaro(_ ws: CLIWorkspace, _ arguments: String...) -> (status: Int32, stdout: String, stderr: String) {
        let output = BufferedOutput()
        let status = NarvaroProgram.run(arguments, environment: ws.environment, output: output)
        return (status, output.stdout, output.stderr)
    }

    @Test func theOldSpellingEnrollStillRunsTheCommand() throws {
        let ws = try CLIWorkspace()
        #expect(narvaro(ws, "venue", "add", "tingshuset", "--name", "Gamla Tingshuset").status == 0)
        let new = narvaro(ws, "enrol", "--last")
        let old = narvaro(ws, "enroll", "--last")
        #expect(new.status == 1 && old.status == 1)
        #expect(new.stderr.contains("unknown card 'any reader' not found"))
        #expect(old.stderr == new.stderr, "the alias runs the same command")
        #expect(narvaro(ws, "enroll").status == 2, "and reads its options the same way")
        #expect(narvaro(ws, "enroll", "--help").stdout.hasPrefix("usage: narvaro enroll"))
    }

    @Test func theHelpShowsOneSpelling() throws {
        let ws = try CLIWorkspace()
        let overview = narvaro(ws, "--help").stdout
        #expect(overview.contains("  enrol "))
        #expect(!overview.contains("enroll"))
    }
}
