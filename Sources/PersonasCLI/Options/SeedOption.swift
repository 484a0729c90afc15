import ArgumentParser

/// `--seed`: the random seed of every command that clusters or samples, 0 unless given, so the
/// same command line gives the same files whichever command it is.
struct SeedOption: ParsableArguments {
    @Option(help: "Random seed: the same seed gives the same result.")
    var seed: UInt64 = 0
}
