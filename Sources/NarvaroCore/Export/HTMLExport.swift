// The export as one self-contained HTML file for people: header, tables with suppression marks,
// inline SVG charts and a legend. Nothing is loaded from elsewhere, so it opens offline and prints.

/// Writes a `PublishedExport` as a standalone HTML page in Swedish or English.
public enum HTMLExport {
    /// Suppresses `document` and writes it.
    public static func write(_ document: ExportDocument, lang: Lang) throws(ExportError) -> String {
        write(try PublishedExport(document), lang: lang)
    }

    public static func write(_ export: PublishedExport, lang: Lang) -> String {
        let t = ExportText(lang)
        let e = Markup.escape
        let h = export.header
        var html = "<!DOCTYPE html>\n<html lang=\"\(lang.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>\(e(t.documentTitle)) \(e(h.period))</title>\n<style>\n\(HTMLStyle.css)\n</style>\n</head>\n<body>\n"
        html += "<header>\n<h1>\(e(t.documentTitle))</h1>\n<dl class=\"meta\">\n"
        let meta: [(String, String)] = [
            (t.period, h.period), (t.periodFirstDay, h.periodFirstDay), (t.periodLastDay, h.periodLastDay),
            (t.venue, h.venue ?? t.all), (t.organizer, h.organizer ?? t.all),
            (t.exportedBy, h.exportedBy), (t.exportedAt, h.exportedAt),
            (t.minCell, String(h.minCell)), (t.softwareVersion, h.softwareVersion),
        ]
        for (key, value) in meta { html += "<dt>\(e(key))</dt><dd>\(e(value))</dd>\n" }
        html += "</dl>\n</header>\n"
        for section in export.sections {
            html += "<section class=\"table\">\n<h2>\(e(t.sectionTitle(id: section.id, fallback: section.title)))</h2>\n"
            html += table(section, text: t, minCell: export.minCell) + "</section>\n"
        }
        let charts = self.charts(export, text: t)
        if !charts.isEmpty {
            html += "<section class=\"charts\">\n<h2>\(e(t.charts))</h2>\n" + charts.joined(separator: "\n") + "\n</section>\n"
        }
        if let weekly = export.weeklyVisits {
            html += "<section class=\"table\">\n<h2>\(e(t.weeklyVisits))</h2>\n" + table(weekly, text: t, minCell: export.minCell) + "</section>\n"
        }
        if let gatherings = export.gatherings {
            html += "<section class=\"table\">\n<h2>\(e(t.gatherings))</h2>\n<table>\n<thead><tr>"
            html += "<th>\(e(t.venue))</th><th>\(e(t.activity))</th><th>\(e(t.date))</th><th>\(e(t.start))</th>"
            html += "<th class=\"num\">\(e(t.participants))</th><th>\(e(t.qualifies))</th><th>\(e(t.remarks))</th></tr></thead>\n<tbody>\n"
            for g in gatherings {
                html += "<tr><td>\(e(g.venue))</td><td>\(e(g.activity))</td><td>\(e(g.date))</td><td>\(e(g.start))</td>"
                html += cell(g.participants, minCell: export.minCell)
                html += "<td>\(e(g.qualifies ? t.yes : t.no))</td><td>\(e(g.reasons.joined(separator: "; ")))</td></tr>\n"
            }
            html += "</tbody>\n</table>\n</section>\n"
        }
        html += "<footer>\n<h2>\(e(t.legend))</h2>\n<dl>\n"
        html += "<dt>\(e(PublishedCount.primaryMark(minCell: export.minCell)))</dt><dd>\(e(t.primaryMeaning(minCell: export.minCell)))</dd>\n"
        html += "<dt>\(e(PublishedCount.complementaryMark))</dt><dd>\(e(t.complementaryMeaning))</dd>\n"
        html += "<dt>0</dt><dd>\(e(t.zeroMeaning))</dd>\n</dl>\n</footer>\n</body>\n</html>\n"
        return html
    }

    private static func cell(_ c: PublishedCount, minCell: Int, total: Bool = false) -> String {
        let classes = "num" + (total ? " total" : "") + (c.isSuppressed ? " mark" : "")
        return "<td class=\"\(classes)\">\(Markup.escape(c.text(minCell: minCell)))</td>"
    }

    private static func table(_ section: PublishedSection, text t: ExportText, minCell: Int) -> String {
        let e = Markup.escape
        let table = section.table
        let heading = section.id == "weeklyVisits" ? t.activity : section.rowHeading
        var html = "<table>\n<thead><tr><th>\(e(heading))</th>"
        for label in table.columnLabels { html += "<th class=\"num\">\(e(t.term(label)))</th>" }
        if table.hasTotals { html += "<th class=\"num\">\(e(t.total))</th>" }
        html += "</tr></thead>\n<tbody>\n"
        for (r, label) in table.rowLabels.enumerated() {
            html += "<tr><th>\(e(t.term(label)))</th>"
            html += table.cells[r].map { cell($0, minCell: minCell) }.joined()
            if let totals = table.rowTotals { html += cell(totals[r], minCell: minCell, total: true) }
            html += "</tr>\n"
        }
        if let columnTotals = table.columnTotals, let grand = table.grandTotal {
            html += "<tr class=\"total\"><th>\(e(t.total))</th>"
            html += columnTotals.map { cell($0, minCell: minCell) }.joined() + cell(grand, minCell: minCell) + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    /// Visits per week per activity, and the gender and age splits from their tables' totals.
    private static func charts(_ export: PublishedExport, text t: ExportText) -> [String] {
        var out: [String] = []
        if let weekly = export.weeklyVisits?.table {
            let series = weekly.rowLabels.enumerated().map { r, label in
                SVGChart.Series(name: label, values: weekly.cells[r])
            }
            out.append(SVGChart(title: t.weeklyVisits, categories: weekly.columnLabels, series: series, minCell: export.minCell).render())
        }
        for id in ["gender", "age"] {
            guard let section = export.sections.first(where: { $0.id == id }) else { continue }
            let table = section.table
            // Column totals when the table adds up; a one-row table is its own split.
            let values: [PublishedCount]
            if let totals = table.columnTotals { values = totals } else if table.cells.count == 1 { values = table.cells[0] } else { continue }
            let title = t.sectionTitle(id: id, fallback: section.title)
            out.append(SVGChart(
                title: title, categories: table.columnLabels.map(t.term),
                series: [SVGChart.Series(name: t.total, values: values)], minCell: export.minCell).render())
        }
        return out
    }
}
