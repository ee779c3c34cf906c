// The report's words as one value (report table, web report page), read from the string table
// in Words.swift so each word has one home.

public struct Texts: Sendable {
    public var visits, unique, new, total, venue, activity, week, month, half, day, range, participants, volunteers, staff, all: String
    public var returning, lapsed, change, previous, period: String
    public var lang: Lang

    public static func of(_ lang: Lang) -> Texts {
        Texts(visits: lang[.visits], unique: lang[.unique], new: lang[.new], total: lang[.total], venue: lang[.venue],
              activity: lang[.activity], week: lang[.periodWeek], month: lang[.periodMonth], half: lang[.periodHalf], day: lang[.periodDay],
              range: lang[.periodRange], participants: lang[.participants], volunteers: lang[.volunteers], staff: lang[.staffPlural],
              all: lang[.everyone], returning: lang[.returning], lapsed: lang[.lapsed], change: lang[.change],
              previous: lang[.previous], period: lang[.period], lang: lang)
    }

    public static let en = Texts.of(.en)
    public static let sv = Texts.of(.sv)
}
