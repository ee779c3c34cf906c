// A thin wrapper over one libpq connection: connect from a conninfo string, URI or service name
// (never with a password in it), parameterised statements only (PQexecParams), transactions and a
// transaction-scoped advisory lock. Every failure is a CentralError with SQLSTATE and what to do.
import CPostgres
import Glibc

/// One connection to the municipality's PostgreSQL. Not thread-safe: one per command.
public final class PostgresConnection {
    private let handle: OpaquePointer

    /// Connects (`PQconnectdbParams` with `expand_dbname`) using libpq's own conventions: a
    /// connection string (`service=narvaro`, `host=… dbname=… sslmode=verify-full`) or a URI.
    /// A password in `conninfo` or in `PGPASSWORD` is refused: passwords live in `~/.pgpass` or `PGPASSFILE`.
    public init(conninfo: String, environment: [String: String] = [:]) throws(CentralError) {
        try Self.refusePassword(conninfo: conninfo, environment: environment)
        // Earlier keywords are defaults; the expanded conninfo (the last one) overrides them.
        let keywords = ["fallback_application_name", "connect_timeout", "dbname"]
        let values = ["narvaro", "10", conninfo]
        var cKeywords: [UnsafePointer<CChar>?] = keywords.map { UnsafePointer(strdup($0)) } + [nil]
        var cValues: [UnsafePointer<CChar>?] = values.map { UnsafePointer(strdup($0)) } + [nil]
        defer {
            cKeywords.forEach { free(UnsafeMutablePointer(mutating: $0)) }
            cValues.forEach { free(UnsafeMutablePointer(mutating: $0)) }
        }
        guard let connection = PQconnectdbParams(&cKeywords, &cValues, 1) else {
            throw CentralError(sqlstate: nil, message: "out of memory while connecting to PostgreSQL")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let reason = Self.oneLine(String(cString: PQerrorMessage(connection)))
            PQfinish(connection)
            throw CentralError.unreachable(reason)
        }
        handle = connection
        // Notices ("schema already exists, skipping") are not for the person at the terminal.
        try query("SET client_min_messages = warning")
    }

    deinit { PQfinish(handle) }

    /// Refuses `password=…` in a connection string and `user:password@` in a URI (`PQconninfoParse`).
    static func refusePassword(conninfo: String, environment: [String: String]) throws(CentralError) {
        if let value = environment["PGPASSWORD"], !value.isEmpty {
            throw CentralError(sqlstate: nil, message: "PGPASSWORD is set: passwords are taken only from ~/.pgpass or PGPASSFILE; unset it")
        }
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &errorMessage) else {
            let reason = errorMessage.map { oneLine(String(cString: $0)) } ?? "unreadable"
            PQfreemem(errorMessage)
            throw CentralError(sqlstate: nil, message: "the PostgreSQL connection string is not valid (\(reason)): write e.g. 'service=narvaro' or 'postgresql://venue@host/db?sslmode=verify-full'")
        }
        defer { PQconninfoFree(options) }
        var option = options
        while let keyword = option.pointee.keyword {
            if String(cString: keyword) == "password", let value = option.pointee.val, value.pointee != 0 {
                throw CentralError(sqlstate: nil, message: "a password in the connection string is refused: put it in ~/.pgpass (or the file PGPASSFILE names), mode 0600")
            }
            option += 1
        }
    }

    /// Runs one statement with text parameters (`PQexecParams`); nil is SQL NULL. Returns the rows,
    /// each column as text or nil.
    @discardableResult
    public func query(_ sql: String, _ parameters: [String?] = []) throws(CentralError) -> [[String?]] {
        var cValues: [UnsafePointer<CChar>?] = parameters.map { $0.map { UnsafePointer(strdup($0)) } ?? nil }
        defer { cValues.forEach { free(UnsafeMutablePointer(mutating: $0)) } }
        let result = PQexecParams(handle, sql, Int32(parameters.count), nil, &cValues, nil, nil, 0)
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK else { throw error(result) }
        let rows = Int(PQntuples(result)), columns = Int(PQnfields(result))
        return (0..<rows).map { row in
            (0..<columns).map { column in
                PQgetisnull(result, Int32(row), Int32(column)) == 1 ? nil : String(cString: PQgetvalue(result, Int32(row), Int32(column)))
            }
        }
    }

    /// The first column of the first row, if any.
    public func scalar(_ sql: String, _ parameters: [String?] = []) throws(CentralError) -> String? {
        try query(sql, parameters).first?.first ?? nil
    }

    /// Runs `body` in one transaction: committed if it returns, rolled back if it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try query("BEGIN")
        do {
            let result = try body()
            try query("COMMIT")
            return result
        } catch {
            if PQtransactionStatus(handle) != PQTRANS_IDLE { _ = try? query("ROLLBACK") }
            throw error
        }
    }

    /// Waits for the transaction-scoped advisory lock named `key` (released at COMMIT/ROLLBACK).
    public func advisoryTransactionLock(_ key: String) throws(CentralError) {
        try query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [key])
    }

    /// The role this connection acts as.
    public func currentUser() throws(CentralError) -> String { try scalar("SELECT current_user") ?? "" }

    private func error(_ result: OpaquePointer?) -> CentralError {
        func field(_ code: UInt8) -> String? {
            guard let result, let value = PQresultErrorField(result, Int32(code)) else { return nil }
            return String(cString: value)
        }
        let sqlstate = field(UInt8(ascii: "C"))
        let primary = field(UInt8(ascii: "M")) ?? Self.oneLine(String(cString: PQerrorMessage(handle)))
        if PQstatus(handle) != CONNECTION_OK, sqlstate == nil || sqlstate?.hasPrefix("08") == true || sqlstate?.hasPrefix("57") == true {
            return CentralError.lost(primary, sqlstate: sqlstate)
        }
        return CentralError.server(sqlstate: sqlstate, message: primary)
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: " \t") }.filter { !$0.isEmpty }.joined(separator: "; ")
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var s = self
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return String(s)
    }
}

/// PostgreSQL array literals (`{"a","b",NULL}`) for passing many rows as one bound parameter to
/// `unnest($1::text[], …)`: one round trip per batch instead of one per row, still no SQL built from data.
public enum PostgresArray {
    public static func literal(_ values: [String?]) -> String {
        "{" + values.map { value in
            guard let value else { return "NULL" }
            var quoted = "\""
            for c in value.unicodeScalars {
                if c == "\"" || c == "\\" { quoted.unicodeScalars.append("\\") }
                quoted.unicodeScalars.append(c)
            }
            return quoted + "\""
        }.joined(separator: ",") + "}"
    }
}
