// InputDeviceScanner and ReaderMatch on a fake /dev + /sys tree of real files and symlinks:
// matching by link, by vid:pid, by phys pattern; non-qualifying devices; nothing is opened.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Glibc
import Testing

/// A temp dir laid out like /dev/input and /sys/class/input, with udev-style relative symlinks.
private struct FakeInputTree {
    private let scratch: TemporaryDirectory
    var root: String { scratch.path }
    var dev: String { root + "/dev" }
    var sys: String { root + "/sys" }
    var scanner: InputDeviceScanner { InputDeviceScanner(devRoot: dev, sysRoot: sys) }

    static let fullKeyboard = "120013 0 0 0 0 1000000000007 ff9f207ac14057ff febeffdfffefffff fffffffffffffffe"
    static let powerButton = "10000000000000 0"
    static let digitsNoEnter = "ffc"

    init() throws {
        scratch = try TemporaryDirectory("input-tree")
        for directory in ["/dev/input/by-id", "/dev/input/by-path", "/sys/class/input"] {
            try FileManager.default.createDirectory(atPath: root + directory, withIntermediateDirectories: true)
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    /// Adds /dev/input/eventN (an empty regular file: it must never be opened anyway) and its sysfs
    /// entry, where `device` is a symlink to ../../devices/.../inputM as in the real sysfs.
    func addDevice(_ number: Int, name: String, phys: String, vendor: String, product: String, keys: String) throws {
        let fm = FileManager.default
        #expect(fm.createFile(atPath: "\(dev)/input/event\(number)", contents: nil))
        let input = "\(sys)/devices/pci0000:00/usb1/input/input\(number + 10)"
        try fm.createDirectory(atPath: input + "/id", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: input + "/capabilities", withIntermediateDirectories: true)
        for (file, text) in [("name", name), ("phys", phys), ("id/vendor", vendor), ("id/product", product),
                             ("capabilities/key", keys)] {
            try (text + "\n").write(toFile: input + "/" + file, atomically: false, encoding: .utf8)
        }
        let classEntry = "\(sys)/class/input/event\(number)"
        try fm.createDirectory(atPath: classEntry, withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: classEntry + "/device",
                                  withDestinationPath: "../../../devices/pci0000:00/usb1/input/input\(number + 10)")
    }

    func addLink(_ directory: String, _ name: String, to number: Int) throws {
        try FileManager.default.createSymbolicLink(atPath: "\(dev)/input/\(directory)/\(name)",
                                                   withDestinationPath: "../event\(number)")
    }

    /// The desk: a power button, the staff keyboard, two identical readers on ports 1 and 2, and
    /// the readers' media-key interface (same vid:pid, no Enter).
    static func desk() throws -> FakeInputTree {
        let tree = try FakeInputTree()
        try tree.addDevice(0, name: "Power Button", phys: "LNXPWRBN/button/input0", vendor: "0000", product: "0001",
                           keys: powerButton)
        try tree.addDevice(1, name: "Logitech USB Keyboard", phys: "usb-0000:00:04.0-3/input0", vendor: "046d",
                           product: "c31c", keys: fullKeyboard)
        try tree.addDevice(2, name: "HID 0c2e:0b61", phys: "usb-0000:00:04.0-1/input0", vendor: "0c2e",
                           product: "0b61", keys: fullKeyboard)
        try tree.addDevice(10, name: "HID 0c2e:0b61", phys: "usb-0000:00:04.0-2/input0", vendor: "0c2e",
                           product: "0b61", keys: fullKeyboard)
        try tree.addDevice(11, name: "HID 0c2e:0b61 Consumer Control", phys: "usb-0000:00:04.0-1/input1",
                           vendor: "0c2e", product: "0b61", keys: digitsNoEnter)
        try tree.addLink("by-id", "usb-Logitech_USB_Keyboard-event-kbd", to: 1)
        try tree.addLink("by-id", "usb-Honeywell_Reader_A-event-kbd", to: 2)
        try tree.addLink("by-path", "pci-0000:00:04.0-usb-0:1:1.0-event-kbd", to: 2)
        try tree.addLink("by-path", "pci-0000:00:04.0-usb-0:2:1.0-event-kbd", to: 10)
        return tree
    }
}

@Suite struct SystemInputDeviceTests {
    @Test func scannerDescribesEveryEventNodeFromSysfsAndLinks() throws {
        let tree = try FakeInputTree.desk()
        defer { tree.remove() }
        let devices = tree.scanner.scan()
        #expect(devices.map(\.node) == ["event0", "event1", "event2", "event10", "event11"])

        let reader = try #require(devices.first { $0.node == "event2" })
        #expect(reader.path == tree.dev + "/input/event2")
        #expect(reader.name == "HID 0c2e:0b61")
        #expect(reader.phys == "usb-0000:00:04.0-1/input0")
        #expect(reader.usbID == "0c2e:0b61")
        #expect(reader.qualifies)
        #expect(reader.links == [tree.dev + "/input/by-id/usb-Honeywell_Reader_A-event-kbd",
                                 tree.dev + "/input/by-path/pci-0000:00:04.0-usb-0:1:1.0-event-kbd"])
        #expect(devices.filter(\.qualifies).map(\.node) == ["event1", "event2", "event10"])
        #expect(tree.scanner.describe(node: "event10")?.links == [tree.dev + "/input/by-path/pci-0000:00:04.0-usb-0:2:1.0-event-kbd"])
        #expect(tree.scanner.describe(node: "event99") == nil)
    }

