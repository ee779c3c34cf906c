// The input layer's one error type (docs/errors.md): finding, matching and opening card readers,
// a card text its format refuses, an evemu recording that cannot be read. One line each.

/// What went wrong with a reader, its card text or a recording of it.
public enum InputError: Error, Hashable, Sendable, CustomStringConvertible {
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
    /// A card text that does not fit its reader's card format.
    case notACardNumber(text: String, format: CardFormat, expected: String)
    /// A problem in an evemu recording, always naming the line so it can be found and fixed.
    case malformedRecording(line: Int, reason: String)

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
        case .notACardNumber(let text, let format, let expected):
            // Control characters would break the one-line message: show them as '?'.
            let scalars = text.unicodeScalars.prefix(40).map { scalar -> Unicode.Scalar in
                scalar.properties.generalCategory == .control ? "?" : scalar
            }
            var shown = String(String.UnicodeScalarView(scalars))
            if text.unicodeScalars.count > 40 { shown += "…" }
            return "'\(shown)' is not a \(format.rawValue) card number (\(expected))"
        case .malformedRecording(let line, let reason):
            return "line \(line): \(reason)"
        }
    }
}
