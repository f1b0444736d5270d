/// The catalogues the command line and the C interface print, built in one place so that they
/// cannot differ.
extension MeasureRegistry {
    /// Every measure as `huiqi list --format json` prints it: `id`, `aliases`, `article`,
    /// `title_zh`, `title_en`, in the order of the articles.
    public static var listing: JSONValue {
        .array(all.map {
            .object([("id", .string($0.id)), ("aliases", .array($0.aliases.map(JSONValue.string))), ("article", .string($0.article)),
                     ("title_zh", .string($0.titleZH)), ("title_en", .string($0.titleEN))])
        })
    }
}

extension ParameterTable {
    /// The values as `huiqi params --format json` prints them: each value's `id`, `value`,
    /// `from`, `to` (null when open-ended) and `citation`; every value by id, or, with `day`,
    /// those in effect on that day.
    public func listing(on day: Day? = nil) -> JSONValue {
        .array(listed(on: day).map { row in
            .object([
                ("id", .string(row.id)), ("value", .string(row.value.value)), ("from", .string(row.value.from.description)),
                ("to", row.value.to.map { .string($0.description) } ?? .null), ("citation", .string(row.value.citation)),
            ])
        })
    }

    /// Every value by id and date, or, with `day`, those in effect on that day: the rows of
    /// `huiqi params`.
    public func listed(on day: Day? = nil) -> [(id: String, value: Value)] {
        if let day { return inEffect(on: day) }
        return values.keys.sorted().flatMap { id in (values[id] ?? []).map { (id, $0) } }
    }
}
