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
    public var protection: String { pick("Skydd för enskilda", "Protection of individuals") }

    /// How the people counts were protected, in words (docs/suppression.md).
    public func protectionName(_ p: ExportProtection) -> String {
        switch p {
        case .suppression:
            return pick("små antal personer dolda (undertryckning); antal sammankomster visas exakt",
                        "small counts of people hidden (suppression); counts of gatherings shown exactly")
        case .cellKey:
            return pick("cellnyckelmetoden: antal personer ändrade med högst ±2, samma personer ger alltid samma tal; antal sammankomster visas exakt",
                        "cell-key method: counts of people changed by at most ±2, the same people always give the same number; counts of gatherings shown exactly")
        }
    }
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

    /// What a chart says instead of bars when every value is hidden (`<k`, or also `x`) or zero.
    public func chartAllHidden(minCell k: Int, onlyBelowMinCell: Bool) -> String {
        onlyBelowMinCell
            ? pick("alla värden under \(k) – visas inte", "all values below \(k) – not shown")
            : pick("alla värden under \(k) eller dolda (x) – visas inte", "all values below \(k) or hidden (x) – not shown")
    }
    public var chartNothing: String { pick("alla värden är 0 – inget att visa", "all values are 0 – nothing to show") }
    /// The legend entry of the dashed stub that stands for a hidden value.
    public func chartHiddenValue(minCell k: Int) -> String { pick("dolt värde (<\(k) eller x)", "hidden value (<\(k) or x)") }

    /// What `<k` means, e.g. "färre än 5 (1–4): dolt för att skydda enskilda personer".
    public func primaryMeaning(minCell k: Int, protection: ExportProtection = .suppression) -> String {
        if protection == .cellKey {
            return pick("ändrat antal under \(k): dolt för att skydda enskilda personer",
                        "changed count below \(k): hidden to protect individuals")
        }
        return pick("färre än \(k) (1–\(k - 1)): dolt för att skydda enskilda personer",
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
