// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "DiviML",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "DiviML", targets: ["DiviML"]),
        .executable(name: "diviml", targets: ["diviml"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
    ],
    targets: [
        .target(
            name: "DiviML",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        .executableTarget(
            name: "diviml",
            dependencies: [
                "DiviML",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "DiviMLTests",
            dependencies: ["DiviML"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
