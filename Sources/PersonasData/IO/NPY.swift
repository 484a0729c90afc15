import Foundation
import PersonasNumerics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads and writes NumPy `.npy` files holding one matrix, so data and results move to and from
/// Python (and the peers' benchmark data) without a text round trip.
///
/// Reading accepts what `numpy.save` writes for a 1-D or 2-D numeric array: format versions 1.0,
/// 2.0 and 3.0; float32, float64, signed and unsigned integers of 1 to 8 bytes and bool, in
/// either byte order; C or Fortran order. Writing produces exactly the bytes `numpy.save` writes
/// for a C-ordered float32 or float64 array.
public enum NPY {
    /// The header of the `.npy` file at `url`, without reading the data.
    ///
    /// Checks the magic string, the version and the header's syntax; not whether Personas can read
    /// the dtype or shape, nor the file's length (``readMatrix(from:as:)`` does).
    public static func header(of url: URL) throws(NPYError) -> NPYHeader {
        try NPYInputFile(url).header
    }

    /// The matrix stored at `url`, converted to `Scalar`.
    ///
    /// A 2-D array of shape (n, d) becomes an n × d matrix and a 1-D array of shape (n,) an n × 1
    /// matrix; other dimensions are refused. The file's length must be exactly the header plus
    /// n·d elements. Fortran-ordered files are read and then transposed into row-major storage:
    /// one extra pass (about 0.1 s for 256 MB) and, briefly, twice the matrix's memory.
    ///
    /// Little-endian float64 into `Double` and float32 into `Float` are read straight into the
    /// matrix's storage; other types are converted in blocks of 1 MiB. Integers convert exactly
    /// up to 2^53 (`Double`) or 2^24 (`Float`) and round beyond; float64 into `Float` rounds, and
    /// overflows to ±infinity. NaN and infinities are passed through as read: validating values
    /// is the caller's job.
    public static func readMatrix<Scalar: BLASScalar>(
        from url: URL, as _: Scalar.Type = Scalar.self
    ) throws(NPYError) -> Matrix<Scalar> {
        let file = try NPYInputFile(url)
        let header = file.header
        let (type, rows, columns) = try layout(of: file)

        let columnMajor = header.fortranOrder && rows > 1 && columns > 1
        var failure: NPYError?
        let stored = Matrix<Scalar>(rows: columnMajor ? columns : rows, columns: columnMajor ? rows : columns) { buffer in
            do throws(NPYError) { try file.readElements(of: type, into: buffer) } catch {
                failure = error
                buffer.initialize(repeating: 0)  // the initialiser must leave every element initialised
            }
        }
        if let failure { throw failure }
        guard columnMajor else { return stored }
        // Fortran order stores the transpose row by row; one blocked transpose restores row-major.
        return Matrix(rows: rows, columns: columns) { output in
            stored.withUnsafeBufferPointer { source in
                guard let from = source.baseAddress, let to = output.baseAddress else { return }
                adviseHugePages(UnsafeMutableRawBufferPointer(output))
                transpose(from, rows: columns, columns: rows, into: to)
            }
        }
    }

    /// The rows and columns of the matrix stored at `url`, checked as ``readMatrix(from:as:)`` checks
    /// them before it allocates anything (a supported dtype, a 1-D or 2-D shape whose size in bytes
    /// can be counted, a file exactly that long), without reading the data.
    ///
    /// Callers size their memory estimates from this, so a damaged or hostile header (a shape of
    /// (2⁶², 4) in a 192-byte file) is refused here, naming the file, instead of reaching their
    /// arithmetic.
    public static func matrixSize(of url: URL) throws(NPYError) -> (rows: Int, columns: Int) {
        let (_, rows, columns) = try layout(of: NPYInputFile(url))
        return (rows, columns)
    }

