// swift-tools-version:6.0
// Närvaro: card-reader attendance daemon (narvarod) and staff CLI (narvaro).
// No Swift package dependencies: only the toolchain and Debian -dev C libraries.
// The targets and what each may import: docs/architecture.md (checked by scripts/check-layers).
import PackageDescription

let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Narvaro",
    products: [
        .executable(name: "narvarod", targets: ["narvarod"]),
        .executable(name: "narvaro", targets: ["narvaro"]),
        .executable(name: "narvaro-bench", targets: ["narvaro-bench"]),
        .executable(name: "narvaro-web", targets: ["narvaro-web"]),
    ],
    targets: [
        .systemLibrary(name: "CEvdev", pkgConfig: "libevdev", providers: [.apt(["libevdev-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CLinux"),
        .systemLibrary(name: "CPostgres", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // Everything testable without a device or a terminal: time, domain, input decoding,
        // storage (the only place with SQL), statistics, export, privacy, system wrappers.
        .target(name: "NarvaroCore", dependencies: ["CEvdev", "CSQLite", "CCrypto", "CLinux"], swiftSettings: settings),
        // The terminal front desk: follows the database, draws frames, enrols cards.
        .target(name: "NarvaroDesk", dependencies: ["NarvaroCore", "CLinux"], swiftSettings: settings),
        // The daemon: poll loop, reader hotplug, swipe pipeline, spool, journal, replay.
        .target(name: "NarvaroDaemon", dependencies: ["NarvaroCore", "CLinux"], swiftSettings: settings),
        // The municipality's PostgreSQL: a thin libpq wrapper, the central schema, the push of a
        // venue's anonymous aggregates, and central reports. The daemon never links it (no network).
        .target(name: "NarvaroCentral", dependencies: ["NarvaroCore", "CPostgres"], swiftSettings: settings),
        // The command-line toolkit both programs dispatch through: command table, arguments, context.
        .target(name: "NarvaroCLI", dependencies: ["NarvaroCore", "CLinux"], swiftSettings: settings),
        // Every command of narvaro, runnable in-process.
        .target(name: "NarvaroCommands", dependencies: ["NarvaroCore", "NarvaroCLI", "NarvaroDesk", "NarvaroDaemon", "NarvaroCentral", "CLinux"], swiftSettings: settings),
        // narvarod's one command (serve or replay), apart so the daemon links neither the staff
        // commands nor libpq: it has no network and keeps a small import graph.
        .target(name: "NarvarodCommands", dependencies: ["NarvaroCore", "NarvaroCLI", "NarvaroDaemon", "CLinux"], swiftSettings: settings),
        // The browser pages: a CGI program (RFC 3875) behind nginx + fcgiwrap; reuses the desk's model.
        .target(name: "NarvaroWeb", dependencies: ["NarvaroCore", "NarvaroDesk"], swiftSettings: settings),
        // The synthetic-history generator and benchmarks: a developer tool, never installed.
        .target(name: "NarvaroBench", dependencies: ["NarvaroCore", "NarvaroCLI", "NarvaroDaemon", "NarvaroCommands"], swiftSettings: settings),
        .executableTarget(name: "narvarod", dependencies: ["NarvarodCommands", "NarvaroCLI"], swiftSettings: settings),
        .executableTarget(name: "narvaro", dependencies: ["NarvaroCommands", "NarvaroCLI"], swiftSettings: settings),
        .executableTarget(name: "narvaro-web", dependencies: ["NarvaroWeb"], swiftSettings: settings),
        .executableTarget(name: "narvaro-bench", dependencies: ["NarvaroBench", "NarvaroCLI"], swiftSettings: settings),
        .testTarget(
            name: "NarvaroTests",
            dependencies: ["NarvaroCore", "NarvaroDesk", "NarvaroDaemon", "NarvaroCLI", "NarvaroCommands", "NarvarodCommands", "NarvaroBench", "NarvaroCentral", "NarvaroWeb", "CSQLite", "CLinux", "CEvdev"],
            swiftSettings: settings
        ),
    ],
    swiftLanguageModes: [.v6]
)
