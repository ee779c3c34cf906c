// The io methods of the "narvaro" VFS's files: each forwards to the unix VFS's file inside ours. A
// WAL file's writes go through its WALWriteBuffer, and any other call on it flushes the buffer first.
import CSQLite

enum FileMethods {
    static let table = sqlite3_io_methods(
        iVersion: 3,
        xClose: close, xRead: read, xWrite: write, xTruncate: truncate, xSync: sync, xFileSize: fileSize,
        xLock: lock, xUnlock: unlock, xCheckReservedLock: checkReservedLock, xFileControl: fileControl,
        xSectorSize: sectorSize, xDeviceCharacteristics: deviceCharacteristics,
        xShmMap: shmMap, xShmLock: shmLock, xShmBarrier: shmBarrier, xShmUnmap: shmUnmap,
        xFetch: fetch, xUnfetch: unfetch)
}

private typealias File = UnsafeMutablePointer<sqlite3_file>

/// Calls the unix VFS's file inside `file` once the file's own buffer (a WAL's) has reached it.
private func call(_ file: File?, _ body: (File, sqlite3_io_methods) -> Int32) -> Int32 {
    guard let file else { return SQLITE_MISUSE }
    if let buffer = FileLayout.buffer(file, FileLayout.ownBuffer) {
        let rc = buffer.flush()
        guard rc == SQLITE_OK else { return rc }
    }
    let real = FileLayout.real(file)
    guard let methods = real.pointee.pMethods?.pointee else { return SQLITE_MISUSE }
    return body(real, methods)
}

private func close(_ file: File?) -> Int32 {
    guard let file else { return SQLITE_OK }
    let flushedRC = FileLayout.buffer(file, FileLayout.ownBuffer)?.flush() ?? SQLITE_OK
    if let own = FileLayout.slot(file, FileLayout.ownBuffer).pointee {
        let buffer = Unmanaged<WALWriteBuffer>.fromOpaque(own)
        buffer.takeUnretainedValue().linkedFrom?.pointee = nil
        buffer.release()
        FileLayout.slot(file, FileLayout.ownBuffer).pointee = nil
    }
    // A database closed before its WAL (SQLite closes the WAL first): the WAL must not clear a
    // slot in freed memory.
    FileLayout.buffer(file, FileLayout.walBuffer)?.linkedFrom = nil
    FileLayout.slot(file, FileLayout.walBuffer).pointee = nil
    let real = FileLayout.real(file)
    let closedRC = real.pointee.pMethods?.pointee.xClose?(real) ?? SQLITE_OK
    return flushedRC != SQLITE_OK ? flushedRC : closedRC
}

private func write(_ file: File?, _ data: UnsafeRawPointer?, _ amount: Int32, _ offset: sqlite3_int64) -> Int32 {
    guard let file, let data else { return SQLITE_MISUSE }
    if let buffer = FileLayout.buffer(file, FileLayout.ownBuffer) { return buffer.write(data, Int(amount), at: offset) }
    let real = FileLayout.real(file)
    return real.pointee.pMethods?.pointee.xWrite?(real, data, amount, offset) ?? SQLITE_MISUSE
}

private func read(_ file: File?, _ data: UnsafeMutableRawPointer?, _ amount: Int32, _ offset: sqlite3_int64) -> Int32 {
    call(file) { real, m in m.xRead?(real, data, amount, offset) ?? SQLITE_MISUSE }
}

private func truncate(_ file: File?, _ size: sqlite3_int64) -> Int32 {
    call(file) { real, m in m.xTruncate?(real, size) ?? SQLITE_MISUSE }
}

private func sync(_ file: File?, _ flags: Int32) -> Int32 {
    call(file) { real, m in m.xSync?(real, flags) ?? SQLITE_MISUSE }
}

private func fileSize(_ file: File?, _ size: UnsafeMutablePointer<sqlite3_int64>?) -> Int32 {
    call(file) { real, m in m.xFileSize?(real, size) ?? SQLITE_MISUSE }
}

