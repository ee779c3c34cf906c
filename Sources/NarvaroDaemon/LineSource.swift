// Reads text lines one at a time from a file or standard input (getline), so a replay can
// commit each swipe as its line arrives instead of waiting for the end of the stream.
import NarvaroCore
import Glibc

public final class LineSource {
    private let file: UnsafeMutablePointer<FILE>
    private let ownsFile: Bool
    private var buffer: UnsafeMutablePointer<CChar>?
    private var capacity = 0

    /// `-` is standard input.
    public init(path: String) throws {
        if path == "-" {
            // A FILE of our own over fd 0: Glibc's `stdin` global is not concurrency-safe in Swift 6.
            guard let f = fdopen(dup(0), "r") else {
                throw SpoolError(description: "cannot read standard input: \(String(cString: strerror(errno)))")
            }
            file = f
            ownsFile = true
        } else {
            guard let f = fopen(path, "re") else {
                throw SpoolError(description: "cannot read \(path): \(String(cString: strerror(errno)))")
            }
            file = f
            ownsFile = true
        }
    }

    deinit {
        free(buffer)
        if ownsFile { fclose(file) }
    }

    /// The next line without its newline, or nil at the end of the input.
    public func next() -> String? {
        let n = getline(&buffer, &capacity, file)
        guard n >= 0, let buffer else { return nil }
        var length = n
        if length > 0, buffer[length - 1] == 0x0A { length -= 1 }
        return buffer.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }
}
