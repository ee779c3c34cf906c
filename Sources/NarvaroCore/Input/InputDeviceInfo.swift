// What sysfs says about one /dev/input/eventN, read without opening the device node, and whether
// it looks like a card reader (Enter plus digit keys).

/// One event device as described by sysfs and the udev links that point at it.
public struct InputDeviceInfo: Hashable, Sendable {
    /// The node's name, e.g. "event3".
    public var node: String
    /// The device node, e.g. "/dev/input/event3" (under the scanner's `devRoot`).
    public var path: String
    /// The kernel's device name, e.g. "HID 0c2e:0b61" (`device/name`).
    public var name: String?
    /// The physical topology, e.g. "usb-0000:00:04.0-1/input0" (`device/phys`); tells identical
    /// readers on different ports apart.
    public var phys: String?
    public var vendor: UInt16?
    public var product: UInt16?
    /// The EV_KEY codes the device can send (`device/capabilities/key`).
    public var keys: Set<UInt16>
    /// Every /dev/input/by-id and /dev/input/by-path link resolving to this node, sorted.
    public var links: [String]

    public init(node: String, path: String, name: String? = nil, phys: String? = nil,
                vendor: UInt16? = nil, product: UInt16? = nil, keys: Set<UInt16> = [], links: [String] = []) {
        self.node = node
        self.path = path
        self.name = name
        self.phys = phys
        self.vendor = vendor
        self.product = product
        self.keys = keys
        self.links = links
    }

    /// KEY_ENTER and KEY_1 … KEY_0 (codes 28 and 2…11): the least a card reader must type.
    public static let requiredKeys: Set<UInt16> = Set([EventCode.keyEnter] + Array(2...11))

    /// Whether this could be a card reader. Only a qualifying device is ever matched to a reader,
    /// so a mouse or power button is never opened even under a loose `--usb` match.
    public var qualifies: Bool { keys.isSuperset(of: Self.requiredKeys) }

    /// "vvvv:pppp" in lowercase hex, or nil when sysfs did not say.
    public var usbID: String? {
        guard let vendor, let product else { return nil }
        return InputDeviceInfo.hex4(vendor) + ":" + InputDeviceInfo.hex4(product)
    }

    static func hex4(_ value: UInt16) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}

/// Parsing of sysfs capability bitmaps.
public enum InputCapabilityBitmap {
    /// The set bits of a sysfs bitmap such as `capabilities/key`: hex words separated by spaces,
    /// the most significant word first, each `wordBits` wide (the kernel's `long`). Returns nil on
    /// text that is not such a bitmap. Codes above 0xffff are ignored (KEY_MAX is 0x2ff).
    public static func parse(_ text: String, wordBits: Int = UInt.bitWidth) -> Set<UInt16>? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard !words.isEmpty, wordBits == 32 || wordBits == 64 else { return nil }
        var codes = Set<UInt16>()
        for (index, word) in words.reversed().enumerated() {
            guard word.count <= wordBits / 4, let bits = UInt64(word, radix: 16) else { return nil }
            let (base, overflow) = index.multipliedReportingOverflow(by: wordBits)
            guard bits != 0, !overflow, base <= Int(UInt16.max) else { continue }
            for bit in 0..<wordBits where bits & (1 << UInt64(bit)) != 0 {
                if let code = UInt16(exactly: base + bit) { codes.insert(code) }
            }
        }
        return codes
    }
}
