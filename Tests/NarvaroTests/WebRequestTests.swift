// narvaro-web's request handling: RFC 3875 parsing (CONTENT_LENGTH bounds the body), strict form
// decoding, 400/403/404/405/413 for bad requests and never a 500, static assets, and the real
// binary answering a CGI environment.
@testable import NarvaroCore
@testable import NarvaroWeb
import Foundation
import Testing

@Suite struct WebRequestTests {
    @Test func formsDecodeStrictly() throws {
        let pairs = try FormDecoding.pairs("a=1&b=x+y&c=%C3%A5%26&d&=e")
        #expect(pairs.map(\.0) == ["a", "b", "c", "d", ""] && pairs.map(\.1) == ["1", "x y", "å&", "", "e"])
        #expect(throws: WebError.self) { try FormDecoding.pairs("a=%4") }
        #expect(throws: WebError.self) { try FormDecoding.pairs("a=%zz") }
        #expect(throws: WebError.self) { try FormDecoding.pairs("a=%ff%fe") }
        #expect(FormDecoding.cookies("a=1; b=2; a=3") == ["a": "1", "b": "2"])
        #expect(FormDecoding.encode("å & <x>") == "%C3%A5%20%26%20%3Cx%3E")
    }

    /// Swift's `==` calls "a\u{308}" and "ä" equal; SQLite compares bytes, so the bytes are checked.
    @Test func decomposedLettersArriveComposed() throws {
        let pairs = try FormDecoding.pairs("organizer=Ja%CC%88mtland&name=Lia")
        #expect(Array(pairs[0].1.utf8) == Array("J\u{E4}mtland".utf8), "\(Array(pairs[0].1.utf8))")
        #expect(pairs[1].1 == "Lia")
    }

    @Test func theBodyIsReadUpToContentLengthAndNoFurther() throws {
        var asked: [Int] = []
        let env = ["REQUEST_METHOD": "POST", "CONTENT_LENGTH": "3", "CONTENT_TYPE": "application/x-www-form-urlencoded; charset=utf-8", "PATH_INFO": "/enrol"]
        let request = try CGIRequest.read(environment: env) { n in asked.append(n); return Array("a=1&b=2".utf8.prefix(n)) }
        #expect(asked == [3] && request.form.map(\.1) == ["1"])
        func status(_ env: [String: String], body: String = "") -> Int {
            do { _ = try CGIRequest.read(environment: env) { n in Array(body.utf8.prefix(n)) }; return 200 } catch let e as WebError { return e.status } catch { return 500 }
        }
        #expect(status(["REQUEST_METHOD": "POST", "CONTENT_LENGTH": "10", "CONTENT_TYPE": "application/x-www-form-urlencoded"], body: "a=1") == 400, "a short body")
        #expect(status(["REQUEST_METHOD": "POST", "CONTENT_LENGTH": "-1"]) == 400)
        #expect(status(["REQUEST_METHOD": "POST", "CONTENT_LENGTH": "x"]) == 400)
        #expect(status(["REQUEST_METHOD": "POST", "CONTENT_LENGTH": "99999999"]) == 413)
        #expect(status(["REQUEST_METHOD": "POST", "CONTENT_LENGTH": "3", "CONTENT_TYPE": "multipart/form-data"], body: "a=1") == 400)
        #expect(status(["REQUEST_METHOD": "DELETE"]) == 405)
        #expect(CGIRequest.path(["SCRIPT_NAME": "/narvaro", "REQUEST_URI": "/narvaro/desk/?x=1"]) == "/desk")
        #expect(CGIRequest.path(["PATH_INFO": "/report"]) == "/report")
    }

    @Test func badInputGetsA4xxPageNeverA500() throws {
        let web = try WebHarness()
        try web.db.standardVenue()
        try web.db.swipe("1001", at: "2026-11-19T15:30:00+01:00")
        let cases: [(String, String, Int)] = [
            ("/report", "period=2026-W99", 400), ("/report", "period=nonsense", 400), ("/report", "by=shoe", 400),
            ("/report", "role=king", 400), ("/report", "format=xml", 400), ("/report", "venue=nowhere", 404),
            ("/report", "period=2026-11-30..2026-11-01", 400), ("/report/export", "", 400), ("/report/export", "period=2026-W47&format=pdf", 400),
            ("/desk", "screen=wall", 400), ("/desk", "venue=Bad%20Slug", 400), ("/desk", "enrolled=<b>", 400),
            ("/visitors/not-a-code", "", 400), ("/visitors/ABCDEF", "", 404), ("/visitors/ABCDEF/forget", "", 404),
            ("/nowhere", "", 404), ("/desk", "x=%zz", 400), ("/visitors", "q=" + String(repeating: "a", count: 80), 400),
        ]
        for (path, query, expected) in cases {
            let response = try web.get(path, query: query)
            #expect(response.status == expected, "\(path)?\(query): \(response.text)")
            #expect(response.text.contains("id=\"error\"") || response.status == 200, "\(path)?\(query) explains itself")
            #expect(!response.text.contains("Fatal error") && !response.text.contains(".swift:"), "no stack trace")
        }
        #expect(try web.request("POST", "/report", body: "").status == 405)
        #expect(try web.request("GET", "/enrol", extra: ["REQUEST_METHOD": "PUT"]).status == 405)
        // Odd values for every parameter of every GET page: never a 5xx.
        for path in ["/", "/desk", "/desk/events", "/enrol", "/report", "/report/export", "/visitors", "/audit"] {
            for query in ["period=%00", "after=1e9", "venue=", "lang=", "q=%F0%9F%98%80", "period=2026-H3&format=json", "screen="] {
                #expect(try web.get(path, query: query).status < 500, "\(path)?\(query)")
            }
        }
    }

