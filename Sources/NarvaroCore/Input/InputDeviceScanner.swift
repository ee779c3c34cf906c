// Enumerates /dev/input/event* and describes each from sysfs and the udev by-id/by-path links,
// WITHOUT opening any device node: a desk keyboard must never be opened, let alone grabbed.
import FoundationEssentials  // FileManager only: the daemon stays clear of full Foundation and ICU
import Glibc

/// Lists and describes input event devices. `devRoot` and `sysRoot` are injectable so tests can
/// build a fake tree of files and symlinks; in production they are "/dev" and "/sys".
public struct InputDeviceScanner: Sendable {
    public var devRoot: String
    public var sysRoot: String

    public init(devRoot: String = "/dev", sysRoot: String = "/sys") {
        self.devRoot = devRoot
        self.sysRoot = sysRoot
    }

    /// The directory of event nodes (`<devRoot>/input`), the one to watch for hotplug.
    public var inputDirectory: String { devRoot + "/input" }
    /// The udev link directories, which may not exist until the first USB device appears.
    public var linkDirectories: [String] { [inputDirectory + "/by-id", inputDirectory + "/by-path"] }

    /// Every event device present, ordered by number (event2 before event10). Never throws: a
    /// missing /dev/input is an empty list, an unreadable sysfs attribute a nil field.
    public func scan() -> [InputDeviceInfo] {
        let links = linksByTarget()
        return eventNodes().map { describe(node: $0, links: links[canonical(inputDirectory + "/" + $0)] ?? []) }
    }

    /// Describes one node by name ("event3"), or nil when it does not exist.
    public func describe(node: String) -> InputDeviceInfo? {
        guard eventNodes().contains(node) else { return nil }
        let path = inputDirectory + "/" + node
        return describe(node: node, links: linksByTarget()[canonical(path)] ?? [])
    }

    /// Maps a production path ("/dev/input/by-id/…") into this scanner's `devRoot`, so a reader
    /// configured with real paths can be matched against a test tree.
    public func rooted(_ path: String) -> String {
        guard devRoot != "/dev", path.hasPrefix("/dev/") else { return path }
        return devRoot + path.dropFirst(4)
    }

    /// The path with every symlink resolved (`realpath(3)`), or nil when it does not resolve.
    public func canonical(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    // MARK: - Reading the tree

    private func eventNodes() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: inputDirectory)) ?? []
        return names.compactMap { name -> (String, Int)? in
            guard name.hasPrefix("event"), let number = Int(name.dropFirst(5)) else { return nil }
            return (name, number)
        }
        .sorted { $0.1 < $1.1 }
        .map(\.0)
    }

    /// Canonical target path → the by-id / by-path links resolving to it. Only `readlink`/`realpath`:
    /// resolving a link never opens the device it points at.
    private func linksByTarget() -> [String?: [String]] {
        var result: [String?: [String]] = [:]
        for directory in linkDirectories {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for name in names {
                let link = directory + "/" + name
                guard let target = canonical(link) else { continue }
                result[target, default: []].append(link)
            }
        }
        return result.mapValues { $0.sorted() }
    }

    private func describe(node: String, links: [String]) -> InputDeviceInfo {
        let device = sysRoot + "/class/input/" + node + "/device"
        let keys = attribute(device + "/capabilities/key").flatMap { InputCapabilityBitmap.parse($0) } ?? []
        return InputDeviceInfo(
            node: node,
            path: inputDirectory + "/" + node,
            name: attribute(device + "/name"),
            phys: attribute(device + "/phys"),
            vendor: attribute(device + "/id/vendor").flatMap { UInt16($0, radix: 16) },
            product: attribute(device + "/id/product").flatMap { UInt16($0, radix: 16) },
            keys: keys,
            links: links
        )
    }

    /// A sysfs attribute's text without the trailing newline; nil when missing or empty.
    private func attribute(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var text = Substring(String(decoding: data, as: UTF8.self))
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text.isEmpty ? nil : String(text)
    }
}
