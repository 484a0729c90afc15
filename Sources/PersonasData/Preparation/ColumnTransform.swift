import Foundation

/// A change of a numeric column's values made before it is scaled, declared in the schema
/// (`"transform": "log"`) or asked for by the caller (``PreparationSpec/transforms``).
///
/// Customer measures such as spend, orders or visits are heavily right-skewed: a few customers
/// hold most of the volume, so their scaled values dominate every distance and each extra segment
/// isolates a handful of them. `log` compresses the long tail so segments form on the bulk.
public enum ColumnTransform: String, Codable, Sendable, Equatable, CaseIterable {
    /// `ln(1 + x)` (log1p): 0 stays 0, and the column must hold no negative value. Computed as the
    /// natural logarithm of `1 + x` in doubles, as SQL's `LN(1 + x)` is, so an exported query gives
    /// the same features bit for bit.
    case log

    /// The transformed value; NaN (missing) stays NaN. Defined for `x ≥ 0` only (checked by the caller).
    @inline(__always)
    public func apply(_ x: Double) -> Double {
        switch self {
        case .log: Foundation.log(1 + x)
        }
    }

    /// Whether `x` (not missing) can be transformed.
    @inline(__always)
    public func accepts(_ x: Double) -> Bool {
        switch self {
        case .log: x >= 0
        }
    }

    /// The transform as written around a column in messages ("log(1 + x)").
    public var formula: String {
        switch self {
        case .log: "log(1 + x)"
        }
    }

    /// Whether a column of `type` can take the transform: numbers and whole numbers only (a
    /// boolean, a date or a level has no meaningful logarithm).
    public static func canTransform(_ type: ColumnType) -> Bool {
        type == .numeric || type == .integer
    }
}
