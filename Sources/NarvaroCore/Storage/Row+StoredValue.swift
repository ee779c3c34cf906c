// Stored names read back as their Swift values. A value this version does not know means the
// database was damaged (or edited by hand): it is an error that says so, never a silent default.

extension Row {
    /// Column `i` as `E` (`checkins.outcome`, `visitors.gender`, `readers.card_format`…); throws
    /// `StoreError.corrupt` naming `column` when the text is not one of `E`'s raw values.
    func stored<E: RawRepresentable>(_ i: Int, as type: E.Type, column: String) throws(StoreError) -> E where E.RawValue == String {
        let text = string(i)
        guard let value = E(rawValue: text) else { throw .corrupt(column: column, value: text) }
        return value
    }
}