    /// An error page says what went wrong in the page's language (Swedish unless `lang=en`), with
    /// the command line's phrase tables.
    @Test func errorsAreInThePagesLanguage() throws {
        let web = try WebHarness()
        try web.db.standardVenue()
        let swedish = try web.get("/visitors/ABCDEF")
        #expect(swedish.status == 404 && swedish.text.contains("besökaren &#39;ABCDEF&#39; hittades inte"), "\(swedish.text)")
        #expect(try web.get("/report", query: "venue=nowhere").text.contains("mötesplatsen &#39;nowhere&#39; hittades inte"))
        // A path typed by hand is echoed as typed, not translated word by word.
        let typed = try web.get("/venue:activity")
        #expect(typed.text.contains("det finns ingen sida &#39;/venue:activity&#39;"), "\(typed.text)")
        // The web's own refusals of a hand-edited address too; its parameter names stay as written.
        let format = try web.get("/report", query: "format=xml")
        #expect(format.status == 400 && format.text.contains("format tar html eller json, inte &#39;xml&#39;"), "\(format.text)")
        let english = try web.get("/visitors/ABCDEF", query: "lang=en")
        #expect(english.status == 404 && english.text.contains("visitor &#39;ABCDEF&#39; not found"), "\(english.text)")
    }

    @Test func staticAssetsHaveFingerprintedNamesAndLongCaching() throws {
        let web = try WebHarness()
        let css = try web.get(StaticAsset.stylesheet.path, user: nil)
        #expect(css.status == 200 && css.header("Cache-Control")?.contains("immutable") == true && css.header("Content-Type")?.hasPrefix("text/css") == true)
        #expect(StaticAsset.deskScript.fingerprintedName.range(of: #"^desk-[0-9a-f]{8}\.js$"#, options: .regularExpression) != nil)
        #expect(try web.get("/static/desk.js", user: nil).status == 404, "only the current fingerprint is served")
        #expect(!StaticAsset.deskScript.content.contains("innerHTML"), "the script inserts text, never markup")
    }

    @Test func theBinaryAnswersACGIEnvironment() throws {
        let web = try WebHarness()
        try web.db.standardVenue()
        let env = web.environment.merging(["REQUEST_METHOD": "POST", "PATH_INFO": "/enrol", "REMOTE_USER": "anna",
                                           "CONTENT_TYPE": "application/x-www-form-urlencoded", "CONTENT_LENGTH": "11"]) { $1 }
        let forged = try Executables.run("narvaro-web", [], environment: env, input: "nickname=Xy&csrf=ignored-after-the-length")
        #expect(forged.status == 0)
        #expect(forged.stdout.hasPrefix("Status: 403 Forbidden\r\n"), "\(forged.stdout.prefix(200))")
        #expect(forged.stdout.contains("\r\nContent-Security-Policy: default-src 'self'"))
        let page = try Executables.run("narvaro-web", [], environment: web.environment.merging(["REQUEST_METHOD": "GET", "PATH_INFO": "/report",
                                                                                                "QUERY_STRING": "period=2026-W47", "REMOTE_USER": "kim"]) { $1 })
        #expect(page.stdout.hasPrefix("Status: 200 OK\r\n") && page.stdout.contains("\r\n\r\n<!DOCTYPE html>"))
        let directory = web.db.directory.appendingPathComponent("static").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let written = try Executables.run("narvaro-web", ["--write-static", directory])
        #expect(written.status == 0 && FileManager.default.fileExists(atPath: directory + "/" + StaticAsset.deskScript.fingerprintedName))
        #expect(try Executables.run("narvaro-web", ["--bogus"]).status == 2)
    }

    @Test func tokensCompareInConstantTimeAndBindUserAndSession() {
        #expect(CSRFGuard.constantTimeEqual(Array("abc".utf8), Array("abc".utf8)))
        #expect(!CSRFGuard.constantTimeEqual(Array("abc".utf8), Array("abd".utf8)))
        #expect(!CSRFGuard.constantTimeEqual(Array("abc".utf8), Array("abcd".utf8)))
        let session = String(repeating: "a", count: 32)
        let anna = CSRFGuard(secret: "s", user: "anna", cookie: session)
        #expect(!anna.isNewSession && anna.token == CSRFGuard(secret: "s", user: "anna", cookie: session).token)
        #expect(anna.token != CSRFGuard(secret: "s", user: "bo", cookie: session).token)
        #expect(anna.token != CSRFGuard(secret: "t", user: "anna", cookie: session).token)
        #expect(CSRFGuard(secret: "s", user: "anna", cookie: "short").isNewSession, "a malformed cookie starts a new session")
        #expect(throws: WebError.self) { try CSRFGuard(secret: "s", user: "anna", cookie: nil).check(anna.token) }
    }

    @Test func anAuditedChangeThatFailsLeavesNeitherChangeNorRow() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        #expect(throws: StoreError.self) {
            try db.store.audited(user: "anna", action: "test", at: EventTime(microseconds: 0)) { () -> ((), String, String) in
                _ = try db.store.addVisitor(VisitorDetails(nickname: "Temp"), card: nil, format: .raw, now: EventTime(microseconds: 0), currentYear: 2026)
                throw StoreError.conflict("refused after the inner write")
            }
        }
        #expect(try db.store.visitors().isEmpty && db.store.auditEntries().isEmpty)
    }
}
