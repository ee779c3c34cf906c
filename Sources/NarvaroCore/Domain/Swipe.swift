// A decoded swipe: the card text one reader typed, stamped with the terminator's kernel time.

/// One card swipe as it leaves the decoder, before attribution. `card` is the reader's raw text
/// (leading zeros kept); mapping it to a canonical card id is the reader's `CardFormat`'s job.
public struct Swipe: Hashable, Sendable {
    public var reader: String
    public var card: String
    public var time: EventTime

    public init(reader: String, card: String, time: EventTime) {
        self.reader = reader
        self.card = card
        self.time = time
    }
}
