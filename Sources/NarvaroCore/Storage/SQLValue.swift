// The values that cross the SQLite boundary: what a statement binds and what a row holds.

/// One SQLite value. Card data never appears here in clear: only keyed hashes (`blob`).
public enum SQLValue: Hashable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// Swift values that bind as SQL parameters.
public protocol SQLBindable {
    var sqlValue: SQLValue { get }
}

extension Int: SQLBindable { public var sqlValue: SQLValue { .integer(Int64(self)) } }
extension Int64: SQLBindable { public var sqlValue: SQLValue { .integer(self) } }
extension Double: SQLBindable { public var sqlValue: SQLValue { .real(self) } }
extension String: SQLBindable { public var sqlValue: SQLValue { .text(self) } }
extension Bool: SQLBindable { public var sqlValue: SQLValue { .integer(self ? 1 : 0) } }
extension SQLValue: SQLBindable { public var sqlValue: SQLValue { self } }
extension Array: SQLBindable where Element == UInt8 { public var sqlValue: SQLValue { .blob(self) } }
extension Optional: SQLBindable where Wrapped: SQLBindable {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

/// One result row, copied out of the statement so it outlives the next `step`.
public struct Row: Sendable {
    public var values: [SQLValue]

    public subscript(_ i: Int) -> SQLValue { i < values.count ? values[i] : .null }

    public func int(_ i: Int) -> Int {
        switch self[i] {
        case .integer(let v): return Int(v)
        case .real(let v): return Int(v)
        default: return 0
        }
    }
    public func int64(_ i: Int) -> Int64 {
        if case .integer(let v) = self[i] { return v }
        return 0
    }
    public func optionalInt(_ i: Int) -> Int? {
        if case .integer(let v) = self[i] { return Int(v) }
        return nil
    }
    public func optionalInt64(_ i: Int) -> Int64? {
        if case .integer(let v) = self[i] { return v }
        return nil
    }
    public func string(_ i: Int) -> String {
        if case .text(let v) = self[i] { return v }
        return ""
    }
    public func optionalString(_ i: Int) -> String? {
        if case .text(let v) = self[i] { return v }
        return nil
    }
    public func blob(_ i: Int) -> [UInt8] {
        if case .blob(let v) = self[i] { return v }
        return []
    }
    public func bool(_ i: Int) -> Bool { int(i) != 0 }
}
