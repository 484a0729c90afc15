import FuzzSupport
import PersonasData

/// Fuzzes the CSV reader (delimiter detection, tokenizing across block refills, type inference,
/// column building) and the preparation fitted to what it reads.
///
/// Input layout: three control bytes, then the file's bytes.
/// - byte 0, reading options: bits 0–1 delimiter (detect, `,`, `;`, tab); bits 2–3 block size
///   (64 KiB, more than any input here, as the 4 MiB default would be; or 64, 256, 4096 bytes:
///   small blocks force records across refills); bit 4 Latin-1;
///   bit 5 decimal comma; bit 6 read again with a schema derived from byte 1; bit 7 the missing
///   markers `NA` and `-` only (so empty cells are values, not missing).
/// - byte 1, the derived schema (see ``DerivedSchema``).
/// - byte 2, the preparation spec: bits 0–1 scaling; bits 2–3 numeric imputation (median, mean,
///   constant 0, median); bit 4 categorical imputation by a constant level; bit 5 missing
///   indicators; bits 6–7 PCA (none, 2 components, 90% of the variance, none).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size >= 3 else { return 0 }
    let control = Array(UnsafeBufferPointer(start: data, count: 3))
    let bytes = Array(UnsafeBufferPointer(start: data + 3, count: size - 3))
    CSVFuzzCase(control: control, bytes: bytes).run()
    return 0
}

struct CSVFuzzCase {
    let control: [UInt8]
    let bytes: [UInt8]
    let name = "fuzz.csv"

    var options: CSVOptions {
        let c = control[0]
        var options = CSVOptions()
        options.delimiter = [nil, UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")][Int(c & 3)]
        options.blockSize = [1 << 16, 64, 256, 4096][Int((c >> 2) & 3)]
        options.encoding = c & 0x10 != 0 ? .latin1 : .utf8
        options.decimalSeparator = c & 0x20 != 0 ? UInt8(ascii: ",") : nil
        if c & 0x80 != 0 { options.missingValues = ["NA", "-"] }
        return options
    }

    var spec: PreparationSpec {
        let c = control[2]
        var spec = PreparationSpec()
        spec.scaling = PreparationSpec.Scaling.allCases[Int(c & 3)]
        spec.numericImputation = [.median, .mean, .constant(0), .median][Int((c >> 2) & 3)]
        if c & 0x10 != 0 { spec.categoricalImputation = .constant("missing") }
        spec.missingIndicators = c & 0x20 != 0
        spec.pca = [.none, .components(2), .varianceFraction(0.9), .none][Int(c >> 6)]
        return spec
    }

    func run() {
        let lastLine = Oracle.lastLine(of: bytes)
        guard let table = read(options, lastLine: lastLine) else { return }
        let preparation = prepare(table)
        guard control[0] & 0x40 != 0 else { return }
        // Again with declared types: the declared-type paths, and last year's preparation applied to
        // columns that may now read as other types (a clear error, or finite features).
        guard let schema = DerivedSchema.make(from: table, selector: control[1]) else { return }
        var declared = options
        declared.schema = schema
        guard let retyped = read(declared, lastLine: lastLine) else { return }
        if let preparation { Oracle.checkApplied(preparation, to: retyped) }
        _ = prepare(retyped)
    }

    func read(_ options: CSVOptions, lastLine: Int) -> DataTable? {
        do {
            let table = try CSVReader.read(bytes: bytes, name: name, options: options)
            Oracle.checkTable(table, lastLine: lastLine)
            return table
        } catch {
            Oracle.checkReadError(error, source: name, lastLine: lastLine)
            return nil
        }
    }

    func prepare(_ table: DataTable) -> Preparation? {
        do {
            let preparation = try Preparation.fit(table, spec: spec)
            Oracle.checkApplied(preparation, to: table)
            checkDropReasons(preparation, table)
            return preparation
        } catch {
            Oracle.checkPreparationError(error, source: name)
            return nil
        }
    }

    /// A column dropped as constant is constant: the reason an analyst reads must be true.
    func checkDropReasons(_ preparation: Preparation, _ table: DataTable) {
        for dropped in preparation.droppedColumns where dropped.reason.hasPrefix("it is constant") {
            guard let numbers = table[dropped.name]?.numbers else { continue }
            let present = numbers.filter { !$0.isNaN }
            Oracle.require(present.allSatisfy { $0 == present.first }, "column \"\(dropped.name)\" dropped as constant "
                           + "but holds \(present.min() ?? 0) to \(present.max() ?? 0)")
        }
    }
}
