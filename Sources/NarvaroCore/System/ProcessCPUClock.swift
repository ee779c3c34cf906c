// The CPU time this process has used (user + system, all threads): what the benchmarks divide by
// swipes to show the work apart from the waits for the disk.
// CEvdev: release builds attribute `timespec` to the first module that declared it (as in
// TimerDescriptor.swift), and MemberImportVisibility then asks for that import.
import CEvdev
import Glibc

package enum ProcessCPUClock {
    /// CLOCK_PROCESS_CPUTIME_ID in seconds; 0 if the clock cannot be read (never on Linux).
    package static func seconds() -> Double {
        var now = Glibc.timespec()
        guard clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now) == 0 else { return 0 }
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