private func lock(_ file: File?, _ level: Int32) -> Int32 {
    call(file) { real, m in m.xLock?(real, level) ?? SQLITE_MISUSE }
}

/// The database file's lock going down. With `locking_mode = EXCLUSIVE` SQLite takes and lets go
/// of the WAL write lock without `xShmLock`, and this is where it leaves that mode (or closes): as
/// at the write lock's release, the WAL's buffer holds nothing committed and is emptied first.
private func unlock(_ file: File?, _ level: Int32) -> Int32 {
    if let file { FileLayout.buffer(file, FileLayout.walBuffer)?.writeLockReleased() }
    return call(file) { real, m in m.xUnlock?(real, level) ?? SQLITE_MISUSE }
}

private func checkReservedLock(_ file: File?, _ result: UnsafeMutablePointer<Int32>?) -> Int32 {
    call(file) { real, m in m.xCheckReservedLock?(real, result) ?? SQLITE_MISUSE }
}

private func fileControl(_ file: File?, _ op: Int32, _ argument: UnsafeMutableRawPointer?) -> Int32 {
    call(file) { real, m in m.xFileControl?(real, op, argument) ?? SQLITE_NOTFOUND }
}

private func sectorSize(_ file: File?) -> Int32 {
    guard let file else { return 4096 }
    let real = FileLayout.real(file)
    return real.pointee.pMethods?.pointee.xSectorSize?(real) ?? 4096
}

private func deviceCharacteristics(_ file: File?) -> Int32 {
    guard let file else { return 0 }
    let real = FileLayout.real(file)
    return real.pointee.pMethods?.pointee.xDeviceCharacteristics?(real) ?? 0
}

private func shmMap(_ file: File?, _ page: Int32, _ size: Int32, _ extend: Int32, _ mapped: UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> Int32 {
    call(file) { real, m in m.xShmMap?(real, page, size, extend, mapped) ?? SQLITE_IOERR }
}

/// The wal-index's locks. When SQLite lets go of the WAL write lock (lock 0, exclusive), the
/// WAL's buffer is emptied first: it holds nothing committed (WALWriteBuffer's rules).
private func shmLock(_ file: File?, _ offset: Int32, _ count: Int32, _ flags: Int32) -> Int32 {
    if let file, flags & SQLITE_SHM_UNLOCK != 0, flags & SQLITE_SHM_EXCLUSIVE != 0, offset == 0, count >= 1 {
        FileLayout.buffer(file, FileLayout.walBuffer)?.writeLockReleased()
    }
    return call(file) { real, m in m.xShmLock?(real, offset, count, flags) ?? SQLITE_IOERR }
}

/// The wal-index is about to change (a commit being published, among others): the WAL's frames
/// must be in the file first. The commit rule in WALWriteBuffer has written them already; this is
/// the second guard, and a write it cannot make stays for the WAL's next call to report. Outside
/// the write lock the buffer is empty, so this never writes over another connection's frames.
private func shmBarrier(_ file: File?) {
    guard let file else { return }
    if let wal = FileLayout.buffer(file, FileLayout.walBuffer) { _ = wal.flush() }
    let real = FileLayout.real(file)
    real.pointee.pMethods?.pointee.xShmBarrier?(real)
}

private func shmUnmap(_ file: File?, _ delete: Int32) -> Int32 {
    call(file) { real, m in m.xShmUnmap?(real, delete) ?? SQLITE_OK }
}

private func fetch(_ file: File?, _ offset: sqlite3_int64, _ amount: Int32, _ pages: UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> Int32 {
    call(file) { real, m in
        guard let fetch = m.xFetch else { pages?.pointee = nil; return SQLITE_OK }
        return fetch(real, offset, amount, pages)
    }
}

private func unfetch(_ file: File?, _ offset: sqlite3_int64, _ page: UnsafeMutableRawPointer?) -> Int32 {
    call(file) { real, m in m.xUnfetch?(real, offset, page) ?? SQLITE_OK }
}
