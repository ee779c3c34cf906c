// Turns one reader's key events into card swipes: characters between Enter presses, guarded by
// an inter-key timeout, length limits and the card charset. Pure value, one per reader.

/// Why a burst of keys did not become a swipe. The desk shows it so the visitor can swipe again.
public enum RejectReason: String, CaseIterable, Sendable {
    /// Fewer than `minLength` characters before Enter.
    case tooShort
    /// More than `maxLength` characters without Enter.
    case tooLong
    /// The keys stopped mid-swipe for longer than the inter-key timeout.
    case timeout
    /// The kernel dropped events (SYN_DROPPED): a swipe may be lost or incomplete.
    case dropped
    /// A key outside the card charset (digits and letters) inside a swipe.
    case badCharacter
    /// The Enter's time lies outside `SwipeTimeRange` (a clock or a recording gone wrong).
    case badTime

    /// Who caused a rejection: what the desk can ask of the visitor, and what it cannot.
    public enum Cause: String, Sendable {
        /// The card or the hand: swiping again helps.
        case swipe
        /// The kernel lost events (SYN_DROPPED): swiping again helps, but the reader or the system is slow.
        case kernel
        /// The clock (or a recording's times): swiping again does not help.
        case clock
    }

    public var cause: Cause {
        switch self {
        case .tooShort, .tooLong, .timeout, .badCharacter: return .swipe
        case .dropped: return .kernel
        case .badTime: return .clock
        }
    }
}

/// What the decoder reports: a complete swipe, or a rejected one.
public enum DecoderOutput: Equatable, Sendable {
    case swipe(Swipe)
    /// Stamped with the kernel time of the event that caused it; for `.timeout`, the time of the
    /// abandoned swipe's last key (when the visitor swiped), not of the key that revealed the pause.
    case rejected(RejectReason, at: EventTime)
}

/// Decodes the key events of one card reader (a HID keyboard) into swipes.
///
/// A swipe is the card characters typed before Enter (or keypad Enter), stamped with the kernel
/// time of the Enter press. Only presses count: repeats are ignored and releases only update
/// which keys (notably Shift) are held. Keys more than `interKeyTimeout` apart belong to
/// different swipes. After a rejection mid-swipe (too long, bad character) the rest of the swipe
/// is discarded up to its Enter, or up to a pause longer than the timeout, so a reader that never
/// sends Enter cannot swallow the next visitor's card. After dropped events (SYN_DROPPED) the keys
/// are discarded up to the next Enter whatever the pauses: the kernel's timestamps then show a gap
/// where the lost keys were, and the tail of the card must not become a card of its own.
public struct CardDecoder: Sendable {
    public let reader: String
    /// Largest gap between two key presses of one swipe, in microseconds.
    public let interKeyTimeout: Int64
    public let maxLength: Int
    public let minLength: Int

    private enum Phase: Equatable, Sendable {
        case idle
        /// The card's characters so far are in `collected`.
        case collecting(lastKey: EventTime)
        case discarding(lastKey: EventTime)
        /// After dropped events: only Enter ends it (neither a pause nor `expire`).
        case discardingToEnter
    }

    private var phase = Phase.idle
    /// The card characters (ASCII) of the swipe being collected; reused from swipe to swipe.
    private var collected: [UInt8] = []
    private var heldKeys = HeldKeys()
    /// After SYN_DROPPED the kernel's events up to the next SYN_REPORT are incomplete.
    private var skippingToReport = false

    public init(reader: String, interKeyTimeout: Int64 = 100_000, maxLength: Int = 64, minLength: Int = 4) {
        self.reader = reader
        self.interKeyTimeout = max(0, interKeyTimeout)
        self.maxLength = max(1, maxLength)
        self.minLength = max(0, minLength)
    }

    /// True when no swipe is in progress and no key is held: abandoning now loses nothing.
    public var isIdle: Bool { phase == .idle && heldKeys.isEmpty && !skippingToReport }

    /// Feeds one event; returns a swipe or rejection when this event completes one.
    public mutating func feed(_ event: InputEvent) -> DecoderOutput? {
        if event.type == EventCode.synType {
            return feedSync(event)
        }
        guard !skippingToReport, event.type == EventCode.keyType else { return nil }
        switch event.value {
        case 0:
            heldKeys.remove(event.code)
            return nil
        case 1:
            heldKeys.insert(event.code)
            return press(event.code, at: event.time)
        default:
            return nil  // 2 = autorepeat: the reader typed the character once.
        }
    }

    /// Forgets any partial swipe and all held keys, silently. The device layer calls this after
    /// a libevdev resync or an unplug; feed SYN_DROPPED instead to have the loss reported.
    public mutating func abandon() {
        phase = .idle
        heldKeys.removeAll()
        skippingToReport = false
    }

