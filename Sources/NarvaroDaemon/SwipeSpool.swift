// The spool: a file next to the database holding swipes the database could not take yet, one
// checksummed line each (card hashes, never numbers), fsynced, so they survive a crash or power cut.
// Unreadable lines go to `….spool.quarantine`; the file is emptied only once all of it is committed.
import NarvaroCore
import FoundationEssentials
import Glibc

/// A spool line that could not be read, moved to the quarantine file.
public struct QuarantinedSpoolLine: Equatable, Sendable {
    public var line: Int
    public var reason: String
}

/// What `load()` found.
public struct SpoolContents: Sendable {
    public var swipes: [PreparedSwipe] = []
    public var quarantined: [QuarantinedSpoolLine] = []
    /// The mode an existing spool had when it was wider than 0600 (it is now 0600).
    public var modeFixedFrom: mode_t?
}

/// The spool file. Never followed through a symlink, always a regular file of mode 0600, its
/// directory fsynced when it is created, rewritten only by rename (see docs/design-decisions.md).
public final class SwipeSpool {
    public let path: String
    /// The swipes the file holds, in order (the file holds exactly these lines).
    private var written: [PreparedSwipe] = []

    public init(path: String) { self.path = path }

    /// The spool file for a database: `narvaro.db` → `narvaro.db.spool`.
    public static func path(forDatabase database: String) -> String { database + ".spool" }
    /// Where unreadable spool lines go: `narvaro.db.spool.quarantine`.
    public var quarantinePath: String { path + ".quarantine" }

    /// Swipes left by an earlier run, in order. Unreadable lines (bad UTF-8, checksum, fields, a torn
    /// last write) are appended to the quarantine file first, then the spool is rewritten without them.
    public func load() throws -> SpoolContents {
        let (contents, bad, unterminated) = try read(fixMode: true)
        if !bad.isEmpty { try quarantine(bad) }
        // Quarantined lines are safe elsewhere now; a missing final newline would glue the next append.
        // Good lines in the old format or with CRLF stay as they are: each still reads on its own.
        if !bad.isEmpty || unterminated { try replace(with: contents.swipes) }
        written = contents.swipes
        return contents
    }

    /// What the spool holds, changing nothing (for `narvaro doctor`).
    public func inspect() throws -> SpoolContents { try read(fixMode: false).contents }

    private func read(fixMode: Bool) throws -> (contents: SpoolContents, bad: [[UInt8]], unterminated: Bool) {
        var contents = SpoolContents()
        guard let (fd, fixed) = try openExisting(O_RDONLY, fixMode: fixMode) else { return (contents, [], false) }
        contents.modeFixedFrom = fixed
        let bytes: [UInt8]
        do {
            defer { try? fd.close() }
            bytes = try readAll(fd)
        }
        var bad: [[UInt8]] = []
        var lineNumber = 0
        for raw in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast(bytes.last == 0x0A ? 1 : 0) {
            lineNumber += 1
            if raw.isEmpty || raw == [0x0D] { continue }
            switch SpoolLine.parse(raw) {
            case .success(let swipe): contents.swipes.append(swipe)
            case .failure(let error):
                bad.append(Array(raw))
                contents.quarantined.append(QuarantinedSpoolLine(line: lineNumber, reason: error.description))
            }
        }
        return (contents, bad, !bytes.isEmpty && bytes.last != 0x0A)
    }

    /// Makes the file hold exactly `queue`: appends new swipes, rewrites it (atomically) after a
    /// partial drain, or empties it once the queue drained. Returns after the data is on disk.
    public func store(_ queue: [PreparedSwipe]) throws {
        if queue == written { return }
        if queue.isEmpty {
            // Everything the file held is committed (or refused for a reason of its own).
            if let (fd, _) = try openExisting(O_WRONLY) {
                defer { try? fd.close() }
                guard ftruncate(fd.rawValue, 0) == 0 else { throw DaemonError.spool("cannot empty spool \(path): \(String(cString: strerror(errno)))") }
                try? fd.sync()
            }
            written = []
            return
        }
        if queue.count >= written.count, Array(queue.prefix(written.count)) == written {
            try append(Array(queue.dropFirst(written.count)))
        } else {
            try replace(with: queue)
        }
        written = queue
    }

    // MARK: - Files

