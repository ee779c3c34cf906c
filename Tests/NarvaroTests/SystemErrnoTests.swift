// errno has one type, System's `Errno` (issue 13): the card key, the output file and the terminal
// carry it, and their messages read as they did when each held a raw Int32.
@testable import NarvaroCore
@testable import NarvaroDesk
import Foundation
import Glibc
import Testing

@Suite struct SystemErrnoTests {
    @Test func messagesWithErrnoReadAsBefore() {
        #expect(CardKeyError.system(path: "/etc/narvaro/card-key", action: "open", errno: .permissionDenied).description
                == "cannot open card key /etc/narvaro/card-key: Permission denied (run as root?)")
        #expect(SystemError.outputFailed(path: "/tmp/x.csv", action: "write", errno: Errno(rawValue: ENOSPC)).description
                == "cannot write /tmp/x.csv: No space left on device")
        #expect(TerminalError.failed("tcgetattr", errno: .notTTY).description == "the terminal refused tcgetattr: Inappropriate ioctl for device")
    }

    @Test func aCardKeyUnderAFileSaysWhy() throws {
        let scratch = try TemporaryDirectory("errno")
        let file = scratch.appending("plain").path
        #expect(FileManager.default.createFile(atPath: file, contents: Data()))
        // A parent that is a file: open fails with ENOTDIR, carried as an Errno.
        #expect(throws: CardKeyError.system(path: file + "/sub/card-key", action: "open", errno: Errno(rawValue: ENOTDIR))) {
            try CardKey.loadOrCreate(path: file + "/sub/card-key")
        }
    }
}
