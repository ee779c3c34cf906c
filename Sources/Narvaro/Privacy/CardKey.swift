// The card key: 32 random bytes in a root-only file (default /etc/narvaro/card-key, mode 0600).
// Created on first start only; a key missing later is an error, never silently replaced, because
// a new key would turn every enrolled card into an unknown one.
import CCrypto
import Foundation
import Glibc

public enum CardKeyError: Error, CustomStringConvertible, Equatable {
    case missing(String)
    case unreadable(String, String)
    case wrongSize(String, Int)
    case tooOpen(String)
    case cannotCreate(String, String)

    public var description: String {
        switch self {
        case .missing(let path):
            return "card key \(path) is missing: restore it from backup (a new key would make every enrolled card unknown)"
        case .unreadable(let path, let reason):
            return "cannot read card key \(path): \(reason): run as root or as the narvaro service user, or pass --card-key PATH"
        case .wrongSize(let path, let size):
            return "card key \(path) has \(size) bytes, not 32: restore it from backup"
        case .tooOpen(let path):
            return "card key \(path) is readable by others: chmod 600 \(path)"
        case .cannotCreate(let path, let reason):
            return "cannot create card key \(path): \(reason)"
        }
    }
}

public struct CardKey: Sendable {
    public static let defaultPath = "/etc/narvaro/card-key"
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// The key file to use: `--card-key`, else `$NARVARO_CARD_KEY`, else /etc/narvaro/card-key.
    public static func path(option: String?, environment: [String: String]) -> String {
        option ?? environment["NARVARO_CARD_KEY"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultPath
    }

    /// Reads the key; refuses a missing file, a wrong size, and a file readable by group or others.
    public static func load(path: String) throws(CardKeyError) -> CardKey {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { throw .missing(path) }
            throw .unreadable(path, String(cString: strerror(errno)))
        }
        guard info.st_mode & 0o077 == 0 else { throw .tooOpen(path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path, "permission denied")
        }
        guard data.count == 32 else { throw .wrongSize(path, data.count) }
        return CardKey(bytes: Array(data))
    }

    /// Creates a new random key at `path` (mode 0600, parent directory 0700 if it has to be made),
    /// written to a temporary file, fsynced and renamed so a crash never leaves half a key.
    public static func create(path: String) throws(CardKeyError) -> CardKey {
        var bytes = [UInt8](repeating: 0, count: 32)
        guard RAND_bytes(&bytes, 32) == 1 else { throw .cannotCreate(path, "no randomness from OpenSSL") }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            guard mkdir(directory, 0o700) == 0 else { throw .cannotCreate(path, String(cString: strerror(errno))) }
        }
        let temporary = path + ".new"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .cannotCreate(path, String(cString: strerror(errno))) }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, 32) }
        let synced = fsync(fd)
        close(fd)
        guard written == 32, synced == 0, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .cannotCreate(path, reason)
        }
        return CardKey(bytes: bytes)
    }
}

extension Store {
    /// The card key provider for a store: loads the key at `path`; creates it only while the
    /// database has never used a key (first start), otherwise a missing key is an error.
    public static func cardKeyProvider(path: String, db: SQLiteConnection) -> () throws -> CardHasher {
        {
            do {
                return CardHasher(key: try CardKey.load(path: path))
            } catch CardKeyError.missing(let missing) {
                let used = try db.queryOne("SELECT 1 FROM meta WHERE key = 'card_key_check'") != nil
                if used { throw CardKeyError.missing(missing) }
                return CardHasher(key: try CardKey.create(path: path))
            }
        }
    }
}
