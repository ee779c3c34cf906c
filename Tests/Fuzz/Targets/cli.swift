// Fuzz target `cli`: command lines as staff type them. The input, split at NUL/newline, is argv
// for ArgumentParser.parse (a representative option list) and for the real `narvaro` command table
// (NarvaroProgram), run in-process against a scratch database on tmpfs that lives as long as the run.
// Oracles: exit code 0, 1 or 2; stderr at most one line; parsed options match their specs; no
// control or direction character printed (arguments are shown visibly).
// fuzz-sources: all
import Foundation
import Glibc

/// A mix of what the real commands declare: flags, one-value, two-value and repeatable options.
let representativeOptions: [OptionSpec] = [
    .flag("--all", "everything"), .flag("--last", "the last unknown card"),
    .value("--weekly", "DAY HH:MM-HH:MM", "every week", arity: 2), .value("--once", "DATE HH:MM-HH:MM", "one session", arity: 2),
    .value("--from", "DATE", "first date"), .value("--until", "DATE", "last date"),
    .value("--birth-year", "YEAR", "birth year"), .value("--gender", "G", "gender"),
    .value("--card", "CARD", "card number"), .value("--format", "F", "output format"),
    .value("--tag", "TAG", "repeatable", repeatable: true),
]
let representativePositionals: [PositionalSpec] = [.required("ACTIVITY", "slug"), .optional("MORE", "optional")]

/// The real commands, less those that take over the terminal (desk), write files where they are
/// told (export), or look at the machine (doctor).
nonisolated(unsafe) let realTable: CommandTable = {  // the fuzzer runs inputs on one thread
    let excluded: Set<String> = ["desk", "export", "doctor"]
    return CommandTable(program: "narvaro", about: "fuzzing", commands: NarvaroProgram.commands.filter { !excluded.contains($0.path[0]) },
                        globalOptions: narvaroGlobalOptions)
}()

/// A scratch database with a venue, an activity `x` and a reader `entre`, on tmpfs (fsync is free
/// there); removed when the fuzzer exits.
let scratchEnvironment: [String: String] = {
    let directory = "/dev/shm/narvaro-fuzz-\(getpid())"
    mkdir(directory, 0o700)
    let environment = ["NARVARO_DATABASE": "\(directory)/n.db", "NARVARO_CARD_KEY": "\(directory)/card-key", "LANG": "C.UTF-8"]
    for command in [["venue", "add", "v", "--name", "V"], ["activity", "add", "x", "--venue", "v", "--name", "X"],
                    ["reader", "add", "entre", "--venue", "v", "--card-format", "decimal10"]] {
        _ = realTable.main(arguments: command, environment: environment, output: BufferedOutput())
    }
    atexit { _ = try? FileManager.default.removeItem(atPath: "/dev/shm/narvaro-fuzz-\(getpid())") }
    return environment
}()

/// The arguments less anything that names a file: the database and card key stay the scratch ones.
func withoutPaths(_ argv: [String]) -> [String] {
    var kept: [String] = []
    var skipNext = false
    for argument in argv {
        if skipNext { skipNext = false; continue }
        if ["--database", "--card-key", "--output"].contains(argument) { skipNext = true; continue }
        if argument.hasPrefix("--database=") || argument.hasPrefix("--card-key=") || argument.hasPrefix("--output=") { continue }
        kept.append(argument)
    }
    return kept
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let argv = FuzzBytes(data, size).fields

    do throws(CommandError) {
        let parsed = try ArgumentParser.parse(argv, options: representativeOptions, positionals: representativePositionals)
        fuzzCheck((1...2).contains(parsed.positionals.count), "\(parsed.positionals.count) positionals accepted")
        for (name, uses) in parsed.options {
            guard let spec = representativeOptions.first(where: { $0.name == name }) else {
                fuzzCheck(false, "unknown option \(name.debugDescription) accepted")
                continue
            }
            fuzzCheck(uses.allSatisfy { $0.count == spec.arity }, "\(name) has values \(uses), not \(spec.arity) each")
            fuzzCheck(spec.repeatable || spec.arity == 0 || uses.count == 1, "\(name) accepted \(uses.count) times")
        }
    } catch {
        fuzzCheck(!error.description.isEmpty && error.description.lineBreakCount == 0, "usage error is not one line: \(error.description.debugDescription)")
    }

    let output = BufferedOutput()
    let status = realTable.main(arguments: withoutPaths(argv), environment: scratchEnvironment, output: output)
    fuzzCheck([0, 1, 2].contains(status), "exit code \(status)")
    fuzzCheck(output.stderr.lineBreakCount <= 1 && (output.stderr.isEmpty || output.stderr.hasSuffix("\n")),
              "stderr is not one line: \(output.stderr.debugDescription)")
    fuzzCheck(status != 0 || output.stderr.isEmpty, "exit code 0 with an error: \(output.stderr.debugDescription)")
    // Arguments echoed in messages or tables never reach a terminal as control or direction characters.
    fuzzCheck(!(output.stdout + output.stderr).unicodeScalars.contains { OutsideText.isHidden($0) && $0 != "\n" },
              "hidden character printed: \((output.stdout + output.stderr).debugDescription)")
    return 0
}
