// narvaro-bench: the developer's benchmark tool (synthetic histories, measurements). Never
// installed; scripts/bench drives it.
import Foundation
import NarvaroBench
import NarvaroCLI

let table = CommandTable(
    program: "narvaro-bench",
    about: "Närvaro benchmarks: generate synthetic histories and measure them (developers only).",
    commands: benchCommands,
    globalOptions: narvaroGlobalOptions
)
exit(table.main(arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment, output: StandardOutput()))
