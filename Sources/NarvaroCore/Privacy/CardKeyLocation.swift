// Where the card key lives, and when it may be created: only on the first use of a new database.
// The Store method that checks the database (and its SQL) is in Storage/Store+CardKeyCheck.swift.

extension CardKey {
    /// The key file to use: `--card-key`, else `$NARVARO_CARD_KEY`, else /etc/narvaro/card-key.
    public static func path(option: String?, environment: [String: String]) -> String {
        option ?? environment["NARVARO_CARD_KEY"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultPath
    }
}
