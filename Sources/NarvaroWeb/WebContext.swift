// What every page gets: the parsed request, the logged-in user and their group, the language,
// the store (opened on first use), the CSRF guard, the clock, and cookies to set on the answer.
import NarvaroCore
import NarvaroDesk
import Foundation

public final class WebContext {
    public let request: CGIRequest
    public let user: String
    public let group: WebGroup
    public let lang: Lang
    public let now: EventTime
    public let databasePath: String
    public let cardKeyPath: String
    /// Set-Cookie values the response carries (the session, the language choice).
    var cookies: [String] = []
    private var openStore: Store?
    private var guardCache: CSRFGuard?

    public static let langCookie = "narvaro_lang"

    init(request: CGIRequest, user: String, group: WebGroup, now: EventTime) throws(WebError) {
        self.request = request
        self.user = user
        self.group = group
        self.now = now
        let env = request.environment
        databasePath = env["NARVARO_DATABASE"].flatMap { $0.isEmpty ? nil : $0 } ?? "/var/lib/narvaro/narvaro.db"
        cardKeyPath = CardKey.path(option: nil, environment: env)
        // `?lang=en` switches and is remembered in a cookie; Swedish otherwise.
        if let asked = request.query.first(where: { $0.0 == "lang" })?.1 {
            guard let chosen = Lang(rawValue: asked) else { throw .badRequest("lang takes sv or en, not '\(asked)'") }
            lang = chosen
            cookies.append("\(Self.langCookie)=\(chosen.rawValue); Path=/; SameSite=Strict; Max-Age=31536000")
        } else {
            lang = request.cookies[Self.langCookie].flatMap(Lang.init(rawValue:)) ?? .sv
        }
    }

    public var texts: WebTexts { WebTexts.of(lang) }
    public var deskTexts: DeskTexts { DeskTexts.of(lang) }
    public var reportTexts: Texts { Texts.of(lang) }
    public var currentYear: Int { LocalDate(dayNumber: Int(now.seconds / 86_400)).year }

    /// The database, opened once per request; never created here (the daemon or `narvaro` does that).
    public func store() throws -> Store {
        if let openStore { return openStore }
        let store = try Store.open(path: databasePath, create: false, cardKeyPath: cardKeyPath)
        openStore = store
        return store
    }

    public func csrf() throws -> CSRFGuard {
        if let guardCache { return guardCache }
        let made = CSRFGuard(secret: try store().webSecret(), user: user, cookie: request.cookies[CSRFGuard.cookieName])
        if made.isNewSession { cookies.append(made.cookie(secure: request.https)) }
        guardCache = made
        return made
    }

    /// The hidden field every form carries.
    public func csrfField() throws -> String {
        "<input type=\"hidden\" name=\"\(CSRFGuard.fieldName)\" value=\"\(try csrf().token)\">"
    }

    /// The venue a page is about: `?venue=SLUG`, else the only one. nil when there are several and
    /// none was named (the page then offers a choice).
    public func venue() throws -> Venue? {
        let store = try store()
        if let slug = request.parameter("venue") {
            guard Slug.isValid(slug) else { throw WebError.badRequest("venue '\(slug)' is not a venue slug (lowercase letters, digits and -)") }
            return try store.venue(slug: slug)
        }
        let venues = try store.venues()
        guard !venues.isEmpty else { throw WebError.notFound("there is no venue yet: add one with `narvaro venue add`") }
        return venues.count == 1 ? venues[0] : nil
    }
}
