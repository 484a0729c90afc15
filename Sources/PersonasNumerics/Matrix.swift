/// A dense matrix in row-major order: element (i, j) is `elements[i * columns + j]`.
///
/// Rows are observations (customers) and columns are features throughout Personas, so one row is
/// one contiguous slice: hot loops stream rows, and BLAS sees the buffer without copies.
/// Storage is a Swift array, so copies are cheap until mutated (copy-on-write).
public struct Matrix<Scalar: BLASScalar>: Sendable, Equatable {
    /// Number of rows (n).
    public let rows: Int
    /// Number of columns (d).
    public let columns: Int
    /// The elements, row after row (`rows * columns` of them).
    public var elements: [Scalar] { storage }
    @usableFromInline var storage: [Scalar]

    /// A matrix with every element equal to `value`.
    public init(rows: Int, columns: Int, repeating value: Scalar = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    /// A matrix over existing row-major elements.
    public init(rows: Int, columns: Int, elements: [Scalar]) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        precondition(elements.count == rows * columns,
                     "\(elements.count) elements do not fill a \(rows) × \(columns) matrix")
        self.rows = rows
        self.columns = columns
        self.storage = elements
    }

    /// A matrix from rows of equal length.
    public init(_ rowArrays: [[Scalar]]) {
        let columns = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == columns }, "rows have different lengths")
        self.init(rows: rowArrays.count, columns: columns, elements: rowArrays.flatMap { $0 })
    }

    /// A matrix whose elements are written once by `initializer` into uninitialised storage.
    ///
    /// The closure must initialise all `rows * columns` elements; it avoids the zero-fill of
    /// ``init(rows:columns:repeating:)`` for large outputs that a kernel overwrites entirely.
    public init(
        rows: Int, columns: Int,
        unsafeUninitializedElements initializer: (inout UnsafeMutableBufferPointer<Scalar>) throws -> Void
    ) rethrows {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = try Array(unsafeUninitializedCapacity: rows * columns) { buffer, count in
            try initializer(&buffer)
            count = rows * columns
        }
    }

    /// The n × n identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    /// The element at row `row`, column `column`.
    @inlinable
    public subscript(row: Int, column: Int) -> Scalar {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "index out of range")
            return storage[row * columns + column]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "index out of range")
            storage[row * columns + column] = newValue
        }
    }

    /// One row, as a contiguous slice of the storage.
    @inlinable
    public func row(_ index: Int) -> ArraySlice<Scalar> {
        precondition(index >= 0 && index < rows, "row \(index) out of range 0..<\(rows)")
        return storage[(index * columns)..<((index + 1) * columns)]
    }

    /// One column, copied out.
    public func column(_ index: Int) -> [Scalar] {
        precondition(index >= 0 && index < columns, "column \(index) out of range 0..<\(columns)")
        return (0..<rows).map { elements[$0 * columns + index] }
    }

    /// The matrix with rows and columns exchanged.
    public var transposed: Matrix {
        Matrix(rows: columns, columns: rows) { out in
            elements.withUnsafeBufferPointer { src in
                // Blocked so both sides stay in cache for wide matrices.
                let block = 32
                for i0 in stride(from: 0, to: rows, by: block) {
                    for j0 in stride(from: 0, to: columns, by: block) {
                        for i in i0..<min(i0 + block, rows) {
                            for j in j0..<min(j0 + block, columns) {
                                (out.baseAddress! + j * rows + i).initialize(to: src[i * columns + j])
                            }
                        }
                    }
                }
            }
        }
    }

    /// The rows at `indices`, in that order.
    public func rows(at indices: some Sequence<Int>) -> Matrix {
        var result: [Scalar] = []
        var count = 0
        for i in indices {
            result.append(contentsOf: row(i))
            count += 1
        }
        return Matrix(rows: count, columns: columns, elements: result)
    }

    /// The same values in another precision.
    @_specialize(where Scalar == Float, Other == Double)
    @_specialize(where Scalar == Double, Other == Float)
    public init<Other: BLASScalar>(converting other: Matrix<Other>) {
        self.init(rows: other.rows, columns: other.columns, elements: other.elements.map { Scalar($0) })
    }

    /// Read access to the row-major storage.
    @inlinable
    public func withUnsafeBufferPointer<R, E: Error>(
        _ body: (UnsafeBufferPointer<Scalar>) throws(E) -> R
    ) throws(E) -> R {
        // `Array.withUnsafeBufferPointer` is `rethrows`; route the typed error through a Result.
        let result: Result<R, E> = storage.withUnsafeBufferPointer { buffer in
            do throws(E) { return .success(try body(buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Write access to the row-major storage.
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R, E: Error>(
        _ body: (inout UnsafeMutableBufferPointer<Scalar>) throws(E) -> R
    ) throws(E) -> R {
        let result: Result<R, E> = storage.withUnsafeMutableBufferPointer { buffer in
            do throws(E) { return .success(try body(&buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }
}

extension Matrix: CustomStringConvertible {
    public var description: String {
        let shown = min(rows, 6)
        var lines = ["Matrix<\(Scalar.self)> \(rows) × \(columns)"]
        for i in 0..<shown {
            let values = row(i).prefix(8).map { "\($0)" }.joined(separator: ", ")
            lines.append("  [" + values + (columns > 8 ? ", …" : "") + "]")
        }
        if rows > shown { lines.append("  …") }
        return lines.joined(separator: "\n")
    }
}

extension Matrix: Codable {
    private enum CodingKeys: String, CodingKey { case rows, columns, elements }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let rows = try container.decode(Int.self, forKey: .rows)
        let columns = try container.decode(Int.self, forKey: .columns)
        let elements = try container.decode([Scalar].self, forKey: .elements)
        // Dimensions come from a file: multiply without trapping on overflow.
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard rows >= 0, columns >= 0, !overflow, elements.count == count else {
            throw DecodingError.dataCorruptedError(
                forKey: .elements, in: container,
                debugDescription: "\(elements.count) elements do not fill a \(rows) × \(columns) matrix")
        }
        self.init(rows: rows, columns: columns, elements: elements)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rows, forKey: .rows)
        try container.encode(columns, forKey: .columns)
        try container.encode(elements, forKey: .elements)
    }
}
