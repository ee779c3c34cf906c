// One key-code table: KeyLayout. The QEMU end-to-end test types and reads keys with its own table
// in scripts/vm/keys.py (Python, in the guest's world); this test proves the two agree.
@testable import NarvaroCore
import Foundation
import Testing

@Suite struct InputKeyTableTests {
    @Test func typingAndReadingBackAgree() {
        for character in "0123456789abcdefghijklmnopqrstuvwxyzABCXYZ" {
            let code = KeyLayout.code(typing: character)
            #expect(code != nil, "no key types \(character)")
            #expect(code.flatMap { KeyLayout.character(for: $0, shifted: character.isUppercase) } == character)
        }
        for digit in "0123456789" {
            let code = KeyLayout.code(typing: digit, keypad: true)
            #expect(code.flatMap { KeyLayout.name(of: $0) } == "KEY_KP\(digit)")
            #expect(code != KeyLayout.code(typing: digit))
        }
        #expect(KeyLayout.code(named: "KEY_ENTER") == EventCode.keyEnter)
    }

    @Test func theVMScriptsTableIsKeyLayouts() throws {
        let vmScripts = fixturesDirectory.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts/vm")
        let dump = "import json, sys; sys.path.insert(0, sys.argv[1]); import keys; print(json.dumps({str(k): v for k, v in keys._KEYCODES.items()}))"
        let result = try Executables.runTool("/usr/bin/env", ["python3", "-B", "-c", dump, vmScripts.path])
        try #require(result.status == 0, "\(result.stderr)")
        let table = try JSONDecoder().decode([String: String].self, from: Data(result.stdout.utf8))
        #expect(table.count >= 36)
        let names: [String: String] = ["\n": "KEY_ENTER", " ": "KEY_SPACE", "-": "KEY_MINUS", ".": "KEY_DOT", "/": "KEY_SLASH", ";": "KEY_SEMICOLON"]
        for (codeText, text) in table {
            let code = try #require(UInt16(codeText))
            let character = try #require(text.first)
            if let name = names[text] {
                #expect(KeyLayout.code(named: name) == code, "keys.py types \(text.debugDescription) with \(code)")
            } else {
                #expect(KeyLayout.code(typing: character) == code, "keys.py says \(code) types \(text); KeyLayout disagrees")
            }
        }
        #expect(KeyLayout.code(named: "KEY_LEFTSHIFT") == 42 && KeyLayout.code(named: "KEY_RIGHTSHIFT") == 54)
    }
}
