// Polling until a condition holds: the one way tests wait for a process or file to reach a state,
// so no fixed sleep decides an outcome.
import Foundation
import Glibc

/// Polls `condition` every 50 ms for up to `timeout` seconds; true as soon as it holds.
func eventually(timeout: Double, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return true }
        usleep(50_000)
    }
    return try condition()
}
