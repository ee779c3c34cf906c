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

    public init(_ path: [String], _ summary: String, positionals: [PositionalSpec] = [], options: [OptionSpec] = [],
                run: @escaping @Sendable (ParsedArguments, CommandContext) throws -> Void) {
        self.path = path
        self.summary = summary
        self.positionals = positionals
        self.options = options
        self.run = run
    }
}

public struct CommandTable {
    public var program: String
    public var about: String
    public var commands: [CommandSpec]
    public var globalOptions: [OptionSpec]

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
        let wantsHelp = words.contains("--help") || words.contains("-h")
        words.removeAll { $0 == "--help" || $0 == "-h" }
        guard let command = commands.filter({ words.starts(with: $0.path) }).max(by: { $0.path.count < $1.path.count }) else {
            let group = words.prefix { !$0.hasPrefix("-") }
            let members = commands.filter { $0.path.starts(with: group) }
            if !group.isEmpty, !members.isEmpty, wantsHelp || words.count == group.count {
                output.out(groupHelp(Array(group), members))
                return wantsHelp ? 0 : 2
            }
            if words.isEmpty {
                output.out(overview())
                return wantsHelp ? 0 : 2
            }
            output.err("\(program): unknown command '\(OutsideText.visible(group.joined(separator: " ")))': see '\(program) --help'\n")
            return 2
        }
        if wantsHelp {
            output.out(help(command))
            return 0
        }
        let usageHint = "try '\(program) \(command.path.joined(separator: " ")) --help'"
        do {
            let global = try ArgumentParser.parse(globals, options: globalOptions, positionals: [])
            let parsed = try ArgumentParser.parse(Array(words.dropFirst(command.path.count)), options: command.options, positionals: command.positionals)
            let context = try CommandContext(global: global, environment: environment, output: output)
            try command.run(parsed, context)
            return 0
        } catch let error as UsageError {
            // Messages echo arguments and stored names: shown, never executed by the terminal.
            output.err("\(program) \(command.path.joined(separator: " ")): \(OutsideText.visible(error.message)); \(usageHint)\n")
            return 2
        } catch {
            output.err("\(program): \(OutsideText.visible(String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")))\n")
            return 1
        }
    }

    func help(_ command: CommandSpec) -> String {
        var text = "usage: \(program) \(command.path.joined(separator: " "))"
        for p in command.positionals { text += p.required ? " \(p.name)" : " [\(p.name)]" }
        if !command.options.isEmpty { text += " [options]" }
        text += "\n\n\(command.summary)\n"
        let rows = command.positionals.map { ($0.name, $0.help) }
            + command.options.map { ($0.arity == 0 ? $0.name : "\($0.name) \($0.valueName)", $0.help) }
            + globalOptions.map { ($0.arity == 0 ? $0.name : "\($0.name) \($0.valueName)", $0.help) }
        let width = rows.map { TextTable.displayWidth($0.0) }.max() ?? 0
        text += "\n" + rows.map { "  " + $0.0 + String(repeating: " ", count: width - TextTable.displayWidth($0.0) + 2) + $0.1 }.joined(separator: "\n") + "\n"
        return text
    }

    func groupHelp(_ group: [String], _ members: [CommandSpec]) -> String {
        let width = members.map { $0.path.joined(separator: " ").count }.max() ?? 0
        return "usage: \(program) \(group.joined(separator: " ")) COMMAND [options]\n\n"
            + members.map { c in
                let name = c.path.joined(separator: " ")
                return "  \(name)\(String(repeating: " ", count: width - name.count + 2))\(c.summary)"
            }.joined(separator: "\n") + "\n\nEvery command takes --help.\n"
    }

    func overview() -> String {
        var groups: [String] = []
        for c in commands where !groups.contains(c.path[0]) { groups.append(c.path[0]) }
        let width = commands.map { $0.path.joined(separator: " ").count }.max() ?? 0
        let lines = commands.map { c in
            let name = c.path.joined(separator: " ")
            return "  \(name)\(String(repeating: " ", count: width - name.count + 2))\(c.summary)"
        }
        let globals = globalOptions.map { "  \($0.arity == 0 ? $0.name : "\($0.name) \($0.valueName)")  \($0.help)" }
        return "usage: \(program) [global options] COMMAND [options]\n\n\(about)\n\nCommands:\n" + lines.joined(separator: "\n")
            + "\n\nGlobal options:\n" + globals.joined(separator: "\n") + "\n\nEvery command takes --help.\n"
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
