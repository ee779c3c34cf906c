// The swipe path's writes without its decisions: copies of every row each swipe wrote, each swipe's
// rows in one transaction through the raw connection, so what is left between it and the swipe path
// is hashing, the look-up and attribution. Used only by NarvaroBench.
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
        try raw.execute("PRAGMA cache_size = -2000")
        var statements: [OpaquePointer] = []
        defer { for stmt in statements { sqlite3_finalize(stmt) } }
        for sql in Self.swipeRowInserts.map(\.sql) + ["BEGIN IMMEDIATE", "COMMIT"] { statements.append(try rawStatement(sql)) }
        let (begin, commit) = (statements[statements.count - 2], statements[statements.count - 1])
        var counts = Array(repeating: 0, count: Self.swipeRowInserts.count)
        let cpu = ProcessCPUClock.seconds()
        let started = ContinuousClock.now
        for swipe in plan {
            try step(begin, [])
            do {
                for (i, values) in [swipe.visitor, swipe.card, swipe.checkIn, swipe.visit, swipe.dayTotal, swipe.firstVisit].enumerated() {
                    guard let values else { continue }
                    try step(statements[i], values)
                    counts[i] += 1
                }
                try step(commit, [])
            } catch {
                try? raw.execute("ROLLBACK")
                throw error
            }
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
        var visitors = Dictionary(uniqueKeysWithValues: try db.query(Self.newVisitors, bindings: Array(ids[0...1])).map {
            ($0.int64(0), Array($0.values.dropFirst()))
        })
        var cards = Dictionary(uniqueKeysWithValues: try db.query(Self.newCards, bindings: Array(ids[2...3])).map {
            ($0.int64(0), Array($0.values.dropFirst()))
        })
        let days: [SQLValue] = [.integer(Int64(mark.day)), .integer(Int64(end.day))]
        var visits = Set(try db.query(Self.newVisits, bindings: days).map { $0.values })
        let firstDays = Dictionary(uniqueKeysWithValues: try db.query(Self.newFirstVisits, bindings: days + [.integer(Self.venueShift)]).map {
            ([$0.values[0], $0.values[1]], $0.values[2])
        })
        var firstVisitsLeft = Set(firstDays.keys)
        let checkIns = try db.query(Self.newCheckIns, bindings: [.integer(mark.checkIn), .integer(end.checkIn)])
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
                // Every visit on the visitor's first day at the venue counts them new; the first visit row is written once.
                let isFirst = firstDays[[row[5], row[2]]] == row[6]
                if isFirst, firstVisitsLeft.remove([row[5], row[2]]) != nil {
                    rows.firstVisit = [row[5], .integer(row.int64(2) + Self.venueShift), row[6]]
                }
                let traits = try db.queryOne(Self.visitorTraits, row[5])
                rows.dayTotal = [row[2], .integer(day + Self.dayShift), row[3], traits?[0] ?? .text("participant"),
                                 traits?[1] ?? .text("unstated"), .integer(isFirst ? 1 : 0)]
            }
            return rows
        }
    }

    private static let newVisitors =
        "SELECT id, code || '~swipe', nickname, birth_year, gender, role, enrolled, created_at, cell_key FROM visitors WHERE id > ?1 AND id <= ?2"
    private static let newCards = "SELECT id, card_hash, visitor_id, activity_id, revoked_at, created_at FROM cards WHERE id > ?1 AND id <= ?2"
    private static let newVisits = "SELECT venue_id, local_day, activity_id, visitor_id FROM visits WHERE local_day > ?1 AND local_day <= ?2"
    private static let newFirstVisits =
        "SELECT visitor_id, venue_id, first_day FROM first_visits WHERE first_day > ?1 AND first_day <= ?2 AND venue_id < ?3"
    private static let newCheckIns = "SELECT \(Store.checkInColumns) FROM checkins WHERE id > ?1 AND id <= ?2 ORDER BY id"
    private static let visitorTraits = "SELECT role, gender FROM visitors WHERE id = ?1"
}
