// Errors from the municipality's PostgreSQL: the SQLSTATE (when the server gave one) and one line
// that says what happened and what to do, in the words of psql's own errors.

public struct CentralError: Error, CustomStringConvertible, Equatable {
    /// The five-character SQLSTATE, or nil when the failure happened before the server answered.
    public var sqlstate: String?
    public var message: String
    /// True when the server could not be reached or the connection broke: the outbox is kept and
    /// the next push (the timer) tries again.
    public var isConnectionFailure: Bool

    public init(sqlstate: String?, message: String, isConnectionFailure: Bool = false) {
        self.sqlstate = sqlstate
        self.message = message
        self.isConnectionFailure = isConnectionFailure
    }

    public var description: String { message + (sqlstate.map { " (SQLSTATE \($0))" } ?? "") }

    static func unreachable(_ reason: String) -> CentralError {
        CentralError(sqlstate: nil, message: "cannot connect to PostgreSQL (\(reason)): check the connection string (--postgres, $NARVARO_POSTGRES or /etc/narvaro/central.conf), that the server runs, and ~/.pgpass", isConnectionFailure: true)
    }

    static func lost(_ reason: String, sqlstate: String?) -> CentralError {
        CentralError(sqlstate: sqlstate, message: "the connection to PostgreSQL was lost (\(reason)): nothing was half-written; the next push sends it again", isConnectionFailure: true)
    }

    /// A server error with advice chosen by SQLSTATE class.
    static func server(sqlstate: String?, message: String) -> CentralError {
        let advice: String
        switch sqlstate ?? "" {
        case "42501": advice = "this role may write only its own venue's rows and read what it was granted: ask the administrator (narvaro central add-venue-role)"
        case "42P01", "3F000": advice = "the central tables are missing: the administrator runs `narvaro central init`"
        case "28000", "28P01": advice = "authentication failed: check the role name and its line in ~/.pgpass or PGPASSFILE"
        case "3D000": advice = "no such database: check dbname in the connection string"
        case "40001", "40P01": advice = "a concurrent change got in the way: run the push again"
        case let s where s.hasPrefix("08") || s.hasPrefix("57"): advice = "the server went away: the next push sends everything again"
        case let s where s.hasPrefix("23"): advice = "the central data refused the change (constraint): report this as a bug"
        default: advice = "see the PostgreSQL server log"
        }
        return CentralError(sqlstate: sqlstate, message: "PostgreSQL: \(message): \(advice)",
                            isConnectionFailure: (sqlstate ?? "").hasPrefix("08") || (sqlstate ?? "").hasPrefix("57"))
    }
}
