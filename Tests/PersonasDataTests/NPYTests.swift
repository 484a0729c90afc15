import Foundation
@testable import PersonasData
import PersonasNumerics
import PersonasTestSupport
import Testing

/// One numpy-written file and what NumPy says it holds (Tests/Fixtures/npy/make_npy_fixtures.py).
private struct ExpectedCase: Decodable {
    let file: String
    let version: String
    let descr: String
    let fortran_order: Bool
    let shape: [Int]
    let data_offset: Int
    let rows: Int
    let columns: Int
    /// Row-major values as Python reprs ("nan", "inf" and "-0.0" included).
    let values: [String]
}

private struct ExpectedFile: Decodable {
    let cases: [ExpectedCase]
}

private let expected: ExpectedFile = try! Fixtures.json("npy/expected.json")

private func fixture(_ name: String) -> URL { Fixtures.url("npy/" + name) }

/// The error reading `url` as `Double`s, or nil when it reads.
private func readError(_ url: URL) -> NPYError? {
    do {
        _ = try NPY.readMatrix(from: url, as: Double.self)
        return nil
    } catch {
        return error
    }
}

/// A version 1.0 file around an arbitrary header text, padded the way NumPy pads, then `data`.
private func handmade(_ header: String, data: [UInt8] = [], in folder: TemporaryDirectory,
                      name: String = "case.npy") throws -> URL {
    let body = Array(header.utf8)
    let length = body.count + 1
    let padding = 64 - (10 + length) % 64
    var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
    bytes += [UInt8((length + padding) & 0xFF), UInt8((length + padding) >> 8)]
    bytes += body + Array(repeating: 0x20, count: padding) + [0x0A] + data
    let url = folder.file(name)
    try Data(bytes).write(to: url)
    return url
}

/// Bit patterns, so NaN payloads and the sign of zero count.
private func bits(_ values: [Double]) -> [UInt64] { values.map { $0.bitPattern } }
private func bits(_ values: [Float]) -> [UInt32] { values.map { $0.bitPattern } }

@Suite("NPY: files written by NumPy")
struct NPYNumPyFixtureTests {
    static let names = [
        "f8_3x4.npy", "f4_3x4.npy", "be_f8_3x4.npy", "fortran_f8_3x4.npy", "v2_f8_3x4.npy", "v3_f8_3x4.npy",
        "i4_3x4.npy", "be_i2_3x4.npy", "u1_3x4.npy", "be_u8_3x4.npy", "bool_3x4.npy", "f8_1d.npy",
        "empty_0x3.npy", "nonfinite_f8.npy",
    ]

    @Test("every case in expected.json is tested")
    func coverage() {
        #expect(Set(expected.cases.map { $0.file }) == Set(Self.names))
    }

    @Test("the header matches what NumPy reports", arguments: names)
    func header(_ name: String) throws {
        let want = try #require(expected.cases.first { $0.file == name })
        let header = try NPY.header(of: fixture(name))
        #expect(header.version.description == want.version)
        #expect(header.descr == want.descr)
        #expect(header.fortranOrder == want.fortran_order)
        #expect(header.shape == want.shape)
        #expect(header.dataOffset == want.data_offset)
    }

    @Test("values read as Double are the ones NumPy wrote", arguments: names)
    func doubles(_ name: String) throws {
        let want = try #require(expected.cases.first { $0.file == name })
        let values = want.values.compactMap { Double($0) }
        try #require(values.count == want.values.count)
        let matrix = try NPY.readMatrix(from: fixture(name), as: Double.self)
        #expect(matrix.rows == want.rows)
        #expect(matrix.columns == want.columns)
        #expect(bits(matrix.elements) == bits(values))
    }

    @Test("values read as Float are NumPy's values rounded to float32", arguments: names)
    func floats(_ name: String) throws {
        let want = try #require(expected.cases.first { $0.file == name })
        let values = want.values.compactMap { Double($0) }.map { Float($0) }
        let matrix = try NPY.readMatrix(from: fixture(name), as: Float.self)
        #expect(matrix.rows == want.rows)
        #expect(matrix.columns == want.columns)
        #expect(bits(matrix.elements) == bits(values))
    }

    @Test("non-finite values pass through for the caller to judge")
    func nonFinite() throws {
        let values = try NPY.readMatrix(from: fixture("nonfinite_f8.npy"), as: Double.self).elements
        #expect(values[0].isNaN)
        #expect(values[1] == .infinity)
        #expect(values[2] == -.infinity)
        #expect(values[3] == 0 && values[3].sign == .minus)
    }
}

