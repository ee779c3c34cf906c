// The `e` dialog as a state machine fed keys: nickname, birth year, gender, role, each optional
// (Enter on an empty answer skips it). A bad answer stays on its question with the error shown;
// Esc or Ctrl-C cancels. It only collects the answers: the desk writes them with `Store.enrolLast`.
import NarvaroCore

public struct EnrolDialog: Sendable {
    public enum Step: Int, CaseIterable, Sendable {
        case nickname, birthYear, gender, role
    }

    public enum State: Equatable, Sendable {
        case asking
        case finished(VisitorDetails)
        case cancelled
    }

    /// The card being registered: its reader and local time, for the dialog's title.
    public let reader: String
    public let time: String
    public let currentYear: Int
    public private(set) var step: Step = .nickname
    /// What has been typed for the current question.
    public private(set) var input = ""
    /// Why the last answer was refused, in the desk's language.
    public private(set) var error: String?
    public private(set) var details = VisitorDetails()
    public private(set) var state: State = .asking
    private let texts: DeskTexts

    public init(reader: String, time: String, currentYear: Int, texts: DeskTexts) {
        self.reader = reader
        self.time = time
        self.currentYear = currentYear
        self.texts = texts
    }

    /// The numbered choices of the gender and role questions, in the order typed (1, 2, …).
    public static let genders: [Gender] = [.woman, .man, .other, .unstated]
    public static let roles: [Role] = [.participant, .volunteer, .staff]

    /// Feeds one key; returns the state after it. Keys after the dialog ended change nothing.
    @discardableResult
    public mutating func feed(_ key: DeskKey) -> State {
        guard state == .asking else { return state }
        switch key {
        case .escape, .interrupt, .endOfInput:
            state = .cancelled
        case .backspace:
            if !input.isEmpty { input.removeLast() }
        case .character(let c):
            // Longer than any valid answer: the nickname limit (60) plus room to see the error.
            if input.count < 80 { input.append(c) }
        case .enter:
            submit()
        }
        return state
    }

    private mutating func submit() {
        // A refused answer is asked again from an empty line, with the error beside it.
        let answer = input.trimmingSpaces
        input = ""
        error = nil
        switch step {
        case .nickname:
            guard answer.count <= Visitor.longestNickname else { error = texts.nicknameTooLong; return }
            details.nickname = answer.isEmpty ? nil : answer
        case .birthYear:
            if !answer.isEmpty {
                guard answer.count <= 6, answer.allSatisfy({ $0.isASCII && $0.isNumber }), let year = Int(answer) else {
                    error = texts.birthYearNotANumber(answer)
                    return
                }
                do { try VisitorDetails(birthYear: year).validate(currentYear: currentYear) } catch {
                    self.error = texts.birthYearImplausible(year, currentYear - 120, currentYear)
                    return
                }
                details.birthYear = year
            }
        case .gender:
            if !answer.isEmpty {
                guard let gender = Self.choose(answer, from: Self.genders, names: { [$0.rawValue, texts.genders[$0] ?? ""] }) else {
                    error = texts.notInList
                    return
                }
                details.gender = gender
            }
        case .role:
            if !answer.isEmpty {
                guard let role = Self.choose(answer, from: Self.roles, names: { [$0.rawValue, texts.roles[$0] ?? ""] }) else {
                    error = texts.notInList
                    return
                }
                details.role = role
            }
        }
        if let next = Step(rawValue: step.rawValue + 1) {
            step = next
        } else {
            state = .finished(details)
        }
    }

    /// A choice by its number (1-based) or by its name in either language.
    static func choose<T>(_ answer: String, from choices: [T], names: (T) -> [String]) -> T? {
        if let n = Int(answer), n >= 1, n <= choices.count { return choices[n - 1] }
        let lower = answer.lowercased()
        return choices.first { names($0).contains { !$0.isEmpty && $0.lowercased() == lower } }
    }

    /// The answer given for an earlier step, as the dialog shows it ("–" when skipped).
    public func answer(for step: Step) -> String {
        switch step {
        case .nickname: return details.nickname ?? "–"
        case .birthYear: return details.birthYear.map(String.init) ?? "–"
        case .gender: return details.gender.map { texts.genders[$0] ?? $0.rawValue } ?? "–"
        case .role: return details.role.map { texts.roles[$0] ?? $0.rawValue } ?? "–"
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let first = s.first, first.isWhitespace { s.removeFirst() }
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }
}
