// narvaro export: aggregated, suppressed statistics for the municipality, as CSV, JSON or HTML.
import NarvaroCLI
import NarvaroCore
import NarvaroDesk
import NarvaroDaemon
import Foundation
import Glibc

let exportCommands: [CommandSpec] = [
    CommandSpec(["export"], "aggregated statistics for the municipality: no personal data, small counts hidden",
                options: [
                    .value("--period", "P", "2026-H2, 2026-11, 2026-W47 or FROM..TO"),
                    .value("--venue", "SLUG", "only this venue"), .value("--organizer", "NAME", "only this organizer's activities"),
                    .value("--format", "csv|json|html", "output format"),
                    .flag("--excel-sv", "with csv: ';' separator, decimal comma and a BOM for Swedish spreadsheets"),
                    .value("--min-cell", "K", "counts from 1 to K-1 are hidden (default 5)"),
                    .value("--protect", "suppression|cell-key", "how people counts are protected (default suppression; cell-key also closes differencing between overlapping exports)"),
                    .value("--output", "FILE", "write to FILE (mode 0640; - is standard output); never a link, FIFO or device"),
                    .flag("--force", "replace an existing FILE, or write into a directory everyone may write to"),
                ]) { args, ctx in
        guard let period = try args.parsed("--period", { try Period.parse($0) }) else { throw CommandError.usage("missing --period, e.g. --period 2026-H2") }
        guard let format = args.string("--format") else { throw CommandError.usage("missing --format csv|json|html") }
        guard ["csv", "json", "html"].contains(format) else { throw CommandError.usage("--format takes csv, json or html, not '\(format)'") }
        if args.flag("--excel-sv"), format != "csv" { throw CommandError.usage("--excel-sv goes with --format csv") }
        let minCell = try args.int("--min-cell", in: 2...100) ?? 5
        let protectText = args.string("--protect") ?? ExportProtection.suppression.rawValue
        guard let protection = ExportProtection(rawValue: protectText) else {
            throw CommandError.usage("--protect takes suppression or cell-key, not '\(protectText)'")
        }
        let language = ctx.lang
        let output = try args.string("--output").flatMap { try checkedOutputPath($0, force: args.flag("--force")) }
        let request = ExportRequest(period: period, venue: args.string("--venue"), organizer: args.name("--organizer"),
                                    minCell: minCell, exportedBy: exporter(ctx.environment), exportedAt: isoNow(ctx), language: language,
                                    protection: protection)
        let document = try ctx.intactReadStore().exportDocument(request)
        try writeExport(document, format: format, language: language, args: args, output: output, ctx: ctx)
    },
]

/// Writes an export document in `format` to `output` (nil: standard output), byte for byte: the
/// writers made its text safe for terminals and spreadsheets. Shared by `export` and `central export`.
func writeExport(_ document: ExportDocument, format: String, language: Lang, args: ParsedArguments, output: String?,
                 ctx: CommandContext) throws {
    let text: String
    switch format {
    case "json": text = try JSONExport.write(document)
    case "html": text = try HTMLExport.write(document, lang: language)
    default: text = try CSVExport.write(document, variant: args.flag("--excel-sv") ? .excelSwedish : .rfc4180, lang: language)
    }
    guard let output else { ctx.outDocument(text); return }
    try OutputFile.write(Array(text.utf8), to: output, mode: 0o640, existing: args.flag("--force") ? .replace : .refuse)
    ctx.err(ctx.lang.text("wrote {} ({}, {}, {}, counts below {} hidden)", output, format, document.header.period,
                         document.header.protection.rawValue, String(document.header.minCell)) + "\n")
}

/// `user@host` of whoever runs the export.
func exporter(_ environment: [String: String]) -> String {
    var name = [CChar](repeating: 0, count: 256)
    let host = gethostname(&name, 255) == 0 ? String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "localhost"
    let user = environment["SUDO_USER"] ?? environment["USER"] ?? environment["LOGNAME"]
        ?? getpwuid(getuid()).map { String(cString: $0.pointee.pw_name) } ?? "uid \(getuid())"
    return "\(user)@\(host)"
}

func isoNow(_ ctx: CommandContext) -> String {
    let clock = (try? VenueClock(identifier: ctx.environment["TZ"] ?? "Europe/Stockholm")) ?? (try? VenueClock(identifier: "UTC"))
    return clock.map { ISO8601.format(ctx.now, clock: $0) } ?? ISO8601.format(ctx.now)
}

/// The export's file, or nil for standard output (`-`). Checked before the export is built: a path
/// that is not a regular file is refused, an existing file needs --force, and so does a directory
/// everyone may write to (someone could swap the file).
func checkedOutputPath(_ path: String, force: Bool) throws -> String? {
    if path == "-" { return nil }
    guard !path.isEmpty else { throw CommandError.usage("--output takes a file name, or - for standard output") }
    try OutputFile.check(path, existing: force ? .replace : .refuse)
    let directory = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : "."
    var info = stat()
    if stat(directory.isEmpty ? "/" : directory, &info) == 0, info.st_mode & 0o002 != 0, !force {
        throw CommandError.unsafeOutput("\(directory.isEmpty ? "/" : directory) is writable by everyone: write the export somewhere private, or add --force")
    }
    return path
}
