// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Huiqi",
    products: [
        .library(name: "DecimalModule", targets: ["DecimalModule"]),
        .library(name: "PolicyModule", targets: ["PolicyModule"]),
        .library(name: "SpreadsheetModule", targets: ["SpreadsheetModule"]),
        .executable(name: "dectest", targets: ["dectest"]),
        .executable(name: "huiqi", targets: ["HuiqiCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        // GMP, seen through a shim header. Only DecimalModule/GMPInteger.swift imports it.
        .systemLibrary(
            name: "CGMP",
            pkgConfig: "gmp",
            providers: [.apt(["libgmp-dev"]), .brew(["gmp"])]
        ),
        // libxml2, seen through a shim header: the XML parser under the .xlsx reader.
        // Only SpreadsheetModule/XMLStream.swift imports it.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // zlib's crc32, to check inflated .xlsx parts quickly. Only SpreadsheetModule/InflatePipe.swift imports it.
        .systemLibrary(
            name: "CZlibChecksum",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // The exact decimal value type.
        .target(name: "DecimalModule", dependencies: ["CGMP"]),
        // The policy: dated, cited parameters and one calculation per measure.
        .target(
            name: "PolicyModule",
            dependencies: ["DecimalModule", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Parameters/parameters.yaml")]
        ),
        // Spreadsheets in and out: CSV as Excel and WPS write it (encodings), .xlsx read and
        // written. Apart from PolicyModule so that the library's users do not build ZIP or XML.
        .target(
            name: "SpreadsheetModule",
            dependencies: ["PolicyModule", "DecimalModule", "CLibXML2", "CZlibChecksum", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // Parser and runner for General Decimal Arithmetic `.decTest` files.
        .target(name: "DecTestKit", dependencies: ["DecimalModule"]),
        .executableTarget(name: "dectest", dependencies: ["DecTestKit"]),
        // `huiqi`, the command line for finance officers.
        .executableTarget(
            name: "HuiqiCLI",
            dependencies: [
                "PolicyModule", "DecimalModule", "SpreadsheetModule",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/huiqi"
        ),
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
        .testTarget(
            name: "SpreadsheetModuleTests",
            dependencies: ["SpreadsheetModule", "PolicyModule", "DecimalModule"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "HuiqiCLITests",
            dependencies: ["HuiqiCLI", "SpreadsheetModule"],
            exclude: ["Golden"]
        ),
    ]
)
