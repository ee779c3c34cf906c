// narvarod is typed without a command word (README: `narvarod --replay FILE`): its help and its
// usage errors name it as typed, never as `narvarod run`, a command nobody types.
import Foundation
import Testing

@Suite struct DaemonUsageNameTests {
    @Test func helpShowsTheCommandAsTyped() throws {
        let ws = try CLIWorkspace()
        let result = try ws.narvarod(["--help"], input: "")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("usage: narvarod [options]"), "\(result.stdout)")
        #expect(!result.stdout.contains("narvarod run"), "\(result.stdout)")
    }

    @Test func aUsageErrorNamesTheProgramAlone() throws {
        let ws = try CLIWorkspace()
        let result = try ws.narvarod(["--batch", "0"], input: "")
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("narvarod: "), "\(result.stderr)")
        #expect(result.stderr.contains("try 'narvarod --help'"), "\(result.stderr)")
        #expect(!result.stderr.contains("narvarod run"), "\(result.stderr)")
    }
}