    /// Writes `matrix` to `url` as a C-ordered float32 (`Float`) or float64 (`Double`) array of
    /// shape (rows, columns), atomically (see ``AtomicFileWriter``).
    ///
    /// The bytes match `numpy.save`: format 1.0 (2.0 only for a header over 65,535 bytes), the
    /// host's byte order (`<` on every platform Swift supports today), and a header padded with
    /// spaces and ended by a newline so that the data start at a multiple of 64 bytes.
    /// - Parameters:
    ///   - matrix: the rows to write.
    ///   - url: where to write them.
    ///   - protectedInputs: files that must not be overwritten (the run's inputs).
    public static func write<Scalar: BLASScalar>(
        _ matrix: Matrix<Scalar>, to url: URL, protectedInputs: [URL] = []
    ) throws(OutputError) {
        let header = encodeHeader(descr: "\(hostByteOrder)f\(MemoryLayout<Scalar>.size)",
                                  shape: [matrix.rows, matrix.columns])
        let writer = try AtomicFileWriter(destination: url, protectedInputs: protectedInputs)
        try writer.write(Data(header))
        try matrix.withUnsafeBufferPointer { (buffer) throws(OutputError) in
            try writer.write(UnsafeRawBufferPointer(buffer))
        }
        try writer.commit()
    }

    // MARK: Internals

    #if _endian(little)
    static let hostByteOrder = "<"
    static let hostIsBigEndian = false
    #else
    static let hostByteOrder = ">"
    static let hostIsBigEndian = true
    #endif

    /// The magic string, version, header length and padded header dict, as `numpy.save` writes them.
    static func encodeHeader(descr: String, shape: [Int]) -> [UInt8] {
        var dict = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(NPYHeader.pythonTuple(shape)), }"
        // NumPy leaves room for the first axis to grow to 21 digits, so the header can be rewritten in place.
        if let first = shape.first { dict += String(repeating: " ", count: max(0, 21 - String(first).count)) }
        let text = Array(dict.utf8)
        // Spaces, then a newline, up to the next multiple of 64 (a full 64 when already aligned, as NumPy does).
        func padding(lengthBytes: Int) -> Int { 64 - (NPYHeader.magic.count + 2 + lengthBytes + text.count + 1) % 64 }
        // Version 1.0 stores the header length in 16 bits, 2.0 in 32 bits.
        let lengthBytes = text.count + padding(lengthBytes: 2) + 1 <= Int(UInt16.max) ? 2 : 4
        let length = text.count + padding(lengthBytes: lengthBytes) + 1
        var bytes = NPYHeader.magic + [lengthBytes == 2 ? 1 : 2, 0]
        bytes += (0..<lengthBytes).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) }
        bytes += text + Array(repeating: UInt8(ascii: " "), count: length - text.count - 1) + [UInt8(ascii: "\n")]
        return bytes
    }

    /// The header's dtype, or an error naming it when Personas cannot read it.
    static func elementType(of header: NPYHeader, path: String) throws(NPYError) -> NPYElementType {
        let expected = "(expected \(NPYElementType.supportedList))"
        if header.isStructured {
            throw NPYError(path: path, kind: .unsupportedArray, message: "unsupported structured dtype \(header.descr) \(expected); "
                + "save a plain 2-D array, e.g. with numpy.lib.recfunctions.structured_to_unstructured")
        }
        if let type = NPYElementType(descr: header.descr) { return type }
        if header.descr.dropFirst().hasPrefix("O") {
            throw NPYError(path: path, kind: .unsupportedArray, message: "unsupported dtype '\(header.descr)': an object array holds "
                + "Python objects, not numbers \(expected)")
        }
        throw NPYError(path: path, kind: .unsupportedArray, message: "unsupported dtype '\(header.descr)' \(expected)")
    }

    /// The dtype and the (n, d) of `file`'s matrix, once its header's sizes are known to be sound:
    /// n · d · (bytes per element) is counted with overflow checks and must be exactly the bytes
    /// that follow the header. Every reader calls this before it allocates or reads data.
    fileprivate static func layout(of file: NPYInputFile) throws(NPYError)
        -> (type: NPYElementType, rows: Int, columns: Int)
    {
        let header = file.header
        let type = try elementType(of: header, path: file.path)
        let (rows, columns) = try matrixShape(of: header, path: file.path)
        let (count, countOverflow) = rows.multipliedReportingOverflow(by: columns)
        let (byteCount, byteOverflow) = count.multipliedReportingOverflow(by: type.size)
        guard !countOverflow, !byteOverflow else {
            throw NPYError(path: file.path, kind: .damaged, message: "shape \(NPYHeader.pythonTuple(header.shape)) of '\(header.descr)' "
                + "is too large: its size in bytes exceeds \(Int.max), more than any file can hold; the header is "
                + "probably damaged")
        }
        let found = file.size - header.dataOffset
        guard found == byteCount else {
            let needs = "shape \(NPYHeader.pythonTuple(header.shape)) of '\(header.descr)' needs \(byteCount) "
                + "data bytes after the \(header.dataOffset)-byte header"
            throw NPYError(path: file.path, kind: .damaged, message: found < byteCount
                ? "truncated data: \(needs), found \(found); the file is incomplete"
                : "\(needs), found \(found); the file has extra bytes at the end")
        }
        return (type, rows, columns)
    }

    /// (n, d) for a 2-D shape, (n, 1) for a 1-D one.
    static func matrixShape(of header: NPYHeader, path: String) throws(NPYError) -> (rows: Int, columns: Int) {
        switch header.shape.count {
        case 1: return (header.shape[0], 1)
        case 2: return (header.shape[0], header.shape[1])
        case 0:
            throw NPYError(path: path, kind: .unsupportedArray, message: "a 0-dimensional array (a single value) is not a matrix; "
                + "expected shape (n, d) or (n,)")
        default:
            throw NPYError(path: path, kind: .unsupportedArray, message: "a \(header.shape.count)-dimensional array of shape "
                + "\(NPYHeader.pythonTuple(header.shape)) is not a matrix; expected shape (n, d) or (n,); "
                + "reshape it in NumPy first")
        }
    }
}

