// The "narvaro" SQLite VFS: the system's unix VFS with the writes to each WAL file gathered per
// transaction (WALWriteBuffer.swift). Every other call goes to the unix VFS as it is. A shim of the
// kind SQLite documents (https://www.sqlite.org/vfs.html), wrapping each file the way its vfslog does.
import CSQLite
import Glibc

/// Registers the VFS once per process; `name` is what `sqlite3_open_v2` is given.
enum WALCoalescingVFS {
    /// nil when the unix VFS is missing (not on Linux): connections then open with the default.
    static var name: String? { registered?.name }

    private static let registered: Registration? = Registration.make()

    /// The pieces the C callbacks need, written once before the VFS is registered and never after.
    final class Registration: @unchecked Sendable {
        let name = "narvaro"
        let unix: UnsafeMutablePointer<sqlite3_vfs>
        let vfs: UnsafeMutablePointer<sqlite3_vfs>
        let methods: UnsafeMutablePointer<sqlite3_io_methods>

        private init(unix: UnsafeMutablePointer<sqlite3_vfs>) {
            self.unix = unix
            vfs = .allocate(capacity: 1)
            vfs.initialize(to: unix.pointee)   // every call but xOpen is the unix VFS's own
            vfs.pointee.szOsFile = Int32(FileLayout.real) + unix.pointee.szOsFile
            vfs.pointee.pNext = nil
            vfs.pointee.zName = UnsafePointer(strdup(name))
            vfs.pointee.xOpen = openFile
            methods = .allocate(capacity: 1)
            methods.initialize(to: FileMethods.table)
        }

        static func make() -> Registration? {
            // Before anything initialises SQLite (`sqlite3_vfs_find` does): no allocation
            // statistics, which Närvaro never reads. With them, each of SQLite's allocations takes
            // a global mutex and updates counters: 5.3 % of a swipe's instructions under callgrind
            // (docs/benchmarks.md). Its result is not checked: if SQLite was initialised first (only
            // tests open it otherwise), the statistics stay on and nothing else changes.
            _ = narvaro_sqlite_memstatus(0)
            guard let unix = sqlite3_vfs_find("unix") else { return nil }
            let registration = Registration(unix: unix)
            return sqlite3_vfs_register(registration.vfs, 0) == SQLITE_OK ? registration : nil
        }
    }

    /// The unix VFS, for the callbacks.
    static var unix: UnsafeMutablePointer<sqlite3_vfs>? { registered?.unix }
    static var methods: UnsafeMutablePointer<sqlite3_io_methods>? { registered?.methods }
}

/// Our `sqlite3_file`: SQLite's header (the methods pointer), then two slots, then the unix VFS's
/// own file. The first slot holds a WAL file's buffer (retained); the second, in a database file,
/// the buffer of its WAL (borrowed), so the database's `xShmBarrier` can flush it.
enum FileLayout {
    static let ownBuffer = 8
    static let walBuffer = 16
    static let real = 24

    static func real(_ file: UnsafeMutablePointer<sqlite3_file>) -> UnsafeMutablePointer<sqlite3_file> {
        (UnsafeMutableRawPointer(file) + real).assumingMemoryBound(to: sqlite3_file.self)
    }

    static func slot(_ file: UnsafeMutablePointer<sqlite3_file>, _ offset: Int) -> UnsafeMutablePointer<UnsafeMutableRawPointer?> {
        (UnsafeMutableRawPointer(file) + offset).assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
    }

    /// The buffer in a slot, or nil.
    static func buffer(_ file: UnsafeMutablePointer<sqlite3_file>, _ offset: Int) -> WALWriteBuffer? {
        slot(file, offset).pointee.map { Unmanaged<WALWriteBuffer>.fromOpaque($0).takeUnretainedValue() }
    }
}

/// xOpen: opens the unix VFS's file inside ours; a WAL file gets a buffer, linked from its database.
private func openFile(
    _ vfs: UnsafeMutablePointer<sqlite3_vfs>?, _ name: sqlite3_filename?, _ file: UnsafeMutablePointer<sqlite3_file>?,
    _ flags: Int32, _ outFlags: UnsafeMutablePointer<Int32>?
) -> Int32 {
    guard let file, let unix = WALCoalescingVFS.unix, let open = unix.pointee.xOpen else { return SQLITE_CANTOPEN }
    FileLayout.slot(file, FileLayout.ownBuffer).pointee = nil
    FileLayout.slot(file, FileLayout.walBuffer).pointee = nil
    let real = FileLayout.real(file)
    real.pointee.pMethods = nil
    let rc = open(unix, name, real, flags, outFlags)
    // SQLite calls xClose exactly when pMethods is set, failed open or not (sqlite3OsOpen).
    file.pointee.pMethods = real.pointee.pMethods == nil ? nil : UnsafePointer(WALCoalescingVFS.methods)
    guard rc == SQLITE_OK, flags & SQLITE_OPEN_WAL != 0, real.pointee.pMethods != nil else { return rc }
    let buffer = WALWriteBuffer(file: real)
    FileLayout.slot(file, FileLayout.ownBuffer).pointee = Unmanaged.passRetained(buffer).toOpaque()
    // The database this WAL belongs to is open in this VFS too (SQLite opens a WAL with its
    // database's VFS), so its second slot is ours to set.
    if let name, let database = sqlite3_database_file_object(name), database.pointee.pMethods == UnsafePointer(WALCoalescingVFS.methods) {
        let link = FileLayout.slot(database, FileLayout.walBuffer)
        link.pointee = Unmanaged.passUnretained(buffer).toOpaque()
        buffer.linkedFrom = link
    }
    return rc
}
