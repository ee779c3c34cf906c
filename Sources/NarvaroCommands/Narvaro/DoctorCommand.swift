// narvaro doctor: what stands between a swipe and a recorded check-in, and what to do about it.
import NarvaroCLI
import NarvaroCore
import NarvaroDesk
import NarvaroDaemon

let doctorCommands: [CommandSpec] = [
    CommandSpec(["doctor"], "check the database, card key, readers, spool and service, and say what to do",
                options: [.value("--format", "table|json", "output format")]) { args, ctx in
        var findings = Doctor.checkDatabase(path: ctx.databasePath)
        findings.append(Doctor.checkCardKey(path: ctx.cardKeyPath))
        findings.append(Doctor.checkSpool(database: ctx.databasePath))
        if let store = try? ctx.readStore() {
            findings += Doctor.checkReaders(store: store, scanner: InputDeviceScanner(devRoot: ctx.environment["NARVARO_DEV_ROOT"] ?? "/dev",
                                                                                     sysRoot: ctx.environment["NARVARO_SYS_ROOT"] ?? "/sys"))
        }
        findings.append(Doctor.checkService())
        if try ctx.format(args) == "json" {
            ctx.out(.array(findings.map { .object([("check", .string($0.check)), ("status", .string($0.status.rawValue)),
                                                   ("detail", .string($0.detail)), ("action", .string($0.action))]) }))
        } else {
            // The table in the chosen language (DoctorPhrases.swift); the JSON above stays English for scripts.
            let l = ctx.lang
            for f in findings {
                let status = l.doctorText(f.status == .ok ? "ok" : f.status == .warning ? "warn" : "FAIL")
                // `reader NAME`: the word translated, the name as it is.
                let check = f.check.hasPrefix("reader ") ? l.doctorText("reader") + f.check.dropFirst("reader".count) : l.doctorText(f.check)
                ctx.out("\(status)\(String(repeating: " ", count: max(0, 4 - status.count)))  \(check): \(l.doctorText(f.detail))\n")
                if !f.action.isEmpty { ctx.out("      → \(l.doctorText(f.action))\n") }
            }
        }
        let problems = findings.filter { $0.status == .problem }.count
        if problems > 0 { throw CommandError.checkFailed("doctor found \(problems) problem\(problems == 1 ? "" : "s") (see above)") }
    }
]
