// The configured readers and their devices: which device is which reader (by the scanner's
// matching, without opening anything else), opening and grabbing them, reading their events into
// the pipeline, and letting go when a device disappears. Hotplug is a rescan.
import NarvaroCore

public final class ReaderService {
    struct Attached {
        var source: ReaderSource
        var devicePath: String
    }

    private let store: Store
    private let pipeline: SwipePipeline
    private let journal: Journal
    let scanner: InputDeviceScanner
    /// `--device PATH --reader NAME`: serve this one device as this reader instead of the configuration.
    private let fixedDevice: (reader: String, path: String)?
    private(set) var attached: [String: Attached] = [:]
    private var problems: [String: String] = [:]
    private(set) var configured: [String: ReaderMatch] = [:]

    public init(store: Store, pipeline: SwipePipeline, journal: Journal, scanner: InputDeviceScanner = InputDeviceScanner(),
                fixedDevice: (reader: String, path: String)? = nil) {
        self.store = store
        self.pipeline = pipeline
        self.journal = journal
        self.scanner = scanner
        self.fixedDevice = fixedDevice
    }

    public var readersUp: Int { attached.count }
    /// Readers opened but not grabbed yet (a key was held at open): the loop retries every second.
    public var grabsPending: Bool { attached.values.contains { !$0.source.isGrabbed } }
    public var readersConfigured: Int { configured.count }

    /// The fds to poll, with the reader each belongs to.
    public var fileDescriptors: [(reader: String, fd: FileDescriptor)] {
        attached.map { ($0.key, $0.value.source.fileDescriptor) }.sorted { $0.reader < $1.reader }
    }

    /// Reads the reader configuration from the database.
    public func loadConfiguration() throws {
        if let fixedDevice {
            _ = try store.reader(named: fixedDevice.reader)
            configured = [fixedDevice.reader: .path(fixedDevice.path)]
            return
        }
        var matches: [String: ReaderMatch] = [:]
        for reader in try store.readers() {
            do {
                matches[reader.name] = try ReaderMatch(device: reader.device, usb: reader.usb, namePattern: reader.namePattern, physPattern: reader.physPattern)
            } catch {
                report(reader.name, "bad-match", "\(error)")
            }
        }
        configured = matches
    }

    /// Matches devices to readers; opens and grabs new ones, closes those no longer matched.
    public func rescan() {
        let assignment = scanner.assign(readers: configured, devices: scanner.scan())
        for (reader, entry) in attached where assignment.matched[reader]?.path != entry.devicePath {
            detach(reader, why: "no longer matched")
        }
        for (reader, device) in assignment.matched.sorted(by: { $0.key < $1.key }) where attached[reader] == nil {
            attach(reader, device: device)
        }
        for (reader, problem) in assignment.problems {
            report(reader, "reader-missing", "\(problem)")
        }
    }

    private func attach(_ reader: String, device: InputDeviceInfo) {
        do {
            let source = try ReaderSource(path: device.path)
            attached[reader] = Attached(source: source, devicePath: device.path)
            problems[reader] = nil
            journal.log(.notice, "reader-attached", [("reader", reader), ("device", device.path), ("name", device.name ?? "-")])
            tryGrab(reader)
        } catch {
            report(reader, "reader-unusable", "\(error)")
        }
    }

    /// Grabs a reader's device only when no key is held, so a key pressed mid-swipe is not left stuck.
    public func tryGrab(_ reader: String) {
        guard let entry = attached[reader], !entry.source.isGrabbed else { return }
        guard !entry.source.isAnyKeyDown else {
            journal.log(.debug, "grab-deferred", [("reader", reader), ("why", "a key is held")])
            return
        }
        do {
            try entry.source.grab()
        } catch {
            report(reader, "grab-failed", "\(error)")
        }
    }

    public func grabPending() {
        for reader in attached.keys where attached[reader]?.source.isGrabbed == false { tryGrab(reader) }
    }

    private func detach(_ reader: String, why: String) {
        guard let entry = attached.removeValue(forKey: reader) else { return }
        entry.source.close()
        pipeline.abandonPartialSwipe(reader: reader)
        journal.log(.warning, "reader-detached", [("reader", reader), ("device", entry.devicePath), ("why", why)])
    }

    /// Reads everything the reader's device has; returns what the pipeline did.
    public func read(_ reader: String) -> [PipelineEvent] {
        guard let entry = attached[reader] else { return [] }
        var events: [PipelineEvent] = []
        while true {
            let result: ReaderSource.ReadResult
            do {
                result = try entry.source.readAvailable()
            } catch {
                detach(reader, why: "\(error)")
                return events
            }
            if result.flags.contains(.synced) {
                journal.log(.warning, "events-dropped", [("reader", reader), ("what", "the kernel buffer overflowed; the partial swipe is abandoned")])
            }
            for event in result.events { events += pipeline.feed(event, reader: reader) }
            if result.flags.contains(.unplugged) {
                detach(reader, why: "unplugged")
                return events
            }
            if !result.flags.contains(.moreAvailable) { return events }
        }
    }

    /// The device hung up or failed (POLLHUP/POLLERR): let it go until hotplug brings it back.
    public func hangUp(_ reader: String) { detach(reader, why: "device hung up") }

    public func closeAll() {
        for reader in Array(attached.keys) { detach(reader, why: "stopping") }
    }

    /// Logs a reader problem once per change, not on every rescan.
    private func report(_ reader: String, _ event: String, _ detail: String) {
        guard problems[reader] != detail else { return }
        problems[reader] = detail
        journal.log(.warning, event, [("reader", reader), ("detail", detail)])
    }
}
