// The fixed US keyboard layout a card reader "types" in: kernel keycode → card character.
// Only digits and letters are card characters; every other key is outside the charset.

/// Maps the keycodes a card reader sends to the characters of a card number.
///
/// Readers emulate a US keyboard, so the table is fixed (digits and letters sit on the same keys
/// in the Swedish layout anyway). Keypad digits count as digits. Letters are lowercase unless a
/// Shift key is held; a shifted digit would be a symbol on a real keyboard (`!`, `@`…), so it is
/// not a card character.
public enum KeyLayout {
    /// One row of the layout: the kernel's name for the key and what it types, if anything.
    struct Key: Sendable {
        let name: String
        let character: Character?
        /// With Shift held: a letter's capital, nothing for anything else. Worked out once here:
        /// `isLetter` per key press was a Unicode property look-up (docs/benchmarks.md, "CPU per swipe").
        let shifted: Character?

        init(name: String, character: Character?) {
            self.name = name
            self.character = character
            if let character, character.isLetter { shifted = Character(character.uppercased()) } else { shifted = nil }
        }
    }

    /// linux/input-event-codes.h numbers for the keys Närvaro knows by name.
    static let keys: [UInt16: Key] = {
        var table: [UInt16: Key] = [:]
        let digitRow: [(UInt16, Character)] = [
            (2, "1"), (3, "2"), (4, "3"), (5, "4"), (6, "5"),
            (7, "6"), (8, "7"), (9, "8"), (10, "9"), (11, "0"),
        ]
        for (code, digit) in digitRow {
            table[code] = Key(name: "KEY_\(digit)", character: digit)
        }
        let letters: [(UInt16, Character)] = [
            (16, "q"), (17, "w"), (18, "e"), (19, "r"), (20, "t"), (21, "y"), (22, "u"),
            (23, "i"), (24, "o"), (25, "p"), (30, "a"), (31, "s"), (32, "d"), (33, "f"),
            (34, "g"), (35, "h"), (36, "j"), (37, "k"), (38, "l"), (44, "z"), (45, "x"),
            (46, "c"), (47, "v"), (48, "b"), (49, "n"), (50, "m"),
        ]
        for (code, letter) in letters {
            table[code] = Key(name: "KEY_\(letter.uppercased())", character: letter)
        }
        let keypad: [(UInt16, Character)] = [
            (82, "0"), (79, "1"), (80, "2"), (81, "3"), (75, "4"),
            (76, "5"), (77, "6"), (71, "7"), (72, "8"), (73, "9"),
        ]
        for (code, digit) in keypad {
            table[code] = Key(name: "KEY_KP\(digit)", character: digit)
        }
        // Named so recordings are readable, but they type no card character.
        let named: [(UInt16, String)] = [
            (1, "KEY_ESC"), (12, "KEY_MINUS"), (13, "KEY_EQUAL"), (14, "KEY_BACKSPACE"),
            (15, "KEY_TAB"), (28, "KEY_ENTER"), (29, "KEY_LEFTCTRL"), (39, "KEY_SEMICOLON"),
            (42, "KEY_LEFTSHIFT"), (52, "KEY_DOT"), (53, "KEY_SLASH"), (54, "KEY_RIGHTSHIFT"),
            (56, "KEY_LEFTALT"), (57, "KEY_SPACE"), (58, "KEY_CAPSLOCK"), (69, "KEY_NUMLOCK"),
            (96, "KEY_KPENTER"), (97, "KEY_RIGHTCTRL"),
        ]
        for (code, name) in named {
            table[code] = Key(name: name, character: nil)
        }
        return table
    }()

    /// The card character `code` types, or nil when the key is not part of the card charset.
    /// - Parameter shifted: whether either Shift key is held.
    public static func character(for code: UInt16, shifted: Bool) -> Character? {
        guard let key = keys[code] else { return nil }
        return shifted ? key.shifted : key.character
    }

    /// `character(for:shifted:)` as an ASCII byte (card characters are digits and letters), from a
    /// flat table: the decoder looks it up on every key press, and a Dictionary look-up hashed.
    public static func cardByte(for code: UInt16, shifted: Bool) -> UInt8? {
        guard code < cardBytesPerCode else { return nil }
        let byte = cardBytes[Int(code) &* 2 &+ (shifted ? 1 : 0)]
        return byte == 0 ? nil : byte
    }

    /// The highest code in `keys`, plus one: codes from it on type nothing.
    private static let cardBytesPerCode: UInt16 = (keys.keys.max() ?? 0) + 1
    /// Per code, unshifted then shifted: the character's ASCII byte, 0 for none.
    private static let cardBytes: [UInt8] = {
        var table = [UInt8](repeating: 0, count: Int(cardBytesPerCode) * 2)
        for (code, key) in keys {
            table[Int(code) * 2] = key.character?.asciiValue ?? 0
            table[Int(code) * 2 + 1] = key.shifted?.asciiValue ?? 0
        }
        return table
    }()

    /// Whether `code` is one of the two Shift keys, whose state the decoder tracks.
    public static func isShift(_ code: UInt16) -> Bool {
        code == EventCode.keyLeftShift || code == EventCode.keyRightShift
    }

    /// Whether `code` ends a swipe (Enter or keypad Enter).
    public static func isTerminator(_ code: UInt16) -> Bool {
        code == EventCode.keyEnter || code == EventCode.keyKPEnter
    }

    /// The key that types `character` (a digit or a lower- or upper-case letter; upper case needs
    /// Shift held), on the main block or, with `keypad`, the numeric keypad: the one table that
    /// tests, the benchmark's typist and scripts/vm/keys.py (checked by a test) share.
    public static func code(typing character: Character, keypad: Bool = false) -> UInt16? {
        (keypad ? keypadCodes : mainCodes)[Character(character.lowercased())]
    }

    /// The reverse of `keys`: main-block and keypad keys by the character they type.
    private static let mainCodes = reverse { !$0.hasPrefix("KEY_KP") }
    private static let keypadCodes = reverse { $0.hasPrefix("KEY_KP") }

    private static func reverse(where include: (String) -> Bool) -> [Character: UInt16] {
        var table: [Character: UInt16] = [:]
        for (code, key) in keys where include(key.name) {
            if let character = key.character { table[character] = code }
        }
        return table
    }

    /// The code of the key the kernel calls `name` (`KEY_ENTER`), or nil.
    public static func code(named name: String) -> UInt16? {
        keys.first { $0.value.name == name }?.key
    }

    /// The kernel's name for a key (`KEY_1`, `KEY_KPENTER`), for recording descriptions.
    public static func name(of code: UInt16) -> String? {
        keys[code]?.name
    }
}
