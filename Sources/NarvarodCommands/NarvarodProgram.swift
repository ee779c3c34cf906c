// The `narvarod` program: one command (serve, or replay a recording), whose options may come
// without a command word.
import NarvaroCLI
import FoundationEssentials
import NarvaroCore

public enum NarvarodProgram {
    public static func table() -> CommandTable {
        var table = CommandTable(
            program: "narvarod",
            about: "Närvaro daemon: turns card swipes into committed check-ins.",
            commands: [daemonCommand],
            globalOptions: narvaroGlobalOptions
        )
        table.commandImplied = true
        return table
    }

    /// Runs one command line (without the program name); returns the exit code.
    public static func run(_ arguments: [String], environment: [String: String], output: any TextOutput) -> Int32 {
        HeapTrimThreshold.keepUpToFourMebibytes()
        var arguments = arguments
        if arguments.first != "run" { arguments.insert("run", at: 0) }
        if arguments == ["run", "--version"] { arguments = ["--version"] }
        return table().main(arguments: arguments, environment: environment, output: output)
    }
}
