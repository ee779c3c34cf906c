// The spool: an append-only file next to the database holding decoded swipes the database could
// not take yet, fsynced, so a swipe survives a crash while the disk is full or the database busy.
// It holds card hashes, never card numbers; the file is emptied as soon as the queue drains.
import NarvaroCore
import Foundation
import Glibc

public struct SpoolError: Error, CustomStringConvertible {
    public var description: String
}

public final class SwipeSpool {
    public let path: String
    private var written: [PreparedSwipe] = []

    public init(path: String) { self.path = path }

    /// The spool file for a database: `narvaro.db` → `narvaro.db.spool`.
    public static func path(forDatabase database: String) -> String { database + ".spool" }

    /// Swipes left by an earlier run, in order. Lines that do not parse (a torn last write) are skipped.
    public func load() throws -> [PreparedSwipe] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else { return [] }
        written = text.split(separator: "\n").compactMap(Self.parse)
        return written
    }

    /// Makes the file hold exactly `queue`: appends new swipes, or truncates once the queue drained.
    /// Appends are fsynced before returning, so a spooled swipe is on disk.
    public func store(_ queue: [PreparedSwipe]) throws {
        if queue == written { return }
        if queue.isEmpty {
            if FileManager.default.fileExists(atPath: path) {
                guard truncate(path, 0) == 0 else { throw SpoolError(description: "cannot empty spool \(path): \(String(cString: strerror(errno)))") }
            }
            written = []
            return
        }
        let keepsPrefix = queue.count >= written.count && Array(queue.prefix(written.count)) == written
        let lines = (keepsPrefix ? Array(queue.dropFirst(written.count)) : queue).map(Self.line).joined()
        let flags = O_WRONLY | O_CREAT | (keepsPrefix ? O_APPEND : O_TRUNC)
        do {
            let fd = try FileDescriptor.open(path, flags, mode: 0o600)
            defer { try? fd.close() }
            try fd.write(Array(lines.utf8))
            try fd.sync()
        } catch {
            throw SpoolError(description: "cannot write spool: \(error)")
        }
        written = queue
    }

    static func line(_ swipe: PreparedSwipe) -> String {
        "\(swipe.time.microseconds)\t\(swipe.reader)\t\(Hex.encode(swipe.cardHash))\n"
    }

    static func parse(_ line: Substring) -> PreparedSwipe? {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count == 3, let time = Int64(fields[0]), !fields[1].isEmpty,
              let hash = Hex.decode(String(fields[2])), hash.count == 32 else { return nil }
        return PreparedSwipe(reader: String(fields[1]), time: EventTime(microseconds: time), cardHash: hash)
    }
}
