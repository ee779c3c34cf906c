// Who may do what: nginx authenticates (auth_basic or a proxy's REMOTE_USER); this file's groups
// decide. Staff use the desk, enrolment and visitors; readers see reports only.
//
//   # /etc/narvaro/web.conf (NARVARO_WEB_CONFIG overrides the path)
//   staff = anna, bo
//   readers = kommunen

import Foundation

public enum WebGroup: String, Sendable {
    case staff, readers
}

public struct WebAccess: Sendable, Equatable {
    public static let defaultPath = "/etc/narvaro/web.conf"

    public var staff: Set<String>
    public var readers: Set<String>

    public init(staff: Set<String> = [], readers: Set<String> = []) {
        self.staff = staff
        self.readers = readers
    }

    /// The user's group; staff wins when a name is in both.
    public func group(of user: String) -> WebGroup? {
        staff.contains(user) ? .staff : readers.contains(user) ? .readers : nil
    }

    public static func path(environment: [String: String]) -> String {
        environment["NARVARO_WEB_CONFIG"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultPath
    }

    /// Reads the file; a missing file means nobody is let in (the page says how to fix it).
    public static func load(path: String) throws -> WebAccess {
        guard FileManager.default.fileExists(atPath: path) else { return WebAccess() }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw WebError.badConfiguration("\(path) cannot be read by the web program's user: check its owner and mode")
        }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws -> WebAccess {
        var access = WebAccess()
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            if line.allSatisfy(\.isWhitespace) { continue }
            guard let eq = line.firstIndex(of: "=") else {
                throw WebError.badConfiguration("\(path) line \(n + 1): write 'staff = name, name' or 'readers = name, name'")
            }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            let names = line[line.index(after: eq)...].split { $0 == "," || $0 == " " || $0 == "\t" }.map(String.init)
            switch key {
            case "staff": access.staff.formUnion(names)
            case "readers": access.readers.formUnion(names)
            default: throw WebError.badConfiguration("\(path) line \(n + 1): unknown group '\(key)': the groups are staff and readers")
            }
        }
        return access
    }
}
