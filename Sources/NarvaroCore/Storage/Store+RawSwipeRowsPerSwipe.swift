// The fair baseline of the swipe path: copies of every row each swipe wrote (a new card's
// placeholder visitor and card, the check-in, a new visit with its day total, a first visit),
// each swipe's rows in one transaction of their own through the raw connection. What is left
// between it and the swipe path is the deciding: hashing, the look-up, attribution. Used only by NarvaroBench.
import CSQLite

extension RawCheckInCopier {
    /// The rows one swipe wrote, as the values to insert.
    private struct SwipeRows {
        var visitor: [SQLValue]?
        var card: [SQLValue]?
        var checkIn: [SQLValue]
        var visit: [SQLValue]?
        var dayTotal: [SQLValue]?
        var firstVisit: [SQLValue]?
    }

    /// Days added to copied visits and day totals, venue ids added to copied first visits: far from
    /// every real row and from the batch baseline's copies (`insertRowCopiesRaw`).
    static let dayShift: Int64 = 200_000
    static let venueShift: Int64 = 2_000_000

    /// Inserts, swipe by swipe, copies of the rows the swipes between `mark` and `end` wrote (one
    /// transaction per swipe, as narvarod commits them), and returns how many swipes and rows of each
    /// table were copied, the time and the process CPU. Copies stay apart from the originals:
    /// visitor codes get a suffix, card hashes and swipe keys are XORed with 0x5A, visits and day
    /// totals move `dayShift` days on, first visits to venue id + `venueShift`; a day total is
    /// counted in age band "copy" (the same B-tree and triggers, one row per role and gender).
    package func insertSwipeRowCopies(since mark: Store.RowMark, until end: Store.RowMark)
        throws -> (swipes: Int, rows: [(table: String, count: Int)], duration: Duration, cpuSeconds: Double) {
        let plan = try swipeRows(since: mark, until: end)
        let statements = try Self.swipeRowInserts.map { try rawStatement($0.sql) }
        let begin = try rawStatement("BEGIN IMMEDIATE"), commit = try rawStatement("COMMIT")
        defer { for stmt in statements + [begin, commit] { sqlite3_finalize(stmt) } }
        var counts = Array(repeating: 0, count: statements.count)
        let cpu = ProcessCPUClock.seconds()
        let started = ContinuousClock.now
        for swipe in plan {
            try step(begin, [])
            for (i, values) in [swipe.visitor, swipe.card, swipe.checkIn, swipe.visit, swipe.dayTotal, swipe.firstVisit].enumerated() {
                guard let values else { continue }
                do { try step(statements[i], values) } catch { try? raw.execute("ROLLBACK"); throw error }
                counts[i] += 1
            }
            try step(commit, [])
        }
        let duration = ContinuousClock.now - started
        return (plan.count, zip(Self.swipeRowInserts, counts).map { ($0.table, $1) }, duration, ProcessCPUClock.seconds() - cpu)
    }

    private static let swipeRowInserts: [(table: String, sql: String)] = [
        ("visitors", "INSERT INTO visitors(code, nickname, birth_year, gender, role, enrolled, created_at, cell_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
        ("cards", "INSERT INTO cards(card_hash, visitor_id, activity_id, revoked_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5)"),
        ("checkins", Store.insertCheckInCopy),
        ("visits", "INSERT INTO visits(venue_id, local_day, activity_id, visitor_id) VALUES (?1, ?2, ?3, ?4)"),
        ("day_totals", "INSERT INTO day_totals(venue_id, local_day, activity_id, role, gender, age_band, visits, new_visitors) "
            + "VALUES (?1, ?2, ?3, ?4, ?5, 'copy', 1, ?6) "
            + "ON CONFLICT DO UPDATE SET visits = visits + 1, new_visitors = new_visitors + excluded.new_visitors"),
        ("first_visits", "INSERT INTO first_visits(visitor_id, venue_id, first_day) VALUES (?1, ?2, ?3)"),
    ]

    /// Each swipe's rows, read through the store's connection before anything is timed. A swipe
    /// wrote a card (and its placeholder visitor) when its check-in is the first with a card made
    /// after `mark`; a visit when it is the first check-in with the visit's key; a first
    /// visit when that visit is on the visitor's first day at the venue.
    private func swipeRows(since mark: Store.RowMark, until end: Store.RowMark) throws -> [SwipeRows] {
        let db = store.db
        let ids: [SQLValue] = [.integer(mark.visitor), .integer(end.visitor), .integer(mark.card), .integer(end.card)]
        var visitors = Dictionary(uniqueKeysWithValues: try db.query(
            "SELECT id, code || '~swipe', nickname, birth_year, gender, role, enrolled, created_at, cell_key FROM visitors WHERE id > ?1 AND id <= ?2",
            bindings: Array(ids[0...1])).map { ($0.int64(0), Array($0.values.dropFirst())) })
        var cards = Dictionary(uniqueKeysWithValues: try db.query(
            "SELECT id, card_hash, visitor_id, activity_id, revoked_at, created_at FROM cards WHERE id > ?1 AND id <= ?2",
            bindings: Array(ids[2...3])).map { ($0.int64(0), Array($0.values.dropFirst())) })
        let days: [SQLValue] = [.integer(Int64(mark.day)), .integer(Int64(end.day))]
        var visits = Set(try db.query("SELECT venue_id, local_day, activity_id, visitor_id FROM visits WHERE local_day > ?1 AND local_day <= ?2",
                                      bindings: days).map { $0.values })
        var firstDays = Dictionary(uniqueKeysWithValues: try db.query(
            "SELECT visitor_id, venue_id, first_day FROM first_visits WHERE first_day > ?1 AND first_day <= ?2 AND venue_id < ?3",
            bindings: days + [.integer(Self.venueShift)]).map { ([$0.values[0], $0.values[1]], $0.values[2]) })
        let checkIns = try db.query("SELECT \(Store.checkInColumns) FROM checkins WHERE id > ?1 AND id <= ?2 ORDER BY id",
                                    bindings: [.integer(mark.checkIn), .integer(end.checkIn)])
        return try checkIns.map { row in
            var values = row.values
            values[9] = .blob(row.blob(9).map { $0 ^ 0x5A })
            var rows = SwipeRows(checkIn: values)
            if case .integer(let cardID) = row[4], var card = cards.removeValue(forKey: cardID) {
                if case .blob(let hash) = card[0] { card[0] = .blob(hash.map { $0 ^ 0x5A }) }
                rows.card = card
                if case .integer(let visitorID) = card[1] { rows.visitor = visitors.removeValue(forKey: visitorID) }
            }
            // time_us, reader, venue, activity, card, visitor, local_day, outcome: the visit's key.
            let key = [row[2], row[6], row[3], row[5]]
            if visits.remove(key) != nil {
                let day = row.int64(6)
                rows.visit = [row[2], .integer(day + Self.dayShift), row[3], row[5]]
                let isFirst = firstDays[[row[5], row[2]]] == row[6]
                if isFirst {
                    firstDays[[row[5], row[2]]] = nil
                    rows.firstVisit = [row[5], .integer(row.int64(2) + Self.venueShift), row[6]]
                }
                let traits = try db.queryOne("SELECT role, gender FROM visitors WHERE id = ?1", row[5])
                rows.dayTotal = [row[2], .integer(day + Self.dayShift), row[3], traits?[0] ?? .text("participant"),
                                 traits?[1] ?? .text("unstated"), .integer(isFirst ? 1 : 0)]
            }
            return rows
        }
    }
}
