// Renders benchmark results (one per database size) as the Markdown tables of docs/benchmarks.md,
// with the two numbers a reader looks for computed, not eyeballed: the ingest ratio to raw SQLite,
// and how much report latency grows from the smallest to the largest database.
import NarvaroCLI
import NarvaroCore
import NarvaroDaemon
import NarvaroCommands

public enum BenchmarkTable {
    public static func markdown(_ results: [BenchmarkResult]) -> String {
        let results = results.sorted { $0.size.checkIns < $1.size.checkIns }
        guard let smallest = results.first, let largest = results.last else { return "No results.\n" }
        var out = "SQLite \(smallest.sqliteVersion).\n\n"
        out += "### Databases\n\n"
        out += row(["size", "check-ins", "venues", "history", "visitors", "generated in", "file", "bytes / check-in"], header: true)
        for r in results {
            let g = r.generation
            out += row([r.label, count(r.size.checkIns), g.map { String($0.venues) } ?? "–",
                        g.map { "\($0.firstDay) – \($0.lastDay)" } ?? "–", g.map { count($0.visitors) } ?? "–",
                        g.map { "\(fixed($0.seconds, 1)) s (\(count(Int(Double($0.checkIns) / max($0.seconds, 0.001)))) /s)" } ?? "–",
                        megabytes(r.size.bytes), fixed(r.size.bytesPerCheckIn, 0)])
        }
        out += "\n### Ingest (WAL, synchronous=FULL)\n\n"
        out += "Swipe path: key events → CardDecoder → card hash → attribution → check-in, one transaction per swipe, as "
            + "narvarod commits them; their statistics (visits, first_visits, day_totals) in narvarod's catch-up, every 256 "
            + "swipes and after the last, timed too (results before 2026-12-03 23:00 UTC wrote them in each swipe's transaction). Raw: the same check-in rows, `INSERT` only, one transaction per row, "
            + "through a bare sqlite3 connection with the same pragmas. Each side twice: *from an empty WAL* (cold, the file "
            + "growing with its syncs: narvarod's first `wal_autocheckpoint` pages after it starts, which 500 swipes pass, "
            + "checkpointing once, and their check-in rows alone do not), then as many more "
            + "swipes *on a reused WAL* (warm, writing over the frames of the first run: narvarod's state from then on). "
            + "Raw, every row of each swipe: copies of all the rows those swipes wrote (a new card's visitor and card, the check-in, "
            + "a new visit, its day total, a first visit), each swipe's in one transaction: the swipe path's writes without its "
            + "decisions (hashing, look-up, attribution). CPU: the process's user + system time, the kernel's share of each sync included.\n\n"
        out += row(["size", "swipe path, reused WAL", "raw check-in rows", "swipe path / raw", "raw, every row of each swipe",
                    "swipe path / raw every row", "CPU µs: swipe / row / every row", "swipe path, empty WAL", "raw check-in rows, empty WAL",
                    "swipe path / raw, empty WAL"], header: true)
        for r in results {
            let all = r.rawAllReusedWAL?.rate
            let steady = [r.pipelineReusedWAL, r.rawReusedWAL].map(rate)
            let cpu = [r.pipelineReusedWAL, r.rawReusedWAL, all].map { $0?.cpuMicroseconds.map { fixed($0, 0) } ?? "–" }
            out += row([r.label] + steady + [ratio(r.pipelineReusedWAL, r.rawReusedWAL), rate(all), ratio(r.pipelineReusedWAL, all),
                        cpu.joined(separator: " / "), rate(r.pipeline), rate(r.raw), ratio(r.pipeline, r.raw)])
        }
        if results.contains(where: { $0.pairedReusedWAL?.isEmpty == false }) {
            out += "\nPaired rounds on a reused WAL: in each round new swipes through the warm swipe path, then at once their "
                + "check-in rows raw, so both sides of a round see the disk in the same state; the ratio of each round, "
                + "their median and range.\n\n"
            out += row(["size", "rounds", "swipes a round", "swipe path / raw, median", "range", "each round"], header: true)
            for r in results {
                guard let rounds = r.pairedReusedWAL, !rounds.isEmpty else { continue }
                let ratios = rounds.map(\.ratio)
                let sorted = ratios.sorted()
                out += row([r.label, String(rounds.count), String(rounds[0].swipePath.count), fixed(BenchmarkParse.median(ratios), 2),
                            "\(fixed(sorted[0], 2))–\(fixed(sorted[sorted.count - 1], 2))", ratios.map { fixed($0, 2) }.joined(separator: ", ")])
            }
        }
        out += "\nBatched: `recordBatch`, all swipes in one transaction; "
            + "raw batched: the batch's check-in rows, `INSERT` only, in one transaction; raw batched, all rows: copies of every row "
            + "the batch wrote (new visitors and cards, check-ins, visits, first visits, day totals) in one transaction, per swipe.\n\n"
        out += row(["size", "batched import", "raw batched", "batched / raw batched", "raw batched, all rows", "batched / raw all rows"], header: true)
        for r in results {
            out += row([r.label, "\(count(Int(r.batch.perSecond))) /s (\(r.batch.count) in one transaction)",
                        r.rawBatch.map { "\(count(Int($0.perSecond))) /s" } ?? "–",
                        ratio(r.batch, r.rawBatch),
                        r.rawBatchAll.map { "\(count(Int($0.perSecond))) /s (\(count($0.rows.reduce(0) { $0 + $1.count })) rows)" } ?? "–",
                        r.rawBatchAll.map { $0.perSecond > 0 ? fixed(r.batch.perSecond / $0.perSecond, 2) : "–" } ?? "–"])
        }
        out += "\n### Report latency (`Store.attendance`, ms, median / p95)\n\n"
        out += "\(smallest.reports.first?.runs ?? 0) random periods of each kind inside the history, warm cache. "
            + "*One venue* is venue-001, which has the same weekly shape at every size; *all venues* grows with the number of venues.\n\n"
        out += row(["size", "scope", "week", "month", "half-year", "visits in a half-year"], header: true)
        for r in results {
            for scope in ["one venue", "all venues"] {
                let cells = BenchmarkReports.kinds.map { kind in
                    r.reports.first { $0.period == kind && $0.scope == scope }.map { "\(fixed($0.medianMilliseconds, 2)) / \(fixed($0.p95Milliseconds, 2))" } ?? "–"
                }
                let halfVisits = r.reports.first { $0.period == "half" && $0.scope == scope }.map { count(Int($0.meanVisits)) } ?? "–"
                out += row([r.label, scope] + cells + [halfVisits])
            }
        }
        if results.count > 1 {
            out += "\nGrowth of the median between sizes (what changed: years of history, venues):\n\n"
            var pairs = Array(zip(results, results.dropFirst()))
            if results.count > 2 { pairs.append((smallest, largest)) }
            for (a, b) in pairs {
                out += "- \(a.label) → \(b.label) (\(shape(a)) → \(shape(b))): " + ["one venue", "all venues"].map { scope in
                    scope + " " + BenchmarkReports.kinds.map { kind in
                        guard let x = a.reports.first(where: { $0.period == kind && $0.scope == scope }),
                              let y = b.reports.first(where: { $0.period == kind && $0.scope == scope }), x.medianMilliseconds > 0 else { return "–" }
                        return "×" + fixed(y.medianMilliseconds / x.medianMilliseconds, 2)
                    }.joined(separator: " / ")
                }.joined(separator: "; ") + " (week / month / half-year)\n"
            }
        }
        if !largest.size.tables.isEmpty {
            out += "\n### Where the bytes go (\(largest.label), tables with their indexes)\n\n"
            out += row(["table", "bytes / check-in", "share"], header: true)
            // Configuration tables round to nothing per check-in: leave them out.
            for (table, bytes) in largest.size.tables.sorted(by: { $0.value > $1.value }) where bytes * 1000 >= largest.size.bytes {
                out += row([table, fixed(Double(bytes) / Double(max(1, largest.size.checkIns)), 1),
                            "\(fixed(100 * Double(bytes) / Double(max(1, largest.size.bytes)), 1)) %"])
            }
        }
        if !largest.plans.isEmpty {
            out += "\n### Report query plans (\(largest.label), `EXPLAIN QUERY PLAN`)\n\n```\n"
            for plan in largest.plans { out += "\(plan.table):\n" + plan.steps.map { "  \($0)\n" }.joined() }
            out += "```\n"
        }
        return out
    }

