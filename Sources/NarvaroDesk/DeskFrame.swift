// The desk screen as a pure function: model (+ open dialog, + notice) → exactly `height` lines,
// none wider than `width`. Top: title, greeting, alerts; middle: the latest swipes fill the space;
// bottom: today's counters, what each reader counts now, the dialog and the key help.
import NarvaroCore

/// A dialog open over the desk.
public enum DeskOverlay: Sendable {
    case enrol(EnrolDialog)
    case activity(ActivityDialog)
}

/// A one-line result of the last action ("Registered as visitor K7M2QD.").
public struct DeskNotice: Sendable, Hashable {
    public var text: String
    public var isError: Bool

    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}

public struct DeskFrame: Sendable {
    public var model: DeskModel
    public var texts: DeskTexts
    public var overlay: DeskOverlay?
    public var notice: DeskNotice?

    public init(model: DeskModel, texts: DeskTexts, overlay: DeskOverlay? = nil, notice: DeskNotice? = nil) {
        self.model = model
        self.texts = texts
        self.overlay = overlay
        self.notice = notice
    }

    /// The screen as text: plain (`--once`, no terminal) or with SGR colours. Exactly `height` lines.
    public func render(width: Int, height: Int, color: Bool) -> [String] {
        lines(width: width, height: height).map { color ? $0.ansi(width: width) : Self.trimmed($0.plain(width: width)) }
    }

    static func trimmed(_ s: String) -> String {
        var s = Substring(s)
        while s.last == " " { s.removeLast() }
        return String(s)
    }

    /// The screen as styled lines: exactly `height` of them (none when the height is not positive).
    public func lines(width: Int, height: Int) -> [DeskLine] {
        guard height > 0 else { return [] }
        var top = [titleLine(width)]
        let big = height >= 32
        if big { top.append(DeskLine(" ", model.greeting == nil ? .plain : .greeting, fill: true)) }
        top.append(greetingLine())
        if big { top.append(DeskLine(" ", model.greeting == nil ? .plain : .greeting, fill: true)) }
        if let card = model.newestUnknownCard { top.append(DeskLine(" " + texts.newCardAlert(card.reader, card.time), .warning, fill: true)) }
        if let notice { top.append(DeskLine(" " + notice.text, notice.isError ? .alert : .info)) }
        let bottom = dialogLines() + [helpLine()]
        if top.count + bottom.count >= height {
            // A tiny terminal: the dialog and the keys matter most, then the title.
            let keep = Array(bottom.suffix(height - 1))
            return Array(top.prefix(height - keep.count)) + keep
        }
        var counters = countersBlock(width)
        var readers = readersBlock()
        let available = height - top.count - bottom.count
        let listMinimum = 1 + min(max(model.checkIns.count, 1), 3)
        let room = max(0, available - listMinimum)
        if counters.count + readers.count > room {
            readers = Self.shrink(readers, to: max(min(readers.count, 2), room - counters.count), keepLast: false)
            counters = Self.shrink(counters, to: room - readers.count, keepLast: true)
            if counters.count + readers.count > room { readers = Self.shrink(readers, to: room - counters.count, keepLast: false) }
        }
        let listLines = available - counters.count - readers.count
        var list = listBlock(width, rows: max(0, listLines - 1))
        list = Array(list.prefix(max(0, listLines)))
        while list.count < listLines { list.append(DeskLine()) }
        return top + list + counters + readers + bottom
    }

    /// At most `n` lines of a block with a header: the header, the first rows and (with `keepLast`) its last line.
    static func shrink(_ block: [DeskLine], to n: Int, keepLast: Bool) -> [DeskLine] {
        guard block.count > n else { return block }
        guard n >= (keepLast ? 3 : 2) else { return [] }
        return keepLast ? Array(block.prefix(n - 1)) + [block[block.count - 1]] : Array(block.prefix(n))
    }

