// /report/export?period=P&format=csv|csv-sv|html: the municipality export as a download, built by
// the same ExportBuilder and writers as `narvaro export` (aggregates only, small counts hidden).
import NarvaroCore

enum ExportDownload {
    static func download(_ ctx: WebContext) throws -> CGIResponse {
        guard let periodText = ctx.request.parameter("period") else { throw WebError.badRequest("period is missing, e.g. period=2026-H2") }
        let period = try Period.parse(periodText)
        let format = ctx.request.parameter("format") ?? "csv"
        let language = ctx.lang
        let store = try ctx.store()
        let venue = ctx.request.parameter("venue")
        if let venue { _ = try store.venue(slug: venue) }
        let request = ExportRequest(period: period, venue: venue, exportedBy: "\(ctx.user) (narvaro-web)",
                                    exportedAt: ISO8601.format(ctx.now), language: language)
        let document = try store.exportDocument(request)
        let text: String, type: String, ext: String
        switch format {
        case "csv": (text, type, ext) = (try CSVExport.write(document, variant: .rfc4180, lang: language), "text/csv; charset=utf-8", "csv")
        case "csv-sv": (text, type, ext) = (try CSVExport.write(document, variant: .excelSwedish, lang: language), "text/csv; charset=utf-8", "csv")
        case "html": (text, type, ext) = (try HTMLExport.write(document, lang: language), "text/html; charset=utf-8", "html")
        default: throw WebError.badRequest("format takes csv, csv-sv or html, not '\(format)'")
        }
        let name = "narvaro-\(period.label)\(format == "csv-sv" ? "-excel" : "").\(ext)".replacingAll("..", with: "_")
        // The HTML export carries its own inline style; opened from here it may style itself, never run script.
        return CGIResponse(status: 200, headers: [
            ("Content-Type", type), ("Content-Disposition", "attachment; filename=\"\(name)\""),
            ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"),
            ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"), ("X-Frame-Options", "DENY"), ("Cache-Control", "no-store"),
        ], body: Array(text.utf8))
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
