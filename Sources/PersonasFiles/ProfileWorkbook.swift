import Foundation
import PersonasProfiles
import PersonasWorkbook

/// `profile.xlsx`: the profile as a workbook an analyst sorts, filters and reads by colour, beside
/// `profile.csv` and from the same figures (`ProfileTable`'s), written through PersonasWorkbook's
/// table writer.
///
/// The sheets:
/// - **Traits**: one row per segment and trait, a trait being a numeric column or one level of a
///   level column: the segment, its persona, the trait (the schema's display name, else the column
///   name made readable) and level (its label), the segment's value (a mean, or a share of the
///   answers), the rest's (the other reported customers'), all customers', the index (segment ÷ all
///   × 100, where the mean is positive), the effect size against the rest (Cohen's d, on log(1 + x)
///   for a heavily skewed column, or Cohen's h for a level: the figures the personas are named
///   from, on one scale), what that effect size is, its adjusted p-value, and whether the trait
///   is among the segment's distinguishing ones. The index is colour-scaled around 100 and the
///   effect size around 0, blue below and red above, with the report's heat-map colours.
///
///   Long rather than a segment × trait matrix: a numeric trait and a level carry different
///   figures (a mean and a share), each row needs four figures and a p-value rather than one, and
///   a long sheet filters to one segment or one trait and sorts by effect size with Excel's own
///   filter buttons, which a matrix of one figure per cell cannot; it also stays as wide for 200
///   columns as for 5.
/// - **One sheet per segment** ("Segment 2 Digital-first specialists", cut to Excel's 31
///   characters) with its category mix: each level column's levels, the share of the segment's
///   answers and of all customers' holding it, the lift (the index) and Cohen's h, colour-scaled
///   alike. There are none when no column has levels.
///
/// What `profile.csv` withholds, this withholds: a suppressed segment keeps one row on "Traits"
/// (its number, its persona's name and a note), with no figure, and no sheet; rare levels were
/// pooled into `other` by the profile and never reach it; identifiers and free text are never
/// profiled, and no customer row is written. Every name and label is a text cell, never a formula.
public enum ProfileWorkbook {
    /// The first sheet's name.
    public static let traitsSheet = "Traits"

    /// The index's colour scale: blue at 40, white at 100, red at 250 (the report's heat map).
    static let indexScale = (low: 40.0, centre: 100.0, high: 250.0)
    /// The effect size's: blue at −0.8, white at 0, red at 0.8 (Cohen's "large" difference).
    static let effectScale = (low: -0.8, centre: 0.0, high: 0.8)

    /// The sheets of `document`'s workbook, "Traits" first.
    public static func tables(of document: PersonasDocument) -> [WorkbookTable] {
        let profiles = document.profiles
        let names = Dictionary(document.personas.map { ($0.segment, $0.name) }, uniquingKeysWith: { first, _ in first })
        let levelColumns = profiles.columns.filter { $0.kind == .levels }
        let mixed = levelColumns.isEmpty ? [] : profiles.segments.filter { !$0.suppressed }
        let sheetNames = WorkbookSheetName.unique([traitsSheet] + mixed.map { "Segment \($0.segment) \(names[$0.segment] ?? "")" })
        var tables = [traits(document, names: names, sheetName: sheetNames[0])]
        for (segment, name) in zip(mixed, sheetNames.dropFirst()) {
            tables.append(categoryMix(segment, profiles: profiles, sheetName: name))
        }
        return tables
    }

    /// Writes `profile.xlsx` into `folder` (atomically).
    /// - Parameters:
    ///   - document: the personas and their profiles.
    ///   - folder: the (staged) output folder.
    ///   - protectedInputs: the run's input files, never overwritten.
    /// - Throws: `OutputError` when the file cannot be written (`.inputOfThisRun`, `.readOnly`,
    ///   `.failed`); `WorkbookError` `.tooLarge` for a profile beyond a sheet's rows.
    public static func write(_ document: PersonasDocument, into folder: URL, protectedInputs: [URL]) throws {
        let tables = tables(of: document)
        try WorkbookOutputFile.write(folder.appendingPathComponent(OutputFileName.profileWorkbook),
                                     protectedInputs: protectedInputs) { url throws(WorkbookError) in
            try WorkbookTableWriter.write(tables, to: url)
        }
    }

    // MARK: Sheets

    private static let traitColumns = [
        WorkbookTableColumn(header: "Segment", width: 9, format: WorkbookNumberFormat("0")),
        WorkbookTableColumn(header: "Persona", width: 36),
        WorkbookTableColumn(header: "Trait", width: 30),
        WorkbookTableColumn(header: "Level", width: 22),
        WorkbookTableColumn(header: "Segment value", width: 14),
        WorkbookTableColumn(header: "Rest", width: 12),
        WorkbookTableColumn(header: "All customers", width: 14),
        WorkbookTableColumn(header: "Index", width: 9, format: .integer),
        WorkbookTableColumn(header: "Effect size", width: 11, format: .signedDecimal),
        WorkbookTableColumn(header: "Effect measure", width: 24),
        WorkbookTableColumn(header: "Adjusted p", width: 11, format: .probability),
        WorkbookTableColumn(header: "Distinguishing", width: 14),
    ]
    /// The columns of "Traits" the colour scales cover.
    static let traitsIndexColumn = 7, traitsEffectColumn = 8

