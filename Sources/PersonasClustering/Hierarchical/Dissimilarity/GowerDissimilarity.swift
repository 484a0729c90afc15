import PersonasNumerics

/// One variable of a Gower dissimilarity.
public struct GowerVariable: Sendable {
    /// How a variable's values are compared, as in R's `cluster::daisy` (`type` argument).
    public enum Kind: String, Sendable, Codable {
        /// A number; contributes |x′ᵢ − x′ⱼ| of the range-scaled values.
        case interval
        /// Ordered levels coded 1...K; scaled by the codes present, then compared like `interval`.
        case ordinal
        /// Unordered levels; contributes 0 when equal, else 1.
        case nominal
        /// 0/1 where both values carry information; contributes 0 when equal, else 1.
        case symmetricBinary
        /// 0/1 where only 1 is informative (presence): a 0–0 pair is left out of that pair's average.
        case asymmetricBinary
    }

    public var name: String
    public var kind: Kind
    /// One value per observation; NaN means missing. interval: the number; ordinal: the level's code
    /// in the declared order (1...K); nominal: any code identifying the level; binary: 0 or 1.
    public var values: [Double]
    /// The variable's weight wₖ in the weighted average (daisy's `weights`); finite and positive.
    public var weight: Double

    public init(name: String, kind: Kind, values: [Double], weight: Double = 1) {
        self.name = name
        self.kind = kind
        self.values = values
        self.weight = weight
    }
}

/// Gower's dissimilarity between observations described by mixed variables, with the semantics of
/// R's `cluster::daisy(x, metric = "gower")`:
///
/// d(i, j) = Σₖ wₖ δᵢⱼₖ dᵢⱼₖ / Σₖ wₖ δᵢⱼₖ, summed in variable order,
///
/// where δᵢⱼₖ = 0 when either value is missing (or for an asymmetric binary 0–0 pair), and dᵢⱼₖ is
/// the absolute difference of the range-scaled values (interval, ordinal) or the mismatch 0/1
/// (nominal, binary). Every value lies in [0, 1], which is why it suits hierarchical clustering of
/// mixed survey data where no Euclidean embedding exists.
public struct GowerDissimilarity: Sendable {
    /// n, the number of observations.
    public let observationCount: Int
    /// p, the number of variables.
    let variableCount: Int
    /// n × p, row-major: interval and ordinal values already scaled to [0, 1]; nominal and binary
    /// values as given (only compared for equality). NaN = missing.
    let prepared: [Double]
    /// One of `GowerKernel.numeric`, `.categorical`, `.asymmetric` per variable, in variable order.
    let kindCodes: [UInt8]
    let weights: [Double]

    /// Checks and prepares the variables; the pair loops then assume valid data.
    public init(_ variables: [GowerVariable]) throws(HierarchicalError) {
        guard let firstVariable = variables.first else {
            throw HierarchicalError("a Gower dissimilarity needs at least one variable")
        }
        let n = firstVariable.values.count
        guard n >= 1 else {
            throw HierarchicalError("a Gower dissimilarity needs at least one observation; "
                                    + "variable 1 ('\(firstVariable.name)') has no values")
        }
        let p = variables.count
        var missingPerRow = [Int](repeating: 0, count: n)
        for (k, variable) in variables.enumerated() {
            let label = "variable \(k + 1) ('\(variable.name)')"
            guard variable.values.count == n else {
                throw HierarchicalError("\(label) has \(variable.values.count) values, but variable 1 "
                                        + "('\(firstVariable.name)') has \(n); every variable needs one value "
                                        + "per observation")
            }
            guard variable.weight.isFinite, variable.weight > 0 else {
                throw HierarchicalError("\(label) has weight \(variable.weight); weights must be finite and positive")
            }
            let binary = variable.kind == .symmetricBinary || variable.kind == .asymmetricBinary
            for (i, value) in variable.values.enumerated() {
                if value.isNaN {
                    missingPerRow[i] += 1
                } else if value.isInfinite {
                    throw HierarchicalError("\(label) has the value \(value) at row \(i + 1); values must be "
                                            + "finite, or NaN for missing")
                } else if binary && value != 0 && value != 1 {
                    throw HierarchicalError("\(label) is binary but has the value \(value) at row \(i + 1); "
                                            + "binary values must be 0 or 1 (or NaN for missing)")
                }
            }
        }
        if let row = missingPerRow.firstIndex(of: p) {
            throw HierarchicalError("row \(row + 1) has every variable missing, so its Gower dissimilarity to "
                                    + "any other row is undefined; drop or impute it")
        }

        var prepared = [Double](repeating: .nan, count: n * p)
        var kindCodes = [UInt8](repeating: 0, count: p)
        for (k, variable) in variables.enumerated() {
            switch variable.kind {
            case .interval, .ordinal:
                kindCodes[k] = GowerKernel.numeric
                var low = Double.infinity, high = -Double.infinity
                for value in variable.values where !value.isNaN {
                    low = min(low, value)
                    high = max(high, value)
                }
                // A column with no value at all contributes to no pair; leave it NaN.
                guard low <= high else { continue }
                var range = high - low
                guard range.isFinite else {
                    throw HierarchicalError("variable \(k + 1) ('\(variable.name)') spans \(low) to \(high), a "
                                            + "range too large for a double; rescale it")
                }
                if range == 0 { range = 1 }
                // Subtract, then divide (daisy's `scale`), then difference the scaled values: the
                // other order, |xᵢ − xⱼ| / range, differs from R in the last bits.
                for i in 0..<n where !variable.values[i].isNaN {
                    prepared[i * p + k] = (variable.values[i] - low) / range
                }
            case .nominal, .symmetricBinary, .asymmetricBinary:
                kindCodes[k] = variable.kind == .asymmetricBinary ? GowerKernel.asymmetric : GowerKernel.categorical
                // Kept unscaled: daisy scales these too, but only equality matters, and scaling could
                // merge distinct codes of very different magnitudes.
                for i in 0..<n { prepared[i * p + k] = variable.values[i] }
            }
        }
        observationCount = n
        variableCount = p
        self.prepared = prepared
        self.kindCodes = kindCodes
        weights = variables.map(\.weight)
    }

