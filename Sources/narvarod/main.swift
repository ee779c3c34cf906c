// narvarod: the attendance daemon. Serves card readers (live devices) or replays an evemu
// recording through the same decode → record path (the command lives in NarvaroCommands).
import FoundationEssentials
import Glibc
import NarvaroCLI
import NarvarodCommands

// A file size limit (RLIMIT_FSIZE) must fail the write, not kill the daemon: the swipe then waits in the spool.
signal(SIGXFSZ, SIG_IGN)
exit(NarvarodProgram.run(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment, output: StandardOutput()))
