// Stored names read back as their Swift values. A value this version does not know means the
// database was damaged (or edited by hand): it is an error that says so, never a silent default.

/// `text` read from `column` as `E` (`checkins.outcome`, `visitors.gender`, `readers.card_format`…);
/// throws `StoreError.corrupt` naming `column` when it is not one of `E`'s raw values.
func storedValue<E: RawRepresentable>(_ text: String, as type: E.Type, column: String) throws(StoreError) -> E where E.RawValue == String {
    guard let value = E(rawValue: text) else { throw .corrupt(column: column, value: text) }
    return value
}

extension Row {
    /// Column `i` as `E`: see `storedValue`.
    func stored<E: RawRepresentable>(_ i: Int, as type: E.Type, column: String) throws(StoreError) -> E where E.RawValue == String {
        try storedValue(string(i), as: type, column: column)
    }
}

extension StepRow {
    /// Column `i` as `E`: see `storedValue`.
    func stored<E: RawRepresentable>(_ i: Int32, as type: E.Type, column: String) throws(StoreError) -> E where E.RawValue == String {
        try storedValue(string(i), as: type, column: column)
    }
}
