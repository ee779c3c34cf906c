// narvaro bench generate|measure|table: the benchmark behind scripts/bench, for developers. Not in
// the overview (main.swift adds it only when asked for); benchmark databases use a fixed, public card key.
import NarvaroCLI
import NarvaroCore
import NarvaroDaemon
import NarvaroCommands
import Foundation

/// A store on a benchmark database, with the benchmark's public card key.
func benchStore(_ ctx: CommandContext, create: Bool) throws -> Store {
    try Store(path: ctx.databasePath, create: create, cardKey: { CardHasher(key: BenchmarkGenerator.cardKey) })
}

func readJSON<T: Decodable>(_ type: T.Type, from path: String) throws -> T {
    guard let data = FileManager.default.contents(atPath: path) else { throw CommandError.unreadableInput("cannot read \(path): check the path") }
    do { return try JSONDecoder().decode(type, from: data) } catch {
        throw CommandError.unreadableInput("\(path) is not a benchmark result: run `narvaro bench measure` again")
    }
}

/// Writes a result under the rule for every file Närvaro writes: never over an existing file
/// (scripts/bench clears its results first), never through a link, FIFO or device.
func writeJSON<T: Encodable>(_ value: T, to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try OutputFile.write(Array(try encoder.encode(value)), to: path, mode: 0o644, existing: .refuse)
}

