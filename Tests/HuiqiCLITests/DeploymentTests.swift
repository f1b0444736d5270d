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
        let arguments = [
            "calc", "interest-subsidy", "--principal", "3000000", "--annual-rate", "3.65%", "--drawdown-date", "2022-11-01",
            "--end-date", "2023-11-01", "--guaranteed-by-fund", "--first-inclusive-loan", "--lender-in-shanghai", "--format", "json",
        ]
        // A process another test forks while the copy is being written inherits its descriptor
        // until that process execs, and running the copy meanwhile fails with ETXTBSY ("text
        // file busy", seen once in CI): wait for it to let go.
        var attempt = 0
        var output: Huiqi.Output
        while true {
            do {
                output = try Huiqi.run(arguments, through: copy.path)
                break
            } catch let error as NSError where attempt < 20 && (error.userInfo[NSUnderlyingErrorKey] as? NSError)?.code == Int(ETXTBSY) {
                attempt += 1
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("\"total_granted\": \"60833.33\""))
    }

    @Test func noResourceBundleIsBuilt() throws {
        let products = try FileManager.default.contentsOfDirectory(atPath: Huiqi.executable.deletingLastPathComponent().path)
        #expect(!products.contains { $0.hasPrefix("Huiqi_PolicyModule") }, "\(products.filter { $0.hasSuffix("resources") || $0.hasSuffix("bundle") })")
    }
}
