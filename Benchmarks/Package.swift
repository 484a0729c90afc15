// swift-tools-version: 6.1
//
// Benchmarks for Personas' hot loops, kept in their own package so the benchmark harness and
// its dependencies never enter the library's build. Run from this folder:
//   swift package benchmark                 # everything
//   swift package benchmark --target LinearAlgebra
// Peers (scikit-learn, fastcluster, FAISS) are timed on the same data by ../../shared/peers.

import Foundation
import PackageDescription

// SwiftPM names a path dependency after its folder, so the parent package's identity is the
// name of the folder this repository was cloned into (whatever a CI clone calls it).
let personas = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent.lowercased()

let package = Package(
    name: "PersonasBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        // Resolves on this toolchain only with the malloc interposer trait (the default runtime
        // interposer trait needs a package that is not available).
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(
            name: "BenchmarkSupport",
            dependencies: [
                .product(name: "PersonasNumerics", package: personas),
                .product(name: "PersonasData", package: personas),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Support"
        ),
        .executableTarget(
            name: "LinearAlgebra",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "PersonasNumerics", package: personas),
                .product(name: "PersonasData", package: personas),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/LinearAlgebra",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Data",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "PersonasData", package: personas),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Data",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "KMeans",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "PersonasClustering", package: personas),
                .product(name: "PersonasNumerics", package: personas),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/KMeans",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Mixtures",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "PersonasClustering", package: personas),
                .product(name: "PersonasNumerics", package: personas),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Mixtures",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Validation",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "PersonasClustering", package: personas),
                .product(name: "PersonasNumerics", package: personas),
                .product(name: "PersonasData", package: personas),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Validation",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Hierarchical",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "PersonasClustering", package: personas),
                .product(name: "PersonasNumerics", package: personas),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Hierarchical",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Profiles",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "PersonasData", package: personas),
                .product(name: "PersonasNumerics", package: personas),
                .product(name: "PersonasProfiles", package: personas),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Profiles",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Segment",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "PersonasClustering", package: personas),
                .product(name: "PersonasData", package: personas),
                .product(name: "PersonasNumerics", package: personas),
                .product(name: "PersonasSegmentation", package: personas),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Segment",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "TypingTool",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "PersonasData", package: personas),
                .product(name: "PersonasNumerics", package: personas),
                .product(name: "PersonasProfiles", package: personas),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/TypingTool",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
