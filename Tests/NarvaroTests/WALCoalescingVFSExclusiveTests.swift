// The "narvaro" VFS under `PRAGMA locking_mode = EXCLUSIVE` (found by a second review): SQLite then
// takes and lets go of the WAL write lock without any xShmLock call (walLockExclusive and
// walUnlockExclusive return at once), so the run is dropped at the database file's xUnlock instead.
@testable import NarvaroCore
import CSQLite
import Foundation
import Testing

@Suite struct WALCoalescingVFSExclusiveTests {
    typealias U = WALCoalescingVFSUncommittedTests

    /// A enters WAL exclusive mode, asks for NORMAL again (the WAL stays exclusive until the end of the
    /// next write transaction), and in that transaction spills frames and rolls back: no xShmLock
    /// unlock of lock 0 is made, so the run stays in A's buffer after A is back to shared locking.
    /// B then commits frames at the same WAL offsets, and A's next read (xShmBarrier in
    /// walIndexTryHdr) writes the rolled-back frames over B's commit.
    /// Through the plain unix VFS (the control) the same steps leave the database whole.
    @Test(arguments: [false, true])
    func aRolledBackSpillUnderExclusiveLockingIsNotWrittenOverAnotherConnectionsCommit(throughNarvaro: Bool) throws {
        let scratch = try TemporaryDirectory("vfs-exclusive")
        let path = scratch.url.appendingPathComponent("a.db").path
        let a = U.openRaw(path, vfs: throughNarvaro ? WALCoalescingVFS.name : "unix")
        defer { sqlite3_close_v2(a) }
        #expect(U.exec(a, "PRAGMA journal_mode = WAL; CREATE TABLE t(k INTEGER PRIMARY KEY, b BLOB)") == SQLITE_OK)
        #expect(U.exec(a, "PRAGMA wal_checkpoint(TRUNCATE)") == SQLITE_OK)   // an empty WAL: the rollback reads nothing from it

        // Into WAL exclusive mode (sqlite3PagerBegin: sqlite3WalExclusiveMode(pWal, 1)), then NORMAL again.
        #expect(U.exec(a, "PRAGMA locking_mode = EXCLUSIVE; BEGIN IMMEDIATE; COMMIT") == SQLITE_OK)
        #expect(U.exec(a, "PRAGMA locking_mode = NORMAL") == SQLITE_OK)
        // Still exclusive in the WAL: the write lock is taken and let go without xShmLock. The
        // ROLLBACK's pager_end_transaction then returns the WAL to normal mode and the database to SHARED.
        #expect(U.exec(a, "PRAGMA cache_size = 10; BEGIN IMMEDIATE") == SQLITE_OK)
        #expect(U.exec(a, String(format: U.rows, 40) + "INSERT INTO t SELECT x, zeroblob(3000) FROM c") == SQLITE_OK)
        #expect(U.exec(a, "ROLLBACK") == SQLITE_OK)

        let b = U.openRaw(path, vfs: "unix")
        defer { sqlite3_close_v2(b) }
        #expect(U.exec(b, String(format: U.rows, 60) + "INSERT INTO t SELECT x, randomblob(3000) FROM c") == SQLITE_OK)
        _ = U.text(a, "SELECT count(*) FROM t")   // A only reads

        let reader = U.openRaw(path, vfs: "unix")
        defer { sqlite3_close_v2(reader) }
        #expect(U.text(reader, "PRAGMA integrity_check") == "ok")
        #expect(U.text(reader, "SELECT count(*) FROM t WHERE b = zeroblob(3000)") == "0", "A's rolled-back rows in B's commit")
    }
}