    /// d(i, j); NaN when the two observations share no non-missing variable (daisy's NA) — callers check.
    public func distance(_ i: Int, _ j: Int) -> Double {
        precondition(i >= 0 && i < observationCount && j >= 0 && j < observationCount,
                     "observation index out of range")
        return withKernel { $0.distance(i, j) }
    }

    /// All pairs in condensed order, computed in parallel; throws naming the first pair (in condensed
    /// order) that shares no variable.
    public func condensed() throws(HierarchicalError) -> CondensedDistanceMatrix {
        let n = observationCount
        let valueCount = n * (n - 1) / 2
        let bounds = Self.rowChunkBounds(n: n)
        var firstUndefined: Int?
        let values = [Double](unsafeUninitializedCapacity: valueCount) { buffer, initialized in
            if valueCount > 0, let base = buffer.baseAddress {
                let firsts: [Int?] = withKernel { kernel in
                    ParallelFor.mapChunks(bounds.count - 1) { chunk in
                        var first: Int?
                        for i in bounds[chunk]..<bounds[chunk + 1] {
                            let start = CondensedDistanceMatrix.index(i, i + 1, n: n)
                            kernel.distances(from: i, to: (i + 1)..<n, into: base + start)
                            if first == nil {
                                for t in 0..<(n - 1 - i) where base[start + t].isNaN {
                                    first = start + t
                                    break
                                }
                            }
                        }
                        return first
                    }
                }
                // Chunks are in condensed order, so the first chunk with an undefined pair holds the first one.
                firstUndefined = firsts.lazy.compactMap { $0 }.first
            }
            initialized = valueCount
        }
        if let index = firstUndefined {
            let (i, j) = CondensedDistanceMatrix.pair(at: index, n: n)
            throw HierarchicalError("observations \(i + 1) and \(j + 1) share no non-missing variable (an "
                                    + "asymmetric binary 0–0 pair does not count), so their Gower dissimilarity "
                                    + "is undefined; drop or impute one of them")
        }
        return CondensedDistanceMatrix(unchecked: n, values: values)
    }

    /// d(i, j) for every j in `range`, written to `out[0..<range.count]`. For the condensed matrix and
    /// for single linkage, which asks for one row against many at a time.
    func distances(from i: Int, to range: Range<Int>, into out: UnsafeMutablePointer<Double>) {
        withKernel { $0.distances(from: i, to: range, into: out) }
    }

    /// Runs `body` with raw views of the prepared data, valid only during the call.
    @inline(__always)
    func withKernel<R>(_ body: (GowerKernel) -> R) -> R {
        prepared.withUnsafeBufferPointer { x in
            kindCodes.withUnsafeBufferPointer { kinds in
                weights.withUnsafeBufferPointer { w in
                    body(GowerKernel(x: x.baseAddress!, kinds: kinds.baseAddress!, weights: w.baseAddress!,
                                     p: variableCount))
                }
            }
        }
    }

    /// Row boundaries (first rows of each chunk, then n − 1) splitting the n(n − 1)/2 pairs into
    /// chunks of roughly equal pair counts; they depend on n only, never on the thread count.
    static func rowChunkBounds(n: Int) -> [Int] {
        let pairsPerChunk = 1 << 14
        var bounds = [0]
        var pairs = 0
        for i in 0..<max(0, n - 1) {
            pairs += n - 1 - i
            if pairs >= pairsPerChunk {
                bounds.append(i + 1)
                pairs = 0
            }
        }
        if bounds.last! < n - 1 { bounds.append(n - 1) }
        return bounds
    }
}

/// Raw views of a ``GowerDissimilarity``'s prepared data, so the pair loop runs without ARC,
/// bounds checks or allocation. Valid only inside ``GowerDissimilarity/withKernel(_:)``.
struct GowerKernel {
    static let numeric: UInt8 = 0
    static let categorical: UInt8 = 1
    static let asymmetric: UInt8 = 2

    let x: UnsafePointer<Double>
    let kinds: UnsafePointer<UInt8>
    let weights: UnsafePointer<Double>
    let p: Int

    /// d(i, j), or NaN when the two rows share no variable; 0 on the diagonal.
    @inline(__always)
    func distance(_ i: Int, _ j: Int) -> Double {
        if i == j { return 0 }
        let a = x + i * p, b = x + j * p
        var numerator = 0.0, denominator = 0.0
        for k in 0..<p {
            let u = a[k], v = b[k]
            if u.isNaN || v.isNaN { continue }
            let w = weights[k]
            switch kinds[k] {
            case GowerKernel.numeric:
                numerator += w * abs(u - v)
            case GowerKernel.categorical:
                if u != v { numerator += w }
            default:
                if u == 0 && v == 0 { continue }
                if u != v { numerator += w }
            }
            denominator += w
        }
        return denominator > 0 ? numerator / denominator : .nan
    }

    @inline(__always)
    func distances(from i: Int, to range: Range<Int>, into out: UnsafeMutablePointer<Double>) {
        var target = out
        for j in range {
            target.pointee = distance(i, j)
            target += 1
        }
    }
}
