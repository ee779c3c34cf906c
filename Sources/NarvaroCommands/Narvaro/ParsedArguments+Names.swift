// Names staff type (venue, activity, organizer, nickname) in one Unicode form. A name typed
// decomposed ("a" + U+0308, as macOS terminals send "ä") is the same name: stored and looked up in
// NFC, or one organizer becomes two that look alike. (Here, not in NarvaroCLI: narvarod links that
// and does without full Foundation.)
import Foundation
import NarvaroCLI

extension ParsedArguments {
    /// The option's value in NFC (nil when absent).
    func name(_ option: String) -> String? {
        string(option)?.precomposedStringWithCanonicalMapping
    }
}
