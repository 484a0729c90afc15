import ArgumentParser
import PersonasData
import PersonasProfiles

/// `--weight COLUMN`: the survey weight of every respondent, for `profile`, `typing-tool` and
/// `segment`. The column takes the weight role (never a feature nor a question) and every cell is
/// checked before any work (a finite number above 0), so a bad cell stops the command at its line.
struct WeightOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The survey-weight column (a number above 0 per respondent): shares, means, accuracies and the typing tool are "
            + "weighted, tests use Kish's effective sample size, and segment sizes are projected onto the universe.",
        valueName: "column"))
    var weight: String?

    /// Gives the column the weight role in `table` and returns its checked weights (nil without
    /// `--weight`).
    func apply(to table: inout DataTable) throws -> [Double]? {
        guard let weight else { return nil }
        try table.assignRole(.weight, toColumn: weight)
        return try table.weights(column: weight)
    }
}

/// `--weight` and `--universe` for the commands that profile (`profile`, `segment`).
struct ProjectionOptions: ParsableArguments {
    @OptionGroup var weight: WeightOption

    @Option(help: ArgumentHelp("Customers in the universe the weighted segments are projected onto (default: the sum of "
                               + "the weights).", valueName: "count"))
    var universe: Double?

    func validate() throws {
        if let universe {
            guard universe.isFinite && universe > 0 else { throw ValidationError("--universe must be a number above 0") }
            guard weight.weight != nil else { throw ValidationError("--universe projects weighted segments: give --weight too") }
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
