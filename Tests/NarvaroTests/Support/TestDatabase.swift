// A real SQLite database in a fresh temporary directory, with a fixed card key, for tests.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation

final class TestDatabase {
    private let scratch: TemporaryDirectory
    var directory: URL { scratch.url }
    let path: String
    let store: Store
    let recorder: CheckInRecorder

    static let key = CardKey(bytes: Array(repeating: 7, count: 32))

    init(file: String = "narvaro.db") throws {
        scratch = try TemporaryDirectory("test")
        path = scratch.url.appendingPathComponent(file).path
        store = try Store(path: path, cardKey: { CardHasher(key: TestDatabase.key) })
        recorder = CheckInRecorder(store: store)
    }

    /// A second, independent connection to the same file.
    func reopen() throws -> Store {
        try Store(path: path, create: false, cardKey: { CardHasher(key: TestDatabase.key) })
    }

    /// A venue `tingshuset` (Europe/Stockholm) with a raw-format reader `entre`.
    @discardableResult
    func standardVenue(format: CardFormat = .raw) throws -> Reader {
        try store.addVenue(slug: "tingshuset", name: "Gamla Tingshuset")
        var settings = ReaderSettings()
        settings.venue = "tingshuset"
        settings.cardFormat = format
        return try store.addReader(name: "entre", settings: settings)
    }

    @discardableResult
    func swipe(_ card: String, at iso: String, reader: String = "entre") throws -> RecordedCheckIn {
        try recorder.record(Swipe(reader: reader, card: card, time: Self.time(iso)))
    }

    /// An instant from an ISO 8601 string with offset, e.g. `2026-11-17T15:30:00+01:00`.
    static func time(_ iso: String) -> EventTime {
        let formatter = ISO8601DateFormatter()
        guard let date = formatter.date(from: iso) else { fatalError("bad test time \(iso)") }
        return EventTime(microseconds: Int64(date.timeIntervalSince1970 * 1_000_000))
    }
}
