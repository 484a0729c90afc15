import ArgumentParser
import Foundation
import PersonasFiles
import PersonasProfiles
import PersonasSegmentation

/// `personas rename DIR --segment N --name TEXT` or `--names names.json`: the analyst's last word
/// on the personas of a `segment` folder, without refitting (``SegmentationFolderRename``).
struct RenameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rename",
        abstract: "Rename a persona, or edit its description, tier or channel, in a `personas segment` folder.",
        discussion: """
            Edit one persona with --segment and any of --name, --description, --tier and --channel, \
            or several with --names names.json, a list such as \
            [{"segment": 0, "name": "Loyal high prescribers", "tier": "Grow"}, \
            {"segment": 2, "description": "…", "channel": "digital"}]. Nothing is refitted: \
            model.json (the names, tiers and channels, each edited persona marked "edited": true \
            with its "originalName"), personas.json, personas.md, profile.csv and profile.xlsx, assignments.csv \
            (segment_name, segment_tier, segment_channel; every other cell unchanged), the typing \
            tool's files, report.html with its charts (drawn again from report.json, without the \
            customer table) and notebook.ipynb are written again, and the folder is replaced \
            whole: it then holds what `personas segment FILE --names names.json` writes with the \
            folder's options and seed, model.json's creation time aside. Edits add up: renaming \
            again keeps the earlier ones.
            """)

    @Argument(help: ArgumentHelp("The folder `personas segment` wrote.", valueName: "dir"))
    var folder: String

    @Option(help: ArgumentHelp("The segment (its number) whose persona to edit.", valueName: "n"))
    var segment: Int?

    @Option(help: "The persona's new name.")
    var name: String?

    @Option(help: "The persona's new description (its narrative).")
    var description: String?

    @Option(help: "The segment's new tier.")
    var tier: String?

    @Option(help: "The segment's new channel.")
    var channel: String?

    @Option(help: ArgumentHelp("Several edits at once (see above).", valueName: "names.json"))
    var names: String?

    @OptionGroup var format: FormatOption

    func validate() throws {
        let single = name != nil || description != nil || tier != nil || channel != nil
        if names != nil {
            guard segment == nil, !single else {
                throw ValidationError("give either --names or --segment with its edits, not both")
            }
        } else {
            guard segment != nil else { throw ValidationError("give --segment N with --name, --description, --tier or --channel, or --names names.json") }
            guard single else { throw ValidationError("--segment \(segment!): give --name, --description, --tier or --channel") }
        }
    }

    func edits() throws -> [PersonaEdit] {
        if let names { return try PersonaEdit.load(from: URL(fileURLWithPath: names)) }
        return [PersonaEdit(segment: segment!, name: name, description: description, tier: tier, channel: channel)]
    }

    func run() throws {
        let edits = try edits()
        let model: SegmentationModel
        do {
            model = try SegmentationFolderRename.apply(edits, to: URL(fileURLWithPath: folder, isDirectory: true),
                                                        inputs: [names].compactMap { $0 }.map { URL(fileURLWithPath: $0) })
        } catch let error as FolderError {
            switch error.kind {
            case .missingFile(OutputFileName.reportFigures):
                throw CommandFailure("\(error), the figures report.html is drawn from (the folder was written by an earlier "
                                     + "version of personas): run `personas segment FILE --names names.json --force --out "
                                     + "\(folder)` with the folder's options and seed to rebuild it with the edits")
            case .noManifest, .foreignFile:
                throw CommandFailure("\(error); rename rewrites only a folder holding nothing but personas output")
            default:
                throw CommandFailure(ErrorAdvice.line(for: error))
            }
        }
        let summary = RenameSummary(folder: folder, segments: edits.map(\.segment).map {
            .init(segment: $0, name: model.segmentNames[$0], tier: model.segmentTiers[$0], channel: model.segmentChannels[$0])
        })
        try format.print(summary) {
            summary.segments.map { "  \($0.segment): \($0.name)" + ($0.tier.map { ", \($0)" } ?? "") + ($0.channel.map { ", \($0)" } ?? "") }
                + ["rename: edited \(edits.count) persona\(edits.count == 1 ? "" : "s"); rewrote \(folder)/"]
        }
    }
}

/// What `rename --format json` prints: each edited segment as it now stands.
struct RenameSummary: Encodable {
    struct Segment: Encodable {
        var segment: Int
        var name: String
        @NullWhenAbsent var tier: String?
        @NullWhenAbsent var channel: String?
    }
    var folder: String
    var segments: [Segment]
}
