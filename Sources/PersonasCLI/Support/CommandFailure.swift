/// A problem with the files or values a command was given, found while it runs, reported on one
/// line. ArgumentParser prints it after `Error: ` with no usage lines (a `ValidationError` adds the
/// command's usage, which is right for a mistyped option and noise for a data problem).
struct CommandFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }

    /// A library error whose own text cannot name the file ("x.npy: column 2 of the data spans …"),
    /// with the command line's advice for its kind (``ErrorAdvice``).
    init(_ file: String, _ error: any Error) {
        description = "\(file): \(ErrorAdvice.line(for: error))"
    }
}