@Suite("NPY: writing")
struct NPYWriteTests {
    @Test("Double matrices round trip bit for bit", arguments: [(1, 1), (3, 4), (7, 1), (1, 13), (0, 5), (5, 0), (37, 129)])
    func roundTripDouble(_ shape: (Int, Int)) throws {
        let folder = try TemporaryDirectory()
        var matrix: Matrix<Double> = randomMatrix(shape.0, shape.1, seed: 7)
        if matrix.rows > 0 && matrix.columns > 0 {
            matrix[0, 0] = Double(bitPattern: 0x7FF8_0000_0000_1234)  // a NaN with a payload
            matrix[matrix.rows - 1, matrix.columns - 1] = -0.0
        }
        let url = folder.file("m.npy")
        try NPY.write(matrix, to: url)
        let back = try NPY.readMatrix(from: url, as: Double.self)
        #expect(back.rows == matrix.rows && back.columns == matrix.columns)
        #expect(bits(back.elements) == bits(matrix.elements))

        let header = try NPY.header(of: url)
        #expect(header.descr == "<f8")
        #expect(header.shape == [shape.0, shape.1])
        #expect(header.version == NPYHeader.Version(major: 1, minor: 0))
        #expect(!header.fortranOrder)
        #expect(header.dataOffset % 64 == 0)
    }

    @Test("Float matrices round trip bit for bit", arguments: [(1, 1), (2, 3), (0, 4), (64, 17)])
    func roundTripFloat(_ shape: (Int, Int)) throws {
        let folder = try TemporaryDirectory()
        var matrix: Matrix<Float> = randomMatrix(shape.0, shape.1, seed: 11, as: Float.self)
        if matrix.rows > 0 && matrix.columns > 0 { matrix[0, 0] = Float(bitPattern: 0x7FC0_0042) }
        let url = folder.file("m.npy")
        try NPY.write(matrix, to: url)
        let back = try NPY.readMatrix(from: url, as: Float.self)
        #expect(back.rows == matrix.rows && back.columns == matrix.columns)
        #expect(bits(back.elements) == bits(matrix.elements))
        #expect(try NPY.header(of: url).descr == "<f4")
    }

    @Test("the bytes are exactly those numpy.save writes")
    func sameBytesAsNumPy() throws {
        let folder = try TemporaryDirectory()
        let values: [Double] = (0..<12).map { (k: Int) -> Double in Double(k / 4 * 10 + k % 4) + 0.5 }
        let formula = Matrix<Double>(rows: 3, columns: 4, elements: values)
        let cases: [(String, (URL) throws -> Void)] = [
            ("f8_3x4.npy", { try NPY.write(formula, to: $0) }),
            ("f4_3x4.npy", { try NPY.write(Matrix<Float>(converting: formula), to: $0) }),
            ("empty_0x3.npy", { try NPY.write(Matrix<Double>(rows: 0, columns: 3), to: $0) }),
        ]
        for (name, write) in cases {
            let url = folder.file(name)
            try write(url)
            #expect(try Data(contentsOf: url) == Fixtures.data("npy/" + name), "\(name)")
        }
    }

    @Test("headers are padded to 64 bytes and end with a newline; version 2.0 only when needed")
    func headerLayout() throws {
        for shape in [[0, 0], [3, 4], [1_000_000, 32], [Int(Int32.max), 1], [123_456_789_012_345, 7]] {
            let bytes = NPY.encodeHeader(descr: "<f8", shape: shape)
            #expect(bytes.count % 64 == 0, "\(shape)")
            #expect(bytes.last == 0x0A)
            #expect(bytes[6] == 1 && bytes[7] == 0)
            #expect(Int(bytes[8]) | Int(bytes[9]) << 8 == bytes.count - 10)
        }
        // Only an absurd descr overflows 16 bits, but the switch to 2.0 must still be right.
        let long = NPY.encodeHeader(descr: String(repeating: "x", count: 70_000), shape: [1, 1])
        #expect(long[6] == 2 && long[7] == 0)
        #expect(long.count % 64 == 0)
        #expect(long[8...11].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) } == long.count - 12)
    }

    @Test("the file appears only when complete, and an input is never overwritten")
    func atomic() throws {
        let folder = try TemporaryDirectory()
        let url = folder.file("input.npy")
        try NPY.write(Matrix<Double>(rows: 2, columns: 2, repeating: 1), to: url)
        #expect(throws: OutputError.self) {
            try NPY.write(Matrix<Double>(rows: 2, columns: 2), to: url, protectedInputs: [url])
        }
        #expect(try NPY.readMatrix(from: url, as: Double.self).elements == [1, 1, 1, 1])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
        #expect(leftovers == ["input.npy"])
    }
}

