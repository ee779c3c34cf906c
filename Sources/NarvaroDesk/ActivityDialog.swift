// The `a` dialog as a state machine fed keys: choose a reader, then an activity, from numbered
// lists (0 = back to the usual activity). A number that cannot grow into another choice is taken at
// once; otherwise Enter takes it. Esc or Ctrl-C cancels without switching anything.
import NarvaroCore

public struct ActivityDialog: Sendable {
    public struct Choice: Hashable, Sendable {
        public var id: Int64
        public var name: String

        public init(id: Int64, name: String) {
            self.id = id
            self.name = name
        }
    }

    public enum Stage: Sendable, Equatable { case reader, activity }

    public enum State: Equatable, Sendable {
        case choosing
        /// `activityID` nil: clear the reader's current activity (back to fixed/schedule/drop-in).
        case chosen(reader: String, activityID: Int64?)
        case cancelled
    }

    /// Reader names, listed 1…n.
    public let readers: [String]
    /// Activities, listed 1…n; 0 means "follow the schedule again".
    public let activities: [Choice]
    public private(set) var stage: Stage
    public private(set) var reader: String?
    public private(set) var input = ""
    public private(set) var error: String?
    public private(set) var state: State = .choosing
    private let texts: DeskTexts

    /// With one reader the reader question is skipped.
    public init(readers: [String], activities: [Choice], texts: DeskTexts) {
        self.readers = readers
        self.activities = activities
        self.texts = texts
        if readers.count == 1 {
            reader = readers[0]
            stage = .activity
        } else {
            stage = .reader
        }
    }

    @discardableResult
    public mutating func feed(_ key: DeskKey) -> State {
        guard state == .choosing else { return state }
        switch key {
        case .escape, .interrupt, .endOfInput:
            state = .cancelled
        case .backspace:
            if !input.isEmpty { input.removeLast() }
        case .enter:
            take()
        case .character(let c):
            guard c.isASCII, c.isNumber else { error = texts.notInList; return state }
            if input.count < 4 { input.append(c) }
            // Take it now when no further digit could make another valid number.
            if input == "0" || (Int(input).map { $0 * 10 > count } ?? false) { take() }
        }
        return state
    }

    /// The highest number of the current list.
    private var count: Int { stage == .reader ? readers.count : activities.count }

    private mutating func take() {
        let typed = input
        input = ""
        guard let n = Int(typed), n >= (stage == .reader ? 1 : 0), n <= count else {
            error = texts.notInList
            return
        }
        error = nil
        switch stage {
        case .reader:
            reader = readers[n - 1]
            stage = .activity
        case .activity:
            guard let reader else { state = .cancelled; return }
            state = .chosen(reader: reader, activityID: n == 0 ? nil : activities[n - 1].id)
        }
    }
}
