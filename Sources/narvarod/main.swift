// narvarod: the attendance daemon. Serves card readers (live devices) or replays an evemu
// recording through the same decode → record path (the command lives in NarvaroCommands).
import FoundationEssentials
import Glibc
import CLinux
import NarvaroCLI
import NarvarodCommands

// A file size limit (RLIMIT_FSIZE) must fail the write, not kill the daemon: the swipe then waits in the spool.
signal(SIGXFSZ, SIG_IGN)
// SQLite's per-swipe statement journal and trigger tables take and free a few hundred KiB at the
// heap's top; glibc's default 128 KiB trim threshold handed it back (brk) and faulted it in again
// on every swipe, ~10 % of a swipe's CPU (docs/benchmarks.md). Keeping up to 4 MiB free bounds the cost.
mallopt(M_TRIM_THRESHOLD, 4 << 20)
exit(NarvarodProgram.run(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment, output: StandardOutput()))
