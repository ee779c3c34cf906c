// The rolling statistics follow the check-ins (issue 17, goal 3): a swipe's transaction may write
// only its check-in, and `catchUpStatistics` writes the visits, first visits and day totals of every
// check-in after `meta.statistics_through`, in one transaction, many swipes at a time. Counting is
// idempotent (a visit row already there adds nothing), and the mark moves in the same transaction
// as the rows, so a catch-up cut short by a crash is simply done again. See docs/design-decisions.md,
// "Statistics follow the check-ins".

extension Store {
    /// The highest check-in id whose statistics are written (`meta.statistics_through`).
    func statisticsThrough() throws -> Int64 {
        guard let text = try db.queryOne(Self.readStatisticsThrough)?.string(0) else { return 0 }
        // Damage, but only to a mark the statistics can be rebuilt past: say how, not "restore a backup".
        guard let id = Int64(text), id >= 0 else {
            throw StoreError.conflict("the statistics' mark (meta statistics_through) holds '\(text)', which Närvaro never writes: run `narvaro stats rebuild` to count every check-in again")
        }
        return id
    }
    static let readStatisticsThrough = "SELECT value FROM meta WHERE key = 'statistics_through'"

    /// How many check-ins wait for their statistics (0 when they are all counted).
    public func checkInsBehindStatistics() throws -> Int {
        let through = try statisticsThrough()
        return try db.queryOne(Self.countBehind, through)?.int(0) ?? 0
    }
    static let countBehind = "SELECT count(*) FROM checkins WHERE id > ?1"

    /// Writes the statistics of every check-in after the mark, oldest first, and moves the mark, in
    /// one transaction (a savepoint inside the caller's). Returns how many check-ins it looked at.
    /// Takes no write lock when nothing waits. The day totals are added up over the catch-up and
    /// written once per row.
    /// `syncing: false`: its commit does not wait for the disk (`SQLiteConnection.withoutSync`); a
    /// crash before the next sync loses only the catch-up, which the next one does again.
    @discardableResult
    public func catchUpStatistics(syncing: Bool = true) throws -> Int {
        guard try checkInsBehindStatistics() > 0 else { return 0 }
        guard syncing else { return try db.withoutSync { try catchUpStatistics() } }
        return try db.transaction {
            let fold = DayTotalsFold()
            let looked = try catchUpStatisticsInPlace(fold: fold)
            try fold.flush(self)
            return looked
        }
    }

    /// `catchUpStatistics` inside the caller's transaction; `fold` must be flushed before its commit.
    /// The check-ins are read as they are stepped to, with only what counting needs; the holder's
    /// first day at the venue only for a visit not counted yet.
    func catchUpStatisticsInPlace(fold: DayTotalsFold?) throws -> Int {
        let through = try statisticsThrough()
        let statements = try CatchUpStatements(db)
        var bands: AgeBands?
        var last = through
        var looked = 0
        try statements.pending.forEachRow([through]) { row in
            last = row.int64(0)
            looked += 1
            guard row.bool(1), let visitorID = row.optionalInt64(5), let activityID = row.optionalInt64(4) else { return }
            let venueID = row.int64(2)
            let holder = VisitHolder(id: visitorID, birthYear: row.optionalInt(6),
                                     gender: try row.stored(7, as: Gender.self, column: "visitors.gender"),
                                     role: try row.stored(8, as: Role.self, column: "visitors.role"))
            try countVisit(holder: holder, venueID: venueID, activityID: activityID, day: row.int(3),
                           firstDay: { try statements.firstDay.withFirstRow([visitorID, venueID]) { $0.optionalInt(0) } ?? nil },
                           fold: fold, statements: statements.visit, bands: {
                               if let bands { return bands }
                               let read = try ageBands()
                               bands = read
                               return read
                           })
        }
        if last != through { try setStatisticsThrough(last) }
        return looked
    }

    /// Marks every check-in up to `id` as counted (a rebuild, a bulk import: they wrote the rows).
    func setStatisticsThrough(_ id: Int64) throws {
        try db.run(Self.writeStatisticsThrough, String(id))
    }
    static let writeStatisticsThrough = "INSERT INTO meta(key, value) VALUES ('statistics_through', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value"

    /// Marks every check-in stored now as counted.
    func setStatisticsThroughLatest() throws {
        try setStatisticsThrough(try db.scalar(Self.latestCheckIn))
    }
    static let latestCheckIn = "SELECT coalesce(max(id), 0) FROM checkins"

    /// The catch-up's statements, prepared once per catch-up (a catch-up is many check-ins or none).
    private struct CatchUpStatements {
        let pending: Statement, firstDay: Statement, visit: VisitStatements
        init(_ db: SQLiteConnection) throws {
            pending = try db.statement(Store.pendingCheckIns)
            firstDay = try db.statement(Store.firstDayAtVenue)
            visit = try VisitStatements(db)
        }
    }
    /// The check-ins after the mark with what counting them needs: where, when, what, and the holder.
    /// Whether the check-in counts (`CheckInOutcome.counts`) is asked of SQLite, in the same terms.
    static let pendingCheckIns = """
        SELECT c.id, c.outcome IN (\(CheckInOutcome.allCases.filter(\.counts).map { "'\($0.rawValue)'" }.joined(separator: ", "))),
               c.venue_id, c.local_day, c.activity_id, c.visitor_id,
               p.birth_year, p.gender, p.role
        FROM checkins c LEFT JOIN visitors p ON p.id = c.visitor_id
        WHERE c.id > ?1 ORDER BY c.id
        """
    static let firstDayAtVenue = "SELECT first_day FROM first_visits WHERE visitor_id = ?1 AND venue_id = ?2"
}
