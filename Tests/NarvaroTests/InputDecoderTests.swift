// CardDecoder: what a reader types becomes exactly the swipes and rejections the desk should see.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Testing

@Suite struct InputDecoderTests {
    func swipe(_ card: String, _ time: EventTime) -> DecoderOutput {
        .swipe(Swipe(reader: "entré", card: card, time: time))
    }

    @Test func digitsAndEnterMakeOneSwipeStampedWithTheEnterPress() {
        var script = KeyScript()
        script.type("3142592653")
        let enter = script.enter()
        #expect(decode(script.events) == [swipe("3142592653", enter)])
    }

    @Test func keypadDigitsAndKeypadEnter() {
        var script = KeyScript()
        script.typeKeypad("0563537489")
        let enter = script.enter(EventCode.keyKPEnter)
        #expect(decode(script.events) == [swipe("0563537489", enter)])
    }

    @Test func shiftedLettersAreUppercaseForHexCards() {
        var script = KeyScript()
        script.type("04A3b2C1")  // 'b' typed without Shift stays lowercase
        let first = script.enter()
        // Right Shift held across a letter, in reports of its own.
        script.type("51")
        script.key(EventCode.keyRightShift, 1)
        script.tap(18)  // KEY_E
        script.key(EventCode.keyRightShift, 0)
        script.type("69621")
        let second = script.enter()
        #expect(decode(script.events) == [swipe("04A3b2C1", first), swipe("51E69621", second)])
    }

    @Test func leadingZerosAreKept() {
        var script = KeyScript()
        script.type("0000012345")
        let enter = script.enter()
        #expect(decode(script.events) == [swipe("0000012345", enter)])
    }

    @Test func keyRepeatsDoNotDuplicateCharacters() {
        var script = KeyScript()
        script.type("056")
        script.key(4, 1)  // KEY_3
        script.wait(3_000)
        script.key(4, 2)
        script.wait(3_000)
        script.key(4, 2)
        script.wait(3_000)
        script.key(4, 0)
        script.wait(8_000)
        script.type("537489")
        let enter = script.enter()
        #expect(decode(script.events) == [swipe("0563537489", enter)])
    }

    @Test func slowHumanTypingIsAbandonedOnceAndTheNextKeyStartsAfresh() {
        var script = KeyScript()
        script.type("123")
        let lastOfPartial = EventTime(microseconds: script.now - 16_000)
        script.wait(150_000)
        script.type("4567890")
        let enter = script.enter()
        #expect(decode(script.events) == [.rejected(.timeout, at: lastOfPartial), swipe("4567890", enter)])
    }

    @Test func aGapOfExactlyTheTimeoutStillBelongsToTheSwipe() {
        var script = KeyScript()
        script.type("12")
        script.wait(100_000 - 16_000)  // press-to-press: exactly 100 ms
        script.type("34")
        let enter = script.enter()
        #expect(decode(script.events) == [swipe("1234", enter)])
    }

