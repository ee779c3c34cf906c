// Which event device is which reader: a ReaderMatch (a path, or USB ids plus optional name/phys
// globs) and the assignment of scanned devices to configured readers. Pure: no device is opened.
import Glibc

/// How a configured reader recognises its device.
public enum ReaderMatch: Hashable, Sendable, Codable {
    /// A /dev/input path: the event node itself, a by-id / by-path link, or a udev symlink such as
    /// /dev/input/narvaro-event3. Matches the device the path resolves to.
    case path(String)
    /// USB vendor and product id, optionally narrowed by `fnmatch(3)` globs on the device name and
    /// the phys string (e.g. "usb-0000:00:04.0-1/*" to tell two identical readers apart by port).
    case usb(vendor: UInt16, product: UInt16, namePattern: String?, physPattern: String?)

    /// Whether `device` is this reader's, judged from the description alone: a `.path` must equal
    /// the node or one of its by-id / by-path links (`InputDeviceScanner.matches` also follows other
    /// symlinks). A device that does not `qualify` is never matched.
    public func matches(_ device: InputDeviceInfo) -> Bool {
        guard device.qualifies else { return false }
        switch self {
        case .path(let path):
            return path == device.path || device.links.contains(path)
        case .usb(let vendor, let product, let namePattern, let physPattern):
            guard device.vendor == vendor, device.product == product else { return false }
            if let namePattern, !Self.glob(namePattern, device.name ?? "") { return false }
            if let physPattern, !Self.glob(physPattern, device.phys ?? "") { return false }
            return true
        }
    }

    private static func glob(_ pattern: String, _ text: String) -> Bool {
        fnmatch(pattern, text, 0) == 0
    }
}

/// Why a configured reader has no device right now.
public enum ReaderAssignmentProblem: Hashable, Sendable, CustomStringConvertible {
    /// No qualifying device matches (unplugged, or the match is wrong).
    case missing
    /// Several qualifying devices match; none is opened. Narrow the match.
    case ambiguous(devices: [String])
    /// The matching device also matches other readers; none of them gets it.
    case shared(device: String, readers: [String])

    public var description: String {
        switch self {
        case .missing:
            return "no matching device: plug the reader in or check its --device/--usb"
        case .ambiguous(let devices):
            return "matches \(devices.count) devices (\(devices.joined(separator: ", "))): add --phys-pattern or use --device"
        case .shared(let device, let readers):
            return "\(device) also matches reader(s) \(readers.joined(separator: ", ")): make the matches distinct"
        }
    }
}

/// The outcome of matching scanned devices to configured readers. Only `matched` devices may be
/// opened; everything in `unmatched` (desk keyboards, mice, power buttons) must be left alone.
public struct ReaderAssignment: Hashable, Sendable {
    /// Reader name → its device.
    public var matched: [String: InputDeviceInfo] = [:]
    /// Reader name → why it has no device.
    public var problems: [String: ReaderAssignmentProblem] = [:]
    /// Devices no reader gets, in scan order. Report them (they help an admin write a match); never open them.
    public var unmatched: [InputDeviceInfo] = []
}

extension InputDeviceScanner {
    /// Whether `device` is the reader described by `match`, resolving a `.path` through symlinks.
    public func matches(_ match: ReaderMatch, _ device: InputDeviceInfo) -> Bool {
        switch match {
        case .path(let path):
            let rootedPath = rooted(path)
            if ReaderMatch.path(rootedPath).matches(device) { return true }
            guard device.qualifies, let target = canonical(rootedPath) else { return false }
            return target == canonical(device.path)
        case .usb:
            return match.matches(device)
        }
    }

    /// Assigns `devices` (from `scan()`) to `readers` (name → match). A reader gets a device only
    /// when exactly one qualifying device matches it and no other reader matches that device.
    public func assign(readers: [String: ReaderMatch], devices: [InputDeviceInfo]) -> ReaderAssignment {
        var candidates: [String: [InputDeviceInfo]] = [:]
        var claimants: [String: [String]] = [:]  // device path → reader names
        for (reader, match) in readers {
            let found = devices.filter { matches(match, $0) }
            candidates[reader] = found
            for device in found { claimants[device.path, default: []].append(reader) }
        }
        var result = ReaderAssignment()
        for reader in readers.keys.sorted() {
            let found = candidates[reader] ?? []
            guard let device = found.first else { result.problems[reader] = .missing; continue }
            guard found.count == 1 else {
                result.problems[reader] = .ambiguous(devices: found.map(\.path))
                continue
            }
            let others = (claimants[device.path] ?? []).filter { $0 != reader }.sorted()
            guard others.isEmpty else {
                result.problems[reader] = .shared(device: device.path, readers: others)
                continue
            }
            result.matched[reader] = device
        }
        let taken = Set(result.matched.values.map(\.path))
        result.unmatched = devices.filter { !taken.contains($0.path) }
        return result
    }
}
