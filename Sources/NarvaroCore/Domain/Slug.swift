// Slugs name venues, activities and readers on the command line: lowercase ASCII, digits, '-'.

public enum Slug {
    /// `gamla-tingshuset`, `laxhjalp`, `entre-1`: 1–63 characters, starting with a letter or digit.
    public static func isValid(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, s.unicodeScalars.count <= 63 else { return false }
        func ok(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("0"..."9").contains(c) }
        return ok(first) && s.unicodeScalars.allSatisfy { ok($0) || $0 == "-" || $0 == "_" }
    }

    /// A refused slug as its error quotes it: cut after 40 characters, so a pasted paragraph still
    /// gives a one-line error someone can read.
    public static func quoted(_ s: String) -> String {
        s.count > 40 ? "'\(s.prefix(40))…'" : "'\(s)'"
    }
}
