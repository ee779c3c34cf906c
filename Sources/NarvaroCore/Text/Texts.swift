// The words tables and the desk view use, in Swedish and English.

public struct Texts: Sendable {
    public var visits, unique, new, total, venue, activity, week, month, half, day, range, participants, volunteers, staff, all: String
    public var returning, lapsed, average4w, change, previous, period: String

    public static func of(_ lang: Lang) -> Texts { lang == .sv ? sv : en }

    public static let en = Texts(visits: "Visits", unique: "Unique", new: "New", total: "Total", venue: "Venue", activity: "Activity",
                                 week: "week", month: "month", half: "half-year", day: "day", range: "period", participants: "participants",
                                 volunteers: "volunteers", staff: "staff", all: "everyone", returning: "Returning (also in the previous period)",
                                 lapsed: "Lapsed (in the 4 weeks before, not now)", average4w: "Visits per week, 4-week average",
                                 change: "Visits compared with", previous: "previous", period: "Period")
    public static let sv = Texts(visits: "Besök", unique: "Unika", new: "Nya", total: "Totalt", venue: "Mötesplats", activity: "Aktivitet",
                                 week: "vecka", month: "månad", half: "halvår", day: "dag", range: "period", participants: "deltagare",
                                 volunteers: "volontärer", staff: "personal", all: "alla", returning: "Återkommande (även förra perioden)",
                                 lapsed: "Uteblivna (de 4 veckorna före, inte nu)", average4w: "Besök per vecka, snitt 4 veckor",
                                 change: "Besök jämfört med", previous: "föregående", period: "Period")
}
