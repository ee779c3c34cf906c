// The card key file: created 0600 only on request, never replaced, refused when others can read
// it or when it has the wrong size; a missing key is an error that says to restore the backup.
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

private func mode(_ path: String) -> mode_t {
    var info = stat()
    return stat(path, &info) == 0 ? info.st_mode & 0o777 : 0
}

@Suite struct PrivacyCardKeyTests {
    @Test func createsA0600KeyInA0700DirectoryOnlyWhenAsked() throws {
        let dirScratch = try TemporaryDirectory("key")
        defer { withExtendedLifetime(dirScratch) {} }
        let dir = dirScratch.path
        let path = dir + "/etc/narvaro/card-key"
        #expect(throws: CardKeyError.missing(path: path)) { try CardKey.load(path: path) }
        #expect(!FileManager.default.fileExists(atPath: path))

        let created = try CardKey.loadOrCreate(path: path)
        #expect(created.bytes.count == 32)
        #expect(created.bytes != [UInt8](repeating: 0, count: 32))
        #expect(mode(path) == 0o600)
        #expect(mode(dir + "/etc/narvaro") == 0o700)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == 32)
        // Loading again returns the same key; loadOrCreate does not replace it.
        #expect(try CardKey.load(path: path) == created)
        #expect(try CardKey.loadOrCreate(path: path) == created)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/etc/narvaro") == ["card-key"])
        #expect("\(created)" == "CardKey(32 bytes)")  // never the bytes, even in logs
    }

    @Test func missingKeyErrorTellsToRestoreFromBackup() {
        let error = CardKeyError.missing(path: "/etc/narvaro/card-key")
        #expect(error.description
            == "card key /etc/narvaro/card-key is missing: restore it from backup; a new key would make every enrolled card unknown")
    }

    @Test func refusesAKeyOthersCanRead() throws {
        let dirScratch = try TemporaryDirectory("key")
        defer { withExtendedLifetime(dirScratch) {} }
        let dir = dirScratch.path
        let path = dir + "/card-key"
        _ = try CardKey.loadOrCreate(path: path)
        for bad: mode_t in [0o640, 0o604, 0o660] {
            #expect(chmod(path, bad) == 0)
            #expect(throws: CardKeyError.readableByOthers(path: path)) { try CardKey.load(path: path) }
            // And loadOrCreate must not "fix" it by making a new key.
            #expect(throws: CardKeyError.readableByOthers(path: path)) { try CardKey.loadOrCreate(path: path) }
        }
        #expect(CardKeyError.readableByOthers(path: path).description == "card key \(path) is readable by others: chmod 600 \(path)")
    }

    @Test func refusesAKeyOfTheWrongSize() throws {
        let dirScratch = try TemporaryDirectory("key")
        defer { withExtendedLifetime(dirScratch) {} }
        let dir = dirScratch.path
        for size in [0, 31, 33, 64] {
            let path = dir + "/key-\(size)"
            #expect(FileManager.default.createFile(atPath: path, contents: Data(repeating: 7, count: size),
                                                   attributes: [.posixPermissions: 0o600]))
            #expect(throws: CardKeyError.wrongSize(path: path, bytes: size)) { try CardKey.load(path: path) }
            #expect(throws: CardKeyError.wrongSize(path: path, bytes: size)) { try CardKey.loadOrCreate(path: path) }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == size)
        }
    }
}
