import ArgumentParser
import PolicyModule

struct ListMeasures: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the measures, or the input fields (flags) of one.",
        discussion: """
            Examples:
              huiqi list
              huiqi list interest-subsidy          # its flags for `huiqi calc`, and the Chinese column names batch reads
              huiqi list --format json
            """)

    @Argument(help: "A measure (id, alias or Chinese title): show its input fields.", completion: .measures)
    var measure: String?

    @OptionGroup var output: OutputOptions

    /// An unknown measure is a usage error.
    func validate() throws {
        try output.refusingHTML()
        if let measure {
            do {
                _ = try MeasureRegistry.measure(measure)
            } catch {
                throw ValidationError("\(error)")
            }
        }
    }

    func run() throws {
        if let measure {
            try emit(fieldTable(try MeasureRegistry.measure(measure), output))
        } else {
            try emit(measureTable(output))
        }
    }

    private func measureTable(_ output: OutputOptions) -> String {
        if output.format == .json { return MeasureRegistry.listing.rendered }
        let lang = output.language
        return Table(
            header: [lang.pick("措施", "measure"), lang.pick("别名", "alias"), lang.pick("条款", "article"), lang.pick("名称", "title")],
            rows: MeasureRegistry.all.map { [$0.id, $0.aliases.joined(separator: " "), $0.article, lang.pick($0.titleZH, $0.titleEN)] }
        ).rendered
    }

    private func fieldTable(_ measure: AnyMeasure, _ output: OutputOptions) -> String {
        if output.format == .json {
            let rows = measure.inputFields.map { field in
                JSONValue.object([("name", .string(field.name)), ("name_zh", .string(FieldNames.chinese(field.name) ?? "")),
                                  ("flag", .string(field.flag)), ("kind", .string(field.kindDescription)),
                                  ("required", .bool(field.required)), ("help", .string(field.help)),
                                  ("help_zh", .string(measure.help(field, .zh)))])
            }
            return JSONValue.array(rows).rendered
        }
        let lang = output.language
        let table = Table(
            header: [lang.pick("参数", "flag"), lang.pick("表头", "column (zh)"), lang.pick("取值", "value"), lang.pick("必填", "required"),
                     lang.pick("说明", "meaning")],
            rows: measure.inputFields.map { field in
                [field.flag, FieldNames.chinese(field.name) ?? "", field.kindDescription(lang),
                 field.required ? (field.calculatorDefault.map { lang.pick("默认 ", "default ") + $0 } ?? lang.pick("是", "yes")) : "",
                 measure.help(field, lang)]
            })
        return "\(lang.pick(measure.titleZH, measure.titleEN)) (\(measure.id), \(measure.article))\n\n" + table.rendered
    }
}

extension InputField {
    /// The command-line flag: `--taxable-income`; a boolean also has `--no-…`.
    var flag: String {
        let name = "--" + self.name.replacingOccurrences(of: "_", with: "-")
        return kind == .flag ? "\(name) / --no-\(name.dropFirst(2))" : name
    }

    /// What the field's value is written as, in `language`: the same placeholders in both
    /// (`AMOUNT`, `YYYY-MM-DD`), the words around them translated.
    func kindDescription(_ language: Language) -> String {
        switch kind {
        case .rate: return language.pick("RATE（0.02 或 2%）", "RATE (0.02 or 2%)")
        case .flag: return language.pick("是/否", "(flag)")
        default: return kindDescription
        }
    }

    /// What the field's value is written as: `AMOUNT`, `RATE (0.02 or 2%)`.
    var kindDescription: String {
        switch kind {
        case .amount: return "AMOUNT"
        case .rate: return "RATE (0.02 or 2%)"
        case .date: return "YYYY-MM-DD"
        case .integer: return "N"
        case .number: return "NUMBER"
        case .flag: return "(flag)"
        case .choice(let values): return values.joined(separator: "|")
        case .text: return "ID"
        case .amounts: return "AMOUNT;AMOUNT;…"
        case .repayments: return "DATE=AMOUNT;…"
        }
    }
}
