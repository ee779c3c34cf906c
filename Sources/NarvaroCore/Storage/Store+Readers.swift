// Readers: where a card reader stands, how its device is found, and how its output maps to card ids.

/// What `reader add` and `reader edit` may set; nil leaves a field as it is.
public struct ReaderSettings: Sendable {
    public var venue: String?
    public var device: String?
    public var usb: String?
    public var namePattern: String?
    public var physPattern: String?
    public var cardFormat: CardFormat?
    public var fixedActivity: String?
    public var clearFixedActivity = false
    public var cooldownSeconds: Int?
    /// Bring an archived reader back into use (`edit` only).
    public var restore = false

    public init() {}
}

extension Store {
    static let readerColumns = "id, name, venue_id, device, usb, name_pattern, phys_pattern, card_format, activity_id, cooldown_seconds, current_activity_id, current_until, archived"

    static func reader(_ row: Row) throws(StoreError) -> Reader {
        Reader(id: row.int64(0), name: row.string(1), venueID: row.int64(2), device: row.optionalString(3), usb: row.optionalString(4),
               namePattern: row.optionalString(5), physPattern: row.optionalString(6),
               cardFormat: try row.stored(7, as: CardFormat.self, column: "readers.card_format"), fixedActivityID: row.optionalInt64(8),
               cooldownSeconds: row.int(9), currentActivityID: row.optionalInt64(10),
               currentUntil: row.optionalInt64(11).map { EventTime(microseconds: $0) }, archived: row.bool(12))
    }

    @discardableResult
    public func addReader(name: String, settings: ReaderSettings) throws -> Reader {
        guard Slug.isValid(name) else { throw StoreError.badName("\(Slug.quoted(name)) is not a valid reader name: use 1 to 63 lowercase letters, digits and '-'") }
        guard let venueSlug = settings.venue else { throw StoreError.notGiven("a reader needs a venue: add --venue SLUG") }
        let venue = try self.venue(slug: venueSlug)
        try requireInUse(venue)
        if try db.queryOne("SELECT 1 FROM readers WHERE name = ?1", name) != nil {
            throw StoreError.duplicate(kind: "reader", name: name)
        }
        let activityID = try settings.fixedActivity.map { try inUseActivity(named: $0, venue: venueSlug).id }
        try Self.validateCooldown(settings.cooldownSeconds)
        try Self.validateText(settings)
        // An empty glob means none, as in `editReader`.
        let namePattern = settings.namePattern.flatMap { $0.isEmpty ? nil : $0 }
        let physPattern = settings.physPattern.flatMap { $0.isEmpty ? nil : $0 }
        try Self.validateMatch(device: settings.device, usb: settings.usb, namePattern: namePattern, physPattern: physPattern)
        try db.run("""
            INSERT INTO readers(name, venue_id, device, usb, name_pattern, phys_pattern, card_format, activity_id, cooldown_seconds)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            """, name, venue.id, settings.device, settings.usb, namePattern, physPattern,
            (settings.cardFormat ?? .raw).rawValue, activityID, settings.cooldownSeconds ?? 10)
        return try reader(named: name)
    }

    /// Device paths and patterns are printed back: no control or direction characters in them.
    static func validateText(_ settings: ReaderSettings) throws {
        for (what, text) in [("--device", settings.device), ("--name-pattern", settings.namePattern), ("--phys-pattern", settings.physPattern)] {
            if let text { try OutsideText.checkPlain(text, what: what) }
        }
    }

    /// The daemon loads a reader only when its device fields make a `ReaderMatch`; refuse any other
    /// now rather than leave the reader unserved with a warning in the journal. (A reader with no
    /// device at all is one only replays feed: benchmarks and tests make them; `reader add` does not.)
    static func validateMatch(device: String?, usb: String?, namePattern: String?, physPattern: String?) throws {
        guard device != nil || usb != nil else { return }
        do {
            _ = try ReaderMatch(device: device, usb: usb, namePattern: namePattern, physPattern: physPattern)
        } catch {
            throw StoreError.conflict("\(error)")
        }
    }

    static func validateCooldown(_ seconds: Int?) throws {
        if let seconds, !(0...86_400).contains(seconds) {
            throw StoreError.outOfRange("cooldown \(seconds) s is out of range: give 0 to 86400 seconds")
        }
    }

