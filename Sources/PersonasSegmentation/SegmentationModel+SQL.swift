import PersonasData
import PersonasProfiles

extension SegmentationModel {
    /// One SQL query that scores every row of `table` as ``assign(_:)`` does: the saved
    /// preparation, then the nearest center (lowest segment on ties), its name and distance, and
    /// the typing tool's segment when the model has one.
    ///
    /// The table needs the training file's columns under the same names, raw as in the file
    /// (booleans as their words or 0/1, dates as ISO 8601 text or dates), with missing values as
    /// `NULL`. The features are computed in the library's order of operations, so on an engine
    /// with IEEE doubles (SQLite, DuckDB, PostgreSQL) the segments match the library's exactly
    /// (after PCA, up to ties within rounding). A row whose features cannot be computed (an
    /// ordinal level the model never saw) gets a `NULL` segment.
    ///
    /// - Parameters:
    ///   - table: The table to score (a name, quoted as an identifier).
    ///   - keyColumns: Columns copied first into the result; by default the training table's
    ///     identifier column.
    public func sql(table: String, keyColumns: [String]? = nil, dialect: SQLDialect = .ansi) -> String {
        let keys = (keyColumns ?? identifierColumn.map { [$0] } ?? []).map(SQLText.identifier)
        func list(_ items: [String]) -> String { items.joined(separator: ",\n    ") }
        let features = preparation.featureSQL(dialect: dialect)
        let components = preparation.componentSQL()
        let tree = typingTool
        let typedSegment = SQLText.identifier("typing_tool_segment")

        // 1. Raw columns in the library's representation.
        var typedColumns = preparation.inputColumns
        if let tree {
            let known = Set(typedColumns.map(\.name))
            for feature in tree.features where !known.contains(feature.name) && tree.questions.contains(feature.name) {
                typedColumns.append((feature.name, questionTypes?[feature.name] ?? feature.fallbackColumnType))
            }
        }
        let typedList = typedColumns.map {
            "\(Preparation.typedColumnSQL($0.name, type: $0.type, dialect: dialect)) AS \(SQLText.identifier($0.name))"
        }
        var sql = """
            -- Personas segmentation model (format \(formatVersion), \(method.rawValue), seed \(seed)): \(k) segments.
            -- Scores \(SQLText.identifier(table)): the saved preparation, then the nearest of the \(k) centers.
            -- Columns as in the training file, missing values as NULL. Dialect: \(dialect.rawValue).
            WITH typed AS (
              SELECT
                \(list(keys + typedList))
              FROM \(SQLText.identifier(table))
            ),

            """

        // 2. Features (and the typing tool, which asks about typed columns).
        let carried = keys + (tree == nil ? [] : [typedSegment])
        let treeItem = tree.map { ["CAST(\($0.sqlCaseExpression(indent: "    ")) AS INTEGER) AS \(typedSegment)"] } ?? []
        sql += """
            prepared AS (
              SELECT
                \(list(keys + treeItem + features.map { "\($0.expression) AS \(SQLText.identifier($0.name))" }))
              FROM typed
            ),

            """
        var featureSource = "prepared"
        var coordinates = features.map(\.name)
        if let components {
            sql += """
                projected AS (
                  SELECT
                    \(list(carried + components.map { "\($0.expression) AS \(SQLText.identifier($0.name))" }))
                  FROM prepared
                ),

                """
            featureSource = "projected"
            coordinates = components.map(\.name)
        }

        // 3. Squared distances to each center, summed in feature order like the library.
        let distance = (0..<k).map { SQLText.identifier("distance2_\($0)") }
        let distanceItems = (0..<k).map { j in
            let terms = coordinates.indices.map { q in
                let difference = "(\(SQLText.identifier(coordinates[q])) - \(SQLText.double(centers[j, q])))"
                return "\(difference) * \(difference)"
            }
            return "\(terms.joined(separator: "\n      + ")) AS \(distance[j])"
        }
        sql += """
            distances AS (
              SELECT
                \(list(carried + distanceItems))
              FROM \(featureSource)
            ),

            """

        // 4. The first nearest center: segment j when its distance is at most every other's
        // (earlier WHENs took the lower segments, so this is the lowest index on ties).
        let choices = (0..<k).map { j in
            let others = (0..<k).filter { $0 != j }.map { "\(distance[j]) <= \(distance[$0])" }
            return "WHEN \(others.isEmpty ? "1 = 1" : others.joined(separator: " AND ")) THEN \(j)"
        }
        sql += """
            nearest AS (
              SELECT
                \(list(carried + distance)),
                CASE WHEN \(distance[0]) IS NULL THEN NULL
                  \(choices.joined(separator: "\n      "))
                END AS segment
              FROM distances
            )

            """
        let names = segmentNames.enumerated().map { "WHEN \($0) THEN \(SQLText.text($1))" }
        let chosen = (0..<k).map { "WHEN \($0) THEN \(distance[$0])" }
        sql += """
            SELECT
              \(keys.map { $0 + ", " }.joined())segment,
              CASE segment \(names.joined(separator: " ")) END AS segment_name,
              SQRT(CASE segment \(chosen.joined(separator: " ")) END) AS distance\(tree == nil ? "" : ",\n  \(typedSegment)")
            FROM nearest;

            """
        return sql
    }
}

extension TreeFeature {
    /// The column type to read a question's column as when the model does not record it.
    var fallbackColumnType: ColumnType {
        switch kind {
        case .numeric: .numeric
        case .categorical: .categorical
        case .ordinal: .ordinal
        }
    }
}
