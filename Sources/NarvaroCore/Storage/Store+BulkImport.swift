// The benchmark generator's bulk import: rows written straight into the tables, statistics
// included, for histories too long to swipe through the recorder. Used only by `narvaro bench
// generate`, whose result `stats verify` proves equal to what the real swipe path would write.

extension Store {
    /// Whether the database has no venue yet (the generator writes only into a new file).
    package func hasNoVenues() throws -> Bool {
        try db.scalar(Self.venueCount) == 0
    }
    static let venueCount = "SELECT count(*) FROM venues"

    /// Generation is not what is measured: no journal and no fsync (a failed generation is thrown
    /// away), a page cache that holds a 10M database for the random-order index inserts.
    package func beginBulkImport() throws {
        _ = try db.queryOne(Self.journalOff)
        try db.execute(Self.fastWrites)
    }
    static let journalOff = "PRAGMA journal_mode = OFF"
    static let fastWrites = "PRAGMA synchronous = OFF; PRAGMA cache_size = -3145728; PRAGMA temp_store = MEMORY"

    /// Restores synchronous=FULL, the default cache and WAL after a bulk import.
    package func endBulkImport() throws {
        // The import wrote the statistics of every check-in it wrote.
        try setStatisticsThroughLatest()
        try db.execute(Self.safeWrites)
        guard try db.queryOne(Self.journalWAL)?.string(0).lowercased() == "wal" else {
            throw StoreError.walRefused(db.path, mode: try db.queryOne(Self.journalModeNow)?.string(0) ?? "")
        }
    }
    static let safeWrites = "PRAGMA synchronous = FULL; PRAGMA cache_size = -2000"
    static let journalWAL = "PRAGMA journal_mode = WAL"
    static let journalModeNow = "PRAGMA journal_mode"

    /// Setup before a measurement, not part of it: skip the fsync of each transaction.
    package func skipSyncForSetup() throws {
        try db.execute(Self.syncOff)
    }
    static let syncOff = "PRAGMA synchronous=OFF"

    package func bulkInsertVisitor(id: Int64, code: String, nickname: String?, birthYear: Int?, gender: String, role: String,
                                  enrolled: Bool, createdAt: Int64) throws {
        try db.run(Self.insertVisitor, id, code, nickname, birthYear, gender, role, enrolled, createdAt)
    }
    static let insertVisitor = "INSERT INTO visitors(id, code, nickname, birth_year, gender, role, enrolled, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"

    package func bulkInsertCard(id: Int64, hash: [UInt8], visitorID: Int64, createdAt: Int64) throws {
        try db.run(Self.insertCard, id, hash, visitorID, createdAt)
    }
    static let insertCard = "INSERT INTO cards(id, card_hash, visitor_id, created_at) VALUES (?1, ?2, ?3, ?4)"

    package func bulkRevokeCard(id: Int64?, at time: Int64) throws {
        try db.run(Self.revokeCard, id, time)
    }
    static let revokeCard = "UPDATE cards SET revoked_at = ?2 WHERE id = ?1"

    package func bulkInsertCheckIn(time: Int64, readerID: Int64, venueID: Int64, activityID: Int64, cardID: Int64, visitorID: Int64,
                                  day: Int, outcome: String, attribution: String, swipeKey: [UInt8]) throws {
        try db.run(Self.insertCheckIn, time, readerID, venueID, activityID, cardID, visitorID, day, outcome, attribution, swipeKey)
    }
    static let insertCheckIn = """
        INSERT INTO checkins(time_us, reader_id, venue_id, activity_id, card_id, visitor_id, local_day, outcome, attribution, swipe_key)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
        """

    package func bulkInsertVisit(venueID: Int64, day: Int, activityID: Int64, visitorID: Int64) throws {
        try db.run(Self.insertVisit, venueID, day, activityID, visitorID)
    }
    static let insertVisit = "INSERT INTO visits(venue_id, local_day, activity_id, visitor_id) VALUES (?1, ?2, ?3, ?4)"

    package func bulkInsertFirstVisit(visitorID: Int64, venueID: Int64, day: Int) throws {
        try db.run(Self.insertFirstVisit, visitorID, venueID, day)
    }
    static let insertFirstVisit = "INSERT INTO first_visits(visitor_id, venue_id, first_day) VALUES (?1, ?2, ?3)"

    package func bulkInsertDayTotal(venueID: Int64, day: Int, key: DayTotal.Key, visits: Int, newVisitors: Int) throws {
        try db.run(Self.insertDayTotal, venueID, day, key.activityID, key.role, key.gender, key.ageBand, visits, newVisitors)
    }
    static let insertDayTotal = """
        INSERT INTO day_totals(venue_id, local_day, activity_id, role, gender, age_band, visits, new_visitors)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
        """
}
