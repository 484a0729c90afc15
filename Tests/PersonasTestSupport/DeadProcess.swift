import Foundation

/// The id of a process that has ended: what a run killed outright leaves in the names of its
/// hidden staging and set-aside folders.
public func deadProcessIdentifier() throws -> Int32 {
    let finished = Process()
    finished.executableURL = URL(fileURLWithPath: "/bin/true")
    try finished.run()
    finished.waitUntilExit()
    return finished.processIdentifier
}