@Suite("NPY: malformed files")
struct NPYMalformedTests {
    @Test("a file without the magic string is refused")
    func badMagic() throws {
        let error = try #require(readError(fixture("bad_magic.npy")))
        #expect(error.message.contains("not a NumPy .npy file"))
        #expect(error.message.contains("\\x93NUMPY"))
    }

    @Test("truncated data report the expected and the found byte counts")
    func truncated() throws {
        let error = try #require(readError(fixture("truncated.npy")))
        #expect(error.message.contains("truncated data"))
        #expect(error.message.contains("needs 96 data bytes"))
        #expect(error.message.contains("found 88"))
    }

    @Test("an unsupported dtype is named, with the file")
    func complex() throws {
        let url = fixture("c16.npy")
        let error = try #require(readError(url))
        #expect(error.description == "\(url.relativePath): unsupported dtype '<c16' (expected float32, float64, integer or bool)")
        #expect(error.path == url.relativePath)
    }

    @Test("object and structured dtypes are refused by name")
    func objectAndStructured() throws {
        let object = try #require(readError(fixture("object.npy")))
        #expect(object.message.contains("unsupported dtype '|O'"))
        #expect(object.message.contains("Python objects"))
        let structured = try #require(readError(fixture("structured.npy")))
        #expect(structured.message.contains("unsupported structured dtype [('x', '<f8'), ('y', '<i4')]"))
        // The header itself is well formed and can be inspected.
        #expect(try NPY.header(of: fixture("structured.npy")).shape == [2])
    }

    @Test("a 3-D array is not a matrix")
    func threeDimensional() throws {
        let error = try #require(readError(fixture("3d.npy")))
        #expect(error.message.contains("3-dimensional array of shape (2, 3, 4) is not a matrix"))
    }

    @Test("text after the header dict is refused")
    func garbageHeader() throws {
        let error = try #require(readError(fixture("garbage_header.npy")))
        #expect(error.message.contains("malformed header"))
        #expect(error.message.contains("unexpected text after the closing '}'"))
        #expect(error.message.contains("import os"))
    }

    @Test("an unknown format version is refused")
    func badVersion() throws {
        let error = try #require(readError(fixture("bad_version.npy")))
        #expect(error.message.contains("unsupported .npy format version 4.0"))
    }

    @Test("a missing file, a folder, an empty file and a cut header are reported")
    func unreadable() throws {
        let folder = try TemporaryDirectory()
        #expect(try #require(readError(folder.file("nope.npy"))).message.contains("cannot read the file"))
        #expect(try #require(readError(folder.url)).message.contains("it is a directory"))
        let empty = folder.file("empty.npy")
        try Data().write(to: empty)
        #expect(try #require(readError(empty)).message.contains("not a NumPy .npy file"))
        let cut = folder.file("cut.npy")
        try Fixtures.data("npy/f8_3x4.npy").prefix(40).write(to: cut)
        #expect(try #require(readError(cut)).message.contains("truncated header"))
    }

    @Test("extra bytes after the data are refused")
    func trailingBytes() throws {
        let folder = try TemporaryDirectory()
        let url = try handmade("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1), }",
                               data: Array(repeating: 0, count: 9), in: folder)
        let error = try #require(readError(url))
        #expect(error.message.contains("needs 8 data bytes"))
        #expect(error.message.contains("found 9"))
        #expect(error.message.contains("extra bytes"))
    }

    @Test("sizes that overflow are refused, not allocated")
    func overflow() throws {
        let folder = try TemporaryDirectory()
        let huge = try handmade("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4), }",
                                in: folder)
        #expect(try #require(readError(huge)).message.contains("too large"))
        let enormous = try handmade("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999, 1), }",
                                    in: folder, name: "enormous.npy")
        #expect(try #require(readError(enormous)).message.contains("integer too large"))
        let big = try handmade("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000, 32), }", in: folder,
                               name: "big.npy")
        #expect(try #require(readError(big)).message.contains("needs 256000000 data bytes"))
    }

