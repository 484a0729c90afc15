import PersonasData
import PersonasProfiles

extension SegmentationModel {
    /// One SQL query that scores every row of `table` as ``assign(_:)`` does: the saved
    /// preparation, then the nearest center (lowest segment on ties), its name and distance, and
    /// the typing tool's segment when the model has one.
    ///
    /// The table needs the training file's columns under the same names, natively typed or all
    /// text: each is read through `Preparation.typedColumnSQL(_:type:dialect:)` (empty cells and
    /// missing-value markers as `NULL`, numbers by the engine's try-cast, booleans from their
    /// words or 0/1, dates from ISO 8601 text or dates). The features are computed in the
    /// library's order of operations, so on an engine with IEEE doubles the segments match the
    /// library's exactly (after PCA, up to ties within rounding). A row whose features cannot be
    /// computed (a cell that is not a number in a number column, an ordinal level the model never
    /// saw) gets a `NULL` segment, where ``assign(_:)`` refuses the file.
    ///
    /// A model with a Gaussian ``mixture`` scores each segment's log-density plus its log weight
    /// as sums of products over the prepared features (`mixtureSQL(_:source:coordinates:carried:distances:dialect:)`)
    /// and takes the most probable (the lowest segment on ties); its `distance` is still to the
    /// segment's center, the component's mean. The sums run in another order than the library's
    /// matrix products, so a row whose two best segments tie within rounding may differ.
    ///
    /// A model with a ``latentClass`` model scores each segment's points per answer over the typed
    /// columns (`latentClassScoreSQL(_:dialect:)`) and takes the highest (the lowest segment on
    /// ties), as ``assign(_:)`` does; its `distance` is to the segment's mean prepared features.
    ///
    /// - Parameters:
    ///   - table: The table to score (a name, quoted as an identifier).
    ///   - keyColumns: Columns copied first into the result; by default the training table's
    ///     identifier column.
    ///   - dialect: The SQL dialect to spell identifiers, literals and casts in.
    public func sql(table: String, keyColumns: [String]? = nil, dialect: SQLDialect = .ansi) -> String {
        let keys = (keyColumns ?? identifierColumn.map { [$0] } ?? []).map(dialect.identifier)
        func list(_ items: [String]) -> String { items.joined(separator: ",\n    ") }
        let features = preparation.featureSQL(dialect: dialect)
        let components = preparation.componentSQL(dialect: dialect)
        let tree = typingTool
        let typedSegment = dialect.identifier("typing_tool_segment")
        let unreadable = dialect.identifier(Preparation.unreadableFlag)

        // 1. Raw columns in the library's representation.
        var typedColumns = preparation.inputColumns
        if let tree {
            let known = Set(typedColumns.map(\.name))
            typedColumns += tree.questionColumns(types: questionTypes ?? [:]).filter { !known.contains($0.name) }
        }
        let typedList = typedColumns.map {
            "\(Preparation.typedColumnSQL($0.name, type: $0.type, dialect: dialect)) AS \(dialect.identifier($0.name))"
        } + ["\(Preparation.unreadableSQL(typedColumns, dialect: dialect)) AS \(unreadable)"]
        var sql = """
            -- Personas segmentation model (format \(formatVersion), \(method.rawValue), seed \(seed)): \(k) segments.
            -- Scores one table: the saved preparation, then \(mixture.map { "the most probable of the \(k) segments of the Gaussian mixture (\($0.covarianceType.rawValue) covariances)" } ?? (latentClass == nil ? "the nearest of the \(k) centers" : "the most probable of the \(k) latent classes (points per answer)")).
            -- Columns as in the training file, native types or text (empty cells are missing). Dialect: \(dialect.rawValue).
            WITH \(dialect.commonTable("typed")) (
              SELECT
                \(list(keys + typedList))
              FROM \(dialect.identifier(table))
            ),

            """

        // 2. Features (and the typing tool, which asks about typed columns). A row with a cell its
        // column's type cannot read gets no typing-tool segment (and below, no segment).
        let classScores = latentClass.map { latentClassScoreSQL($0, dialect: dialect) } ?? []
        let carried = keys + [unreadable] + (tree == nil ? [] : [typedSegment]) + (latentClass == nil ? [] : Self.classScoreColumns(k, dialect))
        let treeItem = tree.map {
            ["CASE WHEN \(unreadable) = 0 THEN CAST(\($0.sqlCaseExpression(indent: "    ", dialect: dialect)) AS INTEGER) END AS \(typedSegment)"]
        } ?? []
        sql += """
            \(dialect.commonTable("prepared")) (
              SELECT
                \(list(keys + [unreadable] + treeItem + classScores + features.map { "\($0.expression) AS \(dialect.identifier($0.name))" }))
              FROM typed
            ),

            """
        var featureSource = "prepared"
        var coordinates = features.map(\.name)
        if let components {
            sql += """
                \(dialect.commonTable("projected")) (
                  SELECT
                    \(list(carried + components.map { "\($0.expression) AS \(dialect.identifier($0.name))" }))
                  FROM prepared
                ),

                """
            featureSource = "projected"
            coordinates = components.map(\.name)
        }

        // 3. Squared distances to each center, summed in feature order like the library.
        let distance = (0..<k).map { dialect.identifier("distance2_\($0)") }
        let distanceItems = (0..<k).map { j in
            let terms = coordinates.indices.map { q in
                let difference = "(\(dialect.identifier(coordinates[q])) - \(SQLText.double(centers[j, q])))"
                return "\(difference) * \(difference)"
            }
            return "\(terms.joined(separator: "\n      + ")) AS \(distance[j])"
        }
        // A mixture chooses by its log-densities (the highest), computed beside the distances.
        let scores: [String], better: String, scoreSource: String
        if let mixture {
            sql += mixtureSQL(mixture, source: featureSource, coordinates: coordinates, carried: carried,
                              distances: distanceItems, dialect: dialect)
            (scores, better, scoreSource) = (Self.logDensityColumns(k, dialect), ">=", "densities")
        } else {
            sql += """
                \(dialect.commonTable("distances")) (
                  SELECT
                    \(list(carried + distanceItems))
                  FROM \(featureSource)
                ),

                """
            (scores, better, scoreSource) = latentClass == nil ? (distance, "<=", "distances")
                : (Self.classScoreColumns(k, dialect), ">=", "distances")
        }

        // 4. The first best segment: segment j when its distance is at most (its log-density at
        // least) every other's (earlier WHENs took the lower segments, so this is the lowest
        // index on ties).
        let choices = (0..<k).map { j in
            let others = (0..<k).filter { $0 != j }.map { "\(scores[j]) \(better) \(scores[$0])" }
            return "WHEN \(others.isEmpty ? "1 = 1" : others.joined(separator: " AND ")) THEN \(j)"
        }
        sql += """
            \(dialect.commonTable("nearest")) (
              SELECT
                \(list(carried + distance)),
                CASE WHEN \(unreadable) = 1 OR \(scores[0]) IS NULL THEN NULL
                  \(choices.joined(separator: "\n      "))
                END AS segment
              FROM \(scoreSource)
            )

            """
        let names = segmentNames.enumerated().map { "WHEN \($0) THEN \(dialect.text($1))" }
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
