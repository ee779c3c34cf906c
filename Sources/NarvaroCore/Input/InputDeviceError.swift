// Errors of the input-device layer: describing, matching and opening card readers.
// Each description is one line a volunteer or administrator can act on.

/// What went wrong finding, opening or reading an input device.
public enum InputDeviceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A system call failed (open, ioctl, read); the `SystemError` carries errno, call and path.
    case system(SystemError)
    /// The file is not an evdev device at all (e.g. /dev/null or a regular file).
    case notEvdev(path: String)
    /// An evdev device without an Enter key: a mouse, a power button, a sound card's jack sensor.
    case notKeyboard(name: String, path: String)
    /// Another program holds the exclusive grab (EVIOCGRAB returned EBUSY).
    case grabbedByAnotherProgram(path: String)
    /// A reader's device options could not be understood (`--device`, `--usb`, patterns).
    case invalidMatch(String)

    public var description: String {
        switch self {
        case .system(let error):
            return error.description
        case .notEvdev(let path):
            return "\(path) is not an evdev input device"
        case .notKeyboard(let name, let path):
            return "'\(name)' (\(path)) is not a keyboard-like reader: it has no Enter key"
        case .grabbedByAnotherProgram(let path):
            return "\(path) is grabbed by another program: stop it (another narvarod?) and replug the reader"
        case .invalidMatch(let message):
            return message
        }
    }
}