extension NPY {
    /// Asks Linux to back a large output buffer with 2 MiB pages, as NumPy does for its arrays.
    ///
    /// Filling fresh memory costs one page fault per 4 KiB page; with transparent huge pages in
    /// `madvise` mode (the common default) this advice cuts them 512-fold, which more than triples
    /// the speed of reading a cached 256 MB file. It is only advice: when refused, nothing changes.
    static func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        let huge = 2 << 20
        guard buffer.count >= 2 * huge, let base = buffer.baseAddress else { return }
        let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
        let end = (Int(bitPattern: base) + buffer.count) & ~(huge - 1)
        guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(aligned, end - start, MADV_HUGEPAGE)
        #endif
    }

    /// Writes the transpose of the `rows` × `columns` row-major `source` into uninitialised `output`.
    ///
    /// Dispatches to a copy compiled for `Double` or `Float`: generic code called from another
    /// module runs unspecialised, with a dynamic call per element, several times slower.
    static func transpose<Scalar: BLASScalar>(
        _ source: UnsafePointer<Scalar>, rows: Int, columns: Int, into output: UnsafeMutablePointer<Scalar>
    ) {
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(output)
        if Scalar.self == Double.self {
            transposeElements(from.assumingMemoryBound(to: Double.self), rows: rows, columns: columns,
                              into: to.assumingMemoryBound(to: Double.self))
        } else if Scalar.self == Float.self {
            transposeElements(from.assumingMemoryBound(to: Float.self), rows: rows, columns: columns,
                              into: to.assumingMemoryBound(to: Float.self))
        } else {
            transposeElements(source, rows: rows, columns: columns, into: output)
        }
    }

    /// The transposition itself, in 32 × 32 blocks so both sides stay in cache.
    private static func transposeElements<Element>(
        _ source: UnsafePointer<Element>, rows: Int, columns: Int, into output: UnsafeMutablePointer<Element>
    ) {
        let block = 32
        for i0 in stride(from: 0, to: rows, by: block) {
            for j0 in stride(from: 0, to: columns, by: block) {
                for i in i0..<min(i0 + block, rows) {
                    for j in j0..<min(j0 + block, columns) {
                        (output + j * rows + i).initialize(to: source[i * columns + j])
                    }
                }
            }
        }
    }
}

/// A file that is not a NumPy array Personas can read, or whose data do not match its header.
///
/// The description names the file first: `data.npy: unsupported dtype '<c16' (expected float32,
/// float64, integer or bool)`.
/// Reads a C-ordered `.npy` matrix a block of rows at a time, for data larger than memory
/// (mini-batch k-means streams its batches through one of these).
public final class NPYRowReader<Scalar: BLASScalar> {
    /// Rows and columns of the whole matrix.
    public let rows: Int
    public let columns: Int
    /// Rows handed out so far.
    public private(set) var rowsRead = 0
    private let file: NPYInputFile
    private let type: NPYElementType

