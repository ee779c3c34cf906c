// Runs narvaro-web's pages in-process on a real database: a CGI environment in, the response out,
// with a browser's cookie jar and the CSRF token taken from the pages, as a browser would.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroWeb
import Foundation

final class WebHarness {
    let db: TestDatabase
    /// Thursday 2026-11-19 16:00 in Stockholm.
    var now = TestDatabase.time("2026-11-19T16:00:00+01:00")
    var cookies: [String: String] = [:]

    init() throws {
        db = try TestDatabase()
        try "staff = anna, bo\nreaders = kim  # the municipality\n".write(to: db.directory.appendingPathComponent("web.conf"), atomically: true, encoding: .utf8)
    }

    var environment: [String: String] {
        ["NARVARO_DATABASE": db.path, "NARVARO_CARD_KEY": db.directory.appendingPathComponent("no-key").path,
         "NARVARO_WEB_CONFIG": db.directory.appendingPathComponent("web.conf").path]
    }

    func request(_ method: String, _ path: String, query: String = "", body: String? = nil, user: String? = "anna",
                 contentType: String = "application/x-www-form-urlencoded", extra: [String: String] = [:]) throws -> CGIResponse {
        var env = environment
        env["REQUEST_METHOD"] = method
        env["PATH_INFO"] = path
        env["QUERY_STRING"] = query
        if let user { env["REMOTE_USER"] = user }
        if !cookies.isEmpty { env["HTTP_COOKIE"] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        if let body {
            env["CONTENT_LENGTH"] = String(body.utf8.count)
            env["CONTENT_TYPE"] = contentType
        }
        for (k, v) in extra { env[k] = v }
        let bytes = Array((body ?? "").utf8)
        let response = WebApp.respond(environment: env, readBody: { n in Array(bytes.prefix(n)) }, now: now)
        for (name, value) in response.headers where name == "Set-Cookie" {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            cookies[String(pair[0])] = String(pair[1])
        }
        return response
    }

    func get(_ path: String, query: String = "", user: String? = "anna") throws -> CGIResponse {
        try request("GET", path, query: query, user: user)
    }

    func post(_ path: String, _ fields: [(String, String)], user: String? = "anna") throws -> CGIResponse {
        let body = fields.map { FormDecoding.encode($0.0) + "=" + FormDecoding.encode($0.1) }.joined(separator: "&")
        return try request("POST", path, body: body, user: user)
    }

    /// The CSRF token of a page's forms (loading the page also sets the session cookie).
    func token(from path: String = "/enrol", user: String = "anna") throws -> String {
        let page = try get(path, user: user).text
        guard let range = page.range(of: "name=\"csrf\" value=\"") else { throw StoreErrorForTests(message: "no token on \(path)") }
        return String(page[range.upperBound...].prefix(64))
    }
}

extension CGIResponse {
    var text: String { String(decoding: body, as: UTF8.self) }
    func jsonObject() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { throw StoreErrorForTests(message: "not a JSON object") }
        return object
    }
}
