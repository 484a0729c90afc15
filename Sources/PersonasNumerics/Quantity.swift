/// How every message, narrative and report writes a count with its noun: "1 persona",
/// "2 personas", "0 personas", "1,234 customers", in the grammatical number of the count.
///
/// One place decides singular or plural, so no text says "1 personas" or "2 persona": a count of
/// exactly one (or minus one) takes the singular, every other count (zero and fractions of
/// nothing included) the plural, as English does. The regular plural is built from the
/// singular (``plural(of:)``); irregular nouns ("criterion" → "criteria") give theirs. It lives in
/// the lowest module so that the data, clustering, profile and report modules and the CLI all
/// use the same rule.
///
/// ```swift
/// Quantity.count(1, "persona")                         // "1 persona"
/// Quantity.count(1234, "customer")                     // "1,234 customers"
/// Quantity.count(0, "criterion", plural: "criteria")   // "0 criteria"
/// Quantity.word(2, "has", plural: "have")              // "have"
/// ```
public enum Quantity {
    /// The count with thousands separators, a space and the noun in the count's number.
    public static func count(_ count: Int, _ singular: String, plural: String? = nil) -> String {
        grouped(count) + " " + word(count, singular, plural: plural)
    }

    /// The singular for a count of one (or minus one), else the plural: for nouns ("segment"),
    /// verbs ("has"/"have") and pronouns ("it"/"them") that agree with a count.
    public static func word(_ count: Int, _ singular: String, plural: String? = nil) -> String {
        count == 1 || count == -1 ? singular : plural ?? self.plural(of: singular)
    }

    /// The regular English plural: "segment" → "segments", "category" → "categories", "class" →
    /// "classes", "box" → "boxes"; a phrase's last word takes it ("rare level" → "rare levels").
    public static func plural(of singular: String) -> String {
        let lower = singular.lowercased()
        if lower.hasSuffix("y"), let before = lower.dropLast().last, !"aeiou".contains(before) {
            return singular.dropLast() + "ies"
        }
        if ["s", "x", "z", "ch", "sh"].contains(where: lower.hasSuffix) { return singular + "es" }
        return singular + "s"
    }

    /// An integer with a comma between thousands: "1,234,567", "-1,000", "0".
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (value < 0 ? "-" : "") + out
    }
}
