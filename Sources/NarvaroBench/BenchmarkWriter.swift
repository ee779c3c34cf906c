// The generator's row writer: sets up the venues through the Store API, then turns each session's
// attendance into check-in rows and the statistics the real swipe path would have written for them,
// written through the Store's bulk import (Storage/Store+BulkImport.swift).
import NarvaroCLI
import NarvaroCore
import NarvaroDaemon
import NarvaroCommands

/// One generated swipe before it becomes a row.
private struct BenchSwipe {
    enum Kind { case visit, duplicate, reswipe, revokedCard }
    var time: Int64
    var person: Int
    var kind: Kind
}

/// Per venue: its people and, per session, the reader swiped and the attribution the real path decides.
private struct BenchVenue {
    var id: Int64
    var population = BenchVenuePopulation()
    var sessions: [(reader: Reader, activityID: Int64, source: AttributionSource)]
}

struct BenchmarkWriter {
    let store: Store
    let hasher: CardHasher
    let bands: AgeBands
    let clock: VenueClock
    private var venues: [BenchVenue] = []
    private var rng: SeededRandom
    private(set) var written = 0
    private(set) var nextVisitorID: Int64 = 1
    private var nextCardID: Int64 = 1
    private(set) var lastDay = 0

    /// Creates the venues, their activities, weekly schedules and two readers each.
    init(store: Store, plan: BenchmarkPlan) throws {
        self.store = store
        hasher = try store.hasher()
        bands = try store.ageBands()
        clock = try VenueClock(identifier: "Europe/Stockholm")
        rng = SeededRandom(seed: plan.seed)
        for index in 0..<plan.venues {
            let slug = BenchmarkGenerator.venueSlug(index)
            let venue = try store.addVenue(slug: slug, name: "Mötesplats \(index + 1)")
            let lax = try store.addActivity(slug: "laxhjalp", venue: slug, name: "Läxhjälp", organizer: "Läxhjälpen")
            let cafe = try store.addActivity(slug: "sprakcafe", venue: slug, name: "Språkcafé", organizer: "Biblioteket")
            for day in ["tue", "thu"] {
                try store.addSlot(activity: lax, timing: SlotTiming.parseWeekly(day: day, range: "15:00-18:00", from: nil, until: nil))
            }
            try store.addSlot(activity: cafe, timing: SlotTiming.parseWeekly(day: "wed", range: "17:00-19:00", from: nil, until: nil))
            var settings = ReaderSettings()
            settings.venue = slug
            settings.cardFormat = .decimal10
            let entrance = try store.addReader(name: "\(slug)-entre", settings: settings)
            settings.fixedActivity = "sprakcafe"
            let cafeReader = try store.addReader(name: "\(slug)-cafe", settings: settings)
            let slots = try store.slots(venueID: venue.id)
            let dropIn = try store.dropInActivityID(venueID: venue.id)
            // Attribution is decided once per session, by the real rules, at a time inside it.
            let sessions = BenchProfile.sessions.map { session in
                let date = plan.firstDay.adding(days: session.weekday.rawValue - plan.firstDay.isoWeekday + 7)
                let reader = session.door == .cafe ? cafeReader : entrance
                let decided = Attribution.decide(reader: reader, time: clock.instant(of: date, minute: session.start + 30),
                                                 slots: slots, clock: clock, dropInID: dropIn)
                return (reader: reader, activityID: decided.activityID, source: decided.source)
            }
            venues.append(BenchVenue(id: venue.id, sessions: sessions))
        }
    }

    /// Writes every venue's session on `day` (if open), stopping at `limit` check-ins in all.
    mutating func generate(day: Int, limit: Int) throws {
        let date = LocalDate(dayNumber: day)
        guard BenchProfile.isOpen(date),
              let index = BenchProfile.sessions.firstIndex(where: { $0.weekday.rawValue == date.isoWeekday }) else { return }
        for v in venues.indices where written < limit {
            try session(venue: v, index: index, date: date, limit: limit)
        }
    }

