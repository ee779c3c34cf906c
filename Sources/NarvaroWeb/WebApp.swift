// The program's one entry: a request in, a response out. Routes are a table (path pattern,
// method, group, page), as cgit's cmd.c; every POST passes the CSRF check before its page runs,
// and every failure becomes a page with its status and one line, never a stack trace.
import NarvaroCore
import Foundation

struct WebRoute: Sendable {
    var method: String
    /// Segments; `*` matches one segment (a visitor code), passed to the page.
    var pattern: [String]
    var group: WebGroup
    var page: @Sendable (WebContext, [String]) throws -> CGIResponse

    init(_ method: String, _ path: String, _ group: WebGroup, _ page: @escaping @Sendable (WebContext, [String]) throws -> CGIResponse) {
        self.method = method
        self.pattern = path.split(separator: "/").map(String.init)
        self.group = group
        self.page = page
    }

    func match(_ segments: [String]) -> [String]? {
        guard segments.count == pattern.count else { return nil }
        var captured: [String] = []
        for (p, s) in zip(pattern, segments) {
            if p == "*" { captured.append(s) } else if p != s { return nil }
        }
        return captured
    }
}

public enum WebApp {
    static let routes: [WebRoute] = [
        WebRoute("GET", "/", .readers) { ctx, _ in .redirect(ctx.group == .staff ? "/desk" : "/report") },
        WebRoute("GET", "/desk", .staff) { ctx, _ in try DeskPage.show(ctx) },
        WebRoute("GET", "/desk/events", .staff) { ctx, _ in try DeskEventsPage.show(ctx) },
        WebRoute("POST", "/desk/activity", .staff) { ctx, _ in try ReaderActivityPage.change(ctx) },
        WebRoute("GET", "/enrol", .staff) { ctx, _ in try EnrolPage.show(ctx) },
        WebRoute("POST", "/enrol", .staff) { ctx, _ in try EnrolPage.enrol(ctx) },
        WebRoute("GET", "/report", .readers) { ctx, _ in try ReportPage.show(ctx) },
        WebRoute("GET", "/report/export", .readers) { ctx, _ in try ExportDownload.download(ctx) },
        WebRoute("GET", "/visitors", .staff) { ctx, _ in try VisitorsPage.search(ctx) },
        WebRoute("GET", "/visitors/*", .staff) { ctx, code in try VisitorPage.show(ctx, code: code[0]) },
        WebRoute("POST", "/visitors/*/edit", .staff) { ctx, code in try VisitorPage.edit(ctx, code: code[0]) },
        WebRoute("POST", "/visitors/*/revoke", .staff) { ctx, code in try VisitorPage.revoke(ctx, code: code[0]) },
        WebRoute("GET", "/visitors/*/forget", .staff) { ctx, code in try ForgetPage.confirm(ctx, code: code[0]) },
        WebRoute("POST", "/visitors/*/forget", .staff) { ctx, code in try ForgetPage.forget(ctx, code: code[0]) },
        WebRoute("GET", "/audit", .staff) { ctx, _ in try AuditPage.show(ctx) },
    ]

    /// Reads a CGI request and answers it; a request that cannot be read gets its 4xx page too.
    public static func respond(environment: [String: String], readBody: (Int) throws -> [UInt8], now: EventTime) -> CGIResponse {
        do {
            return respond(to: try CGIRequest.read(environment: environment, readBody: readBody), now: now)
        } catch let error as WebError {
            return PageLayout.errorPage(nil, status: error.status, message: error.description)
        } catch {
            return PageLayout.errorPage(nil, status: 400, message: "the request could not be read: \(error)")
        }
    }

    /// Answers one request. `now` is injected so tests can fix the clock.
    public static func respond(to request: CGIRequest, now: EventTime) -> CGIResponse {
        var ctx: WebContext?
        do {
            if request.path.hasPrefix("/static/") {
                guard let asset = StaticAsset.named(String(request.path.dropFirst("/static/".count))) else {
                    throw WebError.notFound("no such file: '\(request.path)'")
                }
                return asset.response
            }
            guard let user = request.remoteUser else {
                throw WebError.forbidden("nobody is signed in: the web server must check the login (auth_basic) and pass REMOTE_USER")
            }
            let access = try WebAccess.load(path: WebAccess.path(environment: request.environment))
            guard let group = access.group(of: user) else {
                throw WebError.forbidden("user '\(user)' is in neither group (staff, readers) of \(WebAccess.path(environment: request.environment))")
            }
            let context = try WebContext(request: request, user: user, group: group, now: now)
            ctx = context
            let segments = request.path.split(separator: "/").map(String.init)
            let method = request.method == "HEAD" ? "GET" : request.method
            let matching = routes.compactMap { route in route.match(segments).map { (route, $0) } }
            guard !matching.isEmpty else { throw WebError.notFound("there is no page '\(request.path)'") }
            guard let (route, captured) = matching.first(where: { $0.0.method == method }) else {
                throw WebError.methodNotAllowed(allowed: matching.map(\.0.method).joined(separator: ", "))
            }
            if route.group == .staff, group != .staff { throw WebError.forbidden(context.texts.readersOnly) }
            if method == "POST" { try context.csrf().check(request.field(CSRFGuard.fieldName)) }
            return finish(try route.page(context, captured), context)
        } catch let error as WebError {
            return finish(PageLayout.errorPage(ctx, status: error.status, message: error.description), ctx)
        } catch let error as StoreError {
            switch error {
            case .notFound: return finish(PageLayout.errorPage(ctx, status: 404, message: error.description), ctx)
            case .duplicate, .ambiguous, .badName, .outOfRange, .notGiven, .conflict, .cardFormatNotChosen, .foldedPeriod:
                return finish(PageLayout.errorPage(ctx, status: 400, message: error.description), ctx)
            // The database file, SQLite, an old schema, the wrong key: the server's trouble, not the request's.
            default: return finish(PageLayout.errorPage(ctx, status: 500, message: error.description), ctx)
            }
        } catch let error as TimeError {
            return finish(PageLayout.errorPage(ctx, status: 400, message: error.description), ctx)
        } catch {
            // The server's own trouble (database missing, unreadable config): one line, no trace.
            return finish(PageLayout.errorPage(ctx, status: 500, message: String(describing: error)), ctx)
        }
    }

    /// Adds the cookies the request earned (session, language) to any page.
    static func finish(_ response: CGIResponse, _ ctx: WebContext?) -> CGIResponse {
        guard let ctx else { return response }
        var response = response
        for cookie in ctx.cookies { response.headers.append(("Set-Cookie", cookie)) }
        return response
    }
}
