// The export as CSV: a key/value header block, then each table as a titled block, then the legend.
// Two dialects: RFC 4180 (comma, UTF-8) and the one Swedish Excel opens by double-click.

/// Writes a `PublishedExport` as CSV. In both dialects text cells go through `CSVCell.safeText`
/// (no formulas, no control characters); numbers stay numbers.
///
/// Layout (every line is one CSV record, blocks separated by an empty record):
/// title; `key,value` header rows; per table a title row, a heading row (row heading, column
/// labels, "Totalt"), data rows, a "Totalt" row; gatherings; visits per week; legend rows
/// (`<5`, `x`, `0` with their meaning).
public enum CSVExport {
    public enum Variant: Sendable, Equatable {
        /// RFC 4180: `,` separator, CRLF line ends, UTF-8 without BOM.
        case rfc4180
        /// Swedish Excel: `;` separator, decimal comma, UTF-8 with BOM, CRLF.
        case excelSwedish
    }

    /// A value before it is written: numbers stay numbers so each dialect can format them.
    enum Field: Equatable {
        case text(String)
        case integer(Int)
        case decimal(Double)
    }

    /// Suppresses `document` and writes it.
    public static func write(_ document: ExportDocument, variant: Variant, lang: Lang = .sv) throws(ExportError) -> String {
        write(try PublishedExport(document), variant: variant, lang: lang)
    }

    public static func write(_ export: PublishedExport, variant: Variant, lang: Lang = .sv) -> String {
        let lines = records(export, lang: lang).map { record in
            record.map { encode($0, variant: variant) }.joined(separator: variant == .rfc4180 ? "," : ";")
        }
        let body = lines.map { $0 + "\r\n" }.joined()
        return variant == .excelSwedish ? "\u{FEFF}" + body : body
    }

    /// The records as plain strings, as a CSV reader should get them back.
    static func expectedRows(_ export: PublishedExport, lang: Lang = .sv, variant: Variant = .rfc4180) -> [[String]] {
        records(export, lang: lang).map { $0.map { field in
            switch field {
            case .text(let s): return spreadsheetText(CSVCell.safeText(s), variant: variant)
            case .integer(let n): return String(n)
            case .decimal(let d): return String(d)
            }
        } }
    }

    static func records(_ export: PublishedExport, lang: Lang) -> [[Field]] {
        let t = ExportText(lang)
        let h = export.header
        var out: [[Field]] = [[.text(t.documentTitle)]]
        out += [
            [.text(t.exportedBy), .text(h.exportedBy)],
            [.text(t.exportedAt), .text(h.exportedAt)],
            [.text(t.period), .text(h.period)],
            [.text(t.periodFirstDay), .text(h.periodFirstDay)],
            [.text(t.periodLastDay), .text(h.periodLastDay)],
            [.text(t.venue), .text(h.venue ?? t.all)],
            [.text(t.organizer), .text(h.organizer ?? t.all)],
            [.text(t.minCell), .integer(h.minCell)],
            [.text(t.protection), .text(t.protectionName(h.protection))],
            [.text(t.softwareVersion), .text(h.softwareVersion)],
        ]
        for section in export.sections + (export.weeklyVisits.map { [$0] } ?? []) {
            out.append([])
            out.append([.text(t.sectionTitle(id: section.id, fallback: section.title))])
            out += tableRecords(section, text: t, minCell: export.minCell)
        }
        if let gatherings = export.gatherings {
            out.append([])
            out.append([.text(t.gatherings)])
            out.append([t.venue, t.activity, t.date, t.start, t.participants, t.qualifies, t.remarks].map(Field.text))
            for g in gatherings {
                out.append([
                    .text(g.venue), .text(g.activity), .text(g.date), .text(g.start),
                    count(g.participants, minCell: export.minCell),
                    .text(g.qualifies ? t.yes : t.no), .text(g.reasons.joined(separator: "; ")),
                ])
            }
        }
        out.append([])
        out.append([.text(t.legend)])
        out.append([.text(PublishedCount.primaryMark(minCell: export.minCell)), .text(t.primaryMeaning(minCell: export.minCell, protection: h.protection))])
        out.append([.text(PublishedCount.complementaryMark), .text(t.complementaryMeaning)])
        out.append([.integer(0), .text(t.zeroMeaning)])
        return out
    }

    private static func tableRecords(_ section: PublishedSection, text t: ExportText, minCell: Int) -> [[Field]] {
        let table = section.table
        let heading = section.id == "weeklyVisits" ? t.activity : section.rowHeading
        var out: [[Field]] = [
            [.text(heading)] + table.columnLabels.map { .text(t.term($0)) } + (table.hasTotals ? [.text(t.total)] : [])
        ]
        for (r, label) in table.rowLabels.enumerated() {
            let total = table.rowTotals.map { [count($0[r], minCell: minCell)] } ?? []
            out.append([.text(t.term(label))] + table.cells[r].map { count($0, minCell: minCell) } + total)
        }
        if let columnTotals = table.columnTotals, let grand = table.grandTotal {
            out.append([.text(t.total)] + columnTotals.map { count($0, minCell: minCell) } + [count(grand, minCell: minCell)])
        }
        return out
    }

    private static func count(_ c: PublishedCount, minCell: Int) -> Field {
        if let n = c.number { return .integer(n) }
        return .text(c.text(minCell: minCell))
    }

    /// One field in the dialect: numbers formatted, text quoted when it must be.
    /// Works on Unicode scalars: a quote followed by a combining mark is one `Character`
    /// but still a quote to a CSV reader.
    static func encode(_ field: Field, variant: Variant) -> String {
        let separator: Unicode.Scalar = variant == .rfc4180 ? "," : ";"
        var scalars: [Unicode.Scalar]
        switch field {
        case .integer(let n): return String(n)
        case .decimal(let d):
            // Only the Swedish dialect uses a decimal comma; RFC 4180 keeps the point.
            let s = String(d)
            return variant == .excelSwedish ? String(s.map { $0 == "." ? "," : $0 }) : s
        case .text(let s): scalars = Array(s.unicodeScalars)
        }
        scalars = Array(spreadsheetText(CSVCell.safeText(String(String.UnicodeScalarView(scalars))), variant: variant).unicodeScalars)
        let needsQuotes = scalars.contains { $0 == separator || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        var out = String.UnicodeScalarView()
        if needsQuotes { out.append("\"") }
        for scalar in scalars {
            out.append(scalar)
            if scalar == "\"" { out.append("\"") }
        }
        if needsQuotes { out.append("\"") }
        return String(out)
    }

    /// In the Swedish dialect, a text a spreadsheet would turn into a number (the age band `65+`
    /// becomes 65, `65-` becomes −65, `1/2` a date, and in Excel `2026-11` a month) starts with an invisible
    /// WORD JOINER (U+2060), which Excel and Calc keep as text. ISO days and clock times are let
    /// through: a date cell is what they are.
    static func spreadsheetText(_ text: String, variant: Variant) -> String {
        guard variant == .excelSwedish, readsAsNumber(text) else { return text }
        return "\u{2060}" + text
    }

    /// Only digits and the signs, separators and exponent a number or date is written with.
    static func readsAsNumber(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        let numeric = "0123456789+-.,:/% \u{A0}eE".unicodeScalars
        guard scalars.contains(where: { ("0"..."9").contains($0) }), scalars.allSatisfy(numeric.contains) else { return false }
        let shape = String(String.UnicodeScalarView(scalars.map { ("0"..."9").contains($0) ? "9" : $0 }))
        return shape != "9999-99-99" && shape != "99:99" && shape != "9:99"
    }
}
