// The command table both executables dispatch through: a command is a path (`venue add`), its
// options and a run function. Global options, help for every command and group, exit codes
// (0 success, 1 runtime error, 2 usage error) and one-line errors live here, not in each command.
import NarvaroCore
import Glibc

public struct CommandSpec: Sendable {
    public var path: [String]
    public var summary: String
    public var positionals: [PositionalSpec]
    public var options: [OptionSpec]
    public var run: @Sendable (ParsedArguments, CommandContext) throws -> Void
    /// An old spelling kept so scripts keep working (`enroll` for `enrol`): it runs, takes --help,
    /// and is left out of the overview and group help, which show one name per command.
    public var hidden = false

    public init(_ path: [String], _ summary: String, positionals: [PositionalSpec] = [], options: [OptionSpec] = [],
                run: @escaping @Sendable (ParsedArguments, CommandContext) throws -> Void) {
        self.path = path
        self.summary = summary
        self.positionals = positionals
        self.options = options
        self.run = run
    }

    /// The same command under an old spelling, hidden from the overview.
    public func alias(_ path: [String]) -> CommandSpec {
        var spec = self
        spec.path = path
        spec.hidden = true
        return spec
    }
}

public struct CommandTable {
    public var program: String
    public var about: String
    public var commands: [CommandSpec]
    public var globalOptions: [OptionSpec]
    /// The program has one command, typed without its word (`narvarod --replay F` runs `run`): help
    /// and errors name the program alone, as the user typed it.
    public var commandImplied = false

    public init(program: String, about: String, commands: [CommandSpec], globalOptions: [OptionSpec]) {
        self.program = program
        self.about = about
        self.commands = commands
        self.globalOptions = globalOptions
    }

    /// Runs the command line; returns the process exit code.
    public func main(arguments: [String], environment: [String: String], output: any TextOutput) -> Int32 {
        // Global options may stand before the command; pull them out wherever they are.
        var words: [String] = []
        var globals: [String] = []
        var i = 0
        while i < arguments.count {
            let word = arguments[i]
            let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
            if let spec = globalOptions.first(where: { $0.name == name }) {
                globals.append(word)
                if spec.arity > 0, !word.contains("="), i + 1 < arguments.count {
                    globals.append(arguments[i + 1])
                    i += 1
                }
            } else {
                words.append(word)
            }
            i += 1
        }
        if words == ["--version"] {
            output.out("\(program) \(NarvaroVersion.string)\n")
            return 0
        }
        // Help and errors speak the chosen language; a bad --lang is reported below, in English.
        let lang = (try? ArgumentParser.parse(globals, options: globalOptions, positionals: []))
            .flatMap { try? Lang.resolve(option: $0.string("--lang"), environment: environment) }
            ?? (try? Lang.resolve(option: nil, environment: environment)) ?? .en
        let wantsHelp = words.contains("--help") || words.contains("-h")
        words.removeAll { $0 == "--help" || $0 == "-h" }
        guard let command = commands.filter({ words.starts(with: $0.path) }).max(by: { $0.path.count < $1.path.count }) else {
            let group = words.prefix { !$0.hasPrefix("-") }
            let members = commands.filter { $0.path.starts(with: group) && !$0.hidden }
            if !group.isEmpty, !members.isEmpty, wantsHelp || words.count == group.count {
                output.out(groupHelp(Array(group), members, lang: lang))
                return wantsHelp ? 0 : 2
            }
            if words.isEmpty {
                output.out(overview(lang: lang))
                return wantsHelp ? 0 : 2
            }
            output.err("\(program): " + lang.text("unknown command '{}': see '{}'").filled(OutsideText.visible(group.joined(separator: " ")), "\(program) --help") + "\n")
            return 2
        }
        if wantsHelp {
            output.out(help(command, lang: lang))
            return 0
        }
        let usageHint = lang.text("try '{}'").filled("\(invocation(command)) --help")
        do {
            let global = try ArgumentParser.parse(globals, options: globalOptions, positionals: [])
            let parsed = try ArgumentParser.parse(Array(words.dropFirst(command.path.count)), options: command.options, positionals: command.positionals)
            let context = try CommandContext(global: global, environment: environment, output: output)
            try command.run(parsed, context)
            return 0
        } catch CommandError.usage(let message) {
            // Messages echo arguments and stored names: shown, never executed by the terminal.
            output.err("\(invocation(command)): \(OutsideText.visible(lang.text(message))); \(usageHint)\n")
            return 2
        } catch {
            output.err("\(program): \(OutsideText.visible(lang.text(String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " "))))\n")
            return 1
        }
    }

