// The synthetic people and weekly programme of one benchmark venue: regulars, occasional visitors,
// one-timers, volunteers and staff, with tenure (turnover over the years) and attendance odds.
// Pure model, no database: BenchmarkGenerator turns who-comes-when into rows.
import NarvaroCLI
import NarvaroCore
import NarvaroDaemon
import NarvaroCommands

/// One weekly session every generated venue runs.
struct BenchSession: Sendable {
    enum Door: Sendable { case entrance, cafe }
    var weekday: Weekday
    /// The activity slug; `drop-in` has no schedule slot (attribution falls back to it).
    var activity: String
    var start: Int
    var end: Int
    /// Which reader the visitors swipe at: Språkcafé has its own reader with a fixed activity.
    var door: Door
}

/// The shape of a venue: the programme, population sizes, tenures and attendance probabilities.
/// About 100 active visitors and ~140 check-ins per open week per venue.
enum BenchProfile {
    static let sessions: [BenchSession] = [
        BenchSession(weekday: .monday, activity: Activity.dropInSlug, start: 14 * 60, end: 20 * 60, door: .entrance),
        BenchSession(weekday: .tuesday, activity: "laxhjalp", start: 15 * 60, end: 18 * 60, door: .entrance),
        BenchSession(weekday: .wednesday, activity: "sprakcafe", start: 17 * 60, end: 19 * 60, door: .cafe),
        BenchSession(weekday: .thursday, activity: "laxhjalp", start: 15 * 60, end: 18 * 60, door: .entrance),
        BenchSession(weekday: .friday, activity: Activity.dropInSlug, start: 14 * 60, end: 20 * 60, door: .entrance),
    ]

    /// Closed in July and over Christmas and New Year, as most meeting places are.
    static func isOpen(_ date: LocalDate) -> Bool {
        !(date.month == 7 || (date.month == 12 && date.day >= 22) || (date.month == 1 && date.day <= 6))
    }

    static let nicknames = ["Amir", "Sara", "Hassan", "Fatima", "Ali", "Mariam", "Omid", "Elin", "Yusuf", "Aisha",
                            "Mohammed", "Noor", "Reza", "Hana", "Ahmad", "Leila", "Emil", "Zahra", "Samir", "Maja"]
}

/// Who a generated person is to the venue.
enum BenchKind: Sendable {
    case regular, occasional, oneTimer, volunteer, staff

    /// How many of each kind a venue keeps active (one-timers arrive per session instead).
    var target: Int {
        switch self {
        case .regular: 60
        case .occasional: 30
        case .oneTimer: 0
        case .volunteer: 8
        case .staff: 2
        }
    }

    /// Mean days before the person stops coming: young visitors move on (many are asylum seekers
    /// who are relocated), staff stay for years.
    var meanTenureDays: Double {
        switch self {
        case .regular: 540
        case .occasional: 365
        case .oneTimer: 1
        case .volunteer: 730
        case .staff: 1500
        }
    }

    /// The chance of coming to a session, given whether it is one of the person's habits.
    func attendance(habit: Bool) -> Double {
        switch self {
        case .regular: habit ? 0.7 : 0.04
        case .occasional: 0.15
        case .oneTimer: 0
        case .volunteer: habit ? 0.8 : 0
        case .staff: 0.9
        }
    }
}

/// One generated person at one venue. Gets a visitor row and a card at the first swipe.
struct BenchPerson: Sendable {
    var kind: BenchKind
    var details: VisitorDetails
    /// Sessions (indices into `BenchProfile.sessions`) the person habitually comes to.
    var habits: [Bool]
    var leavesDay: Int
    /// One-timers often never get enrolled: their card stays unknown (a placeholder visitor).
    var enrols: Bool
    var visitorID: Int64?
    var cardID: Int64?
    var cardGeneration = 0
    var cardHashHex = ""
    var firstDay: Int?

    static func make(_ kind: BenchKind, day: Int, year: Int, rng: inout SeededRandom) -> BenchPerson {
        let role: Role = kind == .volunteer ? .volunteer : kind == .staff ? .staff : .participant
        let ages = role == .participant ? 12...25 : role == .volunteer ? 20...70 : 25...60
        var details = VisitorDetails(role: role)
        details.birthYear = rng.chance(0.08) ? nil : year - Int.random(in: ages, using: &rng)
        let g = Double.random(in: 0..<1, using: &rng)
        let womanShare = role == .participant ? 0.38 : 0.55
        details.gender = g < womanShare ? .woman : g < 0.88 ? .man : g < 0.9 ? .other : .unstated
        if role == .participant, rng.chance(0.5) { details.nickname = rng.pick(BenchProfile.nicknames) }
        let sessions = BenchProfile.sessions.count
        var habits = Array(repeating: false, count: sessions)
        let habitCount = kind == .regular ? Int.random(in: 1...3, using: &rng) : kind == .volunteer ? Int.random(in: 1...2, using: &rng) : 0
        for _ in 0..<habitCount { habits[Int.random(in: 0..<sessions, using: &rng)] = true }
        let enrols = kind == .oneTimer ? rng.chance(0.6) : true
        if !enrols { details = VisitorDetails() }
        return BenchPerson(kind: kind, details: details, habits: habits,
                           leavesDay: day + rng.exponentialDays(mean: kind.meanTenureDays), enrols: enrols)
    }
}

/// The people of one venue over time: departures, arrivals and who comes to a session.
struct BenchVenuePopulation: Sendable {
    var people: [BenchPerson] = []

    /// Drops people whose tenure ended and brings every kind back to its target.
    mutating func refresh(day: Int, year: Int, rng: inout SeededRandom) {
        people.removeAll { $0.leavesDay <= day }
        for kind in [BenchKind.regular, .occasional, .volunteer, .staff] {
            let missing = kind.target - people.count(where: { $0.kind == kind })
            for _ in 0..<max(0, missing) { people.append(BenchPerson.make(kind, day: day, year: year, rng: &rng)) }
        }
    }

    /// Indices of the people who come to session `index` today; one-timers are added on the spot.
    mutating func attendees(session index: Int, day: Int, year: Int, rng: inout SeededRandom) -> [Int] {
        var coming = people.indices.filter { rng.chance(people[$0].kind.attendance(habit: people[$0].habits[index])) }
        let newcomers = (rng.chance(0.35) ? 1 : 0) + (rng.chance(0.1) ? 1 : 0)
        for _ in 0..<newcomers {
            people.append(BenchPerson.make(.oneTimer, day: day, year: year, rng: &rng))
            coming.append(people.count - 1)
        }
        return coming
    }
}
