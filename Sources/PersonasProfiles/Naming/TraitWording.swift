/// How a distinguishing trait is put into words, in a narrative ("more monthly prescriptions",
/// "a shorter tenure", "more customers whose practice type is Hospital") and in a persona's name
/// ("few years in practice", "Oncology"), from the schema's display names and level labels only.
///
/// The comparison word follows what the column measures, read from its display name
/// (``Scale``): a count of things takes more/fewer ("fewer years in practice", never "lower years
/// in practice"), a length of time longer/shorter, a size larger/smaller, anything else
/// higher/lower. A level is never compared as a quantity ("fewer Hospital"): the phrase is about
/// the customers who hold it, "more customers whose practice type is Hospital", which reads
/// correctly whatever the label. The words carry the direction, so a sentence around them never
/// adds "below average" to "lower".
///
/// Only the wording lives here: which traits a segment has, and in what order, is the profile's.
enum TraitWording {
    /// What a numeric column measures, as far as its comparison word goes.
    enum Scale: CaseIterable {
        /// Countable things, the display name holds a plural noun: "Monthly prescriptions",
        /// "Years in practice", "Emails opened per quarter" (more/fewer, many/few).
        case amount
        /// A length of time: "Tenure", "Time on site", "Length of stay" (longer/shorter).
        case duration
        /// A size or a number of: "Practice size", "Number of visits" (larger/smaller).
        case size
        /// Anything else: a value, share, rate or score (higher/lower, high/low).
        case level

        /// The narrative's comparative, "more" or "fewer", with its article where one is due.
        func comparative(_ direction: DistinguishingTrait.Direction) -> String {
            let over = direction == .over
            switch self {
            case .amount: return over ? "more" : "fewer"
            case .duration: return over ? "a longer" : "a shorter"
            case .size: return over ? "a larger" : "a smaller"
            case .level: return over ? "a higher" : "a lower"
            }
        }

        /// The name's adjective: "many", "long", "large", "high" and their opposites.
        func adjective(_ direction: DistinguishingTrait.Direction) -> String {
            let over = direction == .over
            switch self {
            case .amount: return over ? "many" : "few"
            case .duration: return over ? "long" : "short"
            case .size: return over ? "large" : "small"
            case .level: return over ? "high" : "low"
            }
        }
    }

    /// Head nouns of a length of time.
    static let durationNouns: Set = ["tenure", "duration", "length", "time", "lifetime", "stay", "wait", "delay"]
    /// Head nouns of a size.
    static let sizeNouns: Set = ["size", "number", "count", "volume", "amount"]
    /// Words that end a display name's noun phrase: what follows qualifies it ("per quarter",
    /// "in practice", "of visits").
    static let phraseEnds: Set = ["per", "in", "of", "since", "at", "for", "on", "to", "from", "by", "with",
                                  "during", "over", "before", "after", "as", "than", "vs", "versus"]
    /// Endings of singular words that look plural ("status", "access", "analysis", "economics").
    static let singularEndings = ["ss", "us", "is", "ics", "ness"]

    /// The scale of a display name. A raw column name (with an underscore, or no space and no
    /// lowercase letter) cannot be read reliably, so it is compared as a level ("a higher
    /// recency_days").
    static func scale(of displayName: String) -> Scale {
        guard let phrase = nounPhrase(displayName) else { return .level }
        if phrase.contains(where: isPlural) { return .amount }
        guard let head = phrase.last else { return .level }
        if durationNouns.contains(head) { return .duration }
        if sizeNouns.contains(head) { return .size }
        return .level
    }

    /// The lowercased words of a display name before what qualifies them ("emails opened" of
    /// "Emails opened per quarter"), nil for a raw column name.
    static func nounPhrase(_ displayName: String) -> [String]? {
        let raw = displayName.contains("_") || (!displayName.contains(" ") && !displayName.contains(where: \.isLowercase))
        if raw { return nil }
        let words = displayName.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "/" })
            .map(String.init)
        return Array(words.prefix { !phraseEnds.contains($0) && !$0.hasPrefix("(") })
    }

    /// "is", or "are" when the display name's head noun is plural ("whose interests are Sport");
    /// the head is the phrase's last word, or the one before a participle ("emails" of "emails
    /// opened").
    static func verb(for displayName: String) -> String {
        guard let phrase = nounPhrase(displayName), var head = phrase.last else { return "is" }
        if head.hasSuffix("ed"), phrase.count > 1 { head = phrase[phrase.count - 2] }
        return isPlural(head) ? "are" : "is"
    }

    /// Whether a lowercased word reads as a regular plural ("prescriptions", "years", "days").
    static func isPlural(_ word: String) -> Bool {
        word.count > 3 && word.hasSuffix("s") && word.allSatisfy(\.isLetter)
            && !singularEndings.contains(where: word.hasSuffix)
    }

    /// The column as words: its display name with the first letter lowercased (acronyms kept),
    /// or its name when the display name is empty.
    static func columnWords(_ trait: DistinguishingTrait) -> String {
        lowercasedFirst(trait.displayName.isEmpty ? trait.column : trait.displayName)
    }

    /// The level as the schema labels it, else its code.
    static func levelWords(_ trait: DistinguishingTrait) -> String {
        let label = trait.levelLabel ?? trait.level ?? ""
        return label.isEmpty ? (trait.level ?? "") : label
    }

    /// The forms a trait takes in words.
    enum Template: CaseIterable {
        /// A numeric column: "more monthly prescriptions", "a shorter tenure"; in a name "many
        /// monthly prescriptions".
        case quantity
        /// A level of a categorical, ordinal or yes/no column with its own label: "more customers
        /// whose practice type is Hospital"; in a name "Hospital".
        case level
        /// The "yes" level of a yes/no column labelled like the column: "more customers marked
        /// “Restricts rep access”"; in a name "restricts rep access".
        case flag
    }

    static func template(of trait: DistinguishingTrait) -> Template {
        guard trait.level != nil else { return .quantity }
        return trait.type == .boolean && (trait.levelLabel == nil || trait.levelLabel == trait.displayName) ? .flag : .level
    }

    /// The comparison in a narrative, without figures: "more monthly prescriptions", "a lower
    /// product share", "fewer customers whose adoption stage is Unaware", "more customers marked
    /// “Restricts rep access”".
    static func comparison(_ trait: DistinguishingTrait) -> String {
        let more = trait.direction == .over ? "more" : "fewer"
        let column = columnWords(trait)
        switch template(of: trait) {
        case .quantity: return scale(of: column).comparative(trait.direction) + " " + column
        case .level: return "\(more) customers whose \(column) \(verb(for: column)) \(levelWords(trait))"
        case .flag: return "\(more) customers marked “\(trait.displayName.isEmpty ? trait.column : trait.displayName)”"
        }
    }

    /// The trait in a name, or nil for a level the segment holds less often (a name says what
    /// a segment is, not what it is not): "many monthly prescriptions", "short tenure",
    /// "Oncology", "restricts rep access".
    static func namePhrase(_ trait: DistinguishingTrait) -> String? {
        let template = template(of: trait)
        if template == .quantity { return scale(of: columnWords(trait)).adjective(trait.direction) + " " + columnWords(trait) }
        guard trait.direction == .over else { return nil }
        if template == .flag && trait.displayName.isEmpty { return trait.column }
        return trait.type == .boolean ? lowercasedFirst(levelWords(trait)) : levelWords(trait)
    }
}