public let benchCommands: [CommandSpec] = [
    CommandSpec(["generate"], "generate a realistic benchmark database at --database (a new file)",
                options: [.value("--size", "N", "check-ins: 10k, 1m, 10m or a number (default 10k)"),
                          .value("--seed", "N", "random seed (default 1)"), .value("--venues", "N", "venues (default: one per 100k check-ins)"),
                          .value("--out", "FILE", "also write the summary as JSON to FILE")]) { args, ctx in
        if let out = args.string("--out") { try OutputFile.check(out, existing: .refuse) }  // before minutes of work
        guard let size = BenchmarkPlan.parseSize(args.string("--size") ?? "10k") else {
            throw CommandError.usage("--size takes 10k, 1m, 10m or a number of check-ins up to 100m")
        }
        if FileManager.default.fileExists(atPath: ctx.databasePath) {
            throw CommandError.wrongDatabase("\(ctx.databasePath) exists: benchmark databases are generated into a new file")
        }
        var plan = BenchmarkPlan.forSize(size, seed: UInt64(try args.int("--seed", in: 0...Int.max) ?? 1))
        if let venues = try args.int("--venues", in: 1...10_000) { plan.venues = venues }
        let generator = BenchmarkGenerator(store: try benchStore(ctx, create: true), plan: plan)
        var reported = 0
        let summary = try generator.run { written in
            guard written - reported >= 1_000_000 || written == plan.checkIns else { return }
            reported = written
            ctx.err("generated \(written) check-ins\n")
        }
        if let out = args.string("--out") { try writeJSON(summary, to: out) }
        ctx.out("generated \(summary.checkIns) check-ins, \(summary.visitors) visitors, \(summary.venues) venues, "
            + "\(summary.firstDay) – \(summary.lastDay), in \(String(format: "%.1f", summary.seconds)) s\n")
    },
    CommandSpec(["measure"], "measure ingest, report latency and size on a generated database (adds check-ins: use a copy)",
                options: [.value("--out", "FILE", "write the result as JSON to FILE"), .value("--label", "NAME", "the size's name, e.g. 1m"),
                          .value("--generation", "FILE", "the summary `bench generate --out` wrote"),
                          .value("--swipes", "N", "swipes through the daemon path (default 500)"),
                          .value("--batch", "N", "swipes in the batched import (default 5000)"),
                          .value("--runs", "N", "report runs per period kind (default 30)"),
                          .flag("--quick", "fewer swipes and runs: a smoke test, not numbers to keep")]) { args, ctx in
        guard let out = args.string("--out") else { throw CommandError.usage("--out FILE is required") }
        try OutputFile.check(out, existing: .refuse)
        var options = args.flag("--quick") ? BenchmarkOptions.quick : BenchmarkOptions()
        options.swipes = try args.int("--swipes", in: 1...1_000_000) ?? options.swipes
        options.batch = try args.int("--batch", in: 1...10_000_000) ?? options.batch
        options.runs = try args.int("--runs", in: 1...10_000) ?? options.runs
        let generation = try args.string("--generation").map { try readJSON(BenchmarkSummary.self, from: $0) }
        let store = try benchStore(ctx, create: false)
        let result = try BenchmarkRunner.measure(store: store, label: args.string("--label") ?? "db", generation: generation,
                                                 options: options) { ctx.err("measuring: \($0)\n") }
        try writeJSON(result, to: out)
        ctx.out(BenchmarkTable.markdown([result]))
    },
    CommandSpec(["table"], "render the results in DIR (*.json from `bench measure`) as Markdown tables",
                positionals: [.required("DIR", "the directory holding the results")]) { args, ctx in
        let dir = args.positional(0) ?? "."
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        let results = try files.filter { $0.hasSuffix(".result.json") }.sorted().map { try readJSON(BenchmarkResult.self, from: dir + "/" + $0) }
        guard !results.isEmpty else { throw CommandError.unreadableInput("no *.result.json in \(dir): run `narvaro bench measure --out \(dir)/SIZE.result.json` first") }
        ctx.out(BenchmarkTable.markdown(results))
    },
    CommandSpec(["enrol"], "enrol the known cards of `bench recording` as visitors in the database (setup for the replay benchmark)",
                options: [.value("--cards", "N", "cards to enrol (default 2000, the recording's pool)")]) { args, ctx in
        let count = try args.int("--cards", in: 1...1_000_000) ?? BenchmarkRecording.knownCards
        let store = try ctx.store()
        // Setup, not what is measured: skip the fsync of each visitor's transaction.
        try store.skipSyncForSetup()
        for id in 1...count {
            _ = try store.addVisitor(VisitorDetails(), card: BenchmarkGenerator.cardText(visitorID: Int64(id), generation: 0),
                                     format: .decimal10, now: ctx.now, currentYear: ctx.currentYear)
        }
        ctx.out("enrolled \(count) visitors\n")
    },
    CommandSpec(["recording"], "write an evemu recording of a decimal10 reader typing N swipes (offset times: replay with --start)",
                options: [.value("--swipes", "N", "swipes (default 20000)"), .value("--seed", "N", "random seed (default 1)"),
                          .value("--out", "FILE", "write to FILE instead of standard output")]) { args, ctx in
        let count = try args.int("--swipes", in: 1...100_000_000) ?? 20_000
        let seed = UInt64(try args.int("--seed", in: 0...Int.max) ?? 1)
        var fd: Int32 = 1
        if let out = args.string("--out") {
            fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw CommandError.unwritableOutput("cannot write \(out): \(String(cString: strerror(errno)))") }
        }
        defer { if fd != 1 { close(fd) } }
        guard BenchmarkRecording.write(count: count, seed: seed, to: fd) else {
            throw CommandError.unwritableOutput("writing the recording failed: \(String(cString: strerror(errno)))")
        }
    },
    CommandSpec(["parse"], "measure the evemu parser alone on FILE held in memory (lines per second, median of --runs)",
                positionals: [.required("FILE", "an evemu recording")],
                options: [.value("--runs", "N", "runs (default 5)")]) { args, ctx in
        let path = args.positional(0) ?? ""
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandError.unreadableInput("cannot read \(path): check the path") }
        let m = try BenchmarkParse.measure(text: String(decoding: data, as: UTF8.self), runs: try args.int("--runs", in: 1...1_000) ?? 5)
        ctx.out("\(m.lines) lines, \(m.events) events: \(Int(m.stringLinesPerSecond)) lines/s as String lines, \(Int(m.byteLinesPerSecond)) lines/s as byte lines\n")
    },
]
