// swift-tools-version: 6.1
// The benchmark suite lives in its own package so that users of Huiqi never build the
// benchmark stack. Run from this directory:
//     swift package --allow-writing-to-package-directory benchmark
import PackageDescription

let package = Package(
    name: "HuiqiBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Huiqi", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "DecimalBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "DecimalModule", package: "Huiqi"),
            ],
            path: "Benchmarks/DecimalBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The interest-subsidy arithmetic with Foundation.Decimal, for Scripts/compare_subsidy.py.
        .executableTarget(name: "FoundationSubsidy", path: "Compare/FoundationSubsidy"),
    ]
)
