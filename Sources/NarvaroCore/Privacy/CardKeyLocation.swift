// Where the card key lives, and when it may be created: only on the first use of a new database.

extension CardKey {
    /// The key file to use: `--card-key`, else `$NARVARO_CARD_KEY`, else /etc/narvaro/card-key.
    public static func path(option: String?, environment: [String: String]) -> String {
        option ?? environment["NARVARO_CARD_KEY"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultPath
    }
}

extension Store {
    /// The card key provider for a store: loads the key at `path`; creates it only while the
    /// database has never used a key (first start). Later, a missing key is an error: a new key
    /// would silently turn every enrolled card into an unknown one.
    public static func cardKeyProvider(path: String, db: SQLiteConnection) -> () throws -> CardHasher {
        {
            do {
                return CardHasher(key: try CardKey.load(path: path))
            } catch CardKeyError.missing {
                if try db.queryOne("SELECT 1 FROM meta WHERE key = 'card_key_check'") != nil {
                    throw CardKeyError.missing(path: path)
                }
                return CardHasher(key: try CardKey.loadOrCreate(path: path))
            }
        }
    }
}