    private static func traits(_ document: PersonasDocument, names: [Int: String], sheetName: String) -> WorkbookTable {
        let profiles = document.profiles
        var rows: [[WorkbookCell]] = []
        for segment in profiles.segments {
            let lead: [WorkbookCell] = [.number(Double(segment.segment)), .text(names[segment.segment] ?? "")]
            if segment.suppressed {
                rows.append(lead + [.text("suppressed: fewer customers than the minimum segment size, so no figure is shown")]
                            + Array(repeating: .empty, count: traitColumns.count - 3))
                continue
            }
            let numeric = Dictionary(segment.numeric.map { ($0.column, $0) }, uniquingKeysWith: { first, _ in first })
            let levels = Dictionary(segment.levels.map { ($0.column, $0) }, uniquingKeysWith: { first, _ in first })
            for column in profiles.columns {
                if let p = numeric[column.name] {
                    let logged = column.effectScale == "log1p"
                    rows.append(lead + [
                        .text(label(column)), .empty,
                        value(p.summary?.mean, .decimal), value(profiles.restMean(p, in: segment), .decimal),
                        value(column.numeric?.mean, .decimal), value(p.index), value(p.effectSize),
                        .text(logged ? "Cohen's d on log(1 + x)" : "Cohen's d"), value(p.adjustedP),
                        .text(direction(segment, column.name, level: nil)),
                    ])
                } else if let p = levels[column.name] {
                    for level in p.levels {
                        rows.append(lead + [
                            .text(label(column)), .text(level.label),
                            value(level.share, .percent), value(profiles.restShare(level, of: p, in: segment), .percent),
                            value(level.populationShare, .percent), value(level.index), value(level.effectSize),
                            .text("Cohen's h"), value(p.adjustedP),
                            .text(direction(segment, column.name, level: level.level)),
                        ])
                    }
                }
            }
        }
        return WorkbookTable(name: sheetName, columns: traitColumns, rows: rows, colourScales: [
            .diverging(column: traitsIndexColumn, low: indexScale.low, centre: indexScale.centre, high: indexScale.high),
            .diverging(column: traitsEffectColumn, low: effectScale.low, centre: effectScale.centre, high: effectScale.high),
        ])
    }

    private static let mixColumns = [
        WorkbookTableColumn(header: "Trait", width: 30),
        WorkbookTableColumn(header: "Level", width: 26),
        WorkbookTableColumn(header: "Share in segment", width: 16, format: .percent),
        WorkbookTableColumn(header: "Share overall", width: 14, format: .percent),
        WorkbookTableColumn(header: "Lift (index)", width: 12, format: .integer),
        WorkbookTableColumn(header: "Effect size (Cohen's h)", width: 22, format: .signedDecimal),
    ]

    private static func categoryMix(_ segment: SegmentProfile, profiles: SegmentProfiles, sheetName: String) -> WorkbookTable {
        let levels = Dictionary(segment.levels.map { ($0.column, $0) }, uniquingKeysWith: { first, _ in first })
        var rows: [[WorkbookCell]] = []
        for column in profiles.columns where column.kind == .levels {
            for level in levels[column.name]?.levels ?? [] {
                rows.append([.text(label(column)), .text(level.label), value(level.share), value(level.populationShare),
                             value(level.index), value(level.effectSize)])
            }
        }
        return WorkbookTable(name: sheetName, columns: mixColumns, rows: rows, colourScales: [
            .diverging(column: 4, low: indexScale.low, centre: indexScale.centre, high: indexScale.high),
            .diverging(column: 5, low: effectScale.low, centre: effectScale.centre, high: effectScale.high),
        ])
    }

    // MARK: Cells

    /// A figure, or an empty cell when it is undefined.
    private static func value(_ x: Double?, _ format: WorkbookNumberFormat? = nil) -> WorkbookCell {
        x.map { .number($0, format: format) } ?? .empty
    }

    /// The trait as a reader knows it: the schema's display name, else the column name made readable.
    static func label(_ column: ProfiledColumn) -> String {
        column.displayName != column.name ? column.displayName : TreeFeature.readable(column.name)
    }

    /// "higher" or "lower" when the column (or level) is one of the segment's distinguishing traits.
    private static func direction(_ segment: SegmentProfile, _ column: String, level: String?) -> String {
        if segment.overIndexed.contains(where: { $0.column == column && $0.level == level }) { return "higher" }
        if segment.underIndexed.contains(where: { $0.column == column && $0.level == level }) { return "lower" }
        return ""
    }
}
