// How much freed memory glibc keeps before handing it back to the kernel, set once at start.

import CLinux

public enum HeapTrimThreshold {
    /// SQLite's per-swipe statement journal and trigger tables take and free a few hundred KiB at
    /// the heap's top; glibc's default 128 KiB trim threshold handed it back (brk) and faulted it in
    /// again on every swipe, ~10 % of a swipe's CPU (docs/benchmarks.md). Keeping up to 4 MiB free
    /// bounds the cost.
    public static func keepUpToFourMebibytes() {
        mallopt(M_TRIM_THRESHOLD, 4 << 20)
    }
}
