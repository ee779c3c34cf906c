// swift-tools-version:6.0
// Närvaro: card-reader attendance daemon (narvarod) and staff CLI (narvaro).
// No Swift package dependencies: only the toolchain and Debian -dev C libraries.
import PackageDescription

let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Narvaro",
    products: [
        .library(name: "Narvaro", targets: ["Narvaro"]),
        .executable(name: "narvarod", targets: ["narvarod"]),
        .executable(name: "narvaro", targets: ["narvaro"]),
    ],
    targets: [
        .systemLibrary(name: "CEvdev", pkgConfig: "libevdev", providers: [.apt(["libevdev-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CLinux"),
        .target(
            name: "Narvaro",
            dependencies: ["CEvdev", "CSQLite", "CCrypto", "CLinux"],
            swiftSettings: settings
        ),
        .executableTarget(name: "narvarod", dependencies: ["Narvaro", "CLinux"], swiftSettings: settings),
        .executableTarget(name: "narvaro", dependencies: ["Narvaro", "CLinux"], swiftSettings: settings),
        .testTarget(
            name: "NarvaroTests",
            dependencies: ["Narvaro", "CSQLite", "CLinux"],
            swiftSettings: settings
        ),
    ],
    swiftLanguageModes: [.v6]
)
