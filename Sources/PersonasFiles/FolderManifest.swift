import Foundation
import PersonasData

/// The list of entries a run wrote into its output folder (``OutputFileName/manifest``), written
/// last into the staged folder. `--force` replaces a folder only when every entry in it is listed
/// here, so it can never delete a file someone put there.
struct FolderManifest: Codable, Equatable {
    /// The command that wrote the folder (`segment`, `kmeans`, …).
    var command: String
    /// Every entry, relative to the folder, sorted; folders end with `/`. The manifest is not listed.
    var files: [String]

    /// Every entry under `folder` as the manifest lists them, the manifest itself left out.
    static func entries(of folder: URL) -> [String] {
        var found: [String] = []
        func walk(_ url: URL, _ prefix: String) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return }
            for name in names where !(prefix.isEmpty && name == OutputFileName.manifest) {
                let child = url.appendingPathComponent(name)
                var isFolder: ObjCBool = false
                // A symbolic link is an entry of its own, never followed.
                let isLink = (try? FileManager.default.destinationOfSymbolicLink(atPath: child.path)) != nil
                if !isLink, FileManager.default.fileExists(atPath: child.path, isDirectory: &isFolder), isFolder.boolValue {
                    found.append(prefix + name + "/")
                    walk(child, prefix + name + "/")
                } else {
                    found.append(prefix + name)
                }
            }
        }
        walk(folder, "")
        return found.sorted()
    }

    /// The manifest in `folder`, or nil when it has none or it cannot be read as one.
    static func read(in folder: URL) -> FolderManifest? {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(OutputFileName.manifest)) else { return nil }
        return try? JSONDecoder().decode(FolderManifest.self, from: data)
    }

    /// Writes the manifest of everything now in `folder`, through the one JSON encoder of
    /// Personas' summaries (``SummaryJSON``).
    static func write(command: String, in folder: URL) throws {
        let manifest = FolderManifest(command: command, files: entries(of: folder))
        try SummaryJSON.write(manifest, to: folder.appendingPathComponent(OutputFileName.manifest), protectedInputs: [])
    }
}