    @Test func capabilityBitmapIsReadHighestWordFirst() throws {
        let keys = try #require(InputCapabilityBitmap.parse("10000000000000 0", wordBits: 64))
        #expect(keys == [116])  // KEY_POWER: bit 52 of the second word
        let small = try #require(InputCapabilityBitmap.parse("1 10000ffe", wordBits: 32))
        #expect(small == Set([32, 28] + Array(1...11)))
        #expect(InputCapabilityBitmap.parse("zz") == nil)
        #expect(InputCapabilityBitmap.parse("") == nil)
    }

    @Test func matchesByByIdLinkAndByResolvingAnyPath() throws {
        let tree = try FakeInputTree.desk()
        defer { tree.remove() }
        let scanner = tree.scanner
        let devices = scanner.scan()
        let result = scanner.assign(readers: ["entre": .path("/dev/input/by-id/usb-Honeywell_Reader_A-event-kbd")],
                                    devices: devices)
        #expect(result.matched["entre"]?.node == "event2")

        // A symlink of udev's own naming (70-narvaro-reader.rules) resolves to the node too.
        try FileManager.default.createSymbolicLink(atPath: tree.dev + "/input/narvaro-event10", withDestinationPath: "event10")
        #expect(scanner.matches(.path("/dev/input/narvaro-event10"), try #require(devices.first { $0.node == "event10" })))
        #expect(!scanner.matches(.path("/dev/input/narvaro-event10"), try #require(devices.first { $0.node == "event2" })))
    }

    @Test func identicalReadersAreAmbiguousByVidPidAndToldApartByPhys() throws {
        let tree = try FakeInputTree.desk()
        defer { tree.remove() }
        let scanner = tree.scanner
        let devices = scanner.scan()

        let loose = scanner.assign(readers: ["entre": .usb(vendor: 0x0c2e, product: 0x0b61, namePattern: nil, physPattern: nil)],
                                   devices: devices)
        #expect(loose.matched.isEmpty)
        #expect(loose.problems["entre"] == .ambiguous(devices: [tree.dev + "/input/event2", tree.dev + "/input/event10"]))

        let byPort = scanner.assign(readers: [
            "entre": .usb(vendor: 0x0c2e, product: 0x0b61, namePattern: "HID *", physPattern: "usb-*-1/input0"),
            "cafe": .usb(vendor: 0x0c2e, product: 0x0b61, namePattern: nil, physPattern: "usb-*-2/*"),
        ], devices: devices)
        #expect(byPort.matched["entre"]?.node == "event2")
        #expect(byPort.matched["cafe"]?.node == "event10")
        #expect(byPort.problems.isEmpty)
    }

    @Test func aDeviceWithoutEnterIsNeverMatched() throws {
        let tree = try FakeInputTree.desk()
        defer { tree.remove() }
        let devices = tree.scanner.scan()
        let mediaKeys = try #require(devices.first { $0.node == "event11" })
        #expect(!mediaKeys.qualifies)
        #expect(!tree.scanner.matches(.path("/dev/input/event11"), mediaKeys))
        #expect(!ReaderMatch.usb(vendor: 0x0c2e, product: 0x0b61, namePattern: "*Consumer*", physPattern: nil).matches(mediaKeys))
        let result = tree.scanner.assign(readers: ["media": .path("/dev/input/event11")], devices: devices)
        #expect(result.problems["media"] == .missing)
    }

