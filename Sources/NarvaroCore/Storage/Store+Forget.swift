// Data subject rights: everything held about a visitor (right of access), and forgetting a
// visitor (erasure) while the anonymous day totals keep their counts.

extension Store {
    public func record(ofVisitor code: String) throws -> VisitorRecord {
        let visitor = try self.visitor(code: code)
        let checkIns = try db.query("SELECT id FROM checkins WHERE visitor_id = ?1 ORDER BY id", visitor.id).flatMap {
            try self.checkIns(CheckInFilter(id: $0.int64(0)))
        }
        let firsts = try db.query("""
            SELECT ve.slug, f.first_day FROM first_visits f JOIN venues ve ON ve.id = f.venue_id WHERE f.visitor_id = ?1 ORDER BY ve.slug
            """, visitor.id).map { (venue: $0.string(0), day: LocalDate(dayNumber: $0.int(1))) }
        return VisitorRecord(visitor: visitor, cards: try cards(visitorID: visitor.id), checkIns: checkIns, firstVisits: firsts)
    }

    /// Deletes the visitor, their cards (hashes included) and check-ins, and their per-person
    /// statistics. The anonymous `day_totals` keep the counts: the visitor's share moves to
    /// `forgotten_totals`, so visits per day stay as they were and `stats verify` still holds.
    public func forget(code: String) throws -> ForgetSummary {
        let visitor = try self.visitor(code: code)
        return try db.transaction {
            // The visitor's share moves from the statistics: any check-in not counted yet first.
            try catchUpStatistics()
            let bands = try ageBands()
            let visits = try db.query("""
                SELECT v.venue_id, v.local_day, v.activity_id, coalesce(f.first_day = v.local_day, 0)
                FROM visits v LEFT JOIN first_visits f ON f.visitor_id = v.visitor_id AND f.venue_id = v.venue_id
                WHERE v.visitor_id = ?1
                """, visitor.id)
            for row in visits {
                let day = row.int(1)
                try db.run("""
                    INSERT INTO forgotten_totals(venue_id, local_day, activity_id, role, gender, age_band, visits, new_visitors)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7)
                    ON CONFLICT DO UPDATE SET visits = visits + 1, new_visitors = new_visitors + excluded.new_visitors
                    """, row.int64(0), day, row.int64(2), visitor.role.rawValue, visitor.gender.rawValue,
                    bands.label(birthYear: visitor.birthYear, in: LocalDate(dayNumber: day).year), row.int(3))
            }
            let cardIDs = try db.query("SELECT id FROM cards WHERE visitor_id = ?1", visitor.id).map { $0.int64(0) }
            var checkIns = try db.run("DELETE FROM checkins WHERE visitor_id = ?1", visitor.id)
            for card in cardIDs { checkIns += try db.run("DELETE FROM checkins WHERE card_id = ?1", card) }
            let removedVisits = try db.run("DELETE FROM visits WHERE visitor_id = ?1", visitor.id)
            try db.run("DELETE FROM first_visits WHERE visitor_id = ?1", visitor.id)
            let cards = try db.run("DELETE FROM cards WHERE visitor_id = ?1", visitor.id)
            try db.run("DELETE FROM visitors WHERE id = ?1", visitor.id)
            return ForgetSummary(visitor: visitor.code, checkIns: checkIns, cards: cards, visits: removedVisits)
        }
    }
}
