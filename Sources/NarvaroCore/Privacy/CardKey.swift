// The secret behind card hashes: 32 random bytes in a root-only file. Losing it makes every
// enrolled card unknown, so it is created only when asked and never silently replaced.

import CCrypto
import Glibc

/// Why the card key could not be loaded or created; each message says what to do.
public enum CardKeyError: Error, CustomStringConvertible, Equatable, Sendable {
    case missing(path: String)
    case readableByOthers(path: String)
    case wrongSize(path: String, bytes: Int)
    case notARegularFile(path: String)
    case system(path: String, action: String, errno: Errno)
    case randomUnavailable

    public var description: String {
        switch self {
        case .missing(let path):
            return "card key \(path) is missing: restore it from backup; a new key would make every enrolled card unknown"
        case .readableByOthers(let path):
            return "card key \(path) is readable by others: chmod 600 \(path)"
        case .wrongSize(let path, let bytes):
            return "card key \(path) has \(bytes) bytes, expected \(CardKey.length): restore it from backup"
        case .notARegularFile(let path):
            return "card key \(path) is not a regular file (a link, FIFO, device or directory): give the path of the key file itself, or restore it from backup"
        case .system(let path, let action, let code):
            return "cannot \(action) card key \(path): \(code) (run as root?)"
        case .randomUnavailable:
            return "cannot create a card key: the system random generator failed; try again"
        }
    }
}

/// A 32-byte HMAC key. Its description never shows the bytes, so it cannot leak into logs.
public struct CardKey: Sendable, Equatable, CustomStringConvertible {
    public static let defaultPath = "/etc/narvaro/card-key"
    public static let length = 32

    let bytes: [UInt8]

    public var description: String { "CardKey(\(Self.length) bytes)" }

    package init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Loads the key; a missing, wrongly sized or group/other-accessible file is an error.
    public static func load(path: String = defaultPath) throws(CardKeyError) -> CardKey {
        // Non-blocking and not following a link: a FIFO or a link planted as the key is refused
        // at once (after fstat) instead of hanging or reading someone else's file.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ELOOP { throw .notARegularFile(path: path) }
            throw code == ENOENT ? .missing(path: path) : .system(path: path, action: "open", errno: Errno(rawValue: code))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .system(path: path, action: "inspect", errno: .current) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .notARegularFile(path: path) }
        guard info.st_mode & 0o077 == 0 else { throw .readableByOthers(path: path) }
        // Read one byte more than a key so a too-long file is noticed.
        var buffer = [UInt8](repeating: 0, count: length + 1)
        var filled = 0
        while filled < buffer.count {
            let n: Int
            do {
                n = try retryOnInterrupt("read", path: path) {
                    buffer.withUnsafeMutableBytes { raw -> Int in
                        guard let base = raw.baseAddress else { return 0 }
                        return read(fd, base + filled, raw.count - filled)
                    }
                }
            } catch {
                throw .system(path: path, action: "read", errno: error.errno ?? Errno(rawValue: EIO))
            }
            if n == 0 { break }
            filled += n
        }
        guard filled == length else {
            throw .wrongSize(path: path, bytes: filled > length ? Int(info.st_size) : filled)
        }
        return CardKey(bytes: Array(buffer.prefix(length)))
    }

    /// Loads the key, or — only if the file does not exist — creates it: random bytes from
    /// `RAND_bytes`, mode 0600, through `OutputFile.create` (a temporary file linked into place),
    /// so a key another process created meanwhile is kept, never overwritten. Missing parent
    /// directories are created with mode 0700.
    public static func loadOrCreate(path: String = defaultPath) throws(CardKeyError) -> CardKey {
        do {
            return try load(path: path)
        } catch .missing {
            try makeParentDirectories(of: path)
            return try create(path: path)
        }
    }

    private static func create(path: String) throws(CardKeyError) -> CardKey {
        var key = [UInt8](repeating: 0, count: length)
        guard RAND_bytes(&key, Int32(length)) == 1 else { throw .randomUnavailable }
        // Never replaces anything: a key someone else created meanwhile is theirs to keep.
        let created: Bool
        do {
            created = try OutputFile.create(key, at: path, mode: 0o600)
        } catch {
            switch error {
            case .outputNotARegularFile: throw .notARegularFile(path: path)
            case .outputFailed(_, _, let code), .call(_, _, let code): throw .system(path: path, action: "create", errno: code)
            case .outputMissingDirectory: throw .system(path: path, action: "create", errno: .noSuchFile)
            case .outputExists: throw .system(path: path, action: "create", errno: Errno(rawValue: EEXIST))
            }
        }
        guard created else { return try load(path: path) }
        return CardKey(bytes: key)
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func makeParentDirectories(of path: String) throws(CardKeyError) {
        let dir = parent(of: path)
        guard dir != "/", dir != "." else { return }
        var info = stat()
        if stat(dir, &info) == 0 { return }
        try makeParentDirectories(of: dir)
        guard mkdir(dir, 0o700) == 0 || errno == EEXIST else {
            throw .system(path: path, action: "create the directory for the", errno: .current)
        }
    }
}
