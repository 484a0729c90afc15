/// Whole-number columns that look like category codes ("MOSTYPE" 1–41, a region numbered 1–9):
/// read as numbers they get means ("MOSTYPE mean 29.6") and distances that mean nothing, so
/// `inspect` says so and asks for the schema to declare them categorical (then each code is a
/// level, named by the schema's label).
///
/// A column looks like a code when its type was inferred (the schema does not declare one),
/// it is read as integer and is a feature or descriptor, and its values are few and spread like
/// labels rather than like a count or a measure: between 3 and ``maximumDistinct`` distinct whole
/// numbers, all from 0 to ``maximumCode``, filling at least ``minimumFill`` of the range between
/// the smallest and the largest, not piled up at one end (|skewness| at most
/// ``maximumSkewness``: a count of visits crowds near 0, codes do not), and lumpy: the counts of
/// neighbouring values differ by at least ``minimumRoughness`` of all rows in total (Σ |n(v+1) −
/// n(v)| ÷ rows), where a measure such as years in practice rises and falls smoothly. Roughness is
/// judged only with ``minimumRowsPerValue`` rows or more per distinct value, so that sampling
/// noise does not pass for it. It is a hint, not a rule: a schema that declares the column's
/// type silences it.
public enum CodeLikeColumns {
    /// More distinct values than this read as a measure.
    public static let maximumDistinct = 50
    /// Codes are small numbers.
    public static let maximumCode = 99.0
    /// Share of the whole numbers between the smallest and the largest value that occur.
    public static let minimumFill = 0.6
    /// Counts pile up near zero (skewness above 1); codes are spread out.
    public static let maximumSkewness = 1.0
    /// Codes' counts jump from one value to the next; a measure's change smoothly.
    public static let minimumRoughness = 0.5
    /// Rows per distinct value needed to tell lumpy from smooth.
    public static let minimumRowsPerValue = 20.0

    /// One warning per code-like column of `table`, in column order. An item of an attitude
    /// battery (``Column/battery``) is a scale answer, not a code, and gets none.
    public static func warnings(_ table: DataTable, schema: Schema?) -> [String] {
        table.columns.compactMap { column in
            schema?.column(named: column.name)?.type != nil || column.battery != nil ? nil : warning(column)
        }
    }

    /// "\"MOSTYPE\" looks like a code: 41 distinct whole numbers from 1 to 41, …", or nil.
    public static func warning(_ column: Column) -> String? {
        guard column.type == .integer, column.role == .feature || column.role == .descriptor,
              case .numbers(let values) = column.values else { return nil }
        var counts = [Double](repeating: 0, count: Int(maximumCode) + 2), count = 0.0, sum = 0.0
        for v in values where v.isFinite {
            guard v >= 0, v <= maximumCode, v == v.rounded() else { return nil }
            counts[Int(v)] += 1
            count += 1
            sum += v
        }
        let held = counts.indices.filter { counts[$0] > 0 }
        guard (3...maximumDistinct).contains(held.count), let low = held.first, let high = held.last,
              Double(held.count) >= minimumFill * Double(high - low + 1),
              count >= minimumRowsPerValue * Double(held.count) else { return nil }
        let roughness = (low..<high).reduce(0.0) { $0 + abs(counts[$1 + 1] - counts[$1]) } / count
        guard roughness >= minimumRoughness else { return nil }
        let mean = sum / count
        var m2 = 0.0, m3 = 0.0
        for v in values where v.isFinite {
            let d = v - mean
            m2 += d * d
            m3 += d * d * d
        }
        m2 /= count
        m3 /= count
        guard m2 > 0, abs(m3 / (m2 * m2.squareRoot())) <= maximumSkewness else { return nil }
        return "\"\(column.name)\" looks like a code: \(held.count) distinct whole numbers from \(low) to "
            + "\(high), spread like labels rather than counted; declare it categorical in the schema if the "
            + "numbers name categories (its mean would mean nothing), or integer to keep it a number"
    }
}