    /// Opens `url` and checks its header and size; the data are read by ``next(maxRows:)``.
    /// - Throws: ``NPYError`` as ``NPY/readMatrix(from:as:)`` does, and for a Fortran-ordered
    ///   matrix, whose rows are not contiguous on disk.
    public init(url: URL, as _: Scalar.Type = Scalar.self) throws(NPYError) {
        file = try NPYInputFile(url)
        (type, rows, columns) = try NPY.layout(of: file)
        if file.header.fortranOrder && rows > 1 && columns > 1 {
            throw NPYError(path: file.path, kind: .unsupportedArray, message: "a Fortran-ordered matrix cannot be read by rows; "
                + "save it with numpy.ascontiguousarray first")
        }
    }

    /// The next block of at most `maxRows` rows, or `nil` when every row has been read.
    public func next(maxRows: Int) throws(NPYError) -> Matrix<Scalar>? {
        precondition(maxRows >= 1, "maxRows must be at least 1")
        let count = Swift.min(maxRows, rows - rowsRead)
        guard count > 0 else { return nil }
        var failure: NPYError?
        let block = Matrix<Scalar>(rows: count, columns: columns) { buffer in
            do throws(NPYError) { try file.readElements(of: type, into: buffer) } catch {
                failure = error
                buffer.initialize(repeating: 0)
            }
        }
        if let failure { throw failure }
        rowsRead += count
        return block
    }
}

