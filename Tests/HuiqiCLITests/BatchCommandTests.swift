import Foundation
import PolicyModule
import Testing

@Suite final class BatchCommandTests {
    let header = "enterprise_id,loan_id,principal,annual_rate,drawdown_date,end_date,guaranteed_by_fund,first_inclusive_loan,lender_in_shanghai\n"
    let good = "E1,L1,3000000,3.65%,2022-11-01,2023-11-01,true,true,true\n"
    /// A directory of each test's own, removed when the test ends.
    let directory: URL
    /// The audit cells that end every output row: the engine version and the parameters' SHA-256.
    let audit = try! ",\(Engine.version),\(ParameterTable.bundled().audit.parametersSHA256)"

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("huiqi-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    func temporary(_ name: String, _ contents: String? = nil) throws -> URL {
        let url = directory.appendingPathComponent(name)
        if let contents { try contents.write(to: url, atomically: true, encoding: .utf8) }
        return url
    }

    @Test func allRowsOKExitsZeroAndReconciles() throws {
        let input = try temporary("loans.csv", header + good)
        let output = try Huiqi.run(["batch", "interest-subsidy", input.path])
        #expect(output.status == 0)
        #expect(output.stdout == """
            enterprise_id,loan_id,line,status,error,reason,window_days,window_end,balance_days,rate_applied,subsidy_computed,subsidy_granted,\
            capped,enterprise_total,engine_version,parameters_sha256
            E1,L1,2,ok,,eligible,365,2023-11-01,1095000000,0.02,60833.33,60833.33,false,60833.33\(audit)

            """)
        let audit = try ParameterTable.bundled().audit
        #expect(output.stderr == """
            audit: engine \(Engine.version), parameters sha256 \(audit.parametersSHA256) (bundled)
            1 rows read, 1 ok, 0 error; totals: subsidy_computed 60,833.33, subsidy_granted 60,833.33

            """)
    }

    /// `--stats` says which path computed the rows and why some left the kernel; `-o -` is
    /// standard output, as in every Unix tool (no file named `-`).
    @Test func statsCountTheKernelsRowsAndTheCausesOfTheRest() throws {
        let input = try temporary("loans.csv", header + good + "E2,L1,1.2E+6,2.985%,2022/11/1,2023-11-01,是,yes,Y\nE2,L1,1000000,2%,2022-11-01,2023-11-01,true,true,true\n")
        let output = try Huiqi.run(["batch", "interest-subsidy", input.path, "--stats", "-o", "-"])
        #expect(output.status == 1)
        #expect(output.stdout.hasPrefix("enterprise_id,loan_id,line,"))
        #expect(!FileManager.default.fileExists(atPath: FileManager.default.currentDirectoryPath + "/-"))
        #expect(output.stderr.hasSuffix("""
            stats: 3 rows, 0 read by the generic reader; 1 in the fixed-point kernel, 2 (66.67%) on the general path
              2: a loan_id repeated within the enterprise

            """))
        // A year in full-width digits is read by the generic reader, the other row from its
        // bytes into the kernel.
        let cit = try temporary("cit.csv", "tax_year,taxable_income,employees,total_assets\n2023,1000000,10,100\n２０２３,1000000,10,100\n")
        let other = try Huiqi.run(["batch", "cit", cit.path, "--stats"])
        #expect(other.stderr.hasSuffix("stats: 2 rows, 1 read by the generic reader; 1 in the fixed-point kernel, 1 (50.00%) on the general path\n"))
        let dues = other.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[6] }
        #expect(dues == ["50000.00", "50000.00"])  // tax_due: 1,000,000 × 25% × 20%
        // A guarantee in E-notation is read from its bytes but computed on the general path; one
        // with a term in full-width digits is read generically; the third goes through the kernel.
        let fees = try temporary(
            "fees.csv", "guarantee_id,guarantor_id,amount,fee_rate,start_date,term_months\nG1,U,1E+6,1%,2023-03-01,12\nG2,U,1000000,1%,2023-03-01,１２\nG3,U,1000000,1%,2023-03-01,12\n")
        let guarantees = try Huiqi.run(["batch", "guarantee-fee", fees.path, "--stats", "-o", "/dev/null"])
        #expect(guarantees.stderr.hasSuffix("stats: 3 rows, 1 read by the generic reader; 1 in the fixed-point kernel, 2 (66.67%) on the general path\n"))
        // A measure without a kernel says so, and names those with one.
        let award = try temporary("award.csv", "designation,newly_recognized,recognition_date\nspecialized,true,2023-05-01\n")
        let awards = try Huiqi.run(["batch", "specialized-award", award.path, "--stats", "-o", "/dev/null"])
        #expect(awards.stderr.hasSuffix(
            "stats: 1 rows, 0 read by the generic reader; all computed by the per-record calculation (fixed-point kernels: interest-subsidy, guarantee-fee, small-scale-vat, small-profit-cit, rd-super-deduction)\n"))
    }

    /// The audit block of `calc --format json` names the parameter set in effect: the bundled
    /// one, or the bundled one with a user's file laid over it.
    @Test func calcJSONCarriesTheAuditOfTheParametersInEffect() throws {
        let arguments = [
            "calc", "interest-subsidy", "--principal", "1000000", "--annual-rate", "1.8%", "--drawdown-date", "2022-11-01",
            "--end-date", "2023-11-01", "--guaranteed-by-fund", "--first-inclusive-loan", "--lender-in-shanghai", "--format", "json",
        ]
        let bundled = try InputValue(json: Array(try Huiqi.run(arguments).stdout.utf8))
        let overridden = try InputValue(json: Array(try Huiqi.run(arguments + ["--parameters", "Examples/floor-mode.yaml"]).stdout.utf8))
        let table = try ParameterTable.bundled()
        let file = try String(contentsOf: Huiqi.repository.appendingPathComponent("Examples/floor-mode.yaml"), encoding: .utf8)
        #expect(bundled.value(at: "audit.parameters_sha256")?.text == table.identity)
        #expect(bundled.value(at: "audit.parameters_source")?.text == "bundled")
        #expect(bundled.value(at: "audit.engine_version")?.text == Engine.version)
        #expect(overridden.value(at: "audit.parameters_sha256")?.text == table.overriding(with: try ParameterTable(yaml: file)).identity)
        #expect(overridden.value(at: "audit.parameters_source")?.text == "overridden")
        #expect(bundled.value(at: "loans.0.rate_applied")?.text == "0.018")
        // The inputs as they were read, beside the result.
        #expect(bundled.value(at: "input.loans.0.annual_rate")?.text == "0.018")
        #expect(bundled.value(at: "input.loans.0.guaranteed_by_fund")?.text == "true")
        #expect(overridden.value(at: "loans.0.rate_applied") == .null)
    }

    /// Two runs with one 9,000,000 loan each grant one enterprise 200,000 in all, not 365,000:
    /// 9,000,000 × 365 × 2% ÷ 360 = 182,500.00, then 200,000 − 182,500 = 17,500.00.
    @Test func theCapCarriesAcrossRunsInBatchAndCalc() throws {
        let input = try temporary("loans.csv", header + "E1,L2,9000000,3.65%,2022-11-01,2023-11-01,true,true,true\n")
        let granted = try temporary("granted.csv", "enterprise_id,granted\nE1,182500.00\n")
        let summary = try temporary("summary.csv")
        let batch = try Huiqi.run(["batch", "interest-subsidy", input.path, "--granted", granted.path, "--summary", summary.path])
        #expect(batch.status == 0, "\(batch.stderr)")
        #expect(batch.stdout.hasSuffix("E1,L2,2,ok,,eligible,365,2023-11-01,3285000000,0.02,182500.00,17500.00,true,17500.00\(audit)\n"))
        #expect(try String(contentsOf: summary, encoding: .utf8).hasSuffix("E1,1,1,182500.00,17500.00,true,182500.00,0.00\(audit)\n"))
        let calc = try Huiqi.run([
            "calc", "interest-subsidy", "--principal", "9,000,000", "--annual-rate", "3.65%", "--drawdown-date", "2022-11-01",
            "--end-date", "2023-11-01", "--guaranteed-by-fund", "--first-inclusive-loan", "--lender-in-shanghai",
            "--prior-granted", "182,500", "--format", "json",
        ])
        #expect(calc.status == 0, "\(calc.stderr)")
        #expect(calc.stdout.contains(#""total_granted" : "17500.00""#) || calc.stdout.contains(#""total_granted": "17500.00""#))
        #expect(calc.stdout.contains(#""cap_remaining": "0.00""#) || calc.stdout.contains(#""cap_remaining" : "0.00""#))
    }

    /// A rate written as 3.65 (365%) is refused in a batch row with the form to write.
    @Test func anImplausibleRateIsARowError() throws {
        let input = try temporary("loans.csv", header + "E1,L1,3000000,3.65,2022-11-01,2023-11-01,true,true,true\n")
        let output = try Huiqi.run(["batch", "interest-subsidy", input.path])
        #expect(output.status == 1)
        #expect(output.stdout.contains(#"annual_rate: ""3.65"" is not a plausible rate: without % it means 365%; write 3.65% (or 0.0365)"#))
    }

    @Test func aFailedRowExitsOneAndIsReportedWithItsLine() throws {
        let input = try temporary("loans.csv", header + good + "E1,L2,abc,3.65%,2022-11-01,2023-11-01,true,true,true\n")
        let out = try temporary("out.csv")
        let summary = try temporary("summary.csv")
        let output = try Huiqi.run(["batch", "interest-subsidy", input.path, "-o", out.path, "--summary", summary.path])
        #expect(output.status == 1)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.hasPrefix("line 3: principal: \"abc\" is not an amount (write 3000000, 3,000,000.00, 1.2E+6, ¥3,000,000 or 300万)"))
        #expect(try String(contentsOf: out, encoding: .utf8).split(separator: "\n").count == 3)
        #expect(try String(contentsOf: summary, encoding: .utf8) == """
            enterprise_id,loans,eligible_loans,subsidy_computed,enterprise_total,capped,prior_granted,cap_remaining,engine_version,parameters_sha256
            E1,1,1,60833.33,60833.33,false,0.00,139166.67\(audit)

            """)
    }

    @Test(arguments: [
        (["batch", "nope", "x.csv"], #"unknown measure "nope""#),
        (["batch", "interest-subsidy", "/nonexistent/loans.csv"], "cannot read /nonexistent/loans.csv"),
        (["batch", "interest-subsidy"], "Missing expected argument '<INPUT>'"),
        (["batch", "interest-subsidy", "x.csv", "--format", "xml"], "The value 'xml' is invalid"),
    ])
    func usageAndFileErrorsExitTwo(arguments: [String], message: String) throws {
        let output = try Huiqi.run(arguments)
        #expect(output.status == 2)
        #expect(output.stderr.contains(message), "\(output.stderr)")
    }

    @Test func aMissingColumnExitsTwoNamingIt() throws {
        let input = try temporary("loans.csv", "enterprise_id,loan_id\nE1,L1\n")
        let output = try Huiqi.run(["batch", "interest-subsidy", input.path])
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix(
            "huiqi: input: required columns principal (本金), annual_rate (年利率), drawdown_date (放款日), end_date (到期日), guaranteed_by_fund (是否融资担保基金担保), first_inclusive_loan (是否首贷), lender_in_shanghai (是否本市银行放款) are missing. Columns found: enterprise_id, loan_id. Columns interest-subsidy reads: enterprise_id (企业编号),"),
            "\(output.stderr)")
    }

    @Test func aKilledBatchLeavesNothingAtTheOutputPath() throws {
        // Enough loans that the (debug) batch is still running when it is killed.
        let input = try temporary("big.csv")
        let generator = Process()
        generator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        generator.arguments = ["python3", Huiqi.repository.appendingPathComponent("Scripts/generate_loans.py").path, "200000"]
        #expect(FileManager.default.createFile(atPath: input.path, contents: nil))
        generator.standardOutput = try FileHandle(forWritingTo: input)
        try generator.run()
        generator.waitUntilExit()
        let out = try temporary("out.csv")
        let batch = Process()
        batch.executableURL = Huiqi.executable
        batch.arguments = ["batch", "interest-subsidy", input.path, "-o", out.path]
        batch.standardError = FileHandle.nullDevice
        try batch.run()
        Thread.sleep(forTimeInterval: 0.5)
        #expect(batch.isRunning, "the batch finished before it could be killed; use a larger input")
        kill(batch.processIdentifier, SIGKILL)
        batch.waitUntilExit()
        #expect(!FileManager.default.fileExists(atPath: out.path))
        try? FileManager.default.removeItem(at: input)
    }
}