    func titleLine(_ width: Int) -> DeskLine {
        let weekday = texts.weekdays[(model.date.isoWeekday + 6) % 7]
        let right = "\(weekday) \(model.date)  \(model.clock) "
        let left = " " + model.venueName
        let leftWidth = max(0, width - TextTable.displayWidth(right))
        guard leftWidth >= 8 else { return DeskLine(right, .title, fill: true) }
        return DeskLine(DeskLine.pad(left, leftWidth - 1) + " " + right, .title, fill: true)
    }

    func greetingLine() -> DeskLine {
        guard let greeting = model.greeting, let who = greeting.who else {
            return model.checkIns.isEmpty ? DeskLine(" " + texts.noCheckInsYet, .dim) : DeskLine()
        }
        return DeskLine(" ★ \(texts.welcome(who))  \(greeting.activity)  \(greeting.time)", .greeting, fill: true)
    }

    func listBlock(_ width: Int, rows: Int) -> [DeskLine] {
        var lines = [DeskLine(" " + texts.latest, .bold)]
        guard !model.checkIns.isEmpty else { return lines + [DeskLine("   " + texts.noCheckInsYet, .dim)] }
        let rest = max(0, width - 8)
        let whoWidth = min(20, max(8, rest / 4)), activityWidth = min(24, max(8, rest / 4))
        let readerWidth = model.readers.count > 1 && width >= 90 ? min(12, model.readers.map { TextTable.displayWidth($0.reader) }.max() ?? 0) : 0
        for checkIn in model.checkIns.prefix(rows) {
            var text = " \(checkIn.time)  " + DeskLine.pad(checkIn.who ?? "?", whoWidth) + "  " + DeskLine.pad(checkIn.activity, activityWidth) + "  "
            if readerWidth > 0 { text += DeskLine.pad(checkIn.reader, readerWidth) + "  " }
            let (mark, style) = outcome(checkIn)
            lines.append(DeskLine([(text, checkIn.outcome == .duplicate ? .dim : .plain), (mark, style)]))
        }
        return lines
    }

    /// The outcome's words (which carry a mark: ✓ ! = ✗ → +) and its colour.
    func outcome(_ checkIn: DeskCheckIn) -> (String, DeskStyle) {
        switch checkIn.outcome {
        case .counted: return (texts.counted, .ok)
        case .unknown: return checkIn.awaitsEnrolment ? (texts.newCardPressE, .warning) : (texts.newCardEnrolled, .ok)
        case .duplicate: return (texts.duplicate, .dim)
        case .revoked: return (texts.revoked, .alert)
        case .activity: return (texts.activityCard, .info)
        }
    }

    func countersBlock(_ width: Int) -> [DeskLine] {
        let nameWidth = max(8, min(36, width - 1 - 3 * 8))
        func row(_ name: String, _ cells: [String], _ style: DeskStyle) -> DeskLine {
            DeskLine(" " + DeskLine.pad(name, nameWidth) + cells.map { "  " + DeskLine.pad($0, 6, right: true) }.joined(), style)
        }
        var lines = [row("\(texts.today) (\(texts.participants))", [texts.visits, texts.unique, texts.new], .bold)]
        for counter in model.counters {
            let f = counter.figures
            lines.append(row("  " + counter.activity, [String(f.visits), String(f.uniqueVisitors), String(f.newVisitors)], .plain))
        }
        let t = model.total
        lines.append(row("  " + texts.total, [String(t.visits), String(t.uniqueVisitors), String(t.newVisitors)], .bold))
        return lines
    }

