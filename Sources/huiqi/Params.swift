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
            var rows: [(id: String, value: ParameterTable.Value)] = []
            if let at {
                rows = table.inEffect(on: try Day(parsing: at))
            } else {
                for id in table.values.keys.sorted() { rows += table.values[id]!.map { (id, $0) } }
            }
            if output.format == .json {
                let items = rows.map { row in
                    JSONValue.object([
                        ("id", .string(row.id)), ("value", .string(row.value.value)), ("from", .string(row.value.from.description)),
                        ("to", row.value.to.map { .string($0.description) } ?? .null), ("citation", .string(row.value.citation)),
                    ])
                }
                try emit(JSONValue.array(items).rendered)
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
