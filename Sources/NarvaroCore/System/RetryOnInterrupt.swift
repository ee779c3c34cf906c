// Runs a system call, retrying it when a signal interrupted it (EINTR), and turns -1 into a SystemError.
import Glibc

/// Calls `call` until it does not fail with `EINTR`; a result of -1 throws a `SystemError` naming
/// `operation` and `path` with the `errno` the call left.
///
/// The daemon blocks its signals and reads them from a `SignalDescriptor`, so EINTR is rare, but a
/// stop/continue (SIGSTOP, SIGCONT) or a debugger can still interrupt a call.
@discardableResult
public func retryOnInterrupt<Result: FixedWidthInteger>(
    _ operation: String, path: String? = nil, _ call: () -> Result
) throws(SystemError) -> Result {
    while true {
        let result = call()
        if result != -1 { return result }
        let error = Errno.current
        if error != .interrupted { throw SystemError(operation, path: path, errno: error) }
    }
}
