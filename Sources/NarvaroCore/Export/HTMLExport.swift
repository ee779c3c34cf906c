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
            (t.minCell, String(h.minCell)), (t.protection, t.protectionName(h.protection)), (t.softwareVersion, h.softwareVersion),
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
            // Weeks as rows: a half-year is 26 weeks, which fit down a page but not across it.
            var byWeek = weekly
            byWeek.table = weekly.table.transposed
            html += "<section class=\"table\">\n<h2>\(e(t.weeklyVisits))</h2>\n" + table(byWeek, text: t, minCell: export.minCell, heading: t.week) + "</section>\n"
        }
        if let gatherings = export.gatherings {
            html += "<section class=\"table\">\n<h2>\(e(t.gatherings))</h2>\n<table>\n<thead><tr>"
            html += "<th>\(e(t.venue))</th><th>\(e(t.activity))</th><th>\(e(t.date))</th><th>\(e(t.start))</th>"
            html += "<th class=\"num\">\(e(t.participants))</th><th>\(e(t.qualifies))</th><th>\(e(t.remarks))</th></tr></thead>\n<tbody>\n"
            for g in gatherings {
                html += "<tr><td data-label=\"\(e(t.venue))\">\(e(g.venue))</td><td data-label=\"\(e(t.activity))\">\(e(g.activity))</td>"
                html += "<td data-label=\"\(e(t.date))\">\(e(g.date))</td><td data-label=\"\(e(t.start))\">\(e(g.start))</td>"
                html += cell(g.participants, minCell: export.minCell, label: t.participants)
                html += "<td data-label=\"\(e(t.qualifies))\">\(e(g.qualifies ? t.yes : t.no))</td><td data-label=\"\(e(t.remarks))\">\(e(g.reasons.joined(separator: "; ")))</td></tr>\n"
            }
            html += "</tbody>\n</table>\n</section>\n"
        }
        html += "<footer>\n<h2>\(e(t.legend))</h2>\n<dl>\n"
        html += "<dt>\(e(PublishedCount.primaryMark(minCell: export.minCell)))</dt><dd>\(e(t.primaryMeaning(minCell: export.minCell, protection: h.protection)))</dd>\n"
        html += "<dt>\(e(PublishedCount.complementaryMark))</dt><dd>\(e(t.complementaryMeaning))</dd>\n"
        html += "<dt>0</dt><dd>\(e(t.zeroMeaning))</dd>\n</dl>\n</footer>\n</body>\n</html>\n"
        return html
    }

    /// A count cell; `label` is its column heading, which narrow screens show beside the number
    /// when the table is laid out as one block per row.
    private static func cell(_ c: PublishedCount, minCell: Int, total: Bool = false, label: String) -> String {
        let classes = "num" + (total ? " total" : "") + (c.isSuppressed ? " mark" : "")
        return "<td class=\"\(classes)\" data-label=\"\(Markup.escape(label))\">\(Markup.escape(c.text(minCell: minCell)))</td>"
    }

    /// "0-12" or "2026-W47" must not break at the hyphen; longer labels wrap at spaces.
    private static func isShort(_ label: String) -> Bool { label.count <= 12 && !label.contains(" ") }

    /// A column heading that may break after "/" ("Besök/deltagartillfällen" is one long word otherwise).
    private static func heading(_ text: String) -> String {
        Markup.escape(text).split(separator: "/", omittingEmptySubsequences: false).joined(separator: "/<wbr>")
    }

    private static func table(_ section: PublishedSection, text t: ExportText, minCell: Int, heading rowHeading: String? = nil) -> String {
        let e = Markup.escape
        let table = section.table
        let columns = table.columnLabels.map(t.term) + (table.hasTotals ? [t.total] : [])
        var html = "<table>\n<thead><tr><th>\(e(rowHeading ?? section.rowHeading))</th>"
        for label in columns { html += "<th class=\"num\(isShort(label) ? " short" : "")\">\(heading(label))</th>" }
        html += "</tr></thead>\n<tbody>\n"
        for (r, label) in table.rowLabels.enumerated() {
            let name = t.term(label)
            html += "<tr><th\(isShort(name) ? " class=\"short\"" : "")>\(e(name))</th>"
            html += zip(table.cells[r], columns).map { cell($0, minCell: minCell, label: $1) }.joined()
            if let totals = table.rowTotals { html += cell(totals[r], minCell: minCell, total: true, label: t.total) }
            html += "</tr>\n"
        }
        if let columnTotals = table.columnTotals, let grand = table.grandTotal {
            html += "<tr class=\"total\"><th>\(e(t.total))</th>"
            html += zip(columnTotals + [grand], columns).map { cell($0, minCell: minCell, label: $1) }.joined() + "</tr>\n"
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
            out.append(SVGChart(title: t.weeklyVisits, categories: weekly.columnLabels, series: series, minCell: export.minCell).figure(text: t))
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
                series: [SVGChart.Series(name: t.total, values: values)], minCell: export.minCell).figure(text: t))
        }
        return out
    }
}

extension PublishedTable {
    /// Rows become columns (and row totals column totals): the same figures, turned a quarter.
    var transposed: PublishedTable {
        PublishedTable(
            rowLabels: columnLabels, columnLabels: rowLabels,
            cells: columnLabels.indices.map { c in rowLabels.indices.map { r in cells[r][c] } },
            rowTotals: columnTotals, columnTotals: rowTotals, grandTotal: grandTotal, minCell: minCell)
    }
}
