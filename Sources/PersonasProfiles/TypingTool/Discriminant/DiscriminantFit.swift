import Foundation
import PersonasNumerics

/// How the questions of a ``TreeDataset`` become the columns of the discriminant's design matrix,
/// learned from the training rows: a numeric question is one column (a missing answer imputed with
/// the training mean); a question with levels is one 0/1 column per level that training rows have,
/// except the first of them (the reference), and a missing or unseen answer is imputed with the
/// levels' training shares.
struct DiscriminantDesign {
    enum Block {
        /// The column, and the mean of the observed training values.
        case numeric(column: Int, mean: Double)
        /// Per level its column (-1: the reference level or a level without training rows), whether
        /// training rows had it, the reference level, and the levels' training shares.
        case levels(columns: [Int], present: [Bool], reference: Int?, shares: [Double])
    }

    var blocks: [Block]
    var width: Int

    init(_ data: TreeDataset) throws(TypingToolError) {
        var blocks: [Block] = []
        var width = 0
        for (f, column) in data.columns.enumerated() {
            switch column {
            case .numbers(let v):
                var sum = 0.0, count = 0
                for (r, x) in v.enumerated() where !x.isNaN {
                    guard x.isFinite else {
                        throw .invalidParameter("column '\(data.features[f].name)' has the value \(x) at row \(r + 1); a question's answers must be finite")
                    }
                    sum += x
                    count += 1
                }
                blocks.append(.numeric(column: width, mean: count > 0 ? sum / Double(count) : 0))
                width += 1
            case .codes(let c):
                let levelCount = data.features[f].levels?.count ?? 0
                var counts = [Int](repeating: 0, count: levelCount)
                for code in c where code >= 0 && Int(code) < levelCount { counts[Int(code)] += 1 }
                let observed = counts.reduce(0, +)
                let reference = counts.firstIndex { $0 > 0 }
                var columns = [Int](repeating: -1, count: levelCount)
                for l in 0..<levelCount where counts[l] > 0 && l != reference {
                    columns[l] = width
                    width += 1
                }
                blocks.append(.levels(columns: columns, present: counts.map { $0 > 0 },
                                      reference: reference,
                                      shares: counts.map { observed > 0 ? Double($0) / Double(observed) : 0 }))
            }
        }
        self.blocks = blocks
        self.width = width
    }

    /// The n × ``width`` design matrix of `data` (row-major), missing answers imputed.
    func matrix(_ data: TreeDataset) -> Matrix<Double> {
        let n = data.rowCount, p = width
        var x = [Double](repeating: 0, count: n * p)
        x.withUnsafeMutableBufferPointer { x in
            for (f, block) in blocks.enumerated() {
                switch (block, data.columns[f]) {
                case (.numeric(let j, let mean), .numbers(let v)):
                    for r in 0..<n { x[r * p + j] = v[r].isNaN ? mean : v[r] }
                case (.levels(let columns, let present, _, let shares), .codes(let c)):
                    for r in 0..<n {
                        let code = Int(c[r])
                        if code >= 0 && code < columns.count && present[code] {
                            if columns[code] >= 0 { x[r * p + columns[code]] = 1 }
                        } else {
                            for (l, j) in columns.enumerated() where j >= 0 { x[r * p + j] = shares[l] }
                        }
                    }
                default:
                    preconditionFailure("the design was learned from a dataset with other column kinds")
                }
            }
        }
        return Matrix(rows: n, columns: p, elements: x)
    }
}