    // Issue 17, item 7. Fails on main: `NPY.matrixSize(of:)` did not exist (the commands multiplied
    // the header's shape themselves and trapped), and the row reader trapped multiplying the
    // columns by the element size.
    @Test("a shape whose byte count overflows is refused by every reader, naming the file",
          arguments: ["(4611686018427387904, 4)", "(1, 4611686018427387904)", "(4294967296, 4294967296)"])
    func overflowingShape(shape: String) throws {
        let folder = try TemporaryDirectory()
        let url = try handmade("{'descr': '<f8', 'fortran_order': False, 'shape': \(shape), }",
                               data: Array(repeating: 0, count: 64), in: folder, name: "huge.npy")
        let expected = NPYError(path: url.relativePath, kind: .damaged, message: "shape \(shape) of '<f8' is too large: its size in "
            + "bytes exceeds 9223372036854775807, more than any file can hold; the header is probably damaged")
        #expect(throws: expected) { try NPY.matrixSize(of: url) }
        #expect(throws: expected) { try NPY.readMatrix(from: url, as: Float.self) }
        #expect(throws: expected) { try NPYRowReader(url: url, as: Double.self) }
        // The header itself parses (it is well formed), so `personas inspect`-like tools can show it.
        #expect(try NPY.header(of: url).dataOffset == 128)
    }

    @Test("the size check gives the matrix's rows and columns, and the truncation error reading would give")
    func matrixSize() throws {
        let size = try NPY.matrixSize(of: fixture("f8_3x4.npy"))
        #expect(size.rows == 3 && size.columns == 4)
        #expect(try NPY.matrixSize(of: fixture("f8_1d.npy")).columns == 1)
        let truncated = try #require(readError(fixture("truncated.npy")))
        #expect(throws: truncated) { try NPY.matrixSize(of: fixture("truncated.npy")) }
    }
}

@Suite("NPY: header dict parsing")
struct NPYHeaderParsingTests {
    @Test("whitespace, key order, double quotes, trailing commas and Python 2 longs are accepted", arguments: [
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }",
        "{'descr':'<f8','fortran_order':False,'shape':(2,3)}",
        "{ 'shape' : ( 2 , 3 , ) ,\n \"descr\" : \"<f8\" , 'fortran_order' : False , }",
        "{'fortran_order': False, 'shape': (2L, 3L), 'descr': '<f8'}",
    ])
    func accepted(_ text: String) throws {
        let folder = try TemporaryDirectory()
        let url = try handmade(text, data: Array(repeating: 0, count: 48), in: folder)
        let matrix = try NPY.readMatrix(from: url, as: Double.self)
        #expect(matrix.rows == 2 && matrix.columns == 3)
    }

    @Test("a 1-tuple shape gives one column")
    func oneTuple() throws {
        let folder = try TemporaryDirectory()
        let data = (0..<4).flatMap { withUnsafeBytes(of: Double($0).bitPattern.littleEndian, Array.init) }
        let url = try handmade("{'descr': '<f8', 'fortran_order': True, 'shape': (4,), }", data: data, in: folder)
        let matrix = try NPY.readMatrix(from: url, as: Double.self)
        #expect(matrix.rows == 4 && matrix.columns == 1)
        #expect(matrix.elements == [0, 1, 2, 3])
    }

    @Test("a 0-dimensional array parses but is not a matrix")
    func zeroDimensional() throws {
        let folder = try TemporaryDirectory()
        let url = try handmade("{'descr': '<f8', 'fortran_order': False, 'shape': (), }",
                               data: Array(repeating: 0, count: 8), in: folder)
        #expect(try NPY.header(of: url).shape == [])
        #expect(try #require(readError(url)).message.contains("0-dimensional"))
    }

    @Test("anything else is refused with a reason", arguments: [
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (3), }", "'shape' must be a tuple"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': [3, 4], }", "'shape' must be a tuple"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (3, -4), }", "non-negative integers"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (3.0, 4), }", "expected ','"),
        ("{'descr': '<f8', 'fortran_order': 0, 'shape': (3, 4), }", "'fortran_order' must be True or False"),
        ("{'descr': '<f8', 'fortran_order': false, 'shape': (3, 4), }", "expected a value"),
        ("{'descr': 8, 'fortran_order': False, 'shape': (3, 4), }", "'descr' must be a string or a list"),
        ("{'descr': '<f8', 'shape': (3, 4), }", "missing key 'fortran_order'"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), 'extra': 1}", "unexpected key 'extra'"),
        ("{'descr': '<f8', 'descr': '<f4', 'fortran_order': False, 'shape': (3, 4)}", "duplicate key 'descr'"),
        ("{'descr': '<f8, 'fortran_order': False, 'shape': (3, 4)}", "expected ','"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4)", "found the end of the header"),
        ("{descr: '<f8', 'fortran_order': False, 'shape': (3, 4)}", "expected a quoted key"),
        ("['descr', '<f8']", "expected '{'"),
        ("", "expected '{'"),
    ])
    func refused(_ text: String, _ reason: String) throws {
        let folder = try TemporaryDirectory()
        let url = try handmade(text, data: Array(repeating: 0, count: 96), in: folder)
        let error = try #require(readError(url))
        #expect(error.message.hasPrefix("malformed header: "))
        #expect(error.message.contains(reason), "\(error)")
    }

    @Test("type strings Personas cannot read are named", arguments: ["|f8", "=f4", "<f2", "<c8", "<U3", "<M8[ns]", "f8", "<i3"])
    func unsupportedDescr(_ descr: String) throws {
        let folder = try TemporaryDirectory()
        let url = try handmade("{'descr': '\(descr)', 'fortran_order': False, 'shape': (1, 1), }",
                               data: Array(repeating: 0, count: 8), in: folder)
        let error = try #require(readError(url))
        #expect(error.message == "unsupported dtype '\(descr)' (expected float32, float64, integer or bool)")
    }

    @Test("single-byte types accept any byte-order mark")
    func singleByteOrder() throws {
        #expect(NPYElementType(descr: "|u1")?.kind == .uint8)
        #expect(NPYElementType(descr: "<i1")?.kind == .int8)
        #expect(NPYElementType(descr: "=b1")?.kind == .bool)
        let bigDouble = try #require(NPYElementType(descr: ">f8"))
        #expect(bigDouble.kind == .float64 && bigDouble.bigEndian && bigDouble.size == 8)
        #expect(NPYElementType(descr: "|i2") == nil)
    }
}

