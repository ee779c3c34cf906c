// The frames SQLite writes to a WAL file, gathered so that one transaction reaches the file in two
// write(2) calls instead of two per page (a frame is a 24-byte header write and a page write; a
// swipe writes ~10 frames). Used by the "narvaro" VFS (WALCoalescingVFS.swift); docs/benchmarks.md,
// "Fewer writes to the WAL", has the measurement and docs/design-decisions.md the reasoning.
import CSQLite

/// What the WAL file holds for SQLite but has not reached the file yet: one contiguous run of
/// bytes at `start`. Every WAL write happens under SQLite's WAL write lock, and the rules that keep
/// the file as SQLite expects it follow that lock:
/// - a commit frame's header writes the run at once, and from then until the write lock is let go
///   every write goes straight to the file (the commit's page, padding, checksums rewritten): a
///   transaction's frames are in the file before its commit is published in the wal-index, and a
///   failed write (a full disk) is returned to the commit that made it;
/// - a run that could not be written is kept, so every later call on the WAL (the commit's header
///   write, a read, a sync) tries again and fails while it cannot be written: SQLite may roll back
///   only a statement and go on to commit, and the commit must then carry those frames;
/// - when the write lock is let go, what is left belongs to no commit (a transaction that spilled
///   pages and rolled back, or failed): it is dropped, never written after another connection's
///   commit into the same place;
/// - every other call on the WAL file (read, sync, truncate, size, close, ...) writes the run first,
///   so SQLite never reads the file without what it wrote; the database file's `xShmBarrier` does
///   too, as a second guard for the commit rule.
/// A crash loses only bytes of a transaction that had not committed, as a crash a moment earlier
/// would have.
final class WALWriteBuffer {
    /// The file under this buffer (the unix VFS's), where flushed bytes go.
    let file: UnsafeMutablePointer<sqlite3_file>
    /// The database file's link to this buffer (see `WALCoalescingVFS`), cleared when the WAL closes.
    var linkedFrom: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
    private let bytes = UnsafeMutableRawPointer.allocate(byteCount: WALWriteBuffer.limit, alignment: 16)
    private var start: Int64 = 0
    private var count = 0
    /// A commit frame's header was written under the current write lock: write straight through.
    private var committing = false

    /// Past this a run is flushed and a new one begun. The unix VFS writes at most 128 KiB - 1 in
    /// one call (`seekAndWriteFd` masks the length with 0x1ffff); 64 KiB holds a swipe's frames.
    static let limit = 64 << 10
    /// A WAL frame header: page number, then the database size in pages, which only a commit
    /// frame sets (https://www.sqlite.org/fileformat2.html#walformat).
    static let frameHeaderSize = 24

    init(file: UnsafeMutablePointer<sqlite3_file>) {
        self.file = file
    }

    deinit { bytes.deallocate() }

    /// Takes a write SQLite made to the WAL file at `offset`; an SQLite result code.
    func write(_ data: UnsafeRawPointer, _ amount: Int, at offset: Int64) -> Int32 {
        if committing { return writeThrough(data, amount, at: offset) }
        if count > 0, offset >= start, offset + Int64(amount) <= start + Int64(count) {
            // A frame rewritten within the run (SQLite rewrites a page it wrote earlier in the
            // same transaction): the latest bytes win, as they would in the file.
            (bytes + Int(offset - start)).copyMemory(from: data, byteCount: amount)
        } else if count > 0, offset == start + Int64(count), count + amount <= Self.limit {
            append(data, amount)
        } else {
            let flushed = flush()
            guard flushed == SQLITE_OK else { return flushed }
            guard amount <= Self.limit else { return writeThrough(data, amount, at: offset) }
            start = offset
            append(data, amount)
        }
        if amount == Self.frameHeaderSize, Self.isCommitFrameHeader(data) {
            let flushed = flush()
            if flushed == SQLITE_OK { committing = true }
            return flushed
        }
        return SQLITE_OK
    }

    /// Writes the run to the file; an SQLite result code. A run that fails stays, to be written
    /// by the next call or dropped with the write lock.
    func flush() -> Int32 {
        guard count > 0 else { return SQLITE_OK }
        let rc = writeThrough(bytes, count, at: start)
        if rc == SQLITE_OK { count = 0 }
        return rc
    }

    /// SQLite is letting go of the WAL write lock: whatever is left was committed by nobody.
    func writeLockReleased() {
        count = 0
        committing = false
    }

    private func writeThrough(_ data: UnsafeRawPointer, _ amount: Int, at offset: Int64) -> Int32 {
        guard let write = file.pointee.pMethods?.pointee.xWrite else { return SQLITE_IOERR }
        return write(file, data, Int32(amount), offset)
    }

    private func append(_ data: UnsafeRawPointer, _ amount: Int) {
        (bytes + count).copyMemory(from: data, byteCount: amount)
        count += amount
    }

    /// Bytes 4–7 of a frame header, big-endian: the database's size after a commit, 0 otherwise.
    private static func isCommitFrameHeader(_ header: UnsafeRawPointer) -> Bool {
        (4..<8).contains { header.load(fromByteOffset: $0, as: UInt8.self) != 0 }
    }
}
