// A fresh directory under the system's temporary directory for one test, removed with its contents
// when the last reference goes away; every test that needs scratch files makes it this way.
import Foundation

final class TemporaryDirectory {
    let url: URL
    var path: String { url.path }

    /// `label` only makes a leftover directory recognisable (`narvaro-<label>-<uuid>`).
    init(_ label: String = "test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("narvaro-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func appending(_ component: String) -> URL { url.appendingPathComponent(component) }
}