    /// Reports a partial swipe whose last key is more than the timeout before `now`, so a swipe
    /// without Enter is reported when it goes stale rather than when the next key arrives.
    public mutating func expire(now: EventTime) -> DecoderOutput? {
        switch phase {
        case .idle:
            return nil
        case .collecting(let lastKey):
            guard gap(from: lastKey, to: now) > interKeyTimeout else { return nil }
            phase = .idle
            return .rejected(.timeout, at: lastKey)
        case .discarding(let lastKey):
            if gap(from: lastKey, to: now) > interKeyTimeout { phase = .idle }
            return nil
        case .discardingToEnter:
            return nil
        }
    }

    private mutating func feedSync(_ event: InputEvent) -> DecoderOutput? {
        switch event.code {
        case EventCode.synReport:
            skippingToReport = false
            return nil
        case EventCode.synDropped:
            // Whatever was lost may have been part of a swipe: report it, and do not accept the
            // tail of a swipe whose beginning is gone. Keys held before the drop are assumed
            // released (readers hold a key for milliseconds), so Shift cannot stick.
            skippingToReport = true
            heldKeys.removeAll()
            phase = .discardingToEnter
            return .rejected(.dropped, at: event.time)
        default:
            return nil
        }
    }

    private mutating func press(_ code: UInt16, at time: EventTime) -> DecoderOutput? {
        if KeyLayout.isShift(code) { return nil }
        // A pause ends the current swipe (or discard); this key then starts afresh.
        var output: DecoderOutput?
        switch phase {
        case .collecting(let lastKey) where gap(from: lastKey, to: time) > interKeyTimeout:
            output = .rejected(.timeout, at: lastKey)
            phase = .idle
        case .discarding(let lastKey) where gap(from: lastKey, to: time) > interKeyTimeout:
            phase = .idle
        default:
            break
        }

        if KeyLayout.isTerminator(code) {
            return terminate(at: time) ?? output
        }
        let shifted = heldKeys.contains(EventCode.keyLeftShift) || heldKeys.contains(EventCode.keyRightShift)
        // The character as its ASCII byte, from a flat table: a String grown by Characters and a
        // Set of held keys cost ~300 instructions per key event (docs/benchmarks.md).
        let character = KeyLayout.cardByte(for: code, shifted: shifted)
        switch phase {
        case .idle:
            // A stray non-card key between swipes is ignored; a swipe starts with a card character.
            if let character {
                collected.removeAll(keepingCapacity: true)
                collected.append(character)
                phase = .collecting(lastKey: time)
            }
        case .discarding:
            phase = .discarding(lastKey: time)
        case .discardingToEnter:
            break
        case .collecting:
            guard let character else {
                phase = .discarding(lastKey: time)
                return .rejected(.badCharacter, at: time)
            }
            guard collected.count < maxLength else {
                phase = .discarding(lastKey: time)
                return .rejected(.tooLong, at: time)
            }
            collected.append(character)
            phase = .collecting(lastKey: time)
        }
        return output
    }

    /// Enter: the collected characters become a swipe, if there are enough of them.
    private mutating func terminate(at time: EventTime) -> DecoderOutput? {
        defer { phase = .idle }
        guard case .collecting = phase else { return nil }
        guard collected.count >= minLength else { return .rejected(.tooShort, at: time) }
        guard SwipeTimeRange.contains(time) else { return .rejected(.badTime, at: time) }
        return .swipe(Swipe(reader: reader, card: String(decoding: collected, as: UTF8.self), time: time))
    }

    /// Microseconds between two key presses; a clock going backwards counts as no gap.
    private func gap(from earlier: EventTime, to later: EventTime) -> Int64 {
        let (difference, overflow) = later.microseconds.subtractingReportingOverflow(earlier.microseconds)
        if overflow { return later > earlier ? .max : 0 }
        return max(0, difference)
    }
}

/// The keys held down, as a Set<UInt16> would hold them: codes below 256 (every key a card reader
/// sends) as bits, any other code in a Set. A Set for all of them hashed every key press and release.
struct HeldKeys: Sendable {
    private var low = SIMD4<UInt64>()
    private var other: Set<UInt16> = []

    var isEmpty: Bool { low == SIMD4() && other.isEmpty }

    func contains(_ code: UInt16) -> Bool {
        code < 256 ? low[Int(code >> 6)] & (1 << UInt64(code & 63)) != 0 : other.contains(code)
    }

    mutating func insert(_ code: UInt16) {
        if code < 256 { low[Int(code >> 6)] |= 1 << UInt64(code & 63) } else { other.insert(code) }
    }

    mutating func remove(_ code: UInt16) {
        if code < 256 { low[Int(code >> 6)] &= ~(1 << UInt64(code & 63)) } else { other.remove(code) }
    }

    mutating func removeAll() {
        low = SIMD4()
        if !other.isEmpty { other.removeAll() }
    }
}
