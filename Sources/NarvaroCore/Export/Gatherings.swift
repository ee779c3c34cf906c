// Gatherings: an activity held on a local day (at least one check-in). Each is judged against
// the activity's grant rules: minimum participants (within the age range when one is set), the
// scheduled length, and a leader (staff or volunteer) present.
// The types; the Store methods and their SQL are in Storage/Store+GatheringQueries.swift.

struct Gathering {
    var activityID: Int64
    var row: GatheringRow
}

/// Why a gathering does not qualify, in the export's language; never quoting the small count itself.
struct GatheringText {
    let sv: Bool
    init(_ language: Lang) { sv = language == .sv }

    func tooFew(_ n: Int) -> String { sv ? "färre deltagare än \(n)" : "fewer participants than \(n)" }
    func tooFewInAgeRange(_ n: Int, _ low: Int?, _ high: Int?) -> String {
        let range = "\(low ?? 0)–\(high.map(String.init) ?? "")"
        return sv ? "färre än \(n) deltagare i åldern \(range)" : "fewer than \(n) participants aged \(range)"
    }
    func tooShort(_ minutes: Int) -> String { sv ? "schemalagd kortare än \(minutes) min" : "scheduled for less than \(minutes) min" }
    var notScheduled: String { sv ? "inget schemalagt pass: längden okänd" : "no scheduled slot: length unknown" }
    var noLeader: String { sv ? "ingen ledare (personal eller volontär) incheckad" : "no leader (staff or volunteer) checked in" }
    var noRules: String { sv ? "inga bidragsregler för aktiviteten" : "no grant rules for this activity" }
}
