// The outcome decision as a table: every outcome, the cooldown's edges in both directions, and
// which rule wins when two apply (activity card over everything, duplicate over revoked).

import Testing
@testable import NarvaroCore

@Suite struct CheckInOutcomeTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var holder: CardHolder
        /// The nearest other swipe's offset from this one in microseconds (negative: earlier).
        var neighbour: Int64?
        var cooldown: Int
        var expected: OutcomeDecision
        var testDescription: String { name }
    }

    static let second: Int64 = 1_000_000
    static let enrolled = CardHolder.visitorCard(enrolled: true, revoked: false)
    static let placeholder = CardHolder.visitorCard(enrolled: false, revoked: false)
    static let revoked = CardHolder.visitorCard(enrolled: true, revoked: true)

    static let cases: [Case] = [
        Case(name: "enrolled visitor, no neighbour: counted", holder: enrolled, neighbour: nil, cooldown: 60, expected: .init(outcome: .counted)),
        Case(name: "placeholder of an unknown card: unknown", holder: placeholder, neighbour: nil, cooldown: 60, expected: .init(outcome: .unknown)),
        Case(name: "revoked card: revoked", holder: revoked, neighbour: nil, cooldown: 60, expected: .init(outcome: .revoked)),
        Case(name: "revoked placeholder: revoked", holder: .visitorCard(enrolled: false, revoked: true), neighbour: nil, cooldown: 60, expected: .init(outcome: .revoked)),
        Case(name: "activity card switches the reader", holder: .activityCard(activityID: 7), neighbour: nil, cooldown: 60, expected: .init(outcome: .activity, activitySwitch: 7)),
        Case(name: "activity card is never a duplicate", holder: .activityCard(activityID: 7), neighbour: -1 * second, cooldown: 60, expected: .init(outcome: .activity, activitySwitch: 7)),
        Case(name: "earlier neighbour exactly at the cooldown: duplicate", holder: enrolled, neighbour: -60 * second, cooldown: 60, expected: .init(outcome: .duplicate)),
        Case(name: "later neighbour exactly at the cooldown: duplicate", holder: enrolled, neighbour: 60 * second, cooldown: 60, expected: .init(outcome: .duplicate)),
        Case(name: "earlier neighbour just inside: duplicate", holder: enrolled, neighbour: -60 * second + 1, cooldown: 60, expected: .init(outcome: .duplicate)),
        Case(name: "later neighbour just inside: duplicate", holder: enrolled, neighbour: 60 * second - 1, cooldown: 60, expected: .init(outcome: .duplicate)),
        Case(name: "earlier neighbour just outside: counted", holder: enrolled, neighbour: -60 * second - 1, cooldown: 60, expected: .init(outcome: .counted)),
        Case(name: "later neighbour just outside: counted", holder: enrolled, neighbour: 60 * second + 1, cooldown: 60, expected: .init(outcome: .counted)),
        Case(name: "cooldown 0 turns the check off", holder: enrolled, neighbour: 0, cooldown: 0, expected: .init(outcome: .counted)),
        Case(name: "unknown card within the cooldown: duplicate", holder: placeholder, neighbour: -5 * second, cooldown: 60, expected: .init(outcome: .duplicate)),
        Case(name: "duplicate beats revoked", holder: revoked, neighbour: 5 * second, cooldown: 60, expected: .init(outcome: .duplicate)),
        Case(name: "revoked card outside the cooldown: revoked", holder: revoked, neighbour: -61 * second, cooldown: 60, expected: .init(outcome: .revoked)),
    ]

    @Test(arguments: cases)
    func decides(_ row: Case) {
        let time = EventTime(microseconds: 1_780_000_000 * Self.second)
        let nearest = row.neighbour.map { EventTime(microseconds: time.microseconds + $0) }
        let decision = OutcomeDecision.decide(holder: row.holder, time: time, nearestSwipe: nearest, cooldownSeconds: row.cooldown)
        #expect(decision == row.expected)
    }

    /// Only counted and unknown count as visits; the decision's other outcomes never reach the statistics.
    @Test(arguments: CheckInOutcome.allCases)
    func countsOnlyVisits(_ outcome: CheckInOutcome) {
        #expect(outcome.counts == [.counted, .unknown].contains(outcome))
    }
}
