// Whether this database has used a card key before, which decides if a missing key may be
// created (first start only); where the key lives is Privacy/CardKeyLocation.swift.

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
