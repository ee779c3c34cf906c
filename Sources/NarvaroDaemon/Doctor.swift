// `narvaro doctor`: checks what makes attendance recording work (database, card key, spool,
// readers, service) and says what to do about each problem.
import NarvaroCore
import Glibc

public struct DoctorFinding: Sendable, Equatable {
    public enum Status: String, Sendable { case ok, warning, problem }
    public var check: String
    public var status: Status
    public var detail: String
    /// What to do; empty when all is well.
    public var action: String
}

public enum Doctor {
    /// Database file: present, integrity, WAL, schema version, permissions.
    public static func checkDatabase(path: String) -> [DoctorFinding] {
        var findings: [DoctorFinding] = []
        guard access(path, F_OK) == 0 else {
            // Neither narvarod nor `venue add` creates a missing directory: say that, not "start it".
            let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
            if !directory.isEmpty, access(directory, F_OK) != 0 {
                return [DoctorFinding(check: "database", status: .problem, detail: "directory \(directory) does not exist",
                                      action: "create it, or choose another --database")]
            }
            return [DoctorFinding(check: "database", status: .problem, detail: "\(path) does not exist",
                                  action: "start narvarod once, or add a venue: narvaro venue add …")]
        }
        var info = stat()
        if stat(path, &info) == 0 {
            let mode = info.st_mode & 0o777
            let modeText = String(mode, radix: 8)
            findings.append(mode & 0o007 == 0
                ? DoctorFinding(check: "permissions", status: .ok, detail: "\(path) mode \(modeText)", action: "")
                : DoctorFinding(check: "permissions", status: .problem, detail: "\(path) mode \(modeText) lets everyone read visitor data",
                                action: "chmod 640 \(path)"))
        }
        do {
            let db = try NarvaroDatabase.open(path: path, create: false)
            let integrity = try db.integrityCheckResult()
            findings.append(integrity == "ok"
                ? DoctorFinding(check: "integrity", status: .ok, detail: "PRAGMA integrity_check: ok", action: "")
                : DoctorFinding(check: "integrity", status: .problem, detail: integrity, action: Self.recovery(path)))
            let mode = try db.journalMode()
            findings.append(DoctorFinding(check: "journal", status: mode == "wal" ? .ok : .problem, detail: "journal_mode=\(mode)",
                                          action: mode == "wal" ? "" : "put the database on a local disk that supports WAL"))
            let version = try db.schemaVersion()
            findings.append(DoctorFinding(check: "schema", status: .ok, detail: "schema version \(version) of \(Schema.currentVersion)", action: ""))
        } catch {
            let damaged = (error as? StoreError)?.databaseError?.isCorrupt == true
            findings.append(DoctorFinding(check: "database", status: .problem, detail: "\(error)",
                                          action: damaged ? Self.recovery(path) : "see the message; restore from backup if damaged"))
        }
        return findings
    }

    /// How to recover a damaged database, with its path filled in.
    static func recovery(_ path: String) -> String {
        "stop narvarod (systemctl stop narvarod), then restore \(path) from a backup; without a backup, "
            + "salvage what is readable: sqlite3 \(path) .recover | sqlite3 \(path).recovered, check it with "
            + "`narvaro --database \(path).recovered doctor` and `stats verify`, and move it into place"
    }

    /// The card key: present, private, the right size.
    public static func checkCardKey(path: String) -> DoctorFinding {
        do {
            _ = try CardKey.load(path: path)
            return DoctorFinding(check: "card key", status: .ok, detail: "\(path): 32 bytes, mode 600", action: "")
        } catch {
            return DoctorFinding(check: "card key", status: .problem, detail: "\(error)", action: "keep a backup of the card key next to database backups")
        }
    }