    /// How the user calls `command`: the program and the command's words (none when implied).
    func invocation(_ command: CommandSpec) -> String {
        commandImplied ? program : "\(program) \(command.path.joined(separator: " "))"
    }

    func help(_ command: CommandSpec, lang: Lang = .en) -> String {
        var text = "\(lang.text("usage:")) \(invocation(command))"
        for p in command.positionals { text += p.required ? " \(p.name)" : " [\(p.name)]" }
        if !command.options.isEmpty { text += " " + lang.text("[options]") }
        text += "\n\n\(lang.text(command.summary))\n"
        let rows = command.positionals.map { ($0.name, lang.text($0.help)) }
            + command.options.map { ($0.arity == 0 ? $0.name : "\($0.name) \($0.valueName)", lang.text($0.help)) }
            + globalOptions.map { ($0.arity == 0 ? $0.name : "\($0.name) \($0.valueName)", lang.text($0.help)) }
        let width = rows.map { TextTable.displayWidth($0.0) }.max() ?? 0
        text += "\n" + rows.map { "  " + $0.0 + String(repeating: " ", count: width - TextTable.displayWidth($0.0) + 2) + $0.1 }.joined(separator: "\n") + "\n"
        return text
    }

    func groupHelp(_ group: [String], _ members: [CommandSpec], lang: Lang = .en) -> String {
        let width = members.map { $0.path.joined(separator: " ").count }.max() ?? 0
        return "\(lang.text("usage:")) \(program) \(group.joined(separator: " ")) \(lang.text("COMMAND [options]"))\n\n"
            + members.map { c in
                let name = c.path.joined(separator: " ")
                return "  \(name)\(String(repeating: " ", count: width - name.count + 2))\(lang.text(c.summary))"
            }.joined(separator: "\n") + "\n\n\(lang.text("Every command takes --help."))\n"
    }

    func overview(lang: Lang = .en) -> String {
        let commands = commands.filter { !$0.hidden }
        let width = commands.map { $0.path.joined(separator: " ").count }.max() ?? 0
        let lines = commands.map { c in
            let name = c.path.joined(separator: " ")
            return "  \(name)\(String(repeating: " ", count: width - name.count + 2))\(lang.text(c.summary))"
        }
        let globals = globalOptions.map { "  \($0.arity == 0 ? $0.name : "\($0.name) \($0.valueName)")  \(lang.text($0.help))" }
        return "\(lang.text("usage:")) \(program) \(lang.text("[global options] COMMAND [options]"))\n\n\(lang.text(about))\n\n\(lang.text("Commands:"))\n"
            + lines.joined(separator: "\n") + "\n\n\(lang.text("Global options:"))\n" + globals.joined(separator: "\n")
            + "\n\n\(lang.text("Every command takes --help."))\n"
    }
}

/// Where command output goes: the terminal, or a buffer in tests.
public protocol TextOutput: AnyObject {
    func out(_ text: String)
    func err(_ text: String)
}

/// Standard output and standard error, unbuffered per call.
public final class StandardOutput: TextOutput {
    public init() {}
    public func out(_ text: String) { Self.write(text, to: 1) }
    public func err(_ text: String) { Self.write(text, to: 2) }

    /// The whole text with write(2) (no FileHandle: it needs full Foundation); stops on an error.
    static func write(_ text: String, to fd: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return }
                offset += n
            }
        }
    }
}

/// Collects output in memory (tests).
public final class BufferedOutput: TextOutput {
    public var stdout = ""
    public var stderr = ""
    public init() {}
    public func out(_ text: String) { stdout += text }
    public func err(_ text: String) { stderr += text }
}

extension String {
    /// The pattern with each `{}` replaced by the next value, in order.
    func filled(_ values: String...) -> String {
        var pieces = split(separator: "{}", omittingEmptySubsequences: false).map(String.init)
        var out = pieces.removeFirst()
        for (i, piece) in pieces.enumerated() { out += (i < values.count ? values[i] : "") + piece }
        return out
    }
}
