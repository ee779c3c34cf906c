// `reader add|edit` never store a way of finding the device that narvarod then refuses (a reader
// with both --device and --usb, a glob beside a path, an empty glob): refused with one line, or,
// for `edit --device`/`--usb`, the reader is switched from the one way to the other.
@testable import NarvaroCore
import Foundation
import Testing

@Suite struct CLIReaderMatchTests {
    /// Every reader as the daemon loads it (`ReaderService.loadConfiguration`): it must parse.
    private func storedMatches(_ ws: CLIWorkspace) throws -> [String: Result<ReaderMatch, any Error>] {
        let list = try ws.narvaro("reader", "list", "--format", "json")
        let readers = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        var matches: [String: Result<ReaderMatch, any Error>] = [:]
        for reader in readers {
            matches[reader["name"] as? String ?? "?"] = Result {
                try ReaderMatch(device: reader["device"] as? String, usb: reader["usb"] as? String,
                                namePattern: reader["name_pattern"] as? String, physPattern: reader["phys_pattern"] as? String)
            }
        }
        return matches
    }

    @Test(arguments: [
        (["reader", "add", "kassa", "--venue", "tingshuset", "--usb", "ffff:0035", "--device", "/dev/input/event9"], Int32(2)),
        (["reader", "add", "kassa", "--venue", "tingshuset", "--device", "/dev/input/event9", "--name-pattern", "*RFID*"], Int32(2)),
        (["reader", "edit", "entre", "--usb", "ffff:0035", "--device", "/dev/input/event9"], Int32(2)),
        (["reader", "edit", "path", "--phys-pattern", "*-1/input0"], Int32(1)),
    ])
    func aDeviceTheDaemonWouldRefuseIsRefusedAtOnce(arguments: [String], status: Int32) throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        #expect(try ws.narvaro("reader", "add", "path", "--venue", "tingshuset", "--device", "/dev/input/event5").status == 0)
        let before = try ws.narvaro("reader", "list", "--format", "json").stdout
        let result = try Executables.run("narvaro", arguments, environment: ws.environment)
        #expect(result.status == status, "\(arguments): \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
        #expect(try ws.narvaro("reader", "list", "--format", "json").stdout == before, "nothing changed")
    }

    /// Reader commands are used at the venue: their refusals are in Swedish with `--lang sv`.
    @Test(arguments: [
        (["reader", "add", "kassa", "--venue", "tingshuset", "--usb", "ffff:0035", "--device", "/dev/input/event9"], "inte båda"),
        (["reader", "add", "kassa", "--venue", "tingshuset", "--device", "/dev/input/event9", "--name-pattern", "*RFID*"], "hör ihop med --usb"),
        (["reader", "add", "kassa", "--venue", "tingshuset", "--usb", "1:2"], "två hexadecimala tal"),
        (["reader", "add", "kassa", "--venue", "tingshuset", "--device", "event9"], "en absolut sökväg"),
        (["reader", "edit", "path", "--phys-pattern", "*-1/input0"], "hör ihop med --usb"),
        (["activity", "add", "laxhjalp", "--venue", "tingshuset", "--name", "Läxhjälp", "--age", "-3-5"], "--age tar LÄGST-HÖGST"),
    ])
    func refusalsAreInSwedish(arguments: [String], swedish: String) throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        #expect(try ws.narvaro("reader", "add", "path", "--venue", "tingshuset", "--device", "/dev/input/event5").status == 0)
        let result = try Executables.run("narvaro", ["--lang", "sv"] + arguments, environment: ws.environment)
        #expect(result.status != 0)
        #expect(result.stderr.contains(swedish), "\(arguments): \(result.stderr)")
    }

    @Test func anEmptyGlobOnAddMeansNone() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let added = try ws.narvaro("reader", "add", "kassa", "--venue", "tingshuset", "--usb", "ffff:0035", "--phys-pattern", "")
        #expect(added.status == 0, "\(added.stderr)")
        for (name, match) in try storedMatches(ws) {
            #expect(throws: Never.self, "narvarod would refuse reader \(name)") { try match.get() }
        }
    }

    @Test func editingTheDeviceSwitchesHowTheReaderIsFound() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        #expect(try ws.narvaro("reader", "edit", "entre", "--name-pattern", "*RFID*").status == 0)
        let toPath = try ws.narvaro("reader", "edit", "entre", "--device", "/dev/input/by-id/usb-reader-event-kbd")
        #expect(toPath.status == 0, "\(toPath.stderr)")
        #expect(try storedMatches(ws)["entre"]?.get() == .path("/dev/input/by-id/usb-reader-event-kbd"))
        let toUSB = try ws.narvaro("reader", "edit", "entre", "--usb", "08ff:0009")
        #expect(toUSB.status == 0, "\(toUSB.stderr)")
        #expect(try storedMatches(ws)["entre"]?.get() == .usb(vendor: 0x08ff, product: 0x0009, namePattern: nil, physPattern: nil))
    }
}
