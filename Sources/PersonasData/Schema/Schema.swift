import Foundation

/// Declared facts about a customer table: column types, roles, display names, ordinal levels and
/// level labels. Saved as JSON beside the data (`schema.json`) and written by `personas inspect`.
///
/// A schema need not name every column: the ones it leaves out are inferred. Unknown keys are
/// rejected, so a typo does not silently fall back to inference.
public struct Schema: Codable, Sendable, Equatable {
    /// The format version; this is version 1.
    public var version: Int
    /// The field delimiter (",", ";" or "\t"), when fixed.
    public var delimiter: String?
    /// Missing-value markers that replace the defaults.
    public var missingValues: [String]?
    /// Per-column declarations.
    public var columns: [ColumnSchema]
    /// The saved model these declarations come from (as the user named its file), when they do:
    /// a table that disagrees is then reported as not matching the model, with advice to fix the
    /// data rather than the declarations. The identifier such a schema declares may be absent from
    /// the table (it labels outputs; nothing is computed from it). Not saved in schema files.
    public var modelName: String?

    public static let currentVersion = 1

    private enum CodingKeys: String, CodingKey { case version, delimiter, missingValues, columns }

    public init(columns: [ColumnSchema], delimiter: String? = nil, missingValues: [String]? = nil) {
        self.version = Schema.currentVersion
        self.columns = columns
        self.delimiter = delimiter
        self.missingValues = missingValues
    }

    /// The declaration for `name`, if any.
    public func column(named name: String) -> ColumnSchema? {
        columns.first { $0.name == name }
    }

    /// The column declared with `role` (value, potential, identifier), if any.
    public func column(withRole role: ColumnRole) -> ColumnSchema? {
        columns.first { $0.role == role }
    }
}

/// What a schema declares about one column. Every field but `name` is optional.
public struct ColumnSchema: Codable, Sendable, Equatable {
    public var name: String
    public var type: ColumnType?
    public var role: ColumnRole?
    /// The name shown in reports and persona narratives.
    public var displayName: String?
    /// For ordinal columns: the levels from lowest to highest.
    public var levels: [String]?
    /// Human-readable labels for levels, such as `{"ONC": "oncologists"}`.
    public var labels: [String: String]?
    /// `false` for a column no rep or survey can ask a customer (a figure computed from the
    /// company's own sales data, say): it can still form segments, but the typing tool never
    /// makes it a question. Absent means askable.
    public var askable: Bool?
    /// `"log"` for a heavily skewed, non-negative numeric or integer column (spend, orders,
    /// visits): its values are taken as log(1 + x) before scaling when it is a feature
    /// (``ColumnTransform``). Absent means no transform.
    public var transform: ColumnTransform?
    /// The attitude battery this column is an item of (`"battery": "attitudes"`): the columns
    /// sharing a battery name are ordinal answers on one scale (agreement 1–5, say), checked for
    /// straight-lining and centred within respondents on request (``Battery``). Absent means none.
    public var battery: String?

    public init(name: String, type: ColumnType? = nil, role: ColumnRole? = nil, displayName: String? = nil,
                levels: [String]? = nil, labels: [String: String]? = nil, askable: Bool? = nil,
                transform: ColumnTransform? = nil, battery: String? = nil) {
        self.name = name
        self.type = type
        self.role = role
        self.displayName = displayName
        self.levels = levels
        self.labels = labels
        self.askable = askable
        self.transform = transform
        self.battery = battery
    }
}

extension ColumnSchema {
    /// Whether the column is read as the identifier: declared of type identifier, or given the
    /// identifier role with no type or type text (an identifier written as words is still kept,
    /// never withheld as free text). Its values are then the cells exactly as written.
    var readsAsIdentifier: Bool {
        type == .identifier || (role == .identifier && (type == nil || type == .text))
    }
}

