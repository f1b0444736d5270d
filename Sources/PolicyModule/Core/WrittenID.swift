/// An identifier as written (docs/POLICY.md §1: ids are not normalised): two are the same only
/// when their Unicode scalars are. `String`'s `==` would make `Café` written precomposed (U+00E9)
/// and decomposed (`e` and U+0301) one enterprise, merged silently; the batch, which compares
/// ids' bytes where they lie, makes them two, and so does every look-up by this key.
struct WrittenID: Hashable, Sendable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (a: WrittenID, b: WrittenID) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