    /// Swipes waiting in the spool, and lines that will be quarantined (read only: nothing is changed).
    public static func checkSpool(database: String) -> DoctorFinding {
        let path = SwipeSpool.path(forDatabase: database)
        let contents: SpoolContents
        do { contents = try SwipeSpool(path: path).inspect() } catch {
            return DoctorFinding(check: "spool", status: .problem, detail: "\(error)", action: "narvarod refuses to start until this is fixed")
        }
        if !contents.quarantined.isEmpty {
            let lines = contents.quarantined.map { "line \($0.line): \($0.reason)" }.joined(separator: "; ")
            return DoctorFinding(check: "spool", status: .warning, detail: "\(path) has unreadable lines (\(lines))",
                                 action: "narvarod moves them to \(path).quarantine at its next start and commits the \(contents.swipes.count) good ones")
        }
        let waiting = contents.swipes.count
        return waiting == 0
            ? DoctorFinding(check: "spool", status: .ok, detail: "no swipes waiting", action: "")
            : DoctorFinding(check: "spool", status: .warning, detail: "\(waiting) swipes wait in \(path)",
                            action: "make sure narvarod runs and the disk has space: they are committed as soon as the database can take them")
    }

    /// The systemd service, when systemctl is there (`systemctl` names another program for tests).
    public static func checkService(systemctl: String? = nil) -> DoctorFinding {
        guard let program = systemctl ?? ["/usr/bin/systemctl", "/bin/systemctl"].first(where: { access($0, X_OK) == 0 }) else {
            return DoctorFinding(check: "service", status: .warning, detail: "systemd is not available here", action: "run narvarod by hand or under another supervisor")
        }
        guard let run = ChildProcess.output(of: program, ["is-active", "narvarod.service"]) else {
            return DoctorFinding(check: "service", status: .warning, detail: "systemctl did not run", action: "")
        }
        let state = String(run.output.split(whereSeparator: \.isWhitespace).first ?? "")
        return state == "active"
            ? DoctorFinding(check: "service", status: .ok, detail: "narvarod.service is active", action: "")
            : DoctorFinding(check: "service", status: .problem, detail: "narvarod.service is \(state.isEmpty ? "unknown" : state)",
                            action: "sudo systemctl enable --now narvarod; journalctl -u narvarod says why it stopped")
    }
}

extension Doctor {
    /// Each configured reader: is its device present, can it be opened, is it grabbed by someone?
    public static func checkReaders(store: Store, scanner: InputDeviceScanner = InputDeviceScanner()) -> [DoctorFinding] {
        guard let readers = try? store.readers() else { return [] }
        if readers.isEmpty {
            return [DoctorFinding(check: "readers", status: .warning, detail: "no readers configured", action: "narvaro reader add NAME --venue SLUG --usb VID:PID")]
        }
        var matches: [String: ReaderMatch] = [:]
        var findings: [DoctorFinding] = []
        for reader in readers {
            do {
                matches[reader.name] = try ReaderMatch(device: reader.device, usb: reader.usb, namePattern: reader.namePattern, physPattern: reader.physPattern)
            } catch {
                findings.append(DoctorFinding(check: "reader \(reader.name)", status: .problem, detail: "\(error)", action: "narvaro reader edit \(reader.name) …"))
            }
        }
        let devices = scanner.scan()
        let assignment = scanner.assign(readers: matches, devices: devices)
        for (name, problem) in assignment.problems.sorted(by: { $0.key < $1.key }) {
            let candidates = assignment.unmatched.filter(\.qualifies).map { "\($0.path) \($0.usbID ?? "") \($0.name ?? "")" }
            findings.append(DoctorFinding(check: "reader \(name)", status: .problem, detail: "\(problem)",
                                          action: candidates.isEmpty ? "plug the reader in; check `narvaro reader show \(name)`"
                                                                     : "keyboard-like devices seen: \(candidates.joined(separator: "; "))"))
        }
        for (name, device) in assignment.matched.sorted(by: { $0.key < $1.key }) {
            do {
                let source = try ReaderSource(path: device.path)
                defer { source.close() }
                do {
                    try source.grab()
                    findings.append(DoctorFinding(check: "reader \(name)", status: .warning, detail: "\(device.path) is present but nobody reads it",
                                                  action: "start narvarod: sudo systemctl start narvarod"))
                } catch {
                    findings.append(DoctorFinding(check: "reader \(name)", status: .ok, detail: "\(device.path) present and grabbed (by narvarod when it runs)", action: ""))
                }
            } catch {
                findings.append(DoctorFinding(check: "reader \(name)", status: .problem, detail: "\(error)", action: "run as root or a member of group 'input'"))
            }
        }
        return findings
    }
}
