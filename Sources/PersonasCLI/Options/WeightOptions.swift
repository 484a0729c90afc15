import ArgumentParser
import PersonasData
import PersonasProfiles

/// `--weight COLUMN`: the survey weight of every respondent, for `profile`, `typing-tool`,
/// `kmeans` and `segment`. The column takes the weight role (never a feature nor a question) and every cell is
/// checked before any work (a finite number above 0), so a bad cell stops the command at its line.
struct WeightOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The survey-weight column (default: the schema's weight role), a number above 0 per respondent: the "
            + "segments, shares, means, accuracies and the typing tool are weighted, and tests use Kish's effective "
            + "sample size.",
        valueName: "column"))
    var weight: String?

    /// Gives the column the weight role in `table` and returns its checked weights: those of
    /// `--weight`, else of the schema's weight role, else nil.
    func apply(to table: inout DataTable) throws -> [Double]? {
        if let weight { try table.assignRole(.weight, toColumn: weight) }
        guard let column = table.weightColumn else { return nil }
        return try table.weights(column: column.name)
    }
}

/// `--weight` and `--universe` for the commands that profile (`profile`, `segment`).
struct ProjectionOptions: ParsableArguments {
    @OptionGroup var weight: WeightOption

    @Option(help: ArgumentHelp("Customers in the universe the weighted segments are projected onto, with 95% intervals "
                               + "(default: the sum of the weights).", valueName: "count"))
    var universe: Double?

    func validate() throws {
        if let universe, !(universe.isFinite && universe > 0) { throw ValidationError("--universe must be a number above 0") }
    }

    /// ``WeightOption/apply(to:)``, refusing `--universe` when the table ends up unweighted.
    func apply(to table: inout DataTable) throws {
        let weights = try weight.apply(to: &table)
        if universe != nil && weights == nil {
            throw CommandFailure("--universe projects weighted segments: give the weight column with --weight "
                                 + "(or a schema role weight)")
        }
    }

    /// `configuration` with the weight column and universe size set.
    func configure(_ configuration: ProfileConfiguration) -> ProfileConfiguration {
        var configured = configuration
        configured.weightColumn = weight.weight
        configured.universeSize = universe
        return configured
    }
}
