// The "narvaro" VFS (issue 17): a transaction's WAL frames reach the file in a couple of writes, and
// yet every commit is whole in the file before anyone can see it, large and spilling transactions
// come out intact, and a write the file system refuses fails the commit that made it.
@testable import NarvaroCore
import CSQLite
import Foundation
import Glibc
import Testing

@Suite struct WALCoalescingVFSTests {
    /// A WAL-mode connection in the narvaro VFS, as `NarvaroDatabase` opens them, on a fresh file.
    static func open(_ path: String) throws -> SQLiteConnection {
        let db = try SQLiteConnection(path: path)
        try db.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL")
        try db.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, k INTEGER UNIQUE, b BLOB); CREATE INDEX t_b ON t(b)")
        return db
    }

    /// A second connection through the system's unix VFS, which reads only what is in the files.
    static func openPlain(_ path: String) throws -> OpaquePointer {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY, "unix") == SQLITE_OK, let handle else {
            throw StoreError.database(DatabaseError(code: SQLITE_CANTOPEN, message: "cannot open", path: path))
        }
        return handle
    }

    static func scalar(_ db: OpaquePointer, _ sql: String) -> Int64? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK else { return nil }
        defer { sqlite3_finalize(statement) }
        return sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : nil
    }

    /// write(2)-family calls made by this thread so far (/proc/thread-self/io, `syscw`).
    static func writesByThisThread() throws -> Int {
        let io = try String(contentsOfFile: "/proc/thread-self/io", encoding: .utf8)
        let line = io.split(separator: "\n").first { $0.hasPrefix("syscw:") }
        return Int(line?.split(separator: " ").last ?? "") ?? -1
    }

    @Test func connectionsOpenInTheNarvaroVFS() throws {
        let scratch = try TemporaryDirectory("vfs")
        let db = try Self.open(scratch.url.appendingPathComponent("a.db").path)
        var vfs: UnsafeMutablePointer<sqlite3_vfs>?
        #expect(sqlite3_file_control(db.handle, "main", SQLITE_FCNTL_VFS_POINTER, &vfs) == SQLITE_OK)
        #expect(vfs.map { String(cString: $0.pointee.zName) } == "narvaro")
    }

    @Test func aSwipesFramesReachTheWALInTwoWritesNotTwoAFrame() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        try db.swipe("900", at: "2026-11-17T08:00:00+01:00")   // the statements prepared, the WAL open
        let before = try Self.writesByThisThread()
        try db.store.db.withGroupCommit {
            for minute in 0..<40 { _ = try? db.swipe("\(1000 + minute)", at: "2026-11-17T15:\(10 + minute):00+01:00") }
        }
        let writes = try Self.writesByThisThread() - before
        #expect(try db.store.db.scalar("SELECT count(*) FROM checkins") == 41)
        // Each swipe writes ~10 frames: 20 writes a swipe through the unix VFS, 2 (all frames up to
        // the commit frame's header, then its page) through ours; one sync for the group.
        #expect(writes > 0 && writes <= 40 * 3, "\(writes) writes for 40 swipes")
    }

    @Test func everyCommitIsWholeInTheFileBeforeAnotherConnectionCanSeeIt() throws {
        let scratch = try TemporaryDirectory("vfs")
        let path = scratch.url.appendingPathComponent("a.db").path
        let writer = try Self.open(path)
        let reader = try Self.openPlain(path)
        defer { sqlite3_close_v2(reader) }
        var total: Int64 = 0
        for round in 1...60 {
            // From one frame to ~40 (more than one 64 KiB run) a transaction.
            let rows = round % 7 == 0 ? 40 : round % 3 + 1
            try writer.transaction {
                for row in 0..<rows {
                    _ = try writer.run("INSERT INTO t(k, b) VALUES (?1, randomblob(3000))", Int64(round * 1000 + row))
                }
            }
            total += Int64(rows)
            #expect(Self.scalar(reader, "SELECT count(*) FROM t") == total, "after commit \(round)")
            #expect(Self.scalar(reader, "SELECT sum(length(b)) FROM t") == total * 3000)
            // The WAL in the file ends with a whole commit frame: nothing of it waits in memory.
            let wal = try Data(contentsOf: URL(fileURLWithPath: path + "-wal"))
            let frame = 24 + 4096
            #expect((wal.count - 32) % frame == 0 && wal.count > 32, "WAL of \(wal.count) bytes")
            let last = wal.count - frame
            #expect(wal[last + 4..<last + 8].contains { $0 != 0 }, "the last frame is a commit frame")
        }
        #expect(Self.scalar(reader, "PRAGMA integrity_check") != nil)
    }

    @Test func aTransactionThatSpillsAndRewritesItsPagesOrRollsBackComesOutWhole() throws {
        let scratch = try TemporaryDirectory("vfs")
        let path = scratch.url.appendingPathComponent("a.db").path
        let writer = try Self.open(path)
        // A page cache of 8 pages: the transaction spills frames to the WAL before it commits,
        // then writes some of the same pages again (SQLite rewrites those frames in place).
        try writer.execute("PRAGMA cache_size = 8")
        try writer.transaction {
            for row in 0..<400 { _ = try writer.run("INSERT INTO t(k, b) VALUES (?1, randomblob(1500))", Int64(row)) }
            _ = try writer.run("UPDATE t SET b = zeroblob(1200) WHERE k % 3 = 0")
            _ = try writer.run("DELETE FROM t WHERE k % 5 = 0")
        }
        // A spilled transaction rolled back: none of its frames count.
        #expect(throws: StoreError.self) {
            try writer.transaction {
                for row in 1000..<1400 { _ = try writer.run("INSERT INTO t(k, b) VALUES (?1, randomblob(1500))", Int64(row)) }
                _ = try writer.run("INSERT INTO t(k) VALUES (1)")   // UNIQUE: the whole transaction fails
            }
        }
        let reader = try Self.openPlain(path)
        defer { sqlite3_close_v2(reader) }
        #expect(Self.scalar(reader, "SELECT count(*) FROM t") == 320)
        #expect(Self.scalar(reader, "SELECT count(*) FROM t WHERE length(b) = 1200") == 107)
        #expect(Self.scalar(reader, "SELECT count(*) FROM t WHERE k >= 1000") == 0)
        var check: OpaquePointer?
        sqlite3_prepare_v2(reader, "PRAGMA integrity_check", -1, &check, nil)
        defer { sqlite3_finalize(check) }
        #expect(sqlite3_step(check) == SQLITE_ROW && String(cString: sqlite3_column_text(check, 0)) == "ok")
    }

    @Test func aWriteTheFileSystemRefusesFailsItsCommitAndTheNextCommitsWhole() throws {
        let scratch = try TemporaryDirectory("vfs")
        let path = scratch.url.appendingPathComponent("a.db").path
        let writer = try Self.open(path)
        try writer.transaction { _ = try writer.run("INSERT INTO t(k, b) VALUES (1, randomblob(100))") }
        // The WAL's descriptor pointed at /dev/full for one transaction: every write fails ENOSPC.
        let wal = try Self.descriptor(of: path + "-wal")
        let saved = dup(wal), full = Glibc.open("/dev/full", O_WRONLY | O_CLOEXEC)
        #expect(saved >= 0 && full >= 0)
        dup2(full, wal)
        var refused: (any Error)?
        do {
            try writer.transaction { _ = try writer.run("INSERT INTO t(k, b) VALUES (2, randomblob(100))") }
        } catch { refused = error }
        dup2(saved, wal)
        Glibc.close(saved); Glibc.close(full)
        guard case .database(let error)? = refused as? StoreError else { Issue.record("the commit succeeded: \(String(describing: refused))"); return }
        #expect(error.code & 0xff == SQLITE_FULL, "\(error)")
        // Nothing of the refused transaction; the next one commits and is seen by everyone.
        try writer.transaction { _ = try writer.run("INSERT INTO t(k, b) VALUES (3, randomblob(100))") }
        let reader = try Self.openPlain(path)
        defer { sqlite3_close_v2(reader) }
        #expect(Self.scalar(reader, "SELECT sum(k) FROM t") == 4, "rows 1 and 3")
    }

    /// The descriptor this process has open on `path` (/proc/self/fd).
    static func descriptor(of path: String) throws -> Int32 {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        for entry in try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") {
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(entry)"),
               target == resolved, let fd = Int32(entry) { return fd }
        }
        throw StoreError.database(DatabaseError(code: SQLITE_NOTFOUND, message: "no descriptor", path: path))
    }
}
