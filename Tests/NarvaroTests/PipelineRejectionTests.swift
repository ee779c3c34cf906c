// Why the pipeline refuses a swipe, by the step that refused it (issue 13): the decoder's reason
// with who caused it, or the recorder's message; the journal's `reason=` text is as before.
@testable import NarvaroCore
@testable import NarvaroDaemon
import Foundation
import Testing

@Suite struct PipelineRejectionTests {
    @Test func aShortSwipeIsTheDecodersReasonAndTheSwipersDoing() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        let pipeline = try SwipePipeline(recorder: db.recorder, spool: nil)
        let events = PipelineTests.typing("12", at: TestDatabase.time("2026-11-17T15:00:00+01:00")).flatMap { pipeline.feed($0, reader: "entre") }
        let reasons = events.compactMap { if case .rejected(_, let reason, _) = $0 { reason } else { nil } }
        #expect(reasons == [.keys(.tooShort)])
        #expect(RejectReason.tooShort.cause == .swipe && RejectReason.dropped.cause == .kernel && RejectReason.badTime.cause == .clock)
        #expect(reasons.first?.description == "tooShort", "the journal logs reason=tooShort, as before")
    }

    @Test func aCardThatDoesNotFitTheFormatIsTheRecordersReason() throws {
        let db = try TestDatabase()
        try db.standardVenue(format: .decimal10)
        let pipeline = try SwipePipeline(recorder: db.recorder, spool: nil)
        let events = PipelineTests.typing("12AB", at: TestDatabase.time("2026-11-17T15:00:00+01:00")).flatMap { pipeline.feed($0, reader: "entre") }
        let reasons = events.compactMap { if case .rejected(_, let reason, _) = $0 { reason } else { nil } }
        #expect(reasons.count == 1)
        guard case .card(let message)? = reasons.first else { Issue.record("expected the recorder's reason, got \(reasons)"); return }
        #expect(message.contains("decimal10"))
        #expect(try db.store.db.scalar("SELECT count(*) FROM checkins") == 0)
    }
}
