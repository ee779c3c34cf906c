// A sockaddr_un built from a path or an abstract name ("@name"), the one piece of socket
// plumbing the notify protocol needs; kept apart so the notifier reads as protocol, not bytes.
import Glibc

/// An AF_UNIX socket address. A leading "@" means the Linux abstract namespace (no file).
struct UnixSocketAddress {
    private(set) var storage = sockaddr_un()
    private(set) var length: socklen_t = 0

    /// `nil` when the name is empty or too long for `sun_path` (108 bytes).
    init?(_ name: String) {
        var bytes = Array(name.utf8)
        let abstract = bytes.first == UInt8(ascii: "@")
        if abstract { bytes[0] = 0 }  // abstract names start with a NUL and are not NUL-terminated
        let capacity = MemoryLayout.size(ofValue: storage.sun_path)
        guard !bytes.isEmpty, bytes.count <= (abstract ? capacity : capacity - 1) else { return nil }
        storage.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &storage.sun_path) { path in
            for (index, byte) in bytes.enumerated() { path[index] = byte }
        }
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \.sun_path) ?? 2
        // A path includes its terminating NUL; an abstract name is exactly its bytes.
        length = socklen_t(pathOffset + bytes.count + (abstract ? 0 : 1))
    }

    /// Calls `body` with the address as the `sockaddr` pointer and length C calls expect.
    func withSockaddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) throws -> R) rethrows -> R {
        var copy = storage
        return try withUnsafePointer(to: &copy) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { try body($0, length) }
        }
    }
}
