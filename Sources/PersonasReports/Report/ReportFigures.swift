import Foundation
import PersonasData
import PersonasProfiles
import PersonasSegmentation

/// What ``SegmentationReport`` draws beyond the saved model: the run's facts and the figures the
/// customer table and the fit gave (the value curve, the map, the choice of k, the typing tool's
/// hold-out), none of which `model.json` keeps.
///
/// `segment` saves them beside the report (`report.json`) so that the report and every chart can
/// be drawn again with edited persona names (`SegmentationFolderRename`), without the customer
/// table and without refitting, and come out as the same run with the same edits would draw them.
/// The persona names, tiers and channels are not here: they come from the model, which the edit
/// changes.
///
/// Nothing here is more than the report already shows: no identifier, no row number, no value
/// column's own figures (the curve is of cumulative shares, as drawn), and no figure of a segment
/// withheld as too small (its customers are on neither the curve nor the map). The map's points are the chart's, kept to four significant
/// digits (about a tenth of a pixel on the chart) and sorted, so no point leads back to its row.
public struct ReportFigures: Codable, Sendable, Equatable {
    /// A share of the customers against a share of the value.
    public struct Share: Codable, Sendable, Equatable {
        public var customers: Double
        public var value: Double
    }

    /// The value-concentration curve, as the report computes it (`ValueConcentration`).
    public struct ValueCurve: Codable, Sendable, Equatable {
        /// (share of customers, share of total value), from (0, 0) to (1, 1).
        public var points: [Share]
        /// The headline shares ("the top 20% hold …").
        public var topShares: [Share]
        /// Customers in the curve, and those of them without a value (counted as 0).
        public var customerCount: Int
        public var missingCount: Int

        init(_ curve: ValueConcentration) {
            points = curve.points.map { Share(customers: $0.customers, value: $0.value) }
            topShares = curve.topShares.map { Share(customers: $0.customers, value: $0.value) }
            customerCount = curve.customerCount
            missingCount = curve.missingCount
        }
    }

    /// A point of the customer map.
    public struct Point: Codable, Sendable, Equatable {
        public var x: Double
        public var y: Double
    }

    /// The shares of variance of the map's axes (the second nil with one feature).
    public struct VarianceShares: Codable, Sendable, Equatable {
        public var first: Double
        public var second: Double?
    }

    /// The customer map as drawn: the sampled customers' points and segments, no row numbers.
    public struct CustomerMapFigure: Codable, Sendable, Equatable {
        /// Each sampled customer's point and segment, by segment and then by point: nothing
        /// places a point at its row of the table.
        public var coordinates: [Point]
        public var segments: [Int32]
        public var explainedVariance: VarianceShares
        /// The customers the sample was drawn from (those of reported segments).
        public var totalCustomers: Int

        init(_ map: CustomerMap, totalCustomers: Int) {
            let points = map.coordinates.map { Point(x: Self.rounded($0.x), y: Self.rounded($0.y)) }
            let order = points.indices.sorted {
                (map.segments[$0], points[$0].x, points[$0].y, $0) < (map.segments[$1], points[$1].x, points[$1].y, $1)
            }
            coordinates = order.map { points[$0] }
            segments = order.map { map.segments[$0] }
            explainedVariance = VarianceShares(first: map.explainedVariance.first, second: map.explainedVariance.second)
            self.totalCustomers = totalCustomers
        }

        /// `value` to four significant digits: as fine as the chart draws it, and no finer.
        static func rounded(_ value: Double) -> Double {
            guard value.isFinite, value != 0 else { return value }
            let scale = pow(10, 3 - floor(log10(abs(value))))
            guard scale.isFinite, scale > 0 else { return value }
            return (value * scale).rounded() / scale
        }
    }

    /// The choice of k: its headline and each criterion's sentence.
    public struct ChooseKFigures: Codable, Sendable, Equatable {
        public var summary: String
        public var reasons: [String]
    }

    /// The delivered typing tool's measurement (the tool itself is in the model).
    public struct TypingToolFigures: Codable, Sendable, Equatable {
        public var method: TypingToolMethod
        /// The share of held-out customers it places right.
        public var holdOutAccuracy: Double
        /// "5 questions (…); right for 87.1% of 1,250 held-out customers (…)".
        public var summary: String
        /// Why this method was chosen over the other, when both were built.
        public var choice: String?
    }

    /// The customer table's name as given, and its rows.
    public var source: String
    public var rows: Int
    /// Prepared features the segments were found in.
    public var featureCount: Int
    /// The value column's display name, when there is one.
    public var valueName: String?
    /// The run's warnings, as shown at the top of the page.
    public var warnings: [String]
    public var valueCurve: ValueCurve?
    public var chooseK: ChooseKFigures?
    public var customerMap: CustomerMapFigure?
    public var typingTool: TypingToolFigures?
    /// The distribution of each segment's probabilities, for a model-based method (nil otherwise).
    public var membership: Membership?

    /// The figures of `result`, run on `table`, sampled and bounded by `options`.
    ///
    /// - Parameters:
    ///   - result: the segmentation whose report this is.
    ///   - table: the customer table it ran on (the value curve and the customer map's sample
    ///     come from it; nothing of it is kept beyond those figures).
    ///   - options: the report's samples and bounds (the curve's points, the map's sample size).
    public init(_ result: SegmentationResult, table: DataTable, options: SegmentationReport.Options = .init()) {
        let model = result.model
        let profiles = model.personas.profiles
        // A suppressed segment's customers are drawn in no chart: not on the value curve and not
        // on the map (a few points would place them).
        let hidden = Set(profiles.segments.filter(\.suppressed).map(\.segment))
        let shown: [Int]? = hidden.isEmpty ? nil : result.labels.indices.filter { !hidden.contains(Int(result.labels[$0])) }
        let valueColumn = profiles.valueColumn.flatMap { table[$0] }
        source = table.source
        rows = table.rowCount
        featureCount = result.featureNames.count
        valueName = valueColumn.map(\.displayName)
        warnings = result.warnings
        valueCurve = valueColumn?.numbers.flatMap { values in
            ValueConcentration(values: shown.map { $0.map { values[$0] } } ?? values, points: options.curvePoints)
        }.map(ValueCurve.init)
        chooseK = result.chooseK.map { ChooseKFigures(summary: $0.summary, reasons: $0.votes.map(\.reason)) }
        let mapped = shown.map { rows in (result.features.rows(at: rows), rows.map { result.labels[$0] }) }
            ?? (result.features, result.labels)
        customerMap = CustomerMap(features: mapped.0, labels: mapped.1, sampleSize: options.mapSampleSize, seed: model.seed)
            .map { CustomerMapFigure($0, totalCustomers: mapped.1.count) }
        membership = Membership(result.assignments, k: model.k, hidden: hidden)
        typingTool = result.typingTool.map {
            TypingToolFigures(method: $0.method, holdOutAccuracy: $0.holdOut.accuracy, summary: ReportPage.typingToolSummary($0),
                              choice: $0.choice)
        }
    }
}
