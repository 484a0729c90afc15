// swift-tools-version: 6.1
//
// Personas: customer segmentation, personas and typing tools over BLAS/LAPACK.
//
// The module graph reads as the pipeline (see README.md, "Architecture"):
//
//   CPersonasBLAS ─┐                  ┌► PersonasData ─► PersonasProfiles ─┐
//                  ├► PersonasNumerics ┤                                   ├► PersonasSegmentation ─► PersonasReports ─► PersonasFiles ─► PersonasCLI (`personas`)
//   CPersonasKernels┘                  └► PersonasClustering ───────────────┘
//
//   CXLSXWriter ─► PersonasWorkbook ─► PersonasFiles (typing-tool.xlsx; PersonasWorkbook needs no other Personas module)
//
// PersonasSegmentation runs the analyst's pipeline (`personas segment`) in one call; PersonasReports
// turns its result into documents (Markdown, SVG charts, the HTML report, the notebook);
// PersonasFiles names, stages, writes and reads back the files of every command.
// No unsafeFlags here: the library must stay usable as a versioned dependency.

import PackageDescription

let package = Package(
    name: "Personas",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "PersonasNumerics", targets: ["PersonasNumerics"]),
        .library(name: "PersonasData", targets: ["PersonasData"]),
        .library(name: "PersonasClustering", targets: ["PersonasClustering"]),
        .library(name: "PersonasProfiles", targets: ["PersonasProfiles"]),
        .library(name: "PersonasReports", targets: ["PersonasReports"]),
        .library(name: "PersonasSegmentation", targets: ["PersonasSegmentation"]),
        .library(name: "PersonasFiles", targets: ["PersonasFiles"]),
        .library(name: "PersonasWorkbook", targets: ["PersonasWorkbook"]),
        .executable(name: "personas", targets: ["PersonasCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        // `make docs`: the DocC catalogs in Sources/*/*.docc (a plugin only; nothing links it).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: [
        // The only module that touches C: cblas.h plus the LAPACK prototypes we call.
        .systemLibrary(
            name: "CPersonasBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapack-dev"])]
        ),
        // libxlsxwriter, which writes typing-tool.xlsx. A maintained library rather than hand-made
        // XML: an .xlsx is a zip of a dozen interlinked XML parts (content types, relationships,
        // shared strings, styles, data validations, defined names), and Excel refuses a file with one
        // of them subtly wrong ("We found a problem with some content") rather than reporting what;
        // libxlsxwriter is tested against files Excel itself saves and escapes cell text (control
        // characters included) the way Excel reads it back. Debian packages it (libxlsxwriter-dev).
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // Hand-vectorised distance kernels (AVX2 + FMA chosen at run time, portable otherwise):
        // C only because Swift cannot target AVX2 per function without unsafe flags.
        .target(name: "CPersonasKernels"),
        .target(
            name: "PersonasNumerics",
            dependencies: ["CPersonasBLAS", "CPersonasKernels"]
        ),
        .target(
            name: "PersonasData",
            dependencies: ["PersonasNumerics"]
        ),
        .target(
            name: "PersonasClustering",
            dependencies: ["PersonasNumerics"]
        ),
        // Personas (profiles, names, targeting) and the typing tool, on any labelling of a table.
        .target(
            name: "PersonasProfiles",
            dependencies: ["PersonasData", "PersonasNumerics"]
        ),
        // Documents for people: SVG charts, Markdown, the HTML report and the Jupyter notebook.
        .target(
            name: "PersonasReports",
            dependencies: ["PersonasData", "PersonasNumerics", "PersonasClustering", "PersonasProfiles", "PersonasSegmentation"]
        ),
        // The whole pipeline as one call, and the saved model that applies it to new customers.
        .target(
            name: "PersonasSegmentation",
            dependencies: ["PersonasData", "PersonasNumerics", "PersonasClustering", "PersonasProfiles"]
        ),
        // The typing tool as a workbook a field rep fills in (typing-tool.xlsx): a neutral description
        // (questions, segments, a tree or a points sheet) and its writer. A target of its own over
        // CXLSXWriter and nothing else, so a package importing the core libraries needs only OpenBLAS.
        .target(
            name: "PersonasWorkbook",
            dependencies: ["CXLSXWriter"]
        ),
        // The files Personas writes and reads back: every output name, the staged output folder
        // (manifest, lock, --force safety), the writers shared by commands and the readers of
        // Personas' own folders. The CLI writes through it.
        .target(
            name: "PersonasFiles",
            dependencies: ["PersonasData", "PersonasProfiles", "PersonasSegmentation", "PersonasReports", "PersonasWorkbook"]
        ),
        .executableTarget(
            name: "PersonasCLI",
            dependencies: [
                "PersonasFiles",
                "PersonasData",
                "PersonasClustering",
                "PersonasReports",
                "PersonasProfiles",
                "PersonasSegmentation",
                "PersonasNumerics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Shared by the test targets: fixture lookup, reference implementations, tolerances, and
        // forEachRandomCase for the property tests. Those draw their cases from SeededGenerator rather
        // than a property-testing package (swift-property-based): the cases are small, fixed by
        // their seed on every machine, and each failure names its seed; shrinking would not pay for
        // a dependency.
        .target(
            name: "PersonasTestSupport",
            dependencies: ["PersonasNumerics"],
            path: "Tests/PersonasTestSupport"
        ),
        .testTarget(
            name: "PersonasNumericsTests",
            dependencies: ["PersonasNumerics", "PersonasTestSupport"]
        ),
        .testTarget(
            name: "PersonasDataTests",
            dependencies: ["PersonasData", "PersonasTestSupport"]
        ),
        // End to end: runs the built `personas` binary as an analyst would.
        .testTarget(
            name: "PersonasCLITests",
            dependencies: ["PersonasCLI", "PersonasClustering", "PersonasData", "PersonasReports", "PersonasSegmentation",
                           "PersonasTestSupport"]
        ),
        .testTarget(
            name: "PersonasClusteringTests",
            dependencies: ["PersonasClustering", "PersonasTestSupport"]
        ),
        .testTarget(
            name: "PersonasProfilesTests",
            dependencies: ["PersonasProfiles", "PersonasData", "PersonasTestSupport"]
        ),
        .testTarget(
            name: "PersonasSegmentationTests",
            dependencies: ["PersonasSegmentation", "PersonasData", "PersonasTestSupport"]
        ),
        .testTarget(
            name: "PersonasFilesTests",
            dependencies: ["PersonasFiles", "PersonasData", "PersonasSegmentation", "PersonasProfiles", "PersonasWorkbook", "PersonasTestSupport"]
        ),
        // The workbook's formulas recalculated by LibreOffice (headless), row by row against Swift.
        .testTarget(
            name: "PersonasWorkbookTests",
            dependencies: ["PersonasWorkbook", "PersonasTestSupport"]
        ),
        .testTarget(
            name: "PersonasReportsTests",
            dependencies: ["PersonasReports", "PersonasFiles", "PersonasSegmentation", "PersonasProfiles", "PersonasData", "PersonasTestSupport"]
        ),
    ]
)
