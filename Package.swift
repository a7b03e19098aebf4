// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "DiviML",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "DiviML", targets: ["DiviML"]),
        .executable(name: "diviml", targets: ["diviml"]),
        .executable(name: "diviml-fuzz", targets: ["diviml-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-protobuf", exact: "1.39.0"),
    ],
    targets: [
        .target(
            name: "DiviML",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        // Reference solvers and seeded instances for tests and benchmarks (not library API).
        .target(name: "DiviMLTestSupport", dependencies: ["DiviML"]),
        // What the commands share: tables, number formatting, error reporting.
        .target(
            name: "CommandSupport",
            dependencies: ["DiviML", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // `diviml bench …`: the reproducible benchmarks behind docs/benchmarks.md.
        .target(
            name: "DiviMLBench",
            dependencies: [
                "DiviML", "DiviMLTestSupport", "CommandSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "diviml",
            dependencies: [
                "DiviML", "CommandSupport", "DiviMLBench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Seeded mutation fuzzing of the readers through the diviml executable (docs/inputs.md).
        .target(name: "DiviMLFuzz", dependencies: ["DiviML"]),
        .executableTarget(
            name: "diviml-fuzz",
            dependencies: ["DiviMLFuzz", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(
            name: "DiviMLTests",
            dependencies: ["DiviML", "DiviMLTestSupport", "DiviMLFuzz"],
            exclude: ["Snapshots"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
