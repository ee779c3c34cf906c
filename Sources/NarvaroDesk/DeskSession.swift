// The desk's behaviour without a terminal: keys in, database actions out, a frame to draw.
// `e` registers the newest unknown card (through `Store.enrolLast`, as `narvaro enrol` does),
// `a` switches a reader's current activity, `q` quits. The clock is injected so tests are fixed.
import NarvaroCore

public final class DeskSession {
    public let follower: DeskFollower
    public let texts: DeskTexts
    public private(set) var overlay: DeskOverlay?
    public private(set) var notice: DeskNotice?
    public private(set) var wantsToQuit = false
    private let now: () -> EventTime
    /// The swipe the open enrol dialog is about: enrolment checks it is still the newest unknown card.
    private var enrolling: DeskCheckIn?
    /// The last poll's error, shown until a poll succeeds again.
    private var readError: DeskNotice?

    public init(follower: DeskFollower, texts: DeskTexts, now: @escaping () -> EventTime) {
        self.follower = follower
        self.texts = texts
        self.now = now
    }

    /// Polls the database; returns whether the screen may have changed. A read error is shown on
    /// the screen and retried on the next poll instead of ending the desk.
    @discardableResult
    public func refresh(force: Bool = false) -> Bool {
        do {
            let changed = try follower.poll(now: now(), force: force)
            defer { readError = nil }
            return changed || readError != nil
        } catch {
            let shown = DeskNotice(texts.error(String(describing: error)), isError: true)
            defer { readError = shown }
            return readError != shown
        }
    }

    public func frame() -> DeskFrame {
        DeskFrame(model: follower.model(now: now()), texts: texts, overlay: overlay, notice: readError ?? notice)
    }

    /// Handles one key.
    public func handle(_ key: DeskKey) {
        switch overlay {
        case .enrol(var dialog):
            switch dialog.feed(key) {
            case .asking: overlay = .enrol(dialog)
            case .cancelled: close(DeskNotice(texts.enrolCancelled))
            case .finished(let details): close(enrol(details))
            }
        case .activity(var dialog):
            switch dialog.feed(key) {
            case .choosing: overlay = .activity(dialog)
            case .cancelled: close(DeskNotice(texts.switchCancelled))
            case .chosen(let reader, let activityID): close(switchActivity(reader: reader, activityID: activityID))
            }
        case nil:
            switch key {
            case .character("e"), .character("E"): openEnrolment()
            case .character("a"), .character("A"): openActivitySwitch()
            case .character("q"), .character("Q"), .interrupt, .endOfInput: wantsToQuit = true
            default: break
            }
        }
    }

    private func close(_ result: DeskNotice) {
        overlay = nil
        enrolling = nil
        notice = result
        refresh(force: true)
    }

    private func openEnrolment() {
        let time = now()
        guard let card = follower.model(now: time).newestUnknownCard else {
            notice = DeskNotice(texts.noUnknownCard, isError: true)
            return
        }
        notice = nil
        enrolling = card
        overlay = .enrol(EnrolDialog(reader: card.reader, time: card.time, currentYear: follower.clock.localDate(of: time).year, texts: texts))
    }

    private func enrol(_ details: VisitorDetails) -> DeskNotice {
        guard let card = enrolling else { return DeskNotice(texts.noUnknownCard, isError: true) }
        do {
            // `enrolLast` takes the newest unknown card at the reader; `expecting` makes sure, in the
            // same transaction, that it is still the one on the screen.
            let visitor = try follower.store.enrolLast(reader: card.reader, details: details, existingCode: nil,
                                                        currentYear: follower.clock.localDate(of: now()).year, expecting: card.visitorCode)
            return DeskNotice(texts.enrolled(visitor.code + (visitor.nickname.map { " (\($0))" } ?? "")))
        } catch StoreError.enrolmentMoved {
            return DeskNotice(texts.anotherCardMeanwhile, isError: true)
        } catch {
            return DeskNotice(texts.error(String(describing: error)), isError: true)
        }
    }

    private func openActivitySwitch() {
        let readers = follower.venueReaders.map(\.name)
        guard !readers.isEmpty else {
            notice = DeskNotice(texts.noReaders, isError: true)
            return
        }
        do {
            let activities = try follower.switchableActivities().map { ActivityDialog.Choice(id: $0.id, name: $0.name) }
            notice = nil
            overlay = .activity(ActivityDialog(readers: readers, activities: activities, texts: texts))
        } catch {
            notice = DeskNotice(texts.error(String(describing: error)), isError: true)
        }
    }

    private func switchActivity(reader name: String, activityID: Int64?) -> DeskNotice {
        do {
            let store = follower.store
            let reader = try store.reader(named: name)
            guard let activityID else {
                try store.setCurrentActivity(reader: reader, activityID: nil, until: nil)
                return DeskNotice(texts.switchedBack(name))
            }
            let until = follower.switchExpiry(activityID: activityID, now: now())
            try store.setCurrentActivity(reader: reader, activityID: activityID, until: until)
            return DeskNotice(texts.switched(name, try store.activity(id: activityID).name, follower.clock.clockText(until)))
        } catch {
            return DeskNotice(texts.error(String(describing: error)), isError: true)
        }
    }
}
