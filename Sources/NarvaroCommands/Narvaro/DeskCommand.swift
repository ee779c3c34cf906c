// narvaro desk: the live front-desk view (see Sources/Narvaro/Desk), or one plain frame with --once.
import NarvaroCLI
import NarvaroCore
import NarvaroDesk
import NarvaroDaemon
import Glibc

let deskCommands: [CommandSpec] = [
    CommandSpec(["desk"], "live front-desk view: greets each swipe, registers new cards (e), switches activities (a), q quits",
                options: [.value("--venue", "SLUG", "the venue to follow (needed when there are several)"),
                          .flag("--once", "print one plain frame and exit (for scripts; also what happens without a terminal)")]) { args, ctx in
        let follower = try DeskFollower(store: ctx.store(), venue: args.string("--venue"))
        let session = DeskSession(follower: follower, texts: DeskTexts.of(ctx.lang), now: { ctx.now })
        let interactive = !args.flag("--once") && isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        guard interactive else {
            let size = (isatty(STDOUT_FILENO) == 1 ? TerminalMode.size(of: STDOUT_FILENO) : nil) ?? (width: 80, height: 24)
            session.refresh()
            let lines = session.frame().render(width: size.width, height: size.height, color: false)
            ctx.out(lines.joined(separator: "\n") + "\n")
            return
        }
        try DeskTerminal.run(session: session)
    },
]
