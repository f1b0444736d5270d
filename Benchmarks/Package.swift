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
        .executableTarget(
            name: "BatchBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PolicyModule", package: "Huiqi"),
                .product(name: "DecimalModule", package: "Huiqi"),
            ],
            path: "Benchmarks/BatchBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // For Scripts/compare_subsidy.py: the subsidy arithmetic with Foundation.Decimal, and
        // Huiqi's kernel timed over loans held in memory.
        .executableTarget(name: "FoundationSubsidy", path: "Compare/FoundationSubsidy"),
        .executableTarget(
            name: "HuiqiKernel",
            dependencies: [.product(name: "PolicyModule", package: "Huiqi"), .product(name: "DecimalModule", package: "Huiqi")],
            path: "Compare/HuiqiKernel"
        ),
    ]
)
