// swift-tools-version: 6.1
// libFuzzer targets for Huiqi's readers and decimal arithmetic, in their own package so that
// users of Huiqi never build them. Build and run with ./run.sh (README.md here).
import PackageDescription

let huiqi: [Target.Dependency] = [
    .product(name: "DecimalModule", package: "Huiqi"),
    .product(name: "PolicyModule", package: "Huiqi"),
]

let package = Package(
    name: "HuiqiFuzz",
    dependencies: [.package(name: "Huiqi", path: "..")],
    targets: [
        // libFuzzer's driver, declared for Swift.
        .target(name: "FuzzDriver"),
        .executableTarget(name: "FuzzDecimal", dependencies: ["FuzzDriver", .product(name: "DecimalModule", package: "Huiqi")]),
        .executableTarget(name: "FuzzJSONInput", dependencies: ["FuzzDriver"] + huiqi),
        .executableTarget(name: "FuzzBatch", dependencies: ["FuzzDriver"] + huiqi),
        .executableTarget(name: "FuzzYAML", dependencies: ["FuzzDriver"] + huiqi),
        .executableTarget(name: "FuzzEval", dependencies: ["FuzzDriver"] + huiqi),
        .executableTarget(
            name: "FuzzWorkbook", dependencies: ["FuzzDriver", .product(name: "SpreadsheetModule", package: "Huiqi")] + huiqi),
    ]
)
