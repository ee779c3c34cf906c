// The replay benchmark's input: an evemu recording of a decimal10 reader typing N swipes
// (BenchmarkWorkload's typist), written in chunks so a million swipes can stream into a pipe.
import NarvaroCLI
import NarvaroCore
import Glibc

public enum BenchmarkRecording {
    /// Swipes per afternoon session; sessions are one a day at 15:00 (offset times from --start).
    static let swipesPerDay = 300
    /// The known cards: visitors 1...knownCards (`narvaro-bench enrol` enrols them).
    public static let knownCards = 2_000

    /// Writes the recording of `count` swipes to `fd`: a pool of 2,000 known cards, one swipe in
    /// twenty a card nobody has seen, 3 s apart, offsets from the replay's start (day d, 15:00).
    /// Returns false if a write failed (a closed pipe).
    public static func write(count: Int, seed: UInt64, to fd: Int32) -> Bool {
        var rng = SeededRandom(seed: seed)
        var unknown: Int64 = 1_000_000
        let header = EvemuRecording(name: "Benchmark decimal10 reader", vendor: 0xffff, product: 0x0035, events: [])
        guard writeAll(header.evemuText(), to: fd) else { return false }
        var chunk: [InputEvent] = []
        for k in 0..<count {
            var card = BenchmarkGenerator.cardText(visitorID: Int64(rng.next() % UInt64(knownCards)) + 1, generation: 0)
            if rng.chance(0.05) {
                card = BenchmarkGenerator.cardText(visitorID: unknown, generation: 0)
                unknown += 1
            }
            let day = Int64(k / swipesPerDay), slot = Int64(k % swipesPerDay)
            let time = EventTime(microseconds: (day * 86_400 + 15 * 3_600 + slot * 3) * 1_000_000)
            chunk += BenchmarkWorkload.typing(card, endingAt: time)
            if chunk.count >= 40_000 || k == count - 1 {
                let text = EvemuRecording(name: nil, vendor: nil, product: nil, headerLines: [], events: chunk).evemuText()
                guard writeAll(text, to: fd) else { return false }
                chunk.removeAll(keepingCapacity: true)
            }
        }
        return true
    }

    static func writeAll(_ text: String, to fd: Int32) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                guard let n = try? retryOnInterrupt("write", { Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset) }), n > 0 else { return false }
                offset += n
            }
            return true
        }
    }
}
