// narvarod: the attendance daemon. Serves card readers (live devices) or replays an evemu
// recording through the same decode → record path.
import Foundation
import Narvaro

let table = CommandTable(
    program: "narvarod",
    about: "Närvaro daemon: turns card swipes into committed check-ins.",
    commands: [daemonCommand],
    globalOptions: narvaroGlobalOptions
)
// A file size limit (RLIMIT_FSIZE) must fail the write, not kill the daemon: the swipe then waits in the spool.
signal(SIGXFSZ, SIG_IGN)
// The daemon has one command; its options may come without a command word.
var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first != "run" { arguments.insert("run", at: 0) }
if arguments == ["run", "--version"] { arguments = ["--version"] }
exit(table.main(arguments: arguments, environment: ProcessInfo.processInfo.environment, output: StandardOutput()))