    /// Opens the spool if it exists: never through a symlink, only a regular file, mode made 0600.
    private func openExisting(_ flags: Int32, fixMode: Bool = true) throws -> (FileDescriptor, mode_t?)? {
        let fd: FileDescriptor
        do { fd = try FileDescriptor.open(path, flags | O_NOFOLLOW | O_NONBLOCK) } catch let error as SystemError {
            if error.errno == .noSuchFile { return nil }
            throw Self.openError(path, error)
        }
        do { return (fd, try Self.checkFile(fd, path: path, fixMode: fixMode)) } catch { try? fd.close(); throw error }
    }

    static func openError(_ path: String, _ error: SystemError) -> DaemonError {
        if error.errno?.rawValue == ELOOP {
            return DaemonError.spool("spool \(path) is a symbolic link, which Närvaro never follows: move it away (its target may hold swipes: check it) and start again")
        }
        return DaemonError.spool("cannot open spool \(path): \(error)")
    }

    /// A regular file, private to its owner (a wider mode is narrowed; the old mode is returned).
    static func checkFile(_ fd: FileDescriptor, path: String, fixMode: Bool = true) throws -> mode_t? {
        var info = stat()
        guard fstat(fd.rawValue, &info) == 0 else { throw DaemonError.spool("cannot inspect spool \(path): \(String(cString: strerror(errno)))") }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw DaemonError.spool("spool \(path) is not a regular file: move it away and start again")
        }
        let mode = info.st_mode & 0o7777
        guard mode & 0o7077 != 0 else { return nil }
        guard fixMode else { return mode }
        guard fchmod(fd.rawValue, 0o600) == 0 else {
            throw DaemonError.spool("spool \(path) has mode \(String(mode, radix: 8)) and cannot be made 0600 (\(String(cString: strerror(errno)))): chmod 600 it")
        }
        return mode
    }

    private func readAll(_ fd: FileDescriptor) throws -> [UInt8] {
        var bytes: [UInt8] = []
        do {
            while let chunk = try fd.read(upToCount: 65_536), !chunk.isEmpty { bytes += chunk }
        } catch { throw DaemonError.spool("cannot read spool \(path): \(error)") }
        return bytes
    }

    /// Appends lines, fsyncs the file, and its directory when the file was created now.
    private func append(_ swipes: [PreparedSwipe]) throws {
        try appendBytes(Array(swipes.map(SpoolLine.format).joined().utf8), to: path, what: "spool")
    }

    private func quarantine(_ lines: [[UInt8]]) throws {
        try appendBytes(lines.flatMap { $0 + [0x0A] }, to: quarantinePath, what: "spool quarantine")
    }

    private func appendBytes(_ bytes: [UInt8], to file: String, what: String) throws {
        do {
            let created = access(file, F_OK) != 0
            let fd: FileDescriptor
            // O_NONBLOCK: a FIFO planted at this path fails at once (then checkFile refuses it) instead of hanging.
            do { fd = try FileDescriptor.open(file, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK, mode: 0o600) } catch let error as SystemError {
                throw Self.openError(file, error)
            }
            defer { try? fd.close() }
            _ = try Self.checkFile(fd, path: file)
            try fd.write(bytes)
            try fd.sync()
            if created { try DirectorySync.sync(containing: file) }
        } catch let error as DaemonError {
            throw error
        } catch {
            throw DaemonError.spool("cannot write \(what) \(file): \(error)")
        }
    }

    /// Replaces the file by one holding exactly `swipes`: written beside it, fsynced, renamed over
    /// it, the directory fsynced. A crash leaves the old file or the new one, never a truncated one.
    private func replace(with swipes: [PreparedSwipe]) throws {
        let temporary = path + ".new"
        do {
            unlink(temporary)
            let fd = try FileDescriptor.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode: 0o600)
            do {
                defer { try? fd.close() }
                try fd.write(Array(swipes.map(SpoolLine.format).joined().utf8))
                try fd.sync()
            }
            guard rename(temporary, path) == 0 else { throw DaemonError.spool("cannot rename \(temporary) to \(path): \(String(cString: strerror(errno)))") }
            try DirectorySync.sync(containing: path)
        } catch let error as DaemonError {
            throw error
        } catch {
            throw DaemonError.spool("cannot rewrite spool \(path): \(error)")
        }
    }
}
