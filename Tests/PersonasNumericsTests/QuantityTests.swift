import PersonasNumerics
import Testing

/// Issue 21, "Prose that reads as written by a person": one helper puts every count's noun in the
/// count's number. Fails on main: there is no such helper, and the texts built by hand said
/// "1 personas" and "1 rare levels".
@Suite("Counts in words")
struct QuantityTests {
    @Test("Singular for one, plural for zero, many and negatives; thousands grouped",
          arguments: [
              (1, "persona", nil, "1 persona"),
              (2, "persona", nil, "2 personas"),
              (0, "persona", nil, "0 personas"),
              (-1, "customer", nil, "-1 customer"),
              (-3, "customer", nil, "-3 customers"),
              (1_234_567, "customer", nil, "1,234,567 customers"),
              (1, "rare level", nil, "1 rare level"),
              (4, "rare level", nil, "4 rare levels"),
              (2, "category", nil, "2 categories"),
              (2, "day", nil, "2 days"),
              (2, "class", nil, "2 classes"),
              (2, "box", nil, "2 boxes"),
              (2, "match", nil, "2 matches"),
              (1, "criterion", "criteria", "1 criterion"),
              (5, "criterion", "criteria", "5 criteria"),
              (0, "criterion", "criteria", "0 criteria"),
          ] as [(Int, String, String?, String)])
    func counts(_ count: Int, _ singular: String, _ plural: String?, _ expected: String) {
        #expect(Quantity.count(count, singular, plural: plural) == expected)
    }

    @Test("Words that agree with a count: verbs and pronouns")
    func agreement() {
        #expect(Quantity.word(1, "has", plural: "have") == "has")
        #expect(Quantity.word(0, "has", plural: "have") == "have")
        #expect(Quantity.word(2, "it", plural: "them") == "them")
        #expect(Quantity.word(1, "segment") == "segment")
        #expect(Quantity.grouped(Int.min) == "-9,223,372,036,854,775,808")
        #expect(Quantity.grouped(-1000) == "-1,000" && Quantity.grouped(999) == "999" && Quantity.grouped(0) == "0")
    }
}
