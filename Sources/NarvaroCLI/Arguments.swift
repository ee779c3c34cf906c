// A small declarative argument parser: each command declares its options and positionals;
// parse errors are `CommandError.usage` (exit code 2) that name the option and suggest a fix.
import NarvaroCore

public struct OptionSpec: Sendable {
    public var name: String
    /// Values the option takes: 0 for a flag, 2 for `--weekly DAY HH:MM-HH:MM`.
    public var arity: Int
    public var valueName: String
    public var help: String
    public var repeatable: Bool

    public static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, arity: 0, valueName: "", help: help, repeatable: false)
    }

    public static func value(_ name: String, _ valueName: String, _ help: String, arity: Int = 1, repeatable: Bool = false) -> OptionSpec {
        OptionSpec(name: name, arity: arity, valueName: valueName, help: help, repeatable: repeatable)
    }
}

public struct PositionalSpec: Sendable {
    public var name: String
    public var required: Bool
    public var help: String

    public static func required(_ name: String, _ help: String) -> PositionalSpec { PositionalSpec(name: name, required: true, help: help) }
    public static func optional(_ name: String, _ help: String) -> PositionalSpec { PositionalSpec(name: name, required: false, help: help) }
}

/// What the command line said, with typed getters that throw `CommandError.usage`.
public struct ParsedArguments: Sendable {
    public var positionals: [String] = []
    public var options: [String: [[String]]] = [:]

    public func flag(_ name: String) -> Bool { options[name] != nil }
    public func string(_ name: String) -> String? { options[name]?.last?.first }
    public func values(_ name: String) -> [String]? { options[name]?.last }
    public func all(_ name: String) -> [[String]] { options[name] ?? [] }
    public func positional(_ index: Int) -> String? { index < positionals.count ? positionals[index] : nil }

    /// The option's value read by `parse`; what `parse` throws (a period or date that does not
    /// exist, say) is a usage error naming the option, so it exits 2 like every other usage error.
    public func parsed<T>(_ name: String, _ parse: (String) throws -> T) throws(CommandError) -> T? {
        guard let text = string(name) else { return nil }
        do { return try parse(text) } catch let error as CommandError { throw error } catch {
            throw CommandError.usage("\(name): \(error)")
        }
    }

    /// Runs `parse` over option values that need more than one (`--weekly DAY RANGE`): a value
    /// that is not a date, time or range (`TimeError`) is a usage error naming `option`.
    public func reading<T>(_ option: String, _ parse: () throws -> T) throws -> T {
        do { return try parse() } catch let error as TimeError { throw CommandError.usage("\(option): \(error)") }
    }

    public func int(_ name: String, in range: ClosedRange<Int>) throws(CommandError) -> Int? {
        guard let text = string(name) else { return nil }
        guard let n = Int(text), range.contains(n) else {
            throw CommandError.usage("\(name) takes a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return n
    }

    public func choice<E: RawRepresentable & CaseIterable>(_ name: String, as type: E.Type) throws(CommandError) -> E? where E.RawValue == String {
        guard let text = string(name) else { return nil }
        guard let value = E(rawValue: text.lowercased()) else {
            throw CommandError.usage("\(name) takes one of \(E.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
        }
        return value
    }
}

enum ArgumentParser {
    /// Parses `arguments` (after the command path) against `options` and `positionals`.
    static func parse(_ arguments: [String], options: [OptionSpec], positionals: [PositionalSpec]) throws(CommandError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var i = 0
        var onlyPositionals = false
        while i < arguments.count {
            let argument = arguments[i]
            i += 1
            if onlyPositionals || !argument.hasPrefix("--") || argument == "-" {
                if argument == "--", !onlyPositionals { onlyPositionals = true; continue }
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" { onlyPositionals = true; continue }
            var name = argument
            var inline: String?
            if let eq = argument.firstIndex(of: "=") {
                name = String(argument[..<eq])
                inline = String(argument[argument.index(after: eq)...])
            }
            guard let spec = options.first(where: { $0.name == name }) else {
                let hint = suggestion(for: name, among: options.map(\.name)).map { " (did you mean \($0)?)" } ?? ""
                throw CommandError.usage("unknown option '\(name)'\(hint)")
            }
            var values: [String] = []
            if spec.arity == 0 {
                if inline != nil { throw CommandError.usage("\(name) takes no value") }
            } else {
                if let inline { values.append(inline) }
                while values.count < spec.arity {
                    guard i < arguments.count, !(arguments[i].hasPrefix("--") && arguments[i].count > 2) else {
                        throw CommandError.usage("missing value for \(name) (\(spec.valueName))")
                    }
                    values.append(arguments[i])
                    i += 1
                }
            }
            if parsed.options[name] != nil, !spec.repeatable, spec.arity > 0 {
                throw CommandError.usage("\(name) given twice: give it once")
            }
            parsed.options[name, default: []].append(values)
        }
        let required = positionals.filter(\.required).count
        if parsed.positionals.count < required {
            throw CommandError.usage("missing \(positionals[parsed.positionals.count].name)")
        }
        if parsed.positionals.count > positionals.count {
            throw CommandError.usage("unexpected argument '\(parsed.positionals[positionals.count])'")
        }
        return parsed
    }

    /// The closest option name within edit distance 2, for "did you mean".
    static func suggestion(for name: String, among names: [String]) -> String? {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var row = Array(0...b.count)
            for (i, ca) in a.enumerated() {
                var previous = row[0]
                row[0] = i + 1
                for (j, cb) in b.enumerated() {
                    let current = row[j + 1]
                    row[j + 1] = min(row[j + 1] + 1, row[j] + 1, previous + (ca == cb ? 0 : 1))
                    previous = current
                }
            }
            return row[b.count]
        }
        let scored = names.map { ($0, distance(Array(name), Array($0))) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 < $1.1 }?.0
    }
}
