// swift-tools-version:6.0
import PackageDescription

/// Backbeat: a folder of music clips in, an offline rhythm-aware recommendation catalog out.
/// Module layout and contracts: see DESIGN.md (shared) and README.md.
let package = Package(
    name: "Backbeat",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "backbeat", targets: ["backbeat"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // SHA-256 for feature-cache keys and the catalog manifest (BoringSSL's assembly on Linux).
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        // Tests only: the deploy/kubernetes manifests are parsed and checked.
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // C libraries: one system-library target each, wrapped by exactly one Swift module.
        .systemLibrary(name: "CSndfile", pkgConfig: "sndfile",
                       providers: [.apt(["libsndfile1-dev"]), .brew(["libsndfile"])]),
        .systemLibrary(name: "CSoxr", pkgConfig: "soxr",
                       providers: [.apt(["libsoxr-dev"]), .brew(["libsoxr"])]),
        .systemLibrary(name: "CFFTW", pkgConfig: "fftw3f",
                       providers: [.apt(["libfftw3-dev"]), .brew(["fftw"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng",
                       providers: [.apt(["libpng-dev"]), .brew(["libpng"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]),
        .systemLibrary(name: "CTagLib", pkgConfig: "taglib_c",
                       providers: [.apt(["libtagc0-dev"]), .brew(["taglib"])]),
        // TagLib 1.13's C API has no property map: one C function over its C++ API, used by AudioIO.
        .target(name: "TagShim", dependencies: ["CTagLib"]),

        // Dependency-free helpers any stage may import: seeded RNG, atomic files, parallel work,
        // error lines, resolved paths, the platform shim.
        .target(name: "Support"),

        // Pipeline stages.
        .target(name: "AudioIO", dependencies: ["CSndfile", "CSoxr", "TagShim", "Support"]),
        .target(name: "Features", dependencies: ["CFFTW"]),
        .target(name: "Synth", dependencies: ["Support"]),
        .target(name: "Plotting", dependencies: ["CPNG", "Support"]),
        .target(name: "NeighbourIndex", dependencies: ["Support"]),
        // The catalog map's 2-D layout from the neighbour graph: pure, no I/O.
        .target(name: "MapLayout", dependencies: ["Support"]),
        // Radio and route playlists: pure functions over a catalog's vectors, tempi and artists.
        .target(name: "Playlists", dependencies: ["NeighbourIndex"]),
        .target(name: "Catalog", dependencies: [
            "AudioIO", "Features", "MapLayout", "NeighbourIndex", "Playlists", "Plotting", "Synth", "Support", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "SQLiteExport", dependencies: ["CSQLite", "Catalog", "Support"]),
        .target(name: "SiteBuilder", dependencies: [
            "Catalog", "Playlists", "Support", .product(name: "Mustache", package: "swift-mustache"),
        ]),

        // The thin CLI.
        .executableTarget(name: "backbeat", dependencies: [
            "AudioIO", "Features", "Catalog", "Playlists", "SiteBuilder", "SQLiteExport", "Support",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Fuzzing: the readers of foreign bytes as fuzz targets, and a libFuzzer/replay driver
        // (scripts/fuzz builds it with the sanitizers).
        .target(name: "FuzzTargets", dependencies: ["AudioIO", "Catalog", "Features", "NeighbourIndex", "Support"]),
        .executableTarget(name: "backbeat-fuzz", dependencies: ["FuzzTargets"], path: "fuzz/driver"),

        // Benchmarks (release builds; print tables).
        .executableTarget(name: "bench-catalog", dependencies: [
            "AudioIO", "Catalog", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "bench/catalog"),
        .executableTarget(name: "bench-plots", dependencies: ["Plotting", "Synth", "Support"], path: "bench/plots"),
        .executableTarget(name: "bench-index", dependencies: ["NeighbourIndex", "Support"], path: "bench/index",
                          exclude: ["RESULTS.md"]),
        .executableTarget(name: "bench-site", dependencies: ["SiteBuilder", "Catalog", "Plotting", "Synth", "Support"], path: "bench/site"),
        .executableTarget(name: "bench-features", dependencies: [
            "AudioIO", "Features", "Synth", "Catalog", "MapLayout", "NeighbourIndex", "Playlists", "Plotting", "Support",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "bench/features"),

        // Tests (Swift Testing), one target per module.
        .target(name: "TestScratch", path: "Tests/TestScratch"),
        .testTarget(name: "AudioIOTests", dependencies: ["AudioIO", "TestScratch"]),
        .testTarget(name: "FeaturesTests", dependencies: ["Features", "Synth", "Support"],
                    exclude: ["Fixtures/make_librosa_fixtures.py"],
                    resources: [.copy("Fixtures/librosa_reference.json")]),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting", "Support", "TestScratch"]),
        .testTarget(name: "NeighbourIndexTests", dependencies: ["NeighbourIndex", "Support", "TestScratch"]),
        .testTarget(name: "CatalogTests", dependencies: ["Catalog", "AudioIO", "Synth", "Support", "TestScratch"]),
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzTargets"]),
        .testTarget(name: "SynthTests", dependencies: ["Synth", "Features"]),
        .testTarget(name: "PlaylistsTests", dependencies: ["Playlists", "NeighbourIndex"]),
        .testTarget(name: "MapLayoutTests", dependencies: ["MapLayout", "Support"]),
        .testTarget(name: "SQLiteExportTests", dependencies: ["SQLiteExport", "Catalog", "TestScratch"]),
        // The command line as a person runs it (the built `backbeat` binary).
        .testTarget(name: "CLITests", dependencies: ["Catalog", "TestScratch", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "SiteBuilderTests", dependencies: [
            "SiteBuilder", "Catalog", "Support", "TestScratch", .product(name: "Mustache", package: "swift-mustache"),
        ]),
    ]
)
