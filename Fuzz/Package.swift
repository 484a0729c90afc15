// swift-tools-version: 6.1
//
// libFuzzer targets for Personas' input readers, kept in their own package so the sanitizer and
// fuzzer flags never reach the library's manifest. Build and run from the repository root with
// `make fuzz` (flags and reasons in the Makefile's fuzz-build; README.md, "Fuzzing"), or by hand:
//   swift build --package-path Fuzz -c release --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=address
//   Fuzz/.build/release/FuzzCSV Fuzz/Corpus/FuzzCSV -dict=Fuzz/Dictionaries/csv.dict -max_total_time=600
//
// Each executable exports `LLVMFuzzerTestOneInput`; libFuzzer supplies `main`. SwiftPM names a path
// dependency after its folder, so this package cannot build inside a clone whose folder is `fuzz`
// (the parent's identity would be this package's own).

import Foundation
import PackageDescription

// SwiftPM names a path dependency after its folder, so the parent package's identity is the
// name of the folder this repository was cloned into (whatever a CI clone calls it).
let personas = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent.lowercased()

let package = Package(
    name: "PersonasFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "..")],
    targets: [
        .target(
            name: "FuzzSupport",
            dependencies: [
                .product(name: "PersonasData", package: personas),
                .product(name: "PersonasNumerics", package: personas),
            ]
        ),
        .executableTarget(
            name: "FuzzCSV",
            dependencies: ["FuzzSupport", .product(name: "PersonasData", package: personas)]
        ),
        .executableTarget(
            name: "FuzzNPY",
            dependencies: [
                "FuzzSupport",
                .product(name: "PersonasData", package: personas),
                .product(name: "PersonasNumerics", package: personas),
            ]
        ),
        .executableTarget(
            name: "FuzzSchema",
            dependencies: ["FuzzSupport", .product(name: "PersonasData", package: personas)]
        ),
        .executableTarget(
            name: "FuzzModel",
            dependencies: [
                "FuzzSupport",
                .product(name: "PersonasData", package: personas),
                .product(name: "PersonasSegmentation", package: personas),
            ]
        ),
        .executableTarget(
            name: "FuzzTypingTool",
            dependencies: [
                "FuzzSupport",
                .product(name: "PersonasData", package: personas),
                .product(name: "PersonasProfiles", package: personas),
            ]
        ),
    ]
)
