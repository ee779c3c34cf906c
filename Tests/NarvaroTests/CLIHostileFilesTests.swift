// Files Närvaro must not replace (issue 12, items 8, 9 and the database path of 15), through the
// real binaries on real files, FIFOs, symbolic links and device nodes: refused with one line, untouched.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Glibc
import Testing

private func fileType(_ path: String) -> mode_t {
    var info = stat()
    return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
}

private func mode(_ path: String) -> mode_t {
    var info = stat()
    return lstat(path, &info) == 0 ? info.st_mode & 0o777 : 0
}

/// `narvaro ARGS` under `timeout`: a regression that hangs (a FIFO opened for reading) fails the
/// test (killed: SIGKILL, because the test runner's children inherit blocked signals) instead of
/// hanging the suite. Not a timing assertion.
private func narvaroGuarded(_ ws: CLIWorkspace, _ arguments: [String]) throws -> ProcessResult {
    try Executables.run("/usr/bin/timeout", ["-s", "KILL", "60", Executables.path("narvaro")] + arguments, environment: ws.environment)
}

@Suite struct CLIHostileFilesTests {
    private func exportWorkspace() throws -> CLIWorkspace {
        let ws = try CLIWorkspace()
        try ws.setUp()
        try ws.narvarod(["--replay", fixturesDirectory.appendingPathComponent("demo/entre-week.evemu").path,
                         "--reader", "entre", "--start", "2026-11-16T00:00:00+01:00"])
        return ws
    }

    private func export(_ ws: CLIWorkspace, _ extra: [String]) throws -> ProcessResult {
        try narvaroGuarded(ws, ["export", "--period", "2026-W47", "--format", "csv"] + extra)
    }

    @Test func directoriesAsOutputAreRefusedNotACrash() throws {
        let ws = try exportWorkspace()
        for path in [".", "./", ws.directory.path, ws.directory.path + "/", ws.directory.path + "/.", "/", ""] {
            for force in [[], ["--force"]] {
                let result = try export(ws, ["--output", path] + force)
                #expect(result.status == 1 || (path.isEmpty && result.status == 2), "\(path) \(force): \(result.status) \(result.stderr)")
                #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
                #expect(path.isEmpty || result.stderr.contains("is a directory"), "\(result.stderr)")
            }
        }
    }

    @Test func anExistingFileIsReplacedOnlyWithForce() throws {
        let ws = try exportWorkspace()
        let path = ws.directory.appendingPathComponent("export.csv").path
        try "keep me".write(toFile: path, atomically: false, encoding: .utf8)
        let refused = try export(ws, ["--output", path])
        #expect(refused.status == 1 && refused.stderr.contains("exists: add --force"), "\(refused.stderr)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me")
        let forced = try export(ws, ["--output", path, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written.hasPrefix("Närvaro"))
        #expect(mode(path) == 0o640)
        // `-` is standard output, written through: the same bytes as the file, but for the export
        // time, which may have ticked to the next second between the two runs.
        let stdout = try export(ws, ["--output", "-"])
        let timeLabels = ["Exporterad,", "Exporterad;", "Exported at,", "Exported at;"]
        let withoutTime = { (csv: String) in
            csv.split(whereSeparator: \.isNewline).filter { line in !timeLabels.contains { line.hasPrefix($0) } }
        }
        #expect(stdout.status == 0 && withoutTime(stdout.stdout) == withoutTime(written))
        #expect(withoutTime(written).count == written.split(whereSeparator: \.isNewline).count - 1, "the export time line is found and only it is ignored")
        // No temporary file is left behind by any of it.
        let names = try FileManager.default.contentsOfDirectory(atPath: ws.directory.path)
        #expect(!names.contains { $0.contains(".tmp-") }, "\(names)")
        let missing = try export(ws, ["--output", ws.directory.path + "/no/such/dir/x.csv"])
        #expect(missing.status == 1 && missing.stderr.contains("does not exist"), "\(missing.stderr)")
    }

    @Test func fifosLinksAndDevicesAreNeverWrittenOrReplaced() throws {
        let ws = try exportWorkspace()
        let dir = ws.directory.path
        let fifo = dir + "/fifo", target = dir + "/target.csv", link = dir + "/link.csv", dangling = dir + "/dangling.csv"
        #expect(mkfifo(fifo, 0o600) == 0)
        try "the target".write(toFile: target, atomically: false, encoding: .utf8)
        #expect(symlink(target, link) == 0)
        #expect(symlink(dir + "/nowhere", dangling) == 0)
        var paths = [(fifo, S_IFIFO, "a FIFO"), (link, S_IFLNK, "a symbolic link"), (dangling, S_IFLNK, "a symbolic link")]
        // A character device like /dev/null (1,3), made here so a regression cannot break the machine's.
        let device = dir + "/null"
        if mknod(device, S_IFCHR | 0o666, 259) == 0 { paths.append((device, S_IFCHR, "a character device")) }
        for (path, type, kind) in paths {
            for force in [[], ["--force"]] {
                let result = try export(ws, ["--output", path] + force)
                #expect(result.status == 1, "\(path) \(force): \(result.status) \(result.stderr)")
                #expect(result.stderr.contains("is \(kind), not a regular file"), "\(result.stderr)")
                #expect(fileType(path) == type, "\(path) is still what it was")
            }
        }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "the target")
        #expect(!FileManager.default.fileExists(atPath: dir + "/nowhere"))
    }

