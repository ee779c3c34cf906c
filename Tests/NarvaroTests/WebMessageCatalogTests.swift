// Every message narvaro-web itself raises (a refused form, a bad parameter, a missing page) has
// Swedish: the error page and the form's error line say it in the page's language
// (`PageLayout.said`). Read from the web target's sources, as `TextCatalogTests` reads the commands'.
@testable import NarvaroCore
import NarvaroWeb
import Foundation
import Testing

@Suite struct WebMessageCatalogTests {
    /// The English messages passed to `WebError`'s cases and to `formError`, each `\(…)` standing as
    /// `x` (a name, a number or a value list, which the Swedish keeps as it is).
    static func webMessages() throws -> [(file: String, message: String)] {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/NarvaroWeb")
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        var found: [(String, String)] = []
        for file in files {
            let text = Array(try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8).utf8)
            for opener in ["badRequest(\"", "forbidden(\"", "notFound(\"", "badConfiguration(\"", "formError(\"", "message: \""] {
                var at = 0
                while let start = Self.find(Array(opener.utf8), in: text, from: at) {
                    let (message, end) = Self.literal(text, from: start + opener.utf8.count)
                    found.append((file, message))
                    at = end
                }
            }
        }
        return found
    }

    private static func find(_ needle: [UInt8], in text: [UInt8], from: Int) -> Int? {
        guard text.count >= needle.count else { return nil }
        var i = from
        while i <= text.count - needle.count {
            if text[i..<i + needle.count].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// The string literal's text from `start` (after its opening quote) to its closing quote, with
    /// each interpolation (nested parentheses and quotes inside it skipped) written as `x`.
    private static func literal(_ text: [UInt8], from start: Int) -> (String, Int) {
        var out: [UInt8] = [], i = start
        while i < text.count, text[i] != UInt8(ascii: "\"") {
            if text[i] == UInt8(ascii: "\\"), i + 1 < text.count, text[i + 1] == UInt8(ascii: "(") {
                var depth = 1, inString = false
                i += 2
                while i < text.count, depth > 0 {
                    let c = text[i]
                    if c == UInt8(ascii: "\"") { inString.toggle() }
                    if !inString, c == UInt8(ascii: "(") { depth += 1 }
                    if !inString, c == UInt8(ascii: ")") { depth -= 1 }
                    i += 1
                }
                out.append(UInt8(ascii: "x"))
                continue
            }
            if text[i] == UInt8(ascii: "\\"), i + 1 < text.count { out.append(text[i + 1]); i += 2; continue }
            out.append(text[i])
            i += 1
        }
        return (String(decoding: out, as: UTF8.self), i)
    }

    /// A sentence of its own, or a pattern with words of its own: the catch-all `{}: {}` would
    /// translate a known word before a colon and leave the rest of the message in English.
    static func hasOwnSwedish(_ message: String) -> Bool {
        if Phrases.sv[message] != nil { return true }
        return Phrases.svPatterns.contains { pattern in
            pattern.en.replacingOccurrences(of: "{}", with: "").contains(where: \.isLetter)
                && Phrases.match(message, pattern: pattern.en) != nil && Lang.sv.text(message) != message
        }
    }

    @Test func aMessageOnlyTheCatchAllTranslatesCounts() {
        #expect(Lang.sv.text("reader: something untranslated") != "reader: something untranslated")
        #expect(!Self.hasOwnSwedish("reader: something untranslated"))
        #expect(Self.hasOwnSwedish("the form is not valid UTF-8"))
        #expect(Self.hasOwnSwedish("format takes html or json, not 'x'"))
    }

    @Test func everyMessageOfTheWebHasSwedish() throws {
        let messages = try Self.webMessages()
        #expect(messages.count > 20, "the scan found \(messages.count) messages")
        // Each way a message is raised is read: a WebError case, and an error page's own message.
        #expect(messages.contains { $0.message == "activity 'x' is not an activity of 'x'" })
        #expect(messages.contains { $0.message == "the request could not be read: x" })
        let described = [WebError.methodNotAllowed(allowed: "GET and POST"), .tooLarge(1024)].map { ("CGI/WebError.swift", $0.description) }
        let english = (messages + described).filter { !Self.hasOwnSwedish($0.1) }.map { "\($0.0): \($0.1)" }
        #expect(english.isEmpty, "web messages without Swedish: \(english)")
    }
}
