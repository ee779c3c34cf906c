// How far the rolling statistics have followed the check-ins (issue 17, goal 3): a swipe's own
// transaction may write only its check-in, and the visits, first visits and day totals follow in
// a later one (Store+StatisticsCatchUp.swift). Every check-in already stored has its statistics.

extension Schema {
    /// `meta.statistics_through`: the highest check-in id whose statistics are written. A check-in
    /// id is SQLite's rowid, which is reused once the highest rows are deleted (`forget` of the
    /// latest visitor): the trigger lowers the mark to the highest id left when that happens, so a
    /// new check-in never gets an id the mark already covers. Its own constant: the position in
    /// `migrations` may change when branches merge.
    static let statisticsThroughMigration = """
    INSERT OR REPLACE INTO meta(key, value) SELECT 'statistics_through', CAST(coalesce(max(id), 0) AS TEXT) FROM checkins;
    CREATE TRIGGER checkins_statistics_through AFTER DELETE ON checkins
    WHEN OLD.id > (SELECT coalesce(max(id), 0) FROM checkins) BEGIN
        UPDATE meta SET value = CAST(min(CAST(value AS INTEGER), (SELECT coalesce(max(id), 0) FROM checkins)) AS TEXT)
        WHERE key = 'statistics_through';
    END;
    """
}
