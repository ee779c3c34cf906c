// Fuzz target `decoder`: the key events a card reader (or a recording) sends, fed to CardDecoder.
// Oracles: every swipe is 4–64 characters of [0-9A-Za-z] stamped with its Enter's time; output
// times never go backwards; the same events fed to a fresh decoder give the same outputs.
// fuzz-sources: NarvaroCore/Time/EventTime.swift NarvaroCore/Input/InputEvent.swift NarvaroCore/Input/KeyLayout.swift NarvaroCore/Input/CardDecoder.swift NarvaroCore/Domain/Swipe.swift NarvaroCore/Domain/SwipeTimeRange.swift NarvaroCore/Input/InputError.swift NarvaroCore/Input/CardFormat.swift NarvaroCore/System/SystemError.swift

/// One step of the script the fuzzer's bytes describe.
enum DecoderStep: Equatable {
    case event(InputEvent)
    case expire(EventTime)
    case abandon
}

/// Keys a reader really sends: digits, letters, keypad digits, both Enters, both Shifts and a
/// few non-card keys, so most random bytes type something meaningful.
let interestingKeys: [UInt16] = Array(2...11) + Array(16...25) + Array(30...38) + Array(44...50)
    + [71, 72, 73, 75, 76, 77, 79, 80, 81, 82] + [28, 96, 28, 96, 42, 54, 1, 12, 14, 57, 58, 999]

/// Start times: a recording's offsets, a Unix time, just below the 10^9 s threshold, and the end
/// of the clock, where a careless subtraction or addition would overflow.
let startTimes: [Int64] = [0, 1_794_931_512_000_000, 999_999_999_000_000, Int64.max - 5_000_000]

/// Three bytes per step: what (and which value), which key, and how much time passes before it.
func steps(_ input: inout FuzzBytes) -> [DecoderStep] {
    var now = startTimes[Int(input.byte() % UInt8(startTimes.count))]
    var result: [DecoderStep] = []
    while !input.isAtEnd {
        let what = input.byte(), which = input.byte(), delay = input.byte()
        // Mostly milliseconds around the 100 ms inter-key timeout; sometimes seconds or an age.
        let advance: Int64 = delay < 200 ? Int64(delay) * 1_000 : delay < 255 ? Int64(delay - 199) * 1_000_000 : 1 << 62
        let (sum, overflow) = now.addingReportingOverflow(advance)
        now = overflow ? .max : sum
        let time = EventTime(microseconds: now)
        let code = what & 0x10 == 0 ? interestingKeys[Int(which) % interestingKeys.count] : UInt16(which) | UInt16(what >> 5) << 8
        switch what & 0x0F {
        case 0...3: result.append(.event(InputEvent(time: time, type: EventCode.keyType, code: code, value: 1)))
        case 4, 5: result.append(.event(InputEvent(time: time, type: EventCode.keyType, code: code, value: 0)))
        case 6: result.append(.event(InputEvent(time: time, type: EventCode.keyType, code: code, value: 2)))
        case 7: result.append(.event(InputEvent(time: time, type: EventCode.synType, code: EventCode.synReport, value: 0)))
        case 8: result.append(.event(InputEvent(time: time, type: EventCode.synType, code: EventCode.synDropped, value: 0)))
        case 9: result.append(.event(InputEvent(time: time, type: EventCode.mscType, code: 4, value: Int32(which))))
        case 10: result.append(.expire(time))
        case 11: result.append(.abandon)
        case 12: result.append(.event(InputEvent(time: time, type: UInt16(which), code: code, value: Int32(Int8(bitPattern: delay)))))
        default:
            // A typed character: press and release, as a reader sends it.
            result.append(.event(InputEvent(time: time, type: EventCode.keyType, code: code, value: 1)))
            result.append(.event(InputEvent(time: time, type: EventCode.keyType, code: code, value: 0)))
        }
    }
    return result
}

func run(_ steps: [DecoderStep]) -> [DecoderOutput] {
    var decoder = CardDecoder(reader: "fuzz")
    var outputs: [DecoderOutput] = []
    var lastTime = EventTime(microseconds: .min)
    for step in steps {
        var output: DecoderOutput?
        let now: EventTime
        switch step {
        case .event(let event):
            now = event.time
            output = decoder.feed(event)
            if case .swipe(let swipe) = output {
                fuzzCheck(swipe.time == event.time, "swipe stamped \(swipe.time), its Enter came at \(event.time)")
            }
        case .expire(let time):
            now = time
            output = decoder.expire(now: time)
        case .abandon:
            decoder.abandon()
            fuzzCheck(decoder.isIdle, "not idle after abandon()")
            continue
        }
        guard let output else { continue }
        let time: EventTime
        switch output {
        case .swipe(let swipe):
            let card = swipe.card
            fuzzCheck((4...64).contains(card.count) && card.utf8.count == card.count, "swipe '\(card)' is not 4–64 characters")
            fuzzCheck(card.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) },
                      "swipe '\(card)' has a character outside [0-9A-Za-z]")
            fuzzCheck(swipe.reader == "fuzz", "swipe from reader '\(swipe.reader)'")
            time = swipe.time
        case .rejected(_, let at):
            time = at
        }
        fuzzCheck(time <= now, "output at \(time) is later than the step at \(now)")
        fuzzCheck(time >= lastTime, "output at \(time) goes back before the previous one at \(lastTime)")
        lastTime = time
        outputs.append(output)
    }
    return outputs
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzBytes(data, size)
    let script = steps(&input)
    let first = run(script)
    let second = run(script)
    fuzzCheck(first == second, "the same events gave \(first.count) outputs, then \(second.count)")
    return 0
}
