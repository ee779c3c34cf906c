// One kernel input event (struct input_event) as a value, independent of libevdev,
// so recordings, live devices and tests all feed the decoder the same thing.

/// A raw input event: type, code and value as the kernel reports them (linux/input-event-codes.h).
public struct InputEvent: Hashable, Sendable {
    public var time: EventTime
    public var type: UInt16
    public var code: UInt16
    public var value: Int32

    public init(time: EventTime, type: UInt16, code: UInt16, value: Int32) {
        self.time = time
        self.type = type
        self.code = code
        self.value = value
    }
}

/// The event types and codes Närvaro looks at, with the kernel's numbers.
public enum EventCode {
    public static let synType: UInt16 = 0x00  // EV_SYN
    public static let keyType: UInt16 = 0x01  // EV_KEY
    public static let mscType: UInt16 = 0x04  // EV_MSC
    public static let synReport: UInt16 = 0   // SYN_REPORT
    public static let synDropped: UInt16 = 3  // SYN_DROPPED
    public static let keyEnter: UInt16 = 28   // KEY_ENTER
    public static let keyKPEnter: UInt16 = 96 // KEY_KPENTER
    public static let keyLeftShift: UInt16 = 42
    public static let keyRightShift: UInt16 = 54
}
