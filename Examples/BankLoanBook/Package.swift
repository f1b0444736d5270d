// swift-tools-version: 6.1
// A bank's loan book through Huiqi's Swift API: its own loan records in, per-loan subsidies
// out, the enterprise cap carried from one run to the next. Built and run by .ci/run.
import PackageDescription

let package = Package(
    name: "BankLoanBook",
    dependencies: [.package(name: "Huiqi", path: "../..")],
    targets: [
        .executableTarget(
            name: "BankLoanBook",
            dependencies: [.product(name: "PolicyModule", package: "Huiqi"), .product(name: "DecimalModule", package: "Huiqi")]
        )
    ]
)
