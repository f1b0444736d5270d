import ArgumentParser
import PolicyModule

struct Params: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the parameters with their dates and citations (those in effect on a date, with --at).",
        discussion: """
            Examples:
              huiqi params --at 2023-05-01
              huiqi params --at 2028-01-01 --parameters my-2028.yaml
              huiqi params --format json
            """)

    @Option(help: ArgumentHelp("Only the values in effect on this date.", valueName: "YYYY-MM-DD"))
    var at: String?

    @OptionGroup var output: OutputOptions
    @OptionGroup var parameters: ParameterOptions

    /// A date that cannot be read is a usage error.
    func validate() throws {
        try output.refusingHTML()
        if let at {
            do {
                _ = try Day(parsing: at)
            } catch {
                throw ValidationError("--at: \(error)")
            }
        }
    }

    func run() throws {
        try reportingCalculationErrors {
            let table = try parameters.table()
            let day = try at.map { (text) throws(PolicyError) in try Day(parsing: text) }
            let rows = table.listed(on: day)
            if output.format == .json {
                try emit(table.listing(on: day).rendered)
                return
            }
            let lang = output.language
            try emit(Table(
                header: [lang.pick("参数", "parameter"), lang.pick("值", "value"), lang.pick("自", "from"), lang.pick("至", "to"), lang.pick("依据", "citation")],
                rows: rows.map { [$0.id, $0.value.value, $0.value.from.description, $0.value.to?.description ?? "", $0.value.citation] }
            ).rendered)
        }
    }
}
