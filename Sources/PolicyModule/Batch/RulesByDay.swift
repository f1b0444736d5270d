/// A kernel's rules for every day, made once per batch from the parameters they depend on.
/// Those parameters change only on the days a value of one of them begins or follows its last
/// day, so the days between two such days share their rules: a day's are found among a few
/// change days by bisection, with no hashing per row, whatever the span of the dates.
struct RulesByDay<Rules: Sendable>: Sendable {
    /// The days on which a value of one of the parameters begins or ends, ascending.
    private let changes: [Day]
    /// The rules before the first change, then from each change on.
    private let rules: [Rules]

    /// The rules `make` gives for each stretch of days over which none of `ids` changes.
    init(_ parameters: ParameterTable, ids: [String], make: (Day) -> Rules) {
        self.init(changes: parameters.changeDays(of: ids), make: make)
    }

    /// The rules `make` gives on the day before the first of `changes` (ascending), and from
    /// each of them on; with no change, the rules of any day.
    init(changes: [Day], make: (Day) -> Rules) {
        let firsts = changes.first.map { [$0.adding(days: -1)] + changes } ?? [Day(year: 2000, month: 1, day: 1)!]
        self.changes = changes
        rules = firsts.map(make)
    }

    /// The rules on `day`.
    @inline(__always)
    subscript(day: Day) -> Rules {
        var (low, high) = (0, changes.count)  // the changes on or before `day`: changes[..<low]
        while low < high {
            let middle = (low + high) / 2
            if changes[middle] <= day { low = middle + 1 } else { high = middle }
        }
        return rules[low]
    }
}

/// A kernel's rules for every tax year, made once per batch from the parameters in effect on each
/// year's first day: one set for each year from the year before the parameters' first change to
/// the year after their last (before and after that, the rules do not change).
struct RulesByYear<Rules: Sendable>: Sendable {
    private let first: Int
    private let rules: [Rules]

    /// The rules `make` gives for each year (from its first day's parameters).
    init(_ parameters: ParameterTable, ids: [String], make: (Int) -> Rules) {
        let changes = parameters.changeDays(of: ids)
        first = (changes.first?.year ?? 2000) - 1
        rules = (first...((changes.last?.year ?? 2000) + 1)).map(make)
    }

    /// The rules of `year`.
    @inline(__always)
    subscript(year: Int) -> Rules { rules[min(max(year - first, 0), rules.count - 1)] }
}
