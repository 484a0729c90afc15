#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PersonasNumerics

/// A latent class model as points to add up: the arithmetic that scores a row, in a form a
/// scoring query (SQL) can repeat with sums and one comparison.
///
/// A row's score for class j is ``constants``[j] plus, for each item in order, the item's point
/// for the row's answer:
/// - a categorical item's point is `points[j, level]`, the class's log-probability of the level;
/// - a continuous item's point is `constants[j] − halfPrecisions[j]·((x − means[j])·(x − means[j]))`,
///   the class's Gaussian log-density of x;
/// - a missing answer's point is 0.
///
/// The score is ln(π_j·p_j(x)), the log of the class's share times the row's likelihood in the
/// class. The class with the highest score is ``LatentClassModel/predict(_:)``'s (the first on
/// ties): the model's own E-step adds exactly these numbers in exactly this order, constant first,
/// then the items left to right. The membership probabilities are the scores' softmax,
/// `exp(s_j − max s) / Σ exp(s_i − max s)`.
///
/// Probabilities enter the logs clipped to [``probabilityFloor``, 1 − ``probabilityFloor``]
/// (stepmix's clip), so a level a class never gave costs a large finite penalty rather than −∞.
public struct LatentClassPoints: Sendable, Equatable, Codable {
    /// The bound probabilities are clipped to before their log is taken.
    public static let probabilityFloor = 1e-15

    /// ln π_j for each class: the score every row starts from.
    public let constants: [Double]
    /// Each item's points, in the items' order.
    public let items: [Item]

    /// One item's points.
    public enum Item: Sendable, Equatable, Codable {
        /// k × levels: `points[j, level]` = ln p_j(level).
        case categorical(points: Matrix<Double>)
        /// Per class: the point of x is `constants[j] − halfPrecisions[j]·(x − means[j])²`, with
        /// `constants[j] = −½·ln(2π·σ²_j)` and `halfPrecisions[j] = 1 / (2σ²_j)`.
        case continuous(means: [Double], halfPrecisions: [Double], constants: [Double])
    }

    /// The points of a model's parameters.
    public init(_ parameters: LatentClassParameters) {
        constants = parameters.weights.map(Self.logProbability)
        items = parameters.items.map { item in
            switch item {
            case .categorical(let probabilities):
                .categorical(points: Matrix(rows: probabilities.rows, columns: probabilities.columns,
                                            elements: probabilities.elements.map(Self.logProbability)))
            case .continuous(let means, let variances):
                .continuous(means: means, halfPrecisions: variances.map { 0.5 / $0 },
                            constants: variances.map { -0.5 * log(2 * Double.pi * $0) })
            }
        }
    }

    /// Number of classes.
    public var k: Int { constants.count }

    /// ln p of a probability clipped to [floor, 1 − floor].
    static func logProbability(_ p: Double) -> Double {
        log(Swift.min(Swift.max(p, probabilityFloor), 1 - probabilityFloor))
    }

    /// A continuous item's point: the Gaussian log-density of x, in the documented arithmetic.
    @inline(__always)
    static func continuousPoint(_ x: Double, mean: Double, halfPrecision: Double, constant: Double) -> Double {
        let deviation = x - mean
        return constant - halfPrecision * (deviation * deviation)
    }
}
