// The fixed words of an export in Swedish and English, and translation of well-known labels
// (measures, genders, roles) so the statistics can hand over keys like "woman" or "visits".

/// Every fixed text the writers print.
public struct ExportText: Sendable {
    public let language: Lang

    public init(_ language: Lang) {
        self.language = language
    }

    private func pick(_ sv: String, _ en: String) -> String { language == .sv ? sv : en }

    public var documentTitle: String { pick("Närvaro – uppföljning till kommunen", "Närvaro – follow-up report to the municipality") }
    public var exportedBy: String { pick("Exporterad av", "Exported by") }
    public var exportedAt: String { pick("Exporterad", "Exported at") }
    public var period: String { pick("Period", "Period") }
    public var periodFirstDay: String { pick("Första dag", "First day") }
    public var periodLastDay: String { pick("Sista dag", "Last day") }
    public var venue: String { pick("Mötesplats", "Meeting place") }
    public var organizer: String { pick("Arrangör", "Organiser") }
    public var all: String { pick("Alla", "All") }
    public var minCell: String { pick("Minsta redovisade antal", "Smallest published count") }
    public var softwareVersion: String { pick("Programversion", "Software version") }
    public var total: String { pick("Totalt", "Total") }
    public var gatherings: String { pick("Sammankomster", "Gatherings") }
    public var activity: String { pick("Aktivitet", "Activity") }
    public var date: String { pick("Datum", "Date") }
    public var start: String { pick("Start", "Start") }
    public var participants: String { pick("Deltagare", "Participants") }
    public var qualifies: String { pick("Bidragsberättigad", "Qualifies for grant") }
    public var remarks: String { pick("Anmärkning", "Remarks") }
    public var yes: String { pick("Ja", "Yes") }
    public var no: String { pick("Nej", "No") }
    public var weeklyVisits: String { pick("Besök per vecka", "Visits per week") }
    public var week: String { pick("Vecka", "Week") }
    public var charts: String { pick("Diagram", "Charts") }
    public var legend: String { pick("Teckenförklaring", "Legend") }

    /// What `<k` means, e.g. "färre än 5 (1–4): dolt för att skydda enskilda personer".
    public func primaryMeaning(minCell k: Int) -> String {
        pick("färre än \(k) (1–\(k - 1)): dolt för att skydda enskilda personer",
             "fewer than \(k) (1–\(k - 1)): hidden to protect individuals")
    }

    public var complementaryMeaning: String {
        pick("dolt så att inget annat dolt tal kan räknas fram ur summorna",
             "hidden so that no other hidden number can be worked out from the totals")
    }

    public var zeroMeaning: String { pick("inga", "none") }

    /// A section title for the well-known ids, else `fallback`.
    public func sectionTitle(id: String, fallback: String) -> String {
        switch id {
        case "activities": return pick("Aktiviteter", "Activities")
        case "gender": return pick("Kön", "Gender")
        case "age": return pick("Åldersgrupp", "Age group")
        case "staff": return pick("Personal och ideella", "Staff and volunteers")
        case "weeklyVisits": return weeklyVisits
        default: return fallback
        }
    }

    /// Translates a well-known label given as key, Swedish or English ("woman", "Kvinna",
    /// "Woman" → "Kvinna" in Swedish); any other label is returned unchanged.
    public func term(_ label: String) -> String {
        let folded = label.lowercased()
        for (key, sv, en) in Self.terms where folded == key || folded == sv.lowercased() || folded == en.lowercased() {
            return pick(sv, en)
        }
        return label
    }

    private static let terms: [(key: String, sv: String, en: String)] = [
        ("visits", "Besök/deltagartillfällen", "Visits"),
        ("unique", "Unika deltagare", "Unique participants"),
        ("new", "Nya deltagare", "New participants"),
        ("gatherings", "Sammankomster", "Gatherings"),
        ("qualifying", "Bidragsberättigade sammankomster", "Gatherings qualifying for grants"),
        ("unknown", "Okänd ålder", "Age unknown"),
        ("woman", "Kvinna", "Woman"),
        ("man", "Man", "Man"),
        ("other", "Annat", "Other"),
        ("not_stated", "Ej angivet", "Not stated"),
        ("participant", "Deltagare", "Participant"),
        ("volunteer", "Ideell", "Volunteer"),
        ("staff", "Personal", "Staff"),
        ("total", "Totalt", "Total"),
    ]
}