    func readersBlock() -> [DeskLine] {
        var lines = [DeskLine(" " + texts.runningNow, .bold)]
        guard !model.readers.isEmpty else { return lines + [DeskLine("   " + texts.noReaders, .dim)] }
        let nameWidth = min(16, model.readers.map { TextTable.displayWidth($0.reader) }.max() ?? 0)
        let activityWidth = min(24, model.readers.map { TextTable.displayWidth($0.activity) }.max() ?? 0)
        for reader in model.readers {
            let detail: String
            switch reader.source {
            case .activityCard: detail = texts.setUntil(reader.until ?? "?")
            case .fixed: detail = texts.fixed
            case .schedule, .scheduleOverlap: detail = texts.scheduledUntil(reader.until ?? "?")
            case .dropIn: detail = texts.nothingScheduled
            }
            lines.append(DeskLine([("   " + DeskLine.pad(reader.reader, nameWidth) + "  ", .plain), (DeskLine.pad(reader.activity, activityWidth), .bold), ("  " + detail, .dim)]))
        }
        return lines
    }

    func helpLine() -> DeskLine {
        switch overlay {
        case .enrol(let dialog): return DeskLine(" " + (dialog.step.rawValue >= EnrolDialog.Step.gender.rawValue ? texts.choiceKeys : texts.dialogKeys), .inverse, fill: true)
        case .activity: return DeskLine(" " + texts.choiceKeys, .inverse, fill: true)
        case nil: return DeskLine(" " + texts.helpLine, .inverse, fill: true)
        }
    }

    func dialogLines() -> [DeskLine] {
        switch overlay {
        case nil: return []
        case .enrol(let dialog): return enrolLines(dialog)
        case .activity(let dialog): return activityLines(dialog)
        }
    }

    func enrolLines(_ dialog: EnrolDialog) -> [DeskLine] {
        var lines = [DeskLine(" " + texts.enrolTitle(dialog.reader, dialog.time), .inverse, fill: true)]
        let names: [EnrolDialog.Step: String] = [.nickname: texts.nickname, .birthYear: texts.birthYear, .gender: texts.gender, .role: texts.role]
        for step in EnrolDialog.Step.allCases where step.rawValue < dialog.step.rawValue {
            lines.append(DeskLine("   \(names[step] ?? ""): \(dialog.answer(for: step))"))
        }
        lines.append(DeskLine([(" > \(names[dialog.step] ?? ""): ", .bold), (dialog.input + "_", .plain), ("   (\(texts.skipHint))", .dim)]))
        switch dialog.step {
        case .gender:
            lines.append(DeskLine("     " + EnrolDialog.genders.enumerated().map { "\($0 + 1) \(texts.genders[$1] ?? $1.rawValue)" }.joined(separator: "   ")))
        case .role:
            lines.append(DeskLine("     " + EnrolDialog.roles.enumerated().map { "\($0 + 1) \(texts.roles[$1] ?? $1.rawValue)" }.joined(separator: "   ")))
        case .nickname, .birthYear: break
        }
        if let error = dialog.error { lines.append(DeskLine(" ! " + error, .alert)) }
        return lines
    }

    func activityLines(_ dialog: ActivityDialog) -> [DeskLine] {
        var lines = [DeskLine(" " + texts.switchTitle, .inverse, fill: true)]
        switch dialog.stage {
        case .reader:
            lines.append(DeskLine([(" > \(texts.chooseReader) ", .bold), (dialog.input + "_", .plain)]))
            for (i, name) in dialog.readers.enumerated() {
                let now = model.readers.first { $0.reader == name }.map { " (\($0.activity))" } ?? ""
                lines.append(DeskLine("     \(i + 1) \(name)\(now)"))
            }
        case .activity:
            lines.append(DeskLine([(" > \(dialog.reader ?? ""): \(texts.chooseActivity) ", .bold), (dialog.input + "_", .plain)]))
            lines.append(DeskLine("     0 \(texts.followSchedule)"))
            for (i, choice) in dialog.activities.enumerated() { lines.append(DeskLine("     \(i + 1) \(choice.name)")) }
        }
        if let error = dialog.error { lines.append(DeskLine(" ! " + error, .alert)) }
        return lines
    }
}
