import Foundation
import PersonasData
import PersonasNumerics
import PersonasProfiles
import PersonasSegmentation

/// The notebook that tells a segmentation as a story, from the folder `personas segment` wrote:
/// how k was chosen, the segments and their value, each persona, the charts (embedded, so it reads
/// without running), the typing tool, and Python cells that reload the exported files with pandas
/// for further work.
///
/// Data text reaches the Markdown cells escaped (`MarkdownText.escaped(_:)`, here and in the
/// Markdown files the cells quote), so `jupyter nbconvert --to html` gives a page where a level or a
/// column name holding `<script>` is text; in the Python cells it is a string literal
/// (`python(_:)`).
public enum SegmentationNotebook {
    /// The charts the notebook shows when the folder has them, in story order, with a caption.
    static let charts: [(file: String, caption: String)] = [
        ("charts/segments.svg", "Segment sizes and their shares of value."),
        ("charts/membership.svg", "How sure the mixture is of each segment's customers (probability of their segment)."),
        ("charts/value-concentration.svg", "How concentrated value is: customers sorted by value."),
        ("charts/index-heatmap.svg", "Each segment's index on the key traits (100 = population average)."),
        ("charts/customer-map.svg", "Customers on the first two principal components, coloured by segment."),
    ]

    /// The charts the notebook shows beyond `charts`, by their path in a segmentation folder.
    public static let typingToolChart = "charts/typing-tool.svg"

    /// Builds the notebook for a segmentation folder's contents (read by PersonasFiles).
    /// - Parameters:
    ///   - contents: the folder's model, pages and charts.
    ///   - dataPath: the folder as the notebook's Python should reach it, relative to the
    ///     notebook's own location (`.` when the notebook sits in the folder).
    public static func build(_ contents: SegmentationFolderContents, dataPath: String) -> NotebookDocument {
        let model = contents.model, names = contents.names
        func text(_ name: String) -> String? { contents.texts[name] }
        func chartCell(_ file: String) -> NotebookDocument.Cell? {
            guard let svg = text(file) else { return nil }
            return .code("display(SVG(filename=SEGMENTS / \(python(file))))", outputs: [.svg(svg)])
        }

        let profiles = model.personas.profiles
        var notebook = NotebookDocument()
        notebook.markdown("""
            # \(Quantity.count(model.k, "persona")) from \(MarkdownText.escaped(profiles.source))

            \(Quantity.count(profiles.rows, "customer")) segmented by **\(model.method.rawValue)** on \
            \(Quantity.count(model.preparation.outputNames.count, "prepared feature")) (seed \(model.seed)). This notebook \
            tells the segmentation as a story: how many segments, who they are, what they are worth, \
            and how a field team recognises them. The charts are embedded; the Python cells reload the \
            exported files with pandas for further work (run `personas segment` again to refresh them).
            """)
        // Identifiers are the join key, read as text exactly as written ("00001" stays "00001").
        let identifierAsText = model.identifierColumn.map { ", dtype={\(python($0)): str}" } ?? ""
        notebook.code("""
            from pathlib import Path
            import json

            import pandas as pd
            from IPython.display import SVG, display

            SEGMENTS = Path(\(python(dataPath)))  # the folder `personas segment` wrote
            model = json.loads((SEGMENTS / \(python(names.model))).read_text())
            assignments = pd.read_csv(SEGMENTS / \(python(names.assignments))\(identifierAsText))
            profile = pd.read_csv(SEGMENTS / \(python(names.profile)))
            """)

        if var choice = text(names.chooseKMarkdown) {
            if choice.hasPrefix("# ") { choice = String(choice.drop { $0 != "\n" }) }
            notebook.markdown("## How many segments?\n" + demoted(choice))
            if let chart = chartCell(names.chooseKChart) { notebook.cells.append(chart) }
        }

        let personasText = PersonasMarkdown.render(model.personas, title: "The segments")
        var pages = personasText.components(separatedBy: "\n---\n\n")
        notebook.markdown(pages.removeFirst().replacingOccurrences(of: "# The segments", with: "## The segments"))
        notebook.code("""
            sizes = assignments.groupby(["segment", "segment_name"]).size().rename("customers").reset_index()
            sizes["share"] = sizes["customers"] / sizes["customers"].sum()
            sizes
            """)
        for chart in charts {
            guard let cell = chartCell(chart.file) else { continue }
            notebook.markdown(chart.caption)
            notebook.cells.append(cell)
        }
        notebook.code("""
            # Index vs population (100 = average) of every profiled column and level, segments as columns.
            index = profile[profile["statistic"] == "index"].assign(
                value=lambda t: pd.to_numeric(t["value"]), level=lambda t: t["level"].fillna(""))
            index.pivot(index=["display_name", "level"], columns="segment", values="value").round(0)
            """)

        notebook.markdown("## The personas")
        for page in pages { notebook.markdown(demoted(page)) }

        if let tree = text(names.typingToolMarkdown) {
            notebook.markdown("## The typing tool\n" + demoted(String(tree.drop { $0 != "\n" })))
            if let chart = chartCell(typingToolChart) { notebook.cells.append(chart) }
        }
        if let dendrogram = chartCell(names.dendrogram) {
            notebook.markdown("## The dendrogram\n\nThe last merges of the hierarchy, coloured by segment.")
            notebook.cells.append(dendrogram)
        }

        notebook.markdown("""
            ## Next steps

            - Assign next year's customers with this model: `personas assign \(dataPath)/\(names.model) next-year.csv --out next-year-assigned.csv`
            - See who moved: `personas compare \(dataPath)/\(names.assignments) next-year-assigned.csv`
            - Score inside the warehouse: `personas export-sql \(dataPath)/\(names.model) --dialect ansi --out score.sql`
            """)
        notebook.code("""
            # Join the segments back to your own customer data on the identifier.
            assignments.head()
            """)
        return notebook
    }

    /// Headings one level deeper, so a section's own headings sit under the notebook's.
    static func demoted(_ markdown: String) -> String {
        markdown.components(separatedBy: "\n").map { $0.hasPrefix("#") ? "#" + $0 : $0 }.joined(separator: "\n")
    }

    /// A Python string literal of `text`: backslashes and quotes escaped, and every control or
    /// line-breaking character as a `\u` escape, so no data text can end the literal or the line.
    static func python(_ text: String) -> String {
        var literal = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": literal += "\\\\"
            case "\"": literal += "\\\""
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    literal += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    literal.unicodeScalars.append(scalar)
                }
            }
        }
        return literal + "\""
    }

    /// `destination`'s path relative to the folder `base` (both made absolute first).
    public static func relativePath(to destination: URL, from base: URL) -> String {
        let target = destination.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        let origin = base.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        var common = 0
        while common < min(target.count, origin.count), target[common] == origin[common] { common += 1 }
        let parts = Array(repeating: "..", count: origin.count - common) + target[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