@Suite("NPY row streaming")
struct NPYRowReaderTests {
    /// Issue 18, part 5: fails on main before this change (no `NPYRowBatches`: the `kmeans`
    /// command opened a reader per epoch itself).
    @Test("a .npy as RowBatches gives the blocks of the matrix in memory, on every pass")
    func rowBatches() throws {
        let directory = try TemporaryDirectory(), x = randomMatrix(1_000, 5, seed: 6, as: Double.self)
        try NPY.write(x, to: directory.file("x.npy"))
        let file = try NPYRowBatches(url: directory.file("x.npy"), as: Double.self)
        #expect(file.rows == 1_000 && file.columns == 5)
        for _ in 0..<2 {
            var fromFile: [Matrix<Double>] = [], fromMemory: [Matrix<Double>] = []
            try file.forEachBatch(maxRows: 300) { fromFile.append($0) }
            try x.forEachBatch(maxRows: 300) { fromMemory.append($0) }
            #expect(fromFile.map(\.rows) == [300, 300, 300, 100])
            #expect(fromFile == fromMemory)
        }
    }

    @Test("blocks of rows reassemble the matrix", arguments: [1, 333, 1_000, 5_000])
    func blocks(maxRows: Int) throws {
        let directory = try TemporaryDirectory()
        let url = directory.file("x.npy")
        let x = randomMatrix(1_000, 7, seed: 4, as: Float.self)
        try NPY.write(x, to: url)
        let reader = try NPYRowReader(url: url, as: Double.self)
        #expect(reader.rows == 1_000 && reader.columns == 7)
        var elements: [Double] = []
        var blocks = 0
        while let block = try reader.next(maxRows: maxRows) {
            #expect(block.rows <= maxRows)
            elements += block.elements
            blocks += 1
        }
        #expect(blocks == (1_000 + maxRows - 1) / maxRows)
        #expect(elements == x.elements.map(Double.init))
        #expect(try reader.next(maxRows: maxRows) == nil)
    }

    // Issue 18 (errors): fails on main before this change, where NPYError had no kind.
    @Test("a Fortran-ordered or truncated file is refused before reading, with a kind to switch on")
    func refusals() throws {
        let fortran = try #require(throws: NPYError.self) {
            try NPYRowReader(url: Fixtures.url("npy/fortran_f8_3x4.npy"), as: Double.self)
        }
        #expect(fortran.kind == .unsupportedArray)
        let truncated = try #require(throws: NPYError.self) {
            try NPYRowReader(url: Fixtures.url("npy/truncated.npy"), as: Double.self)
        }
        switch truncated.kind {
        case .damaged:
            break
        case .cannotRead, .notNPY, .unsupportedArray:
            Issue.record("expected .damaged, got \(truncated)")
        }
    }
}
