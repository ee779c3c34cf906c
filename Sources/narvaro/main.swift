// narvaro: the staff and administrator command line (the commands live in NarvaroCommands).
import Foundation
import NarvaroCLI
import NarvaroCommands

exit(NarvaroProgram.run(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment, output: StandardOutput()))
