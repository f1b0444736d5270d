import Foundation
import Testing

/// The bundled parameters are compiled into the library: a `huiqi` copied on its own, with no
/// resource bundle beside it, still computes.
@Suite struct DeploymentTests {
    @Test func aBinaryCopiedWithoutAnyBundleComputes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("huiqi-copied-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let copy = directory.appendingPathComponent("huiqi")
        try FileManager.default.copyItem(at: Huiqi.executable, to: copy)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["huiqi"])
        let output = try Huiqi.run(
            ["calc", "interest-subsidy", "--principal", "3000000", "--annual-rate", "3.65%", "--drawdown-date", "2022-11-01",
             "--end-date", "2023-11-01", "--guaranteed-by-fund", "--first-inclusive-loan", "--lender-in-shanghai", "--format", "json"],
            through: copy.path)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("\"total_granted\": \"60833.33\""))
    }

    @Test func noResourceBundleIsBuilt() throws {
        let products = try FileManager.default.contentsOfDirectory(atPath: Huiqi.executable.deletingLastPathComponent().path)
        #expect(!products.contains { $0.hasPrefix("Huiqi_PolicyModule") }, "\(products.filter { $0.hasSuffix("resources") || $0.hasSuffix("bundle") })")
    }
}