    @Test func unmatchedDevicesAreReportedButNeverOpened() throws {
        let tree = try FakeInputTree.desk()
        defer { tree.remove() }
        // inotify reports every open(2) of a file in the watched directory: proof, not trust.
        var opens = try InotifyWatcher(mask: .opened)
        defer { try? opens.close() }
        #expect(try opens.watch(tree.dev + "/input"))

        let scanner = tree.scanner
        let result = scanner.assign(readers: ["entre": .path("/dev/input/by-path/pci-0000:00:04.0-usb-0:1:1.0-event-kbd"),
                                              "gone": .usb(vendor: 0xffff, product: 1, namePattern: nil, physPattern: nil)],
                                    devices: scanner.scan())
        #expect(result.matched["entre"]?.node == "event2")
        #expect(result.problems["gone"] == .missing)
        #expect(result.unmatched.map(\.node) == ["event0", "event1", "event10", "event11"])

        let openedNodes = try opens.read().filter { $0.kind.contains(.opened) && $0.name.hasPrefix("event") }
        #expect(openedNodes.isEmpty)
        // And the watcher does see opens, so the check above could fail:
        try FileDescriptor.open(tree.dev + "/input/event1", O_RDONLY).close()
        #expect(try opens.read().contains { $0.kind.contains(.opened) && $0.name == "event1" })
    }

    @Test func aDeviceClaimedByTwoReadersGoesToNeither() throws {
        let tree = try FakeInputTree.desk()
        defer { tree.remove() }
        let scanner = tree.scanner
        let result = scanner.assign(readers: ["a": .path("/dev/input/event2"),
                                              "b": .usb(vendor: 0x0c2e, product: 0x0b61, namePattern: nil, physPattern: "*-1/*")],
                                    devices: scanner.scan())
        #expect(result.matched.isEmpty)
        #expect(result.problems["a"] == .shared(device: tree.dev + "/input/event2", readers: ["b"]))
    }

    @Test func parsesReaderMatchFromCommandLineOptions() throws {
        #expect(try ReaderMatch(device: "/dev/input/by-id/x-event-kbd", usb: nil) == .path("/dev/input/by-id/x-event-kbd"))
        let usb = try ReaderMatch(arguments: ["--usb", "0C2E:0b61", "--phys-pattern", "usb-*-1/*"])
        #expect(usb == .usb(vendor: 0x0c2e, product: 0x0b61, namePattern: nil, physPattern: "usb-*-1/*"))
        #expect(usb.arguments == ["--usb", "0c2e:0b61", "--phys-pattern", "usb-*-1/*"])
        #expect(try ReaderMatch(arguments: usb.arguments) == usb)
        #expect(usb.description == "--usb 0c2e:0b61 --phys-pattern 'usb-*-1/*'")
    }

    @Test func rejectsMalformedReaderOptionsWithOneLine() {
        let cases: [([String], String)] = [
            (["--usb", "c2e:b61"], "--usb expects VID:PID as two 4-digit hex numbers (see lsusb), e.g. 0c2e:0b61; got 'c2e:b61'"),
            (["--usb", "0c2e0b61"], "--usb expects VID:PID as two 4-digit hex numbers (see lsusb), e.g. 0c2e:0b61; got '0c2e0b61'"),
            (["--usb", "0c2e:0b6g"], "--usb expects VID:PID as two 4-digit hex numbers (see lsusb), e.g. 0c2e:0b61; got '0c2e:0b6g'"),
            (["--device", "/dev/input/event2", "--usb", "0c2e:0b61"], "give either --device or --usb, not both"),
            ([], "a reader needs --device PATH or --usb VID:PID"),
            (["--device", "event2"], "--device expects an absolute path like /dev/input/by-id/usb-…-event-kbd; got 'event2'"),
            (["--device", "/dev/input/event2", "--phys-pattern", "x"], "--name-pattern and --phys-pattern go with --usb, not --device"),
            (["--usb"], "--usb needs a value"),
            (["--serial", "1"], "unknown option '--serial' for a reader's device"),
        ]
        for (arguments, message) in cases {
            #expect(throws: InputError.invalidMatch(message)) { try ReaderMatch(arguments: arguments) }
        }
    }
}
