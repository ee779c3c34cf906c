// The export as JSON for the municipality's own systems; the format is docs/export-schema.json.
// Labels are written as given (keys such as "woman" untranslated), counts as integers or marks.

/// Writes a `PublishedExport` as JSON matching `docs/export-schema.json`.
public enum JSONExport {
    /// The value of the top-level `format` member; bump the number on incompatible changes.
    public static let format = "narvaro-export/1"

    /// Suppresses `document` and writes it.
    public static func write(_ document: ExportDocument) throws(ExportError) -> String {
        write(try PublishedExport(document))
    }

    public static func write(_ export: PublishedExport) -> String {
        let h = export.header
        let k = export.minCell
        let root: JSONValue = .object([
            ("format", .string(format)),
            ("header", .object([
                ("exportedBy", .string(h.exportedBy)),
                ("exportedAt", .string(h.exportedAt)),
                ("period", .string(h.period)),
                ("periodFirstDay", .string(h.periodFirstDay)),
                ("periodLastDay", .string(h.periodLastDay)),
                ("venue", h.venue.map(JSONValue.string) ?? .null),
                ("organizer", h.organizer.map(JSONValue.string) ?? .null),
                ("minCell", .int(h.minCell)),
                ("protection", .string(h.protection.rawValue)),
                ("softwareVersion", .string(h.softwareVersion)),
            ])),
            ("markers", .object([
                ("primary", .string(PublishedCount.primaryMark(minCell: k))),
                ("complementary", .string(PublishedCount.complementaryMark)),
            ])),
            ("sections", .array(export.sections.map { section($0, minCell: k) })),
            ("gatherings", export.gatherings.map { .array($0.map { gathering($0, minCell: k) }) } ?? .null),
            ("weeklyVisits", export.weeklyVisits.map { section($0, minCell: k) } ?? .null),
        ])
        return root.serialized(pretty: true) + "\n"
    }

    private static func count(_ c: PublishedCount, minCell: Int) -> JSONValue {
        c.number.map(JSONValue.int) ?? .string(c.text(minCell: minCell))
    }

    private static func section(_ s: PublishedSection, minCell k: Int) -> JSONValue {
        let t = s.table
        let rows: [JSONValue] = t.rowLabels.enumerated().map { r, label in
            .object([
                ("label", .string(label)),
                ("cells", .array(t.cells[r].map { count($0, minCell: k) })),
                ("total", t.rowTotals.map { count($0[r], minCell: k) } ?? .null),
            ])
        }
        return .object([
            ("id", .string(s.id)),
            ("title", .string(s.title)),
            ("rowHeading", .string(s.rowHeading)),
            ("hasTotals", .bool(t.hasTotals)),
            ("columns", .array(t.columnLabels.map(JSONValue.string))),
            ("rows", .array(rows)),
            ("columnTotals", t.columnTotals.map { .array($0.map { count($0, minCell: k) }) } ?? .null),
            ("grandTotal", t.grandTotal.map { count($0, minCell: k) } ?? .null),
        ])
    }

    private static func gathering(_ g: PublishedGathering, minCell k: Int) -> JSONValue {
        .object([
            ("venue", .string(g.venue)),
            ("activity", .string(g.activity)),
            ("date", .string(g.date)),
            ("start", .string(g.start)),
            ("participants", count(g.participants, minCell: k)),
            ("qualifies", .bool(g.qualifies)),
            ("reasons", .array(g.reasons.map(JSONValue.string))),
        ])
    }
}