    public func editReader(name: String, settings: ReaderSettings) throws -> Reader {
        try Self.validateText(settings)
        var reader = try self.reader(named: name)
        if let venueSlug = settings.venue {
            let venue = try venue(slug: venueSlug)
            if venue.id != reader.venueID { try requireInUse(venue) }
            reader.venueID = venue.id
        }
        let venueSlug = try venue(id: reader.venueID).slug
        if let device = settings.device { reader.device = device.isEmpty ? nil : device }
        if let usb = settings.usb { reader.usb = usb.isEmpty ? nil : usb }
        // A new device path replaces the USB ids and their globs, and new USB ids the path: a reader is
        // found one way only.
        if settings.device?.isEmpty == false, settings.usb == nil { (reader.usb, reader.namePattern, reader.physPattern) = (nil, nil, nil) }
        if settings.usb?.isEmpty == false, settings.device == nil { reader.device = nil }
        if let p = settings.namePattern { reader.namePattern = p.isEmpty ? nil : p }
        if let p = settings.physPattern { reader.physPattern = p.isEmpty ? nil : p }
        if let format = settings.cardFormat { reader.cardFormat = format }
        if let activity = settings.fixedActivity { reader.fixedActivityID = try inUseActivity(named: activity, venue: venueSlug).id }
        if settings.clearFixedActivity { reader.fixedActivityID = nil }
        try Self.validateCooldown(settings.cooldownSeconds)
        try Self.validateMatch(device: reader.device, usb: reader.usb, namePattern: reader.namePattern, physPattern: reader.physPattern)
        if let cooldown = settings.cooldownSeconds { reader.cooldownSeconds = cooldown }
        if settings.restore {
            try requireInUse(try venue(id: reader.venueID))
            if let fixed = reader.fixedActivityID { try requireInUse(try activity(id: fixed)) }
        }
        try db.run("""
            UPDATE readers SET venue_id = ?2, device = ?3, usb = ?4, name_pattern = ?5, phys_pattern = ?6, card_format = ?7,
            activity_id = ?8, cooldown_seconds = ?9, archived = CASE WHEN ?10 THEN 0 ELSE archived END WHERE id = ?1
            """, reader.id, reader.venueID, reader.device, reader.usb, reader.namePattern, reader.physPattern,
            reader.cardFormat.rawValue, reader.fixedActivityID, reader.cooldownSeconds, settings.restore)
        return reader
    }

    public func reader(named name: String) throws -> Reader {
        guard let row = try db.queryOne("SELECT \(Self.readerColumns) FROM readers WHERE name = ?1", name) else {
            throw StoreError.notFound(kind: "reader", name: name, hint: "add it with `narvaro reader add` or check `narvaro reader list`")
        }
        return try Self.reader(row)
    }

    public func reader(id: Int64) throws -> Reader {
        guard let row = try db.queryOne("SELECT \(Self.readerColumns) FROM readers WHERE id = ?1", id) else {
            throw StoreError.notFound(kind: "reader", name: "#\(id)", hint: "check `narvaro reader list`")
        }
        return try Self.reader(row)
    }

    public func readers(includeArchived: Bool = false) throws -> [Reader] {
        try db.query("SELECT \(Self.readerColumns) FROM readers WHERE archived = 0 OR ?1 ORDER BY name", includeArchived).map(Self.reader)
    }

    /// Deletes a reader no check-in refers to, or archives it. Returns true when archived.
    public func removeReader(name: String) throws -> Bool {
        let reader = try self.reader(named: name)
        if try db.queryOne("SELECT 1 FROM checkins WHERE reader_id = ?1 LIMIT 1", reader.id) != nil {
            try db.run("UPDATE readers SET archived = 1 WHERE id = ?1", reader.id)
            return true
        }
        try db.run("DELETE FROM readers WHERE id = ?1", reader.id)
        return false
    }

    /// Sets (or with nil clears) the reader's current activity, as an activity card or the desk's `a` key does.
    public func setCurrentActivity(reader: Reader, activityID: Int64?, until: EventTime?) throws {
        try db.run("UPDATE readers SET current_activity_id = ?2, current_until = ?3 WHERE id = ?1",
                   reader.id, activityID, until?.microseconds)
    }
}
