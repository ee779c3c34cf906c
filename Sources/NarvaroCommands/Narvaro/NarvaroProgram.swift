// The `narvaro` program: its command table, so the executable's main is a few lines and tests
// and the cli fuzz target can run every command in-process.
import NarvaroCLI
import Foundation
import NarvaroCore

public enum NarvaroProgram {
    /// Every staff and administrator command; each group lives in its own file.
    public static let commands: [CommandSpec] = venueCommands + activityCommands + scheduleCommands + readerCommands
        + visitorCommands + enrolCommands + checkInCommands + reportCommands + exportCommands + statsCommands + privacyCommands
        + doctorCommands + deskCommands + pushCommands + centralCommands

    public static func table(extraCommands: [CommandSpec] = []) -> CommandTable {
        CommandTable(
            program: "narvaro",
            about: "Närvaro: attendance at meeting places, from card swipes to weekly statistics.",
            commands: commands + extraCommands,
            globalOptions: narvaroGlobalOptions
        )
    }

    /// Runs one command line (without the program name); returns the exit code.
    public static func run(_ arguments: [String], environment: [String: String], output: any TextOutput) -> Int32 {
        table().main(arguments: arguments, environment: environment, output: output)
    }
}
