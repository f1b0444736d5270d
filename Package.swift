// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Huiqi",
    products: [
        .library(name: "DecimalModule", targets: ["DecimalModule"]),
        .library(name: "PolicyModule", targets: ["PolicyModule"]),
        .executable(name: "dectest", targets: ["dectest"]),
    ],
    dependencies: [
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    ],
    targets: [
        // GMP, seen through a shim header. Only DecimalModule/GMPInteger.swift imports it.
        .systemLibrary(
            name: "CGMP",
            pkgConfig: "gmp",
            providers: [.apt(["libgmp-dev"]), .brew(["gmp"])]
        ),
        // The exact decimal value type.
        .target(name: "DecimalModule", dependencies: ["CGMP"]),
        // The policy: dated, cited parameters and one calculation per measure.
        .target(
            name: "PolicyModule",
            dependencies: ["DecimalModule", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Parameters/parameters.yaml")]
        ),
        // Parser and runner for General Decimal Arithmetic `.decTest` files.
        .target(name: "DecTestKit", dependencies: ["DecimalModule"]),
        .executableTarget(name: "dectest", dependencies: ["DecTestKit"]),
        .testTarget(
            name: "DecimalModuleTests",
            dependencies: [
                "DecimalModule",
                "DecTestKit",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Resources"]  // .decTest corpora, read by path
        ),
        .testTarget(
            name: "PolicyModuleTests",
            dependencies: ["PolicyModule", "DecimalModule"]
        ),
    ]
)
