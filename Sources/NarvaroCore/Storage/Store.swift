// The Närvaro store: one SQLite connection plus the card key, with the domain's reads and writes
// split by entity into Store+*.swift files. SQL lives next to the code that uses it.

public final class Store {
    let db: SQLiteConnection
    private let cardKeyProvider: () throws -> CardHasher
    private var cachedHasher: CardHasher?
    var codes = VisitorCodeGenerator()

    /// - Parameter cardKey: loads the card key on first use, so commands that never touch card
    ///   numbers (reports, venue management) work without access to the root-only key file.
    public init(db: SQLiteConnection, cardKey: @escaping () throws -> CardHasher) {
        self.db = db
        self.cardKeyProvider = cardKey
    }

    /// Opens the database at `path` (see `NarvaroDatabase.open`).
    public convenience init(path: String, create: Bool = true, busyTimeoutMilliseconds: Int = 5000,
                            cardKey: @escaping () throws -> CardHasher) throws {
        let db = try NarvaroDatabase.open(path: path, create: create, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        self.init(db: db, cardKey: cardKey)
    }

    /// The card hasher, checked against the key fingerprint the database was first used with,
    /// so a wrong or replaced key is an error instead of every card silently becoming unknown.
    public func hasher() throws -> CardHasher {
        if let cachedHasher { return cachedHasher }
        let hasher = try cardKeyProvider()
        let check = Hex.encode(hasher.hash("narvaro-card-key-check"))
        if let stored = try db.queryOne("SELECT value FROM meta WHERE key = 'card_key_check'")?.string(0) {
            guard stored == check else {
                throw StoreError.wrongCardKey
            }
        } else {
            try db.run("INSERT INTO meta(key, value) VALUES ('card_key_check', ?1)", check)
        }
        cachedHasher = hasher
        return hasher
    }

    /// `PRAGMA data_version`: changes when another connection commits, so a long-running
    /// reader (the daemon, the desk view) can notice configuration changes cheaply.
    public func dataVersion() throws -> Int64 { try db.scalar("PRAGMA data_version") }
}
