// narvaro push: sends what the outbox notes to the municipality's PostgreSQL (run by
// narvaro-push.timer every 5 minutes). One line out; exit 1 with the outbox kept when it fails.
import NarvaroCLI
import NarvaroCore
import NarvaroCentral
import Foundation

let postgresOption = OptionSpec.value("--postgres", "CONNINFO",
                                      "libpq connection string or URI, e.g. service=narvaro (default $NARVARO_POSTGRES, then /etc/narvaro/central.conf); never a password")

/// The connection string: `--postgres`, else `$NARVARO_POSTGRES`, else the first non-comment line
/// of /etc/narvaro/central.conf (`$NARVARO_CENTRAL_CONF` names another file).
func centralConninfo(_ args: ParsedArguments, _ ctx: CommandContext) throws -> String {
    if let given = args.string("--postgres") {
        // An empty conninfo is libpq's defaults (the local socket, the login's name): never what was meant.
        guard !given.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw CommandError.usage("--postgres is empty: give a connection string such as 'service=narvaro' or 'host=… dbname=…'")
        }
        return given
    }
    if let env = ctx.environment["NARVARO_POSTGRES"], !env.isEmpty { return env }
    let path = ctx.environment["NARVARO_CENTRAL_CONF"].flatMap { $0.isEmpty ? nil : $0 } ?? "/etc/narvaro/central.conf"
    let text: String
    do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandError.usage("no central database named: give --postgres 'service=narvaro', set NARVARO_POSTGRES, or write the connection string into \(path)")
        }
        // There but unreadable (a root-owned 0640 file read as user narvaro, say): not "write it".
        let why = isDirectory.boolValue ? "a directory" : FileManager.default.isReadableFile(atPath: path) ? "not UTF-8 text" : "permission denied"
        throw CommandError.unreadableInput("cannot read \(path) (\(why)): it holds one line such as 'service=narvaro' "
                                           + "and must be readable by the user running narvaro (chgrp narvaro \(path); chmod 0640 \(path))")
    }
    guard let line = text.split(whereSeparator: \.isNewline).map({ $0.trimmingCharacters(in: .whitespaces) })
        .first(where: { !$0.isEmpty && !$0.hasPrefix("#") }) else {
        throw CommandError.usage("\(path) holds no connection string: write one line such as 'service=narvaro'")
    }
    return line
}

func centralConnection(_ args: ParsedArguments, _ ctx: CommandContext) throws -> PostgresConnection {
    try PostgresConnection(conninfo: try centralConninfo(args, ctx), environment: ctx.environment)
}

let pushCommands: [CommandSpec] = [
    CommandSpec(["push"], "send the changed anonymous statistics to the municipality's PostgreSQL (one transaction)",
                options: [postgresOption]) { args, ctx in
        let connection = try centralConnection(args, ctx)
        let summary = try CentralPush.push(store: try ctx.store(), connection: connection)
        ctx.out(summary.line + "\n")
    },
]
