import Foundation
import PersonasData
import PersonasNumerics

/// What applying a tree does with a level it never saw in training.
public enum UnseenLevelPolicy: String, Sendable, Codable {
    /// Throw ``TypingToolError/unseenLevel(column:level:row:)``.
    case error
    /// Treat the cell as missing: it follows the node's default (missing-value) direction. The documented
    /// default path, and what the SQL export does (an unseen level is neither in nor out of a list, so the
    /// SQL `ELSE`-free form below sends it the missing way too).
    case treatAsMissing
}

extension DecisionTree {
    /// The table's columns arranged as this tree's features (matched by name).
    ///
    /// Numeric features accept numeric-storage columns; level features accept level columns (levels
    /// matched by text) or numeric ones (their cells read as text, so a level "3" read as the number 3
    /// still matches). Unseen levels follow `unseen`. Columns the tree never asks about may be absent.
    public func encode(_ table: DataTable, unseen: UnseenLevelPolicy = .treatAsMissing) throws(TypingToolError) -> TreeDataset {
        try TreeDataset(encoding: table, as: features, asked: Set(usedFeatures), unseen: unseen)
    }

    /// The class index of every row of `table` (see ``encode(_:unseen:)``).
    public func predict(_ table: DataTable, unseen: UnseenLevelPolicy = .treatAsMissing) throws(TypingToolError) -> [Int32] {
        predict(try encode(table, unseen: unseen))
    }

    /// The class index of every row; level codes -2 (unseen) and -1 (missing) follow the default direction.
    /// Rows are processed in parallel chunks of 16,384.
    public func predict(_ data: TreeDataset) -> [Int32] {
        let flat = FlatTree(self)
        let n = data.rowCount
        var out = [Int32](repeating: 0, count: n)
        let numbers: [[Double]] = data.columns.map { if case .numbers(let v) = $0 { v } else { [] } }
        let codes: [[Int32]] = data.columns.map { if case .codes(let c) = $0 { c } else { [] } }
        out.withUnsafeMutableBufferPointer { out in
            ParallelFor.forEachRange(count: n, chunkSize: 16_384) { range in
                for r in range { out[r] = flat.leaf(row: r, numbers: numbers, codes: codes) }
            }
        }
        return out
    }

    /// The leaf index (into ``nodes``) reached by each row.
    public func leaves(_ data: TreeDataset) -> [Int] {
        let flat = FlatTree(self)
        let numbers: [[Double]] = data.columns.map { if case .numbers(let v) = $0 { v } else { [] } }
        let codes: [[Int32]] = data.columns.map { if case .codes(let c) = $0 { c } else { [] } }
        return (0..<data.rowCount).map { flat.leafNode(row: $0, numbers: numbers, codes: codes) }
    }
}

extension TreeDataset {
    /// The table's columns arranged as `features` (matched by name), for applying a typing tool.
    ///
    /// Numeric features accept numeric-storage columns; level features accept level columns (levels
    /// matched by text) or numeric ones (their cells read as text, so a level "3" read as the number 3
    /// still matches). Unseen levels follow `unseen`. Only the features at `used` are read: the others
    /// may be absent from the table and get empty columns.
    public init(encoding table: DataTable, as features: [TreeFeature], asked used: Set<Int>,
                unseen: UnseenLevelPolicy) throws(TypingToolError) {
        var columns: [TreeDataset.Values] = []
        for (f, feature) in features.enumerated() {
            guard used.contains(f) else {
                columns.append(feature.kind == .numeric ? .numbers([]) : .codes([]))
                continue
            }
            guard let column = table[feature.name] else { throw .missingColumn(feature.name) }
            switch (feature.kind, column.values) {
            case (.numeric, .numbers(let v)):
                columns.append(.numbers(v))
            case (.numeric, .levels):
                throw .wrongType(column: feature.name, expected: "numeric", found: column.type.rawValue)
            case (_, .withheld):
                throw .wrongType(column: feature.name, expected: feature.kind.rawValue, found: column.type.rawValue)
            case (_, .levels(let codes, let levels)):
                let lookup = Dictionary(uniqueKeysWithValues: (feature.levels ?? []).enumerated().map { ($1, Int32($0)) })
                let mapped = levels.map { lookup[$0] ?? -2 }
                var out = [Int32](repeating: -1, count: codes.count)
                for r in codes.indices where codes[r] >= 0 {
                    let code = mapped[Int(codes[r])]
                    if code == -2 && unseen == .error {
                        throw .unseenLevel(column: feature.name, level: levels[Int(codes[r])], row: r)
                    }
                    out[r] = code
                }
                columns.append(.codes(out))
            case (_, .numbers(let numbers)):
                let lookup = Dictionary(uniqueKeysWithValues: (feature.levels ?? []).enumerated().map { ($1, Int32($0)) })
                var out = [Int32](repeating: -1, count: numbers.count)
                for r in numbers.indices where !numbers[r].isNaN {
                    let text = column.text(atRow: r)
                    if let code = lookup[text] { out[r] = code } else {
                        if unseen == .error { throw .unseenLevel(column: feature.name, level: text, row: r) }
                        out[r] = -2
                    }
                }
                columns.append(.codes(out))
            }
        }
        self.init(features: features, columns: columns, rowCount: table.rowCount)
    }
}

/// Structure-of-arrays copy of the nodes for applying: level sets as per-node bit tables.
struct FlatTree {
    let feature: [Int32]
    let threshold: [Double]
    let left: [Int32]
    let right: [Int32]
    let missingLeft: [Bool]
    let segment: [Int32]
    /// Offset of node's level table in `levelBits` (-1: numeric).
    let levelOffset: [Int32]
    let levelBits: [Bool]

    init(_ tree: DecisionTree) {
        var levelOffset: [Int32] = []
        var bits: [Bool] = []
        for node in tree.nodes {
            if let set = node.leftLevels {
                levelOffset.append(Int32(bits.count))
                var table = [Bool](repeating: false, count: tree.features[node.feature].levels?.count ?? 0)
                for l in set where l < table.count { table[l] = true }
                bits += table
            } else {
                levelOffset.append(-1)
            }
        }
        feature = tree.nodes.map { Int32($0.feature) }
        threshold = tree.nodes.map { $0.threshold ?? 0 }
        left = tree.nodes.map { Int32($0.left) }
        right = tree.nodes.map { Int32($0.right) }
        missingLeft = tree.nodes.map(\.missingGoesLeft)
        segment = tree.nodes.map { Int32($0.segment) }
        self.levelOffset = levelOffset
        levelBits = bits
    }

    @inline(__always)
    func leafNode(row r: Int, numbers: [[Double]], codes: [[Int32]]) -> Int {
        var i = 0
        while true {
            let f = Int(feature[i])
            if f < 0 { return i }
            let goLeft: Bool
            let offset = levelOffset[i]
            if offset < 0 {
                let v = numbers[f][r]
                goLeft = v.isNaN ? missingLeft[i] : v <= threshold[i]
            } else {
                let code = Int(codes[f][r])
                goLeft = code < 0 ? missingLeft[i] : levelBits[Int(offset) + code]
            }
            i = Int(goLeft ? left[i] : right[i])
        }
    }

    @inline(__always)
    func leaf(row r: Int, numbers: [[Double]], codes: [[Int32]]) -> Int32 {
        segment[leafNode(row: r, numbers: numbers, codes: codes)]
    }
}
