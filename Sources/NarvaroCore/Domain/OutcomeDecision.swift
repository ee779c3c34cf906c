// What a swipe's outcome is (counted, unknown, duplicate, revoked, activity card), decided from what
// the recorder looked up: who holds the card and its nearest other swipe on that reader. Pure, like
// `Attribution`; `CheckInRecorder` does the lookups and writes the result.

/// Who holds the swiped card, as the store knows it when the swipe is written.
public enum CardHolder: Hashable, Sendable {
    /// An activity card: the swipe switches the reader to this activity.
    case activityCard(activityID: Int64)
    /// A visitor's card: `enrolled` is false for the placeholder visitor of a card nobody has enrolled.
    case visitorCard(enrolled: Bool, revoked: Bool)
}

public struct OutcomeDecision: Hashable, Sendable {
    public var outcome: CheckInOutcome
    /// For an activity card: the activity the reader switches to.
    public var activitySwitch: Int64?

    public init(outcome: CheckInOutcome, activitySwitch: Int64? = nil) {
        self.outcome = outcome
        self.activitySwitch = activitySwitch
    }

    /// `nearestSwipe` is the time of the same card's nearest other check-in on the same reader,
    /// before OR after `time`: swipes are not always committed in time order (a spool drained late,
    /// two replays), and a burst must count once whichever of its swipes is committed first.
    /// An activity card is never a duplicate and is not refused when revoked; a duplicate beats revoked.
    public static func decide(holder: CardHolder, time: EventTime, nearestSwipe: EventTime?,
                              cooldownSeconds: Int) -> OutcomeDecision {
        switch holder {
        case .activityCard(let activityID):
            return OutcomeDecision(outcome: .activity, activitySwitch: activityID)
        case .visitorCard(let enrolled, let revoked):
            if isDuplicate(time: time, nearestSwipe: nearestSwipe, cooldownSeconds: cooldownSeconds) {
                return OutcomeDecision(outcome: .duplicate)
            }
            return OutcomeDecision(outcome: revoked ? .revoked : (enrolled ? .counted : .unknown))
        }
    }

    /// Within the cooldown, both ends included; a cooldown of 0 turns the check off.
    static func isDuplicate(time: EventTime, nearestSwipe: EventTime?, cooldownSeconds: Int) -> Bool {
        guard cooldownSeconds > 0, let nearestSwipe else { return false }
        let distance = time.microseconds.subtractingReportingOverflow(nearestSwipe.microseconds)
        guard !distance.overflow, distance.partialValue != .min else { return false }
        return abs(distance.partialValue) <= Int64(cooldownSeconds) * 1_000_000
    }
}