extension DiscriminantTypingTool {
    /// Fits linear discriminant analysis on every question of `data`, as scikit-learn's
    /// `LinearDiscriminantAnalysis(solver="lsqr")` does on the design matrix (a numeric question as
    /// one column, a question with levels as one 0/1 column per level but the reference, a missing
    /// answer imputed with the training average), and writes the result as points per answer.
    ///
    /// Priors are the class shares; the pooled covariance is Σ_k π_k S_k with S_k the biased
    /// covariance of class k's rows (BLAS SYRK); the coefficients solve Σ·B = Mᵀ (M the class means)
    /// by LAPACK `dgelsd`, the minimum-norm answer when Σ is singular (a constant column, levels
    /// that always go together), and class k's constant is −½ μ_k·b_k + log π_k. A class without
    /// training rows (possible in a cross-validation fold) can never win: its constant is the most
    /// negative finite number and its points are 0.
    ///
    /// With survey weights (``TreeLabels/weights``) the class means are weighted means, the priors
    /// the classes' shares of the summed weight, and S_k the weighted biased covariance
    /// Σ w (x − μ_k)(x − μ_k)ᵀ ÷ Σ_k w, so the pooled covariance is Σ w (x − μ_k)(x − μ_k)ᵀ ÷ Σ w:
    /// whole-number weights fit as the rows repeated that many times. The imputation of missing
    /// answers stays the respondents' average.
    public static func fit(_ data: TreeDataset, labels: TreeLabels) throws(TypingToolError) -> DiscriminantTypingTool {
        guard labels.count == data.rowCount else { throw .labelMismatch("\(labels.count) labels for \(data.rowCount) rows") }
        guard data.rowCount > 0 else { throw .invalidParameter("linear discriminant analysis needs at least one row") }
        let classCount = labels.classLabels.count
        guard classCount >= 1 else { throw .invalidParameter("there are no segments to type") }
        let design = try DiscriminantDesign(data)
        let x = design.matrix(data)
        let p = design.width
        let members = StratifiedSplit.byClass(labels)
        // Weights all 1 are no weights: the fit is then the unweighted one to the bit.
        let weights = labels.weights.flatMap { w in w.allSatisfy { $0 == 1 } ? nil : w }
        // Each class's weight: its row count, or its summed survey weight.
        let classWeight = members.map { rows in weights.map { w in rows.reduce(0) { $0 + w[$1] } } ?? Double(rows.count) }
        let n = weights == nil ? Double(data.rowCount) : classWeight.reduce(0, +)
        var pooled = Matrix<Double>(rows: p, columns: p)
        var means = [[Double]](repeating: [Double](repeating: 0, count: p), count: classCount)
        for k in 0..<classCount where !members[k].isEmpty {
            let (mean, covariance) = weights.map { w in
                x.rows(at: members[k]).weightedMeanAndCovariance(members[k].map { w[$0] })
            } ?? x.rows(at: members[k]).meanAndCovariance(ddof: 0)
            means[k] = mean
            let prior = classWeight[k] / n
            pooled.withUnsafeMutableBufferPointer { s in
                covariance.withUnsafeBufferPointer { c in
                    for i in 0..<(p * p) { s[i] += prior * c[i] }
                }
            }
        }
        let present = (0..<classCount).filter { !members[$0].isEmpty }
        let rightHand = Matrix<Double>(rows: p, columns: present.count, elements: (0..<p).flatMap { j in present.map { means[$0][j] } })
        let solution: Matrix<Double>
        do { solution = try pooled.leastSquares(rightHand) } catch {
            throw .invalidParameter("linear discriminant analysis failed: \(error)")
        }
        // coefficients[k][j]: class k's weight on design column j.
        var coefficients = [[Double]](repeating: [Double](repeating: 0, count: p), count: classCount)
        var constant = [Double](repeating: -Double.greatestFiniteMagnitude, count: classCount)
        for (i, k) in present.enumerated() {
            for j in 0..<p { coefficients[k][j] = solution[j, i] }
            var dot = 0.0
            for j in 0..<p { dot += means[k][j] * coefficients[k][j] }
            constant[k] = -0.5 * dot + log(classWeight[k] / n)
        }
        let terms = design.blocks.map { block -> DiscriminantTerm in
            switch block {
            case .numeric(let j, let mean):
                let perUnit = coefficients.map { $0[j] }
                return DiscriminantTerm(pointsPerUnit: perUnit, missingPoints: perUnit.map { mean * $0 }, trainingMean: mean)
            case .levels(let columns, let present, let reference, let shares):
                let points: [[Double]?] = columns.indices.map { l in
                    guard present[l] else { return nil }
                    return columns[l] < 0 ? [Double](repeating: 0, count: classCount) : coefficients.map { $0[columns[l]] }
                }
                let missing = (0..<classCount).map { k in
                    var total = 0.0
                    for l in columns.indices where columns[l] >= 0 { total += shares[l] * coefficients[k][columns[l]] }
                    return total
                }
                return DiscriminantTerm(levelPoints: points, missingPoints: missing, referenceLevel: reference)
            }
        }
        return DiscriminantTypingTool(features: data.features, classLabels: labels.classLabels, constant: constant, terms: terms)
    }
}

extension Matrix<Double> {
    /// The weighted column means Σwx ÷ Σw and the weighted biased covariance
    /// Σ w (x − mean)(x − mean)ᵀ ÷ Σw of the rows, `weights` one per row (above 0).
    func weightedMeanAndCovariance(_ weights: [Double]) -> (means: [Double], covariance: Matrix<Double>) {
        let n = rows, p = columns
        let total = weights.reduce(0, +)
        var mean = [Double](repeating: 0, count: p)
        for r in 0..<n { for j in 0..<p { mean[j] += weights[r] * self[r, j] } }
        for j in 0..<p { mean[j] /= total }
        var covariance = Matrix<Double>(rows: p, columns: p)
        for r in 0..<n {
            for i in 0..<p {
                let di = weights[r] * (self[r, i] - mean[i]) / total
                for j in 0..<p { covariance[i, j] += di * (self[r, j] - mean[j]) }
            }
        }
        return (mean, covariance)
    }
}
