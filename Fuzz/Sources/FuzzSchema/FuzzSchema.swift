import Foundation
import FuzzSupport
import PersonasData

/// Fuzzes the schema loader (``Schema/decode(_:name:)``), then uses what loads: saves it and loads
/// it back (the same schema), reads the fixed table with it, and fits and applies the default
/// preparation to that table (declared types, levels and roles decide the features).
///
/// Input: the bytes of a `schema.json`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSchema(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Data(bytes: $0, count: size) } ?? Data()
    let schema: Schema
    do {
        schema = try Schema.decode(bytes, name: "schema.json")
    } catch {
        Oracle.require(error.file == "schema.json" && !error.message.isEmpty, "an unclear schema error: \(error)")
        return 0
    }
    do {
        let again = try Schema.decode(try schema.jsonData(), name: "saved.json")
        Oracle.require(again == schema, "a saved schema loads back different")
    } catch {
        Oracle.fail("a loaded schema does not survive saving: \(error)")
    }

    guard let table = FixedTable.read(schema: schema) else { return 0 }
    do {
        let preparation = try Preparation.fit(table)
        Oracle.checkApplied(preparation, to: table)
    } catch {
        Oracle.checkPreparationError(error, source: FixedTable.name)
    }
    return 0
}
