/// One observed item of a latent class model: a column of answers, either categorical (level
/// codes) or continuous (numbers), with its missing answers marked.
///
/// Items are the survey's questions: an attitude battery's ordinal answers, a yes/no, a
/// specialty, a count or an amount. Within a class they are independent (the model's local
/// independence), a categorical item multinomial over its levels and a continuous item Gaussian.
/// Ordinal items are categorical here, as in poLCA's and Latent GOLD's basic model: their order is
/// not used.
public enum LatentClassItem: Sendable, Equatable {
    /// Level codes in `0..<levels`, one per row, ``missingCode`` for a missing answer; at least
    /// two levels (an item with one level says nothing about the classes).
    case categorical(codes: [Int32], levels: Int)
    /// Values, one per row, NaN for a missing answer; every other value finite.
    case continuous([Double])

    /// The level code that marks a missing categorical answer.
    public static let missingCode: Int32 = -1

    /// The shape of an item without its values: what a fitted model remembers, and what new rows
    /// must have to be scored by it.
    public enum Kind: Sendable, Equatable, Hashable, Codable {
        /// A categorical item with this many levels.
        case categorical(levels: Int)
        /// A continuous item.
        case continuous
    }

    /// The item's kind.
    public var kind: Kind {
        switch self {
        case .categorical(_, let levels): .categorical(levels: levels)
        case .continuous: .continuous
        }
    }

    /// Rows the item has answers (or missing marks) for.
    public var count: Int {
        switch self {
        case .categorical(let codes, _): codes.count
        case .continuous(let values): values.count
        }
    }
}
