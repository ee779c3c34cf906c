// The words tables and the desk view use, in Swedish and English.

public struct Texts: Sendable {
    public var visits, unique, new, total, venue, activity, week, month, half, day, range, participants, volunteers, staff, all: String
    public var returning, lapsed, average4w, change, previous, period: String

    public static func of(_ lang: Lang) -> Texts { lang == .sv ? sv : en }

    public static let en = Texts(visits: "Visits", unique: "Unique", new: "New", total: "Total", venue: "Venue", activity: "Activity",
                                 week: "week", month: "month", half: "half-year", day: "day", range: "period", participants: "participants",
                                 volunteers: "volunteers", staff: "staff", all: "everyone", returning: "Returning visitors",
                                 lapsed: "Lapsed visitors (seen in the 4 weeks before, not now)", average4w: "Average visits per week, last 4 weeks",
                                 change: "Change in visits from the previous period", previous: "previous", period: "Period")
    public static let sv = Texts(visits: "Besök", unique: "Unika", new: "Nya", total: "Totalt", venue: "Mötesplats", activity: "Aktivitet",
                                 week: "vecka", month: "månad", half: "halvår", day: "dag", range: "period", participants: "deltagare",
                                 volunteers: "volontärer", staff: "personal", all: "alla", returning: "Återkommande besökare",
                                 lapsed: "Uteblivna besökare (sedda de 4 veckorna före, inte nu)", average4w: "Snitt besök per vecka, senaste 4 veckorna",
                                 change: "Förändring i besök mot föregående period", previous: "föregående", period: "Period")
}
