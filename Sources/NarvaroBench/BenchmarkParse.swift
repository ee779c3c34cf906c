// The evemu parser on its own: lines per second over a recording held in memory, both as the
// String lines LineSource hands to the replay and as raw byte lines (no I/O, no database).
import NarvaroCLI
import NarvaroCore
import Glibc

public struct ParseMeasurement: Sendable {
    public var lines = 0
    public var events = 0
    /// Median lines per second over the runs: String lines (the replay's path), byte lines.
    public var stringLinesPerSecond = 0.0
    public var byteLinesPerSecond = 0.0
}

public enum BenchmarkParse {
    public static func measure(text: String, runs: Int) throws -> ParseMeasurement {
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        var result = ParseMeasurement()
        result.lines = lines.count
        var stringRates: [Double] = [], byteRates: [Double] = []
        for _ in 0..<runs {
            var parser = EvemuLineParser()
            var events = 0
            var started = monotonicSeconds()
            for line in lines where try parser.parse(line: line) != nil { events += 1 }
            stringRates.append(Double(lines.count) / (monotonicSeconds() - started))
            result.events = events

            var bytesParser = EvemuLineParser()
            var text = text
            started = monotonicSeconds()
            try text.withUTF8 { bytes in
                var start = 0
                while start <= bytes.count {
                    var end = start
                    while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                    if try bytesParser.parse(bytes: UnsafeBufferPointer(rebasing: bytes[start..<end])) != nil { events -= 1 }
                    start = end + 1
                }
            }
            byteRates.append(Double(lines.count) / (monotonicSeconds() - started))
            precondition(events == 0, "the String and byte parses found different events")
        }
        result.stringLinesPerSecond = median(stringRates)
        result.byteLinesPerSecond = median(byteRates)
        return result
    }

    static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

    static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