    private mutating func session(venue v: Int, index: Int, date: LocalDate, limit: Int) throws {
        let day = date.dayNumber
        let spec = BenchProfile.sessions[index]
        venues[v].population.refresh(day: day, year: date.year, rng: &rng)
        var swipes: [BenchSwipe] = []
        for person in venues[v].population.attendees(session: index, day: day, year: date.year, rng: &rng) {
            // Arrive early enough that a second swipe 45 minutes later still falls inside the session.
            let minute = spec.start + Int.random(in: 0..<(spec.end - spec.start - 60), using: &rng)
            let time = clock.instant(of: date, minute: minute).microseconds + Int64.random(in: 0..<60_000_000, using: &rng)
            let p = venues[v].population.people[person]
            if p.kind == .regular, p.visitorID != nil, p.cardGeneration < 3, rng.chance(0.002) {
                swipes.append(BenchSwipe(time: time - 30_000_000, person: person, kind: .revokedCard))
            }
            swipes.append(BenchSwipe(time: time, person: person, kind: .visit))
            if rng.chance(0.03) { swipes.append(BenchSwipe(time: time + Int64.random(in: 2...8, using: &rng) * 1_000_000, person: person, kind: .duplicate)) }
            if rng.chance(0.02) { swipes.append(BenchSwipe(time: time + 45 * 60_000_000, person: person, kind: .reswipe)) }
        }
        swipes.sort { $0.time < $1.time }
        swipes = Array(swipes.prefix(limit - written))
        var totals: [DayTotal.Key: (visits: Int, new: Int)] = [:]
        var visited: Set<Int> = []
        let session = venues[v].sessions[index]
        for swipe in swipes {
            var person = venues[v].population.people[swipe.person]
            var outcome = CheckInOutcome.counted
            if person.visitorID == nil {
                try createVisitor(&person, at: swipe.time)
                // Swiped before anyone enrolled the card; staff are registered with their card beforehand.
                if person.kind != .staff { outcome = .unknown }
            }
            if !person.enrols { outcome = .unknown }
            switch swipe.kind {
            case .visit, .reswipe: break
            case .duplicate: outcome = .duplicate
            case .revokedCard:
                // The old card was reported lost an hour ago; a new one is issued right after this swipe.
                outcome = .revoked
                try store.bulkRevokeCard(id: person.cardID, at: swipe.time - 3_600_000_000)
            }
            guard let visitorID = person.visitorID, let cardID = person.cardID else { continue }
            let key = Array(hasher.hash("swipe|\(session.reader.name)|\(swipe.time)|\(person.cardHashHex)").prefix(16))
            try store.bulkInsertCheckIn(time: swipe.time, readerID: session.reader.id, venueID: venues[v].id, activityID: session.activityID,
                                        cardID: cardID, visitorID: visitorID, day: day, outcome: outcome.rawValue,
                                        attribution: session.source.rawValue, swipeKey: key)
            written += 1
            if swipe.kind == .revokedCard {
                person.cardGeneration += 1
                try issueCard(&person, at: swipe.time + 10_000_000)
            }
            if outcome.counts, visited.insert(swipe.person).inserted {
                try store.bulkInsertVisit(venueID: venues[v].id, day: day, activityID: session.activityID, visitorID: visitorID)
                let isNew = person.firstDay == nil
                if isNew {
                    person.firstDay = day
                    try store.bulkInsertFirstVisit(visitorID: visitorID, venueID: venues[v].id, day: day)
                }
                let details = person.details
                let totalKey = DayTotal.Key(activityID: session.activityID, role: (details.role ?? .participant).rawValue,
                                            gender: (details.gender ?? .unstated).rawValue,
                                            ageBand: bands.label(birthYear: details.birthYear, in: date.year))
                totals[totalKey, default: (0, 0)].visits += 1
                totals[totalKey, default: (0, 0)].new += isNew ? 1 : 0
            }
            venues[v].population.people[swipe.person] = person
        }
        for (key, value) in totals {
            try store.bulkInsertDayTotal(venueID: venues[v].id, day: day, key: key, visits: value.visits, newVisitors: value.new)
        }
        if !swipes.isEmpty { lastDay = day }
    }

    /// The visitor row (enrolled, or a placeholder that never will be) and the first card, at the first swipe.
    private mutating func createVisitor(_ person: inout BenchPerson, at time: Int64) throws {
        let id = nextVisitorID
        nextVisitorID += 1
        let d = person.details
        try store.bulkInsertVisitor(id: id, code: BenchmarkGenerator.visitorCode(id: id), nickname: d.nickname, birthYear: d.birthYear,
                                    gender: (d.gender ?? .unstated).rawValue, role: (d.role ?? .participant).rawValue,
                                    enrolled: person.enrols, createdAt: time)
        person.visitorID = id
        try issueCard(&person, at: time)
    }

    private mutating func issueCard(_ person: inout BenchPerson, at time: Int64) throws {
        guard let visitorID = person.visitorID else { return }
        let text = BenchmarkGenerator.cardText(visitorID: visitorID, generation: person.cardGeneration)
        let hash = hasher.hash(try CardFormat.decimal10.canonicalCard(text))
        let id = nextCardID
        nextCardID += 1
        try store.bulkInsertCard(id: id, hash: hash, visitorID: visitorID, createdAt: time)
        person.cardID = id
        person.cardHashHex = Hex.encode(hash)
    }
}