    @Test func aFIFOOrLinkAsCardKeyIsRefusedAtOnce() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let fifo = ws.directory.appendingPathComponent("key-fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let result = try narvaroGuarded(ws, ["--card-key", fifo, "visitor", "add", "--card", "0563537489", "--reader", "entre"])
        #expect(result.status == 1, "status \(result.status) (137: it hung and was killed): \(result.stderr)")
        #expect(result.stderr.contains("is not a regular file"), "\(result.stderr)")
        #expect(fileType(fifo) == S_IFIFO)
        // A link to the real key is refused too: the key is read only from the file itself.
        let link = ws.directory.appendingPathComponent("key-link").path
        #expect(symlink(ws.environment["NARVARO_CARD_KEY"] ?? "", link) == 0)
        let linked = try narvaroGuarded(ws, ["--card-key", link, "visitor", "add", "--card", "0563537489", "--reader", "entre"])
        #expect(linked.status == 1 && linked.stderr.contains("is not a regular file"), "\(linked.stderr)")
        let direct = try narvaroGuarded(ws, ["visitor", "add", "--card", "0563537489", "--reader", "entre"])
        #expect(direct.status == 0, "\(direct.stderr)")
    }

    @Test func aDatabasePathThatIsNotAFileSaysWhatItIs() throws {
        let ws = try CLIWorkspace()
        let dir = try narvaroGuarded(ws, ["--database", ws.directory.path, "venue", "list"])
        #expect(dir.status == 1)
        #expect(dir.stderr.contains("database \(ws.directory.path) is a directory"), "\(dir.stderr)")
        #expect(dir.stderr.contains("\(ws.directory.path)/narvaro.db"), "says what to give instead: \(dir.stderr)")
        #expect(!dir.stderr.contains("check that the directory exists"))
        let fifo = ws.directory.appendingPathComponent("db-fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for arguments in [["venue", "list"], ["venue", "add", "x", "--name", "X"]] {
            let result = try narvaroGuarded(ws, ["--database", fifo] + arguments)
            #expect(result.status == 1 && result.stderr.contains("is a FIFO, not a database file"), "\(result.status) \(result.stderr)")
        }
        #expect(fileType(fifo) == S_IFIFO)
        // An empty path would be a temporary database to SQLite: everything written to it lost.
        for option in ["--database", "--card-key"] {
            let empty = try narvaroGuarded(ws, [option, "", "venue", "add", "x", "--name", "X"])
            #expect(empty.status == 2 && empty.stderr.contains("\(option) takes a file path"), "\(empty.stderr)")
        }
    }

    @Test func benchmarkResultsFollowTheSameRule() throws {
        let ws = try CLIWorkspace()
        let out = ws.directory.appendingPathComponent("gen.json").path
        try "previous".write(toFile: out, atomically: false, encoding: .utf8)
        let result = try Executables.run("/usr/bin/timeout", ["-s", "KILL", "60", try Executables.path("narvaro-bench"), "generate", "--size", "100", "--out", out],
                                         environment: ws.environment)
        #expect(result.status == 1 && result.stderr.contains("exists"), "\(result.stderr)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "previous")
        #expect(!FileManager.default.fileExists(atPath: ws.database), "refused before any work")
    }
}
