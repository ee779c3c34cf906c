// ReaderSource's refusals, testable without a real device: non-evdev files and missing paths.
// (The live read path, grab and sync are exercised on a real or uinput device in the QEMU guest.)
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Glibc
import Testing

@Suite struct SystemReaderSourceTests {
    @Test func refusesDevNull() {
        #expect(throws: InputError.notEvdev(path: "/dev/null")) { try ReaderSource(path: "/dev/null") }
        #expect(InputError.notEvdev(path: "/dev/null").description == "/dev/null is not an evdev input device")
    }

    @Test func refusesARegularFile() throws {
        let directoryScratch = try TemporaryDirectory("reader-source")
        defer { withExtendedLifetime(directoryScratch) {} }
        let directory = directoryScratch.path
        let file = directory + "/event3"
        try "E: 0.000000 0001 001c 1\n".write(toFile: file, atomically: false, encoding: .utf8)
        #expect(throws: InputError.notEvdev(path: file)) { try ReaderSource(path: file) }
    }

    @Test func aMissingNodeIsASystemErrorWithAHint() {
        let path = "/dev/input/by-id/narvaro-test-no-such-reader"
        let expected = InputError.system(SystemError("open", path: path, errno: .noSuchFile))
        #expect(throws: expected) { try ReaderSource(path: path) }
        #expect(expected.description == "open \(path): No such file or directory: is the reader plugged in? see /dev/input/by-id")
    }

    @Test func theOtherRefusalsReadAsOneActionableLine() {
        #expect(InputError.notKeyboard(name: "Power Button", path: "/dev/input/event0").description
                == "'Power Button' (/dev/input/event0) is not a keyboard-like reader: it has no Enter key")
        #expect(InputError.grabbedByAnotherProgram(path: "/dev/input/event3").description
                == "/dev/input/event3 is grabbed by another program: stop it (another narvarod?) and replug the reader")
    }
}
