/// A library error reported on one line with the input it concerns ("x.npy: column 2 of the data
/// spans …"), for errors whose own text cannot name the file. ArgumentParser prints it after
/// `Error: ` with no usage lines (unlike `ValidationError`).
struct CommandFailure: Error, CustomStringConvertible {
    var description: String

    init(_ file: String, _ error: any Error) {
        description = "\(file): \(error)"
    }
}
