/// The one order of the catalog's paths, ids and names: by their UTF-8 bytes, so it is the same on
/// every platform and locale (Swift's `<` on `String` compares Unicode canonical forms).
public enum UTF8Order {
    /// Whether `a` sorts before `b` by UTF-8 bytes.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
