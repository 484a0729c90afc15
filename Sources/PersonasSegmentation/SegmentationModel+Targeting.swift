import PersonasData
import PersonasProfiles

extension SegmentationModel {
    /// The rules the model's targeting used: the ones `segment` was given (saved with the
    /// personas), else the standard rules.
    public var targetingRules: TargetingRules { personas.targeting?.rules ?? .standard }

    /// Each customer's own tier and channel: the model's targeting rules applied to the value and
    /// potential of `table`'s rows, segmented as `labels`. The rules' quantiles are taken over
    /// `table` itself, so the training table gets the tiers `segment` gave it.
    /// - Returns: nil when the model has no value and potential column, or `table` lacks them.
    /// - Throws: `ProfileError` when those columns are not numeric.
    public func customerTargets(_ table: DataTable, labels: [Int32]) throws(ProfileError) -> CustomerTargets? {
        let profiles = personas.profiles
        guard let value = profiles.valueColumn, let potential = profiles.potentialColumn,
              table[value] != nil, table[potential] != nil else { return nil }
        return try Targeting.run(table, labels: labels, valueColumn: value, potentialColumn: potential,
                                 rules: targetingRules).1
    }
}
