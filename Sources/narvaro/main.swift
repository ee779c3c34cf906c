// narvaro: the staff and administrator command line. Every command is a row in this table;
// each group lives in its own file.
import Foundation
import Narvaro

let commands: [CommandSpec] = venueCommands + activityCommands + scheduleCommands + readerCommands
    + visitorCommands + enrollCommands + checkInCommands + reportCommands + exportCommands + statsCommands + privacyCommands
    + doctorCommands + deskCommands
    + (CommandLine.arguments.contains("bench") ? benchCommands : [])  // developers only: kept out of the overview

let table = CommandTable(
    program: "narvaro",
    about: "Närvaro: attendance at meeting places, from card swipes to weekly statistics.",
    commands: commands,
    globalOptions: narvaroGlobalOptions
)
exit(table.main(arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment, output: StandardOutput()))