extension Schema {
    /// Reads and checks a schema file.
    public static func load(from url: URL) throws(DataError) -> Schema {
        let name = url.lastPathComponent
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DataError(file: name, kind: .cannotRead(reason: error.localizedDescription))
        }
        return try decode(data, name: name)
    }

    /// Decodes and checks a schema from JSON bytes.
    public static func decode(_ data: Data, name: String) throws(DataError) -> Schema {
        func fail(_ message: String) -> DataError { DataError(file: name, kind: .schema(message)) }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            guard let syntax = JSONDiagnostics.syntaxError(in: data) else { throw fail("not valid JSON") }
            guard syntax.kind == .invalid else { throw fail(syntax.description) }
            throw DataError(file: name, line: syntax.line, kind: .schema("not valid JSON at column \(syntax.column)"))
        }
        guard let top = object as? [String: Any] else { throw fail("expected a JSON object at the top level") }
        let topKeys: Set = ["version", "delimiter", "missingValues", "columns"]
        if let unknown = top.keys.sorted().first(where: { !topKeys.contains($0) }) {
            throw fail("unknown key \"\(unknown)\" (expected one of \(topKeys.sorted().joined(separator: ", ")))")
        }
        let columnKeys: Set = ["name", "type", "role", "displayName", "levels", "labels", "askable", "transform", "battery"]
        for (index, column) in ((top["columns"] as? [Any]) ?? []).enumerated() {
            guard let fields = column as? [String: Any] else { throw fail("columns[\(index)] is not an object") }
            if let unknown = fields.keys.sorted().first(where: { !columnKeys.contains($0) }) {
                throw fail("columns[\(index)]: unknown key \"\(unknown)\" (expected one of "
                           + "\(columnKeys.sorted().joined(separator: ", ")))")
            }
        }
        let schema: Schema
        do {
            schema = try JSONDecoder().decode(Schema.self, from: data)
        } catch {
            throw fail(JSONDiagnostics.describe(error, in: data))
        }
        try schema.validate(name: name)
        return schema
    }

    func validate(name: String) throws(DataError) {
        func fail(_ message: String) -> DataError { DataError(file: name, kind: .schema(message)) }
        guard version == Schema.currentVersion else {
            throw fail("schema version \(version) is not supported (this is version \(Schema.currentVersion))")
        }
        if let delimiter, !([",", ";", "\t"].contains(delimiter)) {
            throw fail("delimiter must be \",\", \";\" or \"\\t\", found \"\(delimiter)\"")
        }
        var seen = Set<String>()
        for column in columns {
            guard seen.insert(column.name).inserted else { throw fail("column \"\(column.name)\" is declared twice") }
            if column.type == .ordinal && (column.levels ?? []).isEmpty {
                throw fail("column \"\(column.name)\" is ordinal but declares no levels")
            }
            if let levels = column.levels {
                if column.type != nil && column.type != .ordinal {
                    throw fail("column \"\(column.name)\" declares levels but is not ordinal")
                }
                if Set(levels).count != levels.count {
                    throw fail("column \"\(column.name)\" lists a level twice")
                }
            }
            if column.transform != nil, let type = column.type, !ColumnTransform.canTransform(type) {
                throw fail("column \"\(column.name)\" is \(type.rawValue) and cannot take a transform; only numeric "
                           + "and integer columns can be log-transformed (remove \"transform\" or declare the column numeric)")
            }
            if let battery = column.battery {
                if battery.trimmingCharacters(in: .whitespaces).isEmpty {
                    throw fail("column \"\(column.name)\" names an empty battery; give the battery a name such as \"attitudes\"")
                }
                if let type = column.type, !Battery.canBeItem(type) {
                    throw fail("column \"\(column.name)\" is \(type.rawValue) and cannot be an item of battery \"\(battery)\"; "
                               + "a battery's items are numbers on one scale (1–5, say): declare the column integer")
                }
            }
            if let role = column.role, let type = column.type {
                if role == .feature && !type.canBeFeature {
                    throw fail("column \"\(column.name)\" is \(type.rawValue) and cannot be a feature")
                }
                if role == .identifier && type != .identifier && type != .text {
                    throw fail("column \"\(column.name)\" has role identifier but is \(type.rawValue); an identifier "
                               + "is kept as the text it is written as: declare its type identifier (or leave the type out)")
                }
                if (role == .value || role == .potential || role == .weight) && !type.isNumericStorage {
                    throw fail("column \"\(column.name)\" has role \(role.rawValue) but is \(type.rawValue); "
                               + "value, potential and weight must be numeric")
                }
            }
        }
        for role in [ColumnRole.value, .potential, .weight, .identifier] where columns.filter({ $0.role == role }).count > 1 {
            throw fail("more than one column has role \(role.rawValue)")
        }
    }

    /// The schema as pretty-printed JSON with sorted keys (stable for version control).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
