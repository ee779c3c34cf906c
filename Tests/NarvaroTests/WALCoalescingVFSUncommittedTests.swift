// The "narvaro" VFS and frames nobody committed (found by review of the first version): bytes left
// in a WAL file's buffer by a transaction that rolled back never reach the file after another
// connection has committed, and a write that fails is not forgotten while its frames may commit.
@testable import NarvaroCore
import CSQLite
import Foundation
import Glibc
import Testing

@Suite struct WALCoalescingVFSUncommittedTests {
    static func openRaw(_ path: String, vfs: String?) -> OpaquePointer? {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs) == SQLITE_OK else { return nil }
        return handle
    }

    @discardableResult
    static func exec(_ db: OpaquePointer?, _ sql: String) -> Int32 { sqlite3_exec(db, sql, nil, nil, nil) }

    static func text(_ db: OpaquePointer?, _ sql: String) -> String? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK else { return nil }
        defer { sqlite3_finalize(statement) }
        guard sqlite3_step(statement) == SQLITE_ROW, let value = sqlite3_column_text(statement, 0) else { return nil }
        return String(cString: value)
    }

    /// A new WAL database in a scratch directory with `table`, open through the narvaro VFS.
    static func walDatabase(table: String) throws -> (TemporaryDirectory, String, OpaquePointer?) {
        let scratch = try TemporaryDirectory("vfs-uncommitted")
        let path = scratch.url.appendingPathComponent("a.db").path
        let db = openRaw(path, vfs: WALCoalescingVFS.name)
        #expect(exec(db, "PRAGMA journal_mode = WAL; CREATE TABLE \(table)") == SQLITE_OK)
        return (scratch, path, db)
    }

    static let rows = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < %d) "

    /// Connection A spills frames, rolls back; B commits frames at the same WAL offsets; A then only
    /// reads. Through the unix VFS A's frames went to the file before B's; through ours they waited
    /// in A's buffer, and were written over B's committed frames when A's read called xShmBarrier,
    /// until the buffer was emptied as A let go of the write lock.
    @Test func aRolledBackSpillIsNotWrittenOverAnotherConnectionsCommit() throws {
        let (scratch, path, a) = try Self.walDatabase(table: "t(k INTEGER PRIMARY KEY, b BLOB)")
        defer { sqlite3_close_v2(a); _ = scratch }
        let b = Self.openRaw(path, vfs: "unix")
        defer { sqlite3_close_v2(b) }
        #expect(Self.exec(b, "SELECT count(*) FROM t") == SQLITE_OK)

        // An empty WAL (as after any TRUNCATE or RESTART checkpoint): A's transaction then reads
        // nothing from the WAL file, and neither does its rollback (page 1 comes from the database).
        #expect(Self.exec(a, "PRAGMA wal_checkpoint(TRUNCATE)") == SQLITE_OK)
        #expect(Self.exec(a, "PRAGMA cache_size = 10; BEGIN IMMEDIATE") == SQLITE_OK)
        #expect(Self.exec(a, String(format: Self.rows, 40) + "INSERT INTO t SELECT x, zeroblob(3000) FROM c") == SQLITE_OK)
        #expect(Self.exec(a, "ROLLBACK") == SQLITE_OK)

        #expect(Self.exec(b, String(format: Self.rows, 60) + "INSERT INTO t SELECT x, randomblob(3000) FROM c") == SQLITE_OK)
        #expect(Self.text(a, "SELECT count(*) FROM t") != nil)   // A only reads

        let reader = Self.openRaw(path, vfs: "unix")
        defer { sqlite3_close_v2(reader) }
        #expect(Self.text(reader, "PRAGMA integrity_check") == "ok")
        #expect(Self.text(reader, "SELECT count(*) FROM t WHERE b = zeroblob(3000)") == "0", "A's rolled-back rows in B's commit")
    }

    /// A flush that a read makes and the file system refuses (ENOSPC: SQLITE_FULL): SQLite rolls back
    /// only the statement (it has a statement journal) and the transaction goes on to commit. A run
    /// dropped on failure left its wal-index pointing at frames that never reached the file; kept,
    /// the commit writes it.
    @Test func aRefusedFlushBeforeAReadIsNotForgottenWhileTheTransactionCommits() throws {
        let (scratch, path, a) = try Self.walDatabase(table: "t(k INTEGER PRIMARY KEY, u INTEGER UNIQUE, b BLOB)")
        defer { sqlite3_close_v2(a); _ = scratch }
        #expect(Self.exec(a, "PRAGMA cache_size = 10; BEGIN IMMEDIATE") == SQLITE_OK)
        #expect(Self.exec(a, String(format: Self.rows, 40) + "INSERT INTO t SELECT x, x, randomblob(3000) FROM c") == SQLITE_OK)
        #expect(sqlite3_db_cacheflush(a) == SQLITE_OK)   // every dirty page a frame; the last ones in the buffer

        let wal = try WALCoalescingVFSTests.descriptor(of: path + "-wal")
        let saved = dup(wal), full = Glibc.open("/dev/full", O_RDWR | O_CLOEXEC)
        dup2(full, wal)
        let failed = Self.exec(a, "INSERT INTO t(u, b) SELECT u + 1000, b FROM t")
        dup2(saved, wal)
        Glibc.close(saved); Glibc.close(full)
        #expect(failed & 0xff == SQLITE_FULL, "the statement: \(failed)")
        let stillOpen = sqlite3_get_autocommit(a) == 0
        let committed = Self.exec(a, "COMMIT")
        // Either SQLite rolled the whole transaction back, or what it commits is whole.
        let reader = Self.openRaw(path, vfs: "unix")
        defer { sqlite3_close_v2(reader) }
        #expect(Self.text(reader, "PRAGMA integrity_check") == "ok", "transaction still open: \(stillOpen), COMMIT: \(committed)")
    }
}