/// A `.npy` file that cannot be read as a matrix, named as the caller named it.
///
/// ``kind`` says what went wrong, so a caller can switch on it; ``message`` says what is wrong
/// and what to do without naming any command-line option.
public struct NPYError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// The file cannot be opened or read (missing, a folder, no permission).
        case cannotRead
        /// The file is not a NumPy `.npy` file, or of a format version this reader does not know.
        case notNPY
        /// A header or data that does not hang together: truncated, malformed, a size that
        /// overflows, or data bytes that do not match the shape.
        case damaged
        /// A valid array this reader does not take as a matrix: its element type, its number of
        /// dimensions, or Fortran order where rows are streamed.
        case unsupportedArray
    }

    /// The file, as the caller named it.
    public var path: String
    /// What went wrong.
    public var kind: Kind
    /// What is wrong, without the path.
    public var message: String

    public init(path: String, kind: Kind, message: String) {
        self.path = path
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

/// An open `.npy` file positioned at its first data byte, with its parsed header.
private final class NPYInputFile {
    /// The path as the caller named it, for messages.
    let path: String
    let header: NPYHeader
    /// The file's length in bytes.
    let size: Int
    private let descriptor: Int32

    /// A header over this size is refused as damage rather than read into memory (NumPy itself
    /// stops at 10,000 bytes unless told otherwise).
    private static let maximumHeaderLength = 1 << 20
    /// Bytes converted per block when the file's type is not the matrix's.
    private static let blockSize = 1 << 20

    init(_ url: URL) throws(NPYError) {
        let path = url.relativePath
        self.path = path
        let fd = systemOpen(url.path)
        guard fd >= 0 else {
            throw NPYError(path: path, kind: .cannotRead, message: "cannot read the file: \(String(cString: strerror(errno)))")
        }
        // `deinit` does not run for a partly initialised object, so failures below close `fd` themselves.
        descriptor = fd
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw NPYError(path: path, kind: .cannotRead, message: "cannot read the file: \(reason)")
        }
        guard (info.st_mode & S_IFMT) != S_IFDIR else {
            close(fd)
            throw NPYError(path: path, kind: .cannotRead, message: "cannot read the file: it is a directory")
        }
        size = Int(info.st_size)
        do throws(NPYError) {
            header = try NPYInputFile.readHeader(fd: fd, fileSize: size, path: path)
        } catch {
            close(fd)
            throw error
        }
    }

    deinit { close(descriptor) }

    /// Reads `buffer.count` elements of `type` from the current position, converting to `Scalar`.
    func readElements<Scalar: BLASScalar>(
        of type: NPYElementType, into buffer: UnsafeMutableBufferPointer<Scalar>
    ) throws(NPYError) {
        guard let output = buffer.baseAddress, !buffer.isEmpty else { return }
        NPY.adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
        let native = type.bigEndian == NPY.hostIsBigEndian
            && ((type.kind == .float64 && Scalar.self == Double.self)
                || (type.kind == .float32 && Scalar.self == Float.self))
        if native {
            let raw = UnsafeMutableRawBufferPointer(buffer)
            try readExactly(into: raw)
            return
        }
        let perBlock = NPYInputFile.blockSize / type.size
        let scratch = UnsafeMutableRawBufferPointer.allocate(
            byteCount: min(buffer.count, perBlock) * type.size, alignment: 16)
        defer { scratch.deallocate() }
        var done = 0
        while done < buffer.count {
            let n = min(buffer.count - done, perBlock)
            let bytes = UnsafeMutableRawBufferPointer(rebasing: scratch[0..<(n * type.size)])
            try readExactly(into: bytes)
            NPYInputFile.convert(UnsafeRawBufferPointer(bytes), from: type, into: output + done)
            done += n
        }
    }

    /// Fills `buffer` from the file, failing if the file ends first (it shrank while being read).
    private func readExactly(into buffer: UnsafeMutableRawBufferPointer) throws(NPYError) {
        let got = try NPYInputFile.read(fd: descriptor, into: buffer, path: path)
        guard got == buffer.count else {
            throw NPYError(path: path, kind: .damaged, message: "the file ended early while reading (it changed during the read?)")
        }
    }

    /// Reads until `buffer` is full or the file ends; the number of bytes read.
    private static func read(fd: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String) throws(NPYError) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var done = 0
        while done < buffer.count {
            let n = systemRead(fd, base + done, buffer.count - done)
            if n > 0 {
                done += n
            } else if n == 0 {
                break
            } else if errno != EINTR {
                throw NPYError(path: path, kind: .cannotRead, message: "cannot read the file: \(String(cString: strerror(errno)))")
            }
        }
        return done
    }

    /// Up to `count` bytes from the current position (fewer if the file ends first).
    private static func readBytes(_ count: Int, fd: Int32, path: String) throws(NPYError) -> [UInt8] {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 1)
        defer { buffer.deallocate() }
        let got = try read(fd: fd, into: buffer, path: path)
        return Array(buffer[0..<got])
    }

    /// Reads and parses the magic string, version, header length and header dict.
    private static func readHeader(fd: Int32, fileSize: Int, path: String) throws(NPYError) -> NPYHeader {
        let prefix = try readBytes(8, fd: fd, path: path)
        let got = prefix.count
        guard got >= 6, Array(prefix[0..<6]) == NPYHeader.magic else {
            throw NPYError(path: path, kind: .notNPY, message: "not a NumPy .npy file: it does not start with \"\\x93NUMPY\"")
        }
        guard got == 8 else { throw NPYError(path: path, kind: .damaged, message: "truncated header: the file ends after \(got) bytes") }
        let version = NPYHeader.Version(major: Int(prefix[6]), minor: Int(prefix[7]))
        guard [1, 2, 3].contains(version.major), version.minor == 0 else {
            throw NPYError(path: path, kind: .notNPY, message: "unsupported .npy format version \(version) (expected 1.0, 2.0 or 3.0)")
        }

        let lengthBytes = try readBytes(version.major == 1 ? 2 : 4, fd: fd, path: path)
        guard lengthBytes.count == (version.major == 1 ? 2 : 4) else {
            throw NPYError(path: path, kind: .damaged, message: "truncated header: the file ends inside the header length")
        }
        let length = lengthBytes.enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let dataOffset = 8 + lengthBytes.count + length
        guard length <= maximumHeaderLength else {
            throw NPYError(path: path, kind: .damaged, message: "the header claims \(length) bytes, more than any array header "
                + "needs; the file is probably damaged")
        }
        guard dataOffset <= fileSize else {
            throw NPYError(path: path, kind: .damaged, message: "truncated header: it declares \(length) bytes but the file "
                + "has only \(fileSize - 8 - lengthBytes.count) after the header length")
        }

        let headerBytes = try readBytes(length, fd: fd, path: path)
        guard headerBytes.count == length else {
            throw NPYError(path: path, kind: .damaged, message: "the file ended early while reading the header")
        }
        let text: String
        if version.major >= 3 {
            guard let utf8 = String(validating: headerBytes, as: UTF8.self) else {
                throw NPYError(path: path, kind: .damaged, message: "malformed header: a version 3.0 header must be UTF-8")
            }
            text = utf8
        } else {
            // Versions 1.0 and 2.0 are Latin-1: every byte is the code point of the same value.
            text = String(String.UnicodeScalarView(headerBytes.map { Unicode.Scalar($0) }))
        }

        do throws(NPYHeaderSyntaxError) {
            let fields = try NPYHeaderParser.parse(text)
            var header = NPYHeader(version: version, descr: fields.descr, fortranOrder: fields.fortranOrder,
                                   shape: fields.shape, dataOffset: dataOffset)
            header.isStructured = fields.isStructured
            return header
        } catch {
            throw NPYError(path: path, kind: .damaged, message: "malformed header: \(error.message)")
        }
    }

    /// Converts `bytes`, whole elements of `type`, into uninitialised `Scalar`s at `output`.
    ///
    /// Dispatches to a copy compiled for `Double` or `Float`, like ``NPY/transpose(_:rows:columns:into:)``.
    private static func convert<Scalar: BLASScalar>(
        _ bytes: UnsafeRawBufferPointer, from type: NPYElementType, into output: UnsafeMutablePointer<Scalar>
    ) {
        let raw = UnsafeMutableRawPointer(output)
        if Scalar.self == Double.self {
            convertElements(bytes, from: type, into: raw.assumingMemoryBound(to: Double.self))
        } else if Scalar.self == Float.self {
            convertElements(bytes, from: type, into: raw.assumingMemoryBound(to: Float.self))
        } else {
            convertElements(bytes, from: type, into: output)
        }
    }

    /// The conversion itself, one loop per source type.
    private static func convertElements<Scalar: BinaryFloatingPoint>(
        _ bytes: UnsafeRawBufferPointer, from type: NPYElementType, into output: UnsafeMutablePointer<Scalar>
    ) {
        let big = type.bigEndian
        switch type.kind {
        case .float32: load(bytes, UInt32.self, bigEndian: big, into: output) { Scalar(Float(bitPattern: $0)) }
        case .float64: load(bytes, UInt64.self, bigEndian: big, into: output) { Scalar(Double(bitPattern: $0)) }
        case .int8: load(bytes, Int8.self, bigEndian: big, into: output) { Scalar($0) }
        case .int16: load(bytes, Int16.self, bigEndian: big, into: output) { Scalar($0) }
        case .int32: load(bytes, Int32.self, bigEndian: big, into: output) { Scalar($0) }
        case .int64: load(bytes, Int64.self, bigEndian: big, into: output) { Scalar($0) }
        case .uint8: load(bytes, UInt8.self, bigEndian: big, into: output) { Scalar($0) }
        case .uint16: load(bytes, UInt16.self, bigEndian: big, into: output) { Scalar($0) }
        case .uint32: load(bytes, UInt32.self, bigEndian: big, into: output) { Scalar($0) }
        case .uint64: load(bytes, UInt64.self, bigEndian: big, into: output) { Scalar($0) }
        case .bool: load(bytes, UInt8.self, bigEndian: big, into: output) { $0 == 0 ? 0 : 1 }
        }
    }

    /// Loads each `Bits`-sized element in the file's byte order and stores `transform` of it.
    @inline(__always)
    private static func load<Bits: FixedWidthInteger, Scalar>(
        _ bytes: UnsafeRawBufferPointer, _: Bits.Type, bigEndian: Bool, into output: UnsafeMutablePointer<Scalar>,
        _ transform: (Bits) -> Scalar
    ) {
        let size = MemoryLayout<Bits>.size
        let count = bytes.count / size
        if bigEndian {
            for i in 0..<count {
                let raw = bytes.loadUnaligned(fromByteOffset: i * size, as: Bits.self)
                (output + i).initialize(to: transform(Bits(bigEndian: raw)))
            }
        } else {
            for i in 0..<count {
                let raw = bytes.loadUnaligned(fromByteOffset: i * size, as: Bits.self)
                (output + i).initialize(to: transform(Bits(littleEndian: raw)))
            }
        }
    }
}
