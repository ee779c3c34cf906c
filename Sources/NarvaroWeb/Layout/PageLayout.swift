// The frame of every HTML page: head (stylesheet, no inline style or script), the top bar with the
// pages the user's group may open, the language switch and who is signed in. Every text goes
// through Markup.escape, the escaping function the HTML export uses.
import NarvaroCore

/// Escapes text for HTML element content and quoted attributes.
func h(_ text: String) -> String { Markup.escape(text) }

enum PageLayout {
    static func page(_ ctx: WebContext, title: String, main: String, status: Int = 200, bodyClass: String? = nil,
                     script: Bool = false, chrome: Bool = true) -> CGIResponse {
        let t = ctx.texts
        var html = "<!DOCTYPE html>\n<html lang=\"\(ctx.lang.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>\(h(title)) – \(h(t.appName))</title>\n"
        html += "<link rel=\"icon\" href=\"data:,\">\n"
        html += "<link rel=\"stylesheet\" href=\"\(StaticAsset.stylesheet.path)\">\n"
        if script { html += "<script src=\"\(StaticAsset.deskScript.path)\" defer></script>\n" }
        html += "</head>\n<body\(bodyClass.map { " class=\"\(h($0))\"" } ?? "")>\n"
        if chrome {
            html += "<header class=\"top\"><strong>\(h(t.appName))</strong><nav>"
            var links: [(String, String)] = []
            if ctx.group == .staff {
                links += [("/desk", t.desk), ("/enrol", t.enrol), ("/visitors", t.visitors)]
            }
            links.append(("/report", t.report))
            if ctx.group == .staff { links.append(("/audit", t.audit)) }
            html += links.map { "<a href=\"\($0.0)\">\(h($0.1))</a>" }.joined(separator: " ")
            html += " <a href=\"\(h(languageSwitch(ctx)))\" lang=\"\(ctx.lang == .sv ? "en" : "sv")\">\(h(t.switchLanguage))</a>"
            html += "</nav><span class=\"who\">\(h(t.signedInAs)) \(h(ctx.user))</span></header>\n"
        }
        html += "<main>\n" + main + "\n</main>\n</body>\n</html>\n"
        return .html(html, status: status)
    }

    /// The current page with `lang` set to the other language (other parameters kept).
    static func languageSwitch(_ ctx: WebContext) -> String {
        let other = ctx.lang == .sv ? "en" : "sv"
        let kept = ctx.request.query.filter { $0.0 != "lang" } + [("lang", other)]
        let target = ctx.request.isPost ? "/" : ctx.request.path
        return target + "?" + kept.map { FormDecoding.encode($0.0) + "=" + FormDecoding.encode($0.1) }.joined(separator: "&")
    }

    /// A query string from pairs, for links.
    static func query(_ pairs: [(String, String?)]) -> String {
        let given = pairs.compactMap { pair in pair.1.map { (pair.0, $0) } }
        return given.isEmpty ? "" : "?" + given.map { FormDecoding.encode($0.0) + "=" + FormDecoding.encode($0.1) }.joined(separator: "&")
    }

    /// The page for a refused request: the status, what went wrong in one line, what to do.
    /// An error in the page's language: the store's and the request's errors are written in English
    /// and put into Swedish by the same phrase tables as the command line's (`Lang.text`); a page
    /// without a context is Swedish, as every page is by default.
    static func said(_ english: String, in ctx: WebContext?) -> String {
        (ctx?.lang ?? .sv).text(english)
    }

    /// A form's error line, in the page's language.
    static func formError(_ english: String, in ctx: WebContext) -> String {
        "<p class=\"error\" id=\"error\" role=\"alert\">\(h(said(english, in: ctx)))</p>\n"
    }

    static func errorPage(_ ctx: WebContext?, status: Int, message english: String) -> CGIResponse {
        let t = ctx?.texts ?? WebTexts.sv
        let message = said(english, in: ctx)
        let title = status == 403 ? t.forbidden : status == 404 ? t.notFound : status >= 500 ? t.serverError : t.badRequest
        let main = "<h1>\(h(title))</h1>\n<p class=\"error\" id=\"error\">\(h(message))</p>\n<p>\(h(t.tryAgain))</p>"
        guard let ctx else {
            let html = "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n<title>\(h(title))</title>\n"
                + "<link rel=\"icon\" href=\"data:,\">\n<link rel=\"stylesheet\" href=\"\(StaticAsset.stylesheet.path)\">\n</head>\n<body>\n<main>\n"
                + main + "\n</main>\n</body>\n</html>\n"
            return .html(html, status: status)
        }
        return page(ctx, title: title, main: main, status: status)
    }
}