    /// `17.0 y, 10 venues`: the history length and breadth of a generated database.
    static func shape(_ r: BenchmarkResult) -> String {
        guard let g = r.generation, let a = try? LocalDate.parse(g.firstDay), let b = try? LocalDate.parse(g.lastDay) else { return "?" }
        return "\(fixed(Double(b.dayNumber - a.dayNumber + 1) / 365.25, 1)) y, \(g.venues) venue\(g.venues == 1 ? "" : "s")"
    }

    static func row(_ cells: [String], header: Bool = false) -> String {
        var text = "| " + cells.joined(separator: " | ") + " |\n"
        if header { text += "|" + String(repeating: "---|", count: cells.count) + "\n" }
        return text
    }

    /// `1234567` → `1 234 567` (thin grouping the Swedish way, readable in English too).
    static func count(_ n: Int) -> String {
        let digits = Array(String(n.magnitude))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += " " }
            out.append(d)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// "N /s (count)", "–" when missing (an older result).
    static func rate(_ r: RateResult?) -> String { r.map { "\(count(Int($0.perSecond))) /s (\($0.count))" } ?? "–" }

    /// `a / b` to two places, "–" when either is missing (an older result) or `b` measured nothing.
    static func ratio(_ a: RateResult?, _ b: RateResult?) -> String {
        guard let a, let b, b.perSecond > 0 else { return "–" }
        return fixed(a.perSecond / b.perSecond, 2)
    }

    static func fixed(_ x: Double, _ places: Int) -> String {
        guard x.isFinite else { return "–" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((x * scale).rounded())
        let whole = scaled / Int(scale), frac = abs(scaled % Int(scale))
        guard places > 0 else { return String(whole) }
        let f = String(frac)
        return (x < 0 && whole == 0 ? "-" : "") + "\(whole)." + String(repeating: "0", count: places - f.count) + f
    }

    static func megabytes(_ bytes: Int) -> String { "\(fixed(Double(bytes) / 1_048_576, 1)) MiB" }
}
