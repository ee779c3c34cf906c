// Fuzz target `evemu`: evemu recordings from files, stdin and audits (`narvarod --replay`).
// Oracles: a parsed recording written back with evemuText() parses back equal, and a file and a
// stream (LineSource: lines split at "\n" bytes) agree line by line, as EvemuLineParser promises;
// the common-shape shortcut (`commonEvent`) agrees with the general path on every line it reads.
// fuzz-sources: NarvaroCore/Time/EventTime.swift NarvaroCore/Input/InputEvent.swift NarvaroCore/Input/KeyLayout.swift NarvaroCore/Input/EvemuLineParser.swift NarvaroCore/Input/EvemuRecording.swift NarvaroCore/Input/InputError.swift NarvaroCore/Input/CardFormat.swift NarvaroCore/System/SystemError.swift

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzBytes(data, size)

    var file: Result<EvemuRecording, InputError>
    do throws(InputError) {
        file = .success(try EvemuRecording.parse(input.text))
    } catch {
        file = .failure(error)
    }

    // The same bytes as `narvarod --replay -` reads them: one line at a time.
    var parser = EvemuLineParser()
    var streamEvents: [InputEvent] = []
    var streamError: InputError?
    for line in input.bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
        do throws(InputError) {
            if let event = try parser.parse(line: String(decoding: line, as: UTF8.self)) { streamEvents.append(event) }
        } catch {
            streamError = error
            break
        }
    }

    // The common-shape shortcut reads every line it answers for as the general path does.
    for line in input.bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
        line.withUnsafeBufferPointer { bytes in
            let end = bytes.last == 0x0D ? bytes.count - 1 : bytes.count
            guard let fast = EvemuLineParser.commonEvent(bytes, end: end) else { return }
            var general = EvemuLineParser()
            let slow = try? general.parseGeneral(bytes, end: end)
            fuzzCheck(slow == fast, "the shortcut reads \(fast) where the general path gives \(slow.map { "\($0)" } ?? "an error")")
        }
    }

    switch file {
    case .failure(let error):
        fuzzCheck(!error.description.utf8.contains(0x0A), "error message is not one line: \(error.description.debugDescription)")
        fuzzCheck(streamError == error, "file fails with '\(error)' but the stream gives \(streamError.map { "'\($0)'" } ?? "no error")")
    case .success(let recording):
        fuzzCheck(streamError == nil, "file parses but the stream fails with '\(streamError!)'")
        fuzzCheck(streamEvents == recording.events, "file has \(recording.events.count) events, the stream \(streamEvents.count)")
        fuzzCheck(parser.name == recording.name && parser.vendor == recording.vendor && parser.product == recording.product,
                  "file and stream disagree on the device name or id")
        let written = recording.evemuText()
        do throws(InputError) {
            let again = try EvemuRecording.parse(written)
            fuzzCheck(again == recording, "evemuText() does not parse back equal: \(recording.headerLines.debugDescription) vs \(again.headerLines.debugDescription)")
        } catch {
            fuzzCheck(false, "evemuText() does not parse back: \(error)")
        }
    }
    return 0
}