    @Test func overLongInputIsRejectedOnceAndDiscardedUpToEnter() {
        var script = KeyScript()
        script.type(String(repeating: "7", count: 64))
        let fitting = script.enter()
        script.wait(1_000_000)
        script.type(String(repeating: "8", count: 64))
        let sixtyFifth = script.time
        script.type(String(repeating: "9", count: 10))
        script.enter()
        #expect(decode(script.events) == [
            swipe(String(repeating: "7", count: 64), fitting),
            .rejected(.tooLong, at: sixtyFifth),
        ])
    }

    @Test func aReaderWithoutEnterCannotSwallowTheNextSwipeAfterTooLong() {
        var script = KeyScript()
        script.type(String(repeating: "1", count: 70))  // never terminated
        script.wait(500_000)
        script.type("0563537489")
        let enter = script.enter()
        let outputs = decode(script.events, CardDecoder(reader: "entré"))
        #expect(outputs.count == 2)
        #expect(outputs.last == swipe("0563537489", enter))
    }

    @Test func synDroppedMidSwipeIsReportedAndTheTailDiscarded() {
        var script = KeyScript()
        script.type("31415")
        let dropped = script.time
        script.sync(EventCode.synDropped)
        // The events up to the next SYN_REPORT are incomplete: this Enter must not end the
        // discard, or "2653" below would pass as a card of its own.
        script.key(EventCode.keyEnter, 1)
        script.wait(8_000)
        script.type("2653")
        script.enter()
        script.wait(2_000_000)
        script.type("3142592653")
        let retry = script.enter()
        #expect(decode(script.events) == [.rejected(.dropped, at: dropped), swipe("3142592653", retry)])
    }

    /// Issue 18: the kernel's timestamps show a gap where the dropped keys were (the daemon was
    /// blocked meanwhile), longer than the inter-key timeout; the tail of the card after that gap
    /// must not be recorded as a card of its own. Only the next Enter ends the discard.
    @Test func afterSynDroppedKeysAreDiscardedUntilEnterWhateverThePause() {
        var script = KeyScript()
        script.type("0563")
        let dropped = script.time
        script.sync(EventCode.synDropped)
        script.sync()
        script.wait(400_000)  // the lost keys' time: more than the 100 ms inter-key timeout
        script.type("537489")
        script.enter()
        script.wait(2_000_000)
        script.type("0563537489")
        let next = script.enter()
        #expect(decode(script.events) == [.rejected(.dropped, at: dropped), swipe("0563537489", next)])
        // Nor does a stale discard expire into a fresh swipe: the tail is still discarded.
        var decoder = CardDecoder(reader: "entré")
        var tail = KeyScript()
        tail.type("12")
        tail.sync(EventCode.synDropped)
        tail.sync()
        for event in tail.events { _ = decoder.feed(event) }
        #expect(decoder.expire(now: EventTime(microseconds: tail.time.microseconds + 5_000_000)) == nil)
        tail.wait(5_000_000)
        let resumed = tail.events.count
        tail.type("3456")
        tail.enter()
        let outputs = tail.events[resumed...].compactMap { decoder.feed($0) }
        #expect(outputs.isEmpty, "the tail after a drop is discarded up to its Enter")
        #expect(decoder.isIdle)
    }

    @Test func synDroppedReleasesAStuckShift() {
        var script = KeyScript()
        script.key(EventCode.keyLeftShift, 1)
        script.sync(EventCode.synDropped)  // the Shift release is lost in the drop
        script.sync()
        script.enter()  // the dropped swipe's Enter ends its discard
        script.wait(1_000_000)
        script.type("1234")
        let enter = script.enter()
        #expect(decode(script.events).last == swipe("1234", enter))
    }

    @Test func interleavedKeyUpsStillTypeEveryKeyOnce() {
        var script = KeyScript()
        let digits: [UInt16] = [4, 2, 5, 2, 6]  // 3 1 4 1 5
        var previous: UInt16?
        for code in digits {
            script.key(code, 1)
            script.wait(4_000)
            if let previous { script.key(previous, 0) }
            script.wait(4_000)
            previous = code
        }
        let enter = script.time
        script.key(EventCode.keyEnter, 1)
        script.wait(4_000)
        if let previous { script.key(previous, 0) }
        script.key(EventCode.keyEnter, 0)
        #expect(decode(script.events) == [swipe("31415", enter)])
    }

    @Test func tooShortBareEnterAndBadCharacter() {
        var script = KeyScript()
        script.type("12")
        let short = script.enter()
        script.wait(1_000_000)
        script.enter()  // nothing typed: not a swipe, not a rejection
        script.wait(1_000_000)
        script.type("0563")
        let minus = script.time
        script.tap(12)  // KEY_MINUS
        script.type("537489")
        script.enter()
        #expect(decode(script.events) == [.rejected(.tooShort, at: short), .rejected(.badCharacter, at: minus)])
    }

    @Test func shiftedDigitIsNotACardCharacter() {
        #expect(KeyLayout.character(for: 2, shifted: false) == "1")
        #expect(KeyLayout.character(for: 2, shifted: true) == nil)  // '!' on a real keyboard
        #expect(KeyLayout.character(for: 79, shifted: false) == "1")  // KEY_KP1
        #expect(KeyLayout.character(for: 30, shifted: true) == "A")
        #expect(KeyLayout.character(for: 30, shifted: false) == "a")
        #expect(KeyLayout.character(for: 28, shifted: false) == nil)
    }

    @Test func strayKeysBetweenSwipesAreIgnored() {
        var script = KeyScript()
        script.tap(15)  // KEY_TAB before anything was typed
        script.wait(1_000_000)
        script.type("1234")
        let enter = script.enter()
        #expect(decode(script.events) == [swipe("1234", enter)])
    }

    @Test func timeGoingBackwardsCountsAsNoGap() {
        var script = KeyScript()
        script.type("12")
        script.wait(-5_000_000)  // clock stepped back
        script.type("34")
        let enter = script.enter()
        #expect(decode(script.events) == [swipe("1234", enter)])
        // Extreme times must not trap on overflow either.
        var decoder = CardDecoder(reader: "entré")
        for time: Int64 in [.max, .min, .max] {
            _ = decoder.feed(InputEvent(time: EventTime(microseconds: time), type: 1, code: 2, value: 1))
        }
        #expect(!decoder.isIdle)
    }

    @Test func idleTracksPartialSwipesAndHeldKeys() {
        var decoder = CardDecoder(reader: "entré")
        #expect(decoder.isIdle)
        let t = EventTime(microseconds: 1_000_000)
        _ = decoder.feed(InputEvent(time: t, type: 1, code: 2, value: 1))
        #expect(!decoder.isIdle)
        _ = decoder.feed(InputEvent(time: t, type: 1, code: 2, value: 0))
        #expect(!decoder.isIdle)  // "1" typed, no Enter yet
        decoder.abandon()
        #expect(decoder.isIdle)
        _ = decoder.feed(InputEvent(time: t, type: 1, code: EventCode.keyLeftShift, value: 1))
        #expect(!decoder.isIdle)  // Shift held
    }

    @Test func expireReportsAStalePartialSwipe() {
        var decoder = CardDecoder(reader: "entré")
        let t = EventTime(microseconds: 5_000_000)
        _ = decoder.feed(InputEvent(time: t, type: 1, code: 2, value: 1))
        #expect(decoder.expire(now: t + 100_000) == nil)
        #expect(decoder.expire(now: t + 100_001) == .rejected(.timeout, at: t))
        #expect(decoder.expire(now: t + 900_000) == nil)  // reported once
    }

    @Test func sameInputGivesSameOutput() {
        var script = KeyScript()
        script.type("0563537489")
        script.enter()
        script.type("12")
        script.wait(300_000)
        script.type(String(repeating: "5", count: 80))
        script.enter()
        script.sync(EventCode.synDropped)
        script.sync()
        script.enter()
        script.wait(1_000_000)
        script.type("AB12cd34")
        script.enter()
        let first = decode(script.events)
        #expect(first.count == 5)
        #expect(decode(script.events) == first)
    }
}
