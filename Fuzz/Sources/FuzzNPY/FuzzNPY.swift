import Foundation
import FuzzSupport
import PersonasData
import PersonasNumerics

/// Fuzzes the `.npy` reader: the header (magic string, version, header length, the dict literal's
/// parser), the size checks made before anything is allocated (dtype, shape, file length), the
/// conversion of every supported dtype in either byte order into `Double` and `Float`, Fortran order,
/// and reading by blocks of rows with ``NPYRowReader``.
///
/// Input layout: one control byte, then the file's bytes (written to a scratch file: the reader
/// takes a path). Bits 0–2 of the control byte choose the rows per block of the row reader
/// (1, 2, 3, 5, 8, 64, 1,000 or every row).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNPY(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size >= 1 else { return 0 }
    let blockRows = [1, 2, 3, 5, 8, 64, 1_000, Int.max][Int(data[0] & 7)]
    do {
        try Data(bytes: data + 1, count: size - 1).write(to: NPYFuzzCase.url)
    } catch {
        Oracle.fail("cannot write the scratch file \(NPYFuzzCase.url.path): \(error)")
    }
    NPYFuzzCase(fileSize: size - 1, blockRows: blockRows).run()
    return 0
}

struct NPYFuzzCase {
    /// One scratch file per process, in memory where Linux offers it.
    static let url: URL = {
        let folder = FileManager.default.isWritableFile(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return URL(fileURLWithPath: folder).appendingPathComponent("personas-fuzz-\(getpid()).npy")
    }()

    let fileSize: Int
    let blockRows: Int
    var path: String { Self.url.relativePath }

    func run() {
        let header: NPYHeader
        do {
            header = try NPY.header(of: Self.url)
        } catch {
            checkError(error)
            // A file whose header does not parse cannot be read any other way.
            requireRefused(Double.self, error)
            return
        }
        Oracle.require(header.dataOffset >= 10 && header.dataOffset <= fileSize,
                       "data offset \(header.dataOffset) outside the \(fileSize)-byte file")
        Oracle.require(header.shape.allSatisfy { $0 >= 0 }, "negative dimension in \(header)")
        _ = header.description

        // The size check the commands make before estimating memory agrees with reading.
        let size: (rows: Int, columns: Int)?
        do {
            size = try NPY.matrixSize(of: Self.url)
        } catch {
            checkError(error)
            size = nil
        }
        let doubles = read(Double.self, header: header, size: size)
        let floats = read(Float.self, header: header, size: size)
        if let doubles, let floats { checkAgree(doubles, floats, descr: header.descr) }
        if let doubles { checkRows(doubles, header: header) }
    }

    func checkError(_ error: NPYError) { Oracle.checkNPYError(error, path: path) }

    /// Reading into `Scalar` fails exactly when the size check failed, with the same error; a matrix
    /// read has the header's shape ((n, d), or (n, 1) for a 1-D array).
    func read<Scalar: BLASScalar>(_: Scalar.Type, header: NPYHeader, size: (rows: Int, columns: Int)?) -> Matrix<Scalar>? {
        let matrix: Matrix<Scalar>
        do {
            matrix = try NPY.readMatrix(from: Self.url, as: Scalar.self)
        } catch {
            checkError(error)
            Oracle.require(size == nil, "matrixSize accepted \(String(describing: size)) but reading \(Scalar.self) "
                           + "failed: \(error)")
            return nil
        }
        guard let size else { Oracle.fail("matrixSize refused a file that reads as \(Scalar.self)") }
        Oracle.require(header.shape.count == 1 || header.shape.count == 2, "read a \(header.shape.count)-D array")
        let expected = (header.shape[0], header.shape.count == 2 ? header.shape[1] : 1)
        Oracle.require(matrix.rows == expected.0 && matrix.columns == expected.1,
                       "read \(matrix.rows) × \(matrix.columns) from shape \(header.shape)")
        Oracle.require(size == expected, "matrixSize gave \(size), the header \(header.shape)")
        return matrix
    }

    /// A file that cannot be read as `Scalar`: the size check and every reader refuse it too.
    func requireRefused<Scalar: BLASScalar>(_: Scalar.Type, _ first: NPYError) {
        do {
            _ = try NPY.readMatrix(from: Self.url, as: Scalar.self)
            Oracle.fail("readMatrix read a file whose header was refused: \(first)")
        } catch {
            Oracle.require(error == first, "readMatrix's error \"\(error)\" differs from the header's \"\(first)\"")
        }
        Oracle.require((try? NPY.matrixSize(of: Self.url)) == nil, "matrixSize accepted a refused header")
        Oracle.require((try? NPYRowReader(url: Self.url, as: Scalar.self)) == nil, "the row reader accepted a refused header")
    }

    /// The Float matrix is the Double one rounded to float32, except where a 64-bit integer beyond
    /// 2^53 rounds twice on the way through Double.
    func checkAgree(_ doubles: Matrix<Double>, _ floats: Matrix<Float>, descr: String) {
        Oracle.require(doubles.rows == floats.rows && doubles.columns == floats.columns, "Double and Float shapes differ")
        guard !descr.hasSuffix("i8") && !descr.hasSuffix("u8") else { return }
        for (d, f) in zip(doubles.elements, floats.elements) {
            Oracle.require(Float(d).bitPattern == f.bitPattern || (d.isNaN && f.isNaN),
                           "read \(d) as Double but \(f) as Float")
        }
    }

    /// The row reader gives the same rows in blocks of at most `blockRows`, or refuses a
    /// Fortran-ordered matrix up front.
    func checkRows(_ matrix: Matrix<Double>, header: NPYHeader) {
        let reader: NPYRowReader<Double>
        do {
            reader = try NPYRowReader(url: Self.url, as: Double.self)
        } catch {
            checkError(error)
            Oracle.require(header.fortranOrder && matrix.rows > 1 && matrix.columns > 1,
                           "the row reader refused a file readMatrix read: \(error)")
            return
        }
        Oracle.require(reader.rows == matrix.rows && reader.columns == matrix.columns, "the row reader's shape differs")
        var elements: [Double] = []
        do {
            while let block = try reader.next(maxRows: blockRows) {
                Oracle.require(block.rows >= 1 && block.rows <= blockRows, "a block of \(block.rows) rows")
                elements += block.elements
            }
        } catch {
            Oracle.fail("the row reader failed after opening: \(error)")
        }
        Oracle.require(elements.map(\.bitPattern) == matrix.elements.map(\.bitPattern),
                       "the row reader's values differ from readMatrix's")
    }
}
