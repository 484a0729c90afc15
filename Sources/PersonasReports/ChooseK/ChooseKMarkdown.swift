import PersonasClustering
import PersonasData

/// `choose-k.md`: the table an analyst reads (k × indices × stability; for a model-based method
/// BIC, mclust's BIC, AIC, ICL, the log-likelihood and the parameter count first) and the recommendation with
/// one sentence per criterion, after the headline and its warnings (no substantial structure). Its text (the segmenter, the summary, the reasons) is escaped by
/// `MarkdownText.escaped(_:)`: it may quote names from the data.
public enum ChooseKMarkdown {
    public static func render(_ result: ChooseKResult, title: String = "How many segments?") -> String {
        var text = "# \(title)\n\n"
        text += "\(result.rows) customers, segmented by \(MarkdownText.escaped(result.segmenter)) for k = "
            + "\(result.candidates.first!.k)…\(result.candidates.last!.k).\n\n"
        text += "**\(MarkdownText.escaped(result.summary))**\n\n"
        for warning in result.warnings { text += "> **Warning:** \(MarkdownText.escaped(warning)).\n\n" }
        text += "## Why\n\n"
        for vote in result.votes { text += "- \(MarkdownText.escaped(vote.reason))\n" }
        text += "\n## Every k\n\n"
        let hasDunn = result.candidates.contains { $0.dunn != nil }
        let hasGap = result.candidates.contains { $0.gap != nil }
        let hasStability = result.candidates.contains { $0.stabilityJaccard != nil }
        // A model-based method's criteria first: BIC decides.
        let hasCriteria = result.candidates.contains { $0.informationCriteria != nil }
        var header = hasCriteria ? ["k", "BIC ↓", "mclust BIC ↑", "AIC ↓", "ICL ↓", "log-likelihood", "parameters"] : ["k"]
        header += ["smallest segment", "inertia", "silhouette ↑", "Calinski–Harabasz ↑", "Davies–Bouldin ↓"]
        if hasDunn { header.append("Dunn ↑") }
        if hasGap { header.append("gap ± s") }
        if hasStability { header += ["weakest segment (Jaccard)", "mean Jaccard", "ARI to resamples"] }
        text += "| " + header.joined(separator: " | ") + " |\n"
        text += "|" + header.map { _ in "---:" }.joined(separator: "|") + "|\n"
        for c in result.candidates {
            var cells = [c.k == result.recommendedK ? "**\(c.k)**" : "\(c.k)"]
            if hasCriteria {
                cells += c.informationCriteria.map {
                    [number($0.bic), number($0.mclustBIC), number($0.aic), number($0.icl), number($0.logLikelihood),
                     "\($0.parameterCount)"]
                } ?? Array(repeating: "–", count: 6)
            }
            cells += [percent(c.smallestShare), number(c.inertia),
                         number(c.silhouette) + (c.silhouetteStandardError > 0 ? " ± " + number(c.silhouetteStandardError) : ""),
                         number(c.calinskiHarabasz), number(c.daviesBouldin)]
            if hasDunn { cells.append(c.dunn.map(number) ?? "–") }
            if hasGap { cells.append(c.gap.map { number($0) + " ± " + number(c.gapStandardError ?? 0) } ?? "–") }
            if hasStability {
                if let jaccard = c.stabilityJaccard {
                    cells += [number(jaccard.min() ?? 0), number(jaccard.reduce(0, +) / Double(max(jaccard.count, 1))),
                              number(c.stabilityAdjustedRandIndex ?? 0)]
                } else {
                    cells += ["–", "–", "–"]
                }
            }
            text += "| " + cells.joined(separator: " | ") + " |\n"
        }
        if let chosen = result.candidates.first(where: { $0.k == result.recommendedK }), let jaccard = chosen.stabilityJaccard {
            text += "\n## The \(chosen.k) segments of the recommendation\n\n"
            text += "| segment | customers | share | mean Jaccard | reading |\n|---:|---:|---:|---:|---|\n"
            for (segment, size) in chosen.segmentSizes.enumerated() {
                let j = segment < jaccard.count ? jaccard[segment] : 0
                text += "| \(segment) | \(size) | \(percent(Double(size) / Double(result.rows))) | \(number(j)) | "
                    + "\(reading(j)) |\n"
            }
            text += "\nHennig's reading of the mean Jaccard over bootstrap resamples: ≥ 0.85 highly stable, "
                + "0.75–0.85 stable, 0.6–0.75 doubtful, < 0.6 dissolved.\n"
        }
        return text
    }

    static func reading(_ jaccard: Double) -> String {
        jaccard >= 0.85 ? "highly stable" : jaccard >= 0.75 ? "stable" : jaccard >= 0.6 ? "doubtful" : "dissolved"
    }

    static func percent(_ share: Double) -> String { SVGNumber.format(share * 100, decimals: 1) + "%" }

    static func number(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 1000 { return SVGNumber.format(value, decimals: 0) }
        if magnitude >= 10 { return SVGNumber.format(value, decimals: 1) }
        return SVGNumber.format(value, decimals: 3)
    }
}
