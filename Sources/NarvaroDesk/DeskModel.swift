// What the front-desk screen shows at one instant, as plain values: the venue and its clock,
// today's latest swipes, today's counters and the activity each reader is counting now.
import NarvaroCore

/// One swipe as the desk lists it.
public struct DeskCheckIn: Hashable, Sendable {
    public var id: Int64
    /// Local `HH:MM` in the venue's time zone.
    public var time: String
    public var instant: EventTime
    public var reader: String
    /// The nickname, else the visitor code; nil for a card nobody has registered yet.
    public var who: String?
    /// The visitor's code; for an unregistered card, the code of the placeholder that holds it.
    public var visitorCode: String?
    public var activity: String
    public var outcome: CheckInOutcome
    /// An `unknown` swipe whose card is still not registered: `e` registers the newest of these.
    public var awaitsEnrolment: Bool { outcome == .unknown && who == nil }

    public init(id: Int64, time: String, instant: EventTime, reader: String, who: String?, visitorCode: String?, activity: String,
                outcome: CheckInOutcome) {
        self.id = id
        self.time = time
        self.instant = instant
        self.reader = reader
        self.who = who
        self.visitorCode = visitorCode
        self.activity = activity
        self.outcome = outcome
    }
}

/// The activity a reader counts right now and why (see `Attribution.decide`).
public struct DeskReaderNow: Hashable, Sendable {
    public var reader: String
    public var activity: String
    public var source: AttributionSource
    /// Local `HH:MM` when the choice ends: the end of the running slot, or of the desk's/activity card's setting.
    public var until: String?

    public init(reader: String, activity: String, source: AttributionSource, until: String?) {
        self.reader = reader
        self.activity = activity
        self.source = source
        self.until = until
    }
}

/// Today's figures for one activity (participants only, like the weekly report).
public struct DeskCounter: Hashable, Sendable {
    public var activity: String
    public var figures: AttendanceFigures

    public init(activity: String, figures: AttendanceFigures) {
        self.activity = activity
        self.figures = figures
    }
}

public struct DeskModel: Sendable {
    public var venueName: String
    public var date: LocalDate
    /// Local `HH:MM:SS`.
    public var clock: String
    /// Today's swipes at the venue, newest first.
    public var checkIns: [DeskCheckIn]
    public var counters: [DeskCounter]
    public var total: AttendanceFigures
    public var readers: [DeskReaderNow]

    public init(venueName: String, date: LocalDate, clock: String, checkIns: [DeskCheckIn], counters: [DeskCounter],
                total: AttendanceFigures, readers: [DeskReaderNow]) {
        self.venueName = venueName
        self.date = date
        self.clock = clock
        self.checkIns = checkIns
        self.counters = counters
        self.total = total
        self.readers = readers
    }

    /// The newest swipe that counted for a known visitor: the one the desk greets.
    public var greeting: DeskCheckIn? { checkIns.first { $0.outcome.counts && $0.who != nil } }

    /// The newest swipe of a card nobody has registered yet.
    public var newestUnknownCard: DeskCheckIn? { checkIns.first { $0.awaitsEnrolment } }

    /// Loads the model once (`--once`, tests): see `DeskFollower`.
    public static func load(store: Store, venue: String?, now: EventTime) throws -> DeskModel {
        let follower = try DeskFollower(store: store, venue: venue)
        _ = try follower.poll(now: now)
        return follower.model(now: now)
    }
}

extension VenueClock {
    /// Local `HH:MM` (or `HH:MM:SS`) of an instant.
    public func clockText(_ t: EventTime, seconds: Bool = false) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let minute = minuteOfDay(of: t)
        var text = "\(two(minute / 60)):\(two(minute % 60))"
        if seconds {
            let second = Int(((t.seconds % 60) + 60) % 60)
            text += ":\(two(second))"
        }
        return text
    }
}
