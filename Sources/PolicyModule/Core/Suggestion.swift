/// "Did you mean …": the closest of a list of names to what a user typed.
public enum Suggestion {
    /// The name in `candidates` nearest to `typed` by edit distance (insertions, deletions,
    /// substitutions and swaps of neighbours, ignoring case and `-`/`_`), if it is near enough
    /// to be a slip: at most a third of the typed length, and at least one edit allowed.
    public static func closest(to typed: String, among candidates: [String]) -> String? {
        let key = comparable(typed)
        let allowed = max(1, key.count / 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(key, comparable(candidate))
            if distance <= allowed, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// The text as compared: lower case, `_` read as `-`.
    private static func comparable(_ text: String) -> [Character] {
        Array(text.lowercased().replacingOccurrences(of: "_", with: "-"))
    }

    /// The optimal-string-alignment distance: Levenshtein with swaps of adjacent characters
    /// (`clac` is one edit from `calc`). O(*m*·*n*) time, O(*n*) memory.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previousPrevious[j - 2] + 1)
                }
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
