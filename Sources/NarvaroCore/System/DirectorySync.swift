// fsync of a directory, so a file just created or renamed into it survives a power cut (the
// file's own fsync does not persist its directory entry).
import Glibc

public enum DirectorySync {
    /// Flushes the directory holding `path`. Wraps `open(O_DIRECTORY)` and `fsync(2)`.
    public static func sync(containing path: String) throws {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let fd = try FileDescriptor.open(directory, O_RDONLY | O_DIRECTORY)
        defer { try? fd.close() }
        try fd.sync()
    }
}
