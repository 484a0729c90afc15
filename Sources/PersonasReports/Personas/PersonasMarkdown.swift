import PersonasData
import PersonasNumerics
import PersonasProfiles

/// `personas.md`: an overview (sizes, value, the Pareto view) and one page per persona: name,
/// portrait, size and value, the key traits table and the targeting. Suppressed segments show
/// only the reason: no size, share or value of theirs, and none in the Pareto view. Every piece of
/// data text (file, persona, trait, tier and channel names, notes, narratives) goes through
/// `MarkdownText.escaped(_:)`, so it reads as text and never acts as HTML or Markdown.
public enum PersonasMarkdown {
    public static func render(_ document: PersonasDocument, title: String = "Personas", traitRows: Int = 8) -> String {
        let profiles = document.profiles
        let byID = Dictionary(uniqueKeysWithValues: profiles.segments.map { ($0.segment, $0) })
        let targets = Dictionary(uniqueKeysWithValues: (document.targeting?.segments ?? []).map { ($0.segment, $0) })
        var text = "# \(title)\n\n"
        text += "\(Quantity.count(profiles.rows, "customer")) of \(md(profiles.source)) in "
            + Quantity.count(profiles.segments.count, "segment")
        if profiles.unassignedRows > 0 { text += " (\(Quantity.count(profiles.unassignedRows, "unassigned row")) left out)" }
        let hidden = profiles.segments.filter(\.suppressed).count
        if hidden > 0 {
            text += "; \(hidden == 1 ? "one segment has" : "\(hidden) segments have") fewer than "
                + "\(Quantity.count(profiles.configuration.minimumSegmentSize, "customer")) and "
                + "\(Quantity.word(hidden, "is", plural: "are")) withheld"
                + (profiles.suppressedRows.map { " (\(Quantity.count($0, "customer")) between them)" } ?? "")
                + ": every figure here describes the other segments' customers"
        }
        text += ". Index = segment mean (or share) ÷ population × 100; traits need an effect size (|Cohen's d| against "
            + "the other customers, on log(1 + x) for a heavily skewed column; |Cohen's h| for a level's share) of at least "
            + "\(SVGNumber.format(profiles.configuration.minimumEffectSize, decimals: 1)) and a Benjamini–Hochberg adjusted p below "
            + "\(profiles.configuration.significanceLevel) over \(profiles.testCount) tests.\n\n"
        let weighted = profiles.weightColumn != nil
        if weighted { text += weightingText(profiles) }
        let hasValue = profiles.valueColumn != nil
        text += "| segment | persona | customers | share |" + (weighted ? " effective n | projected (95% CI) |" : "")
            + (hasValue ? " value share | potential share |" : "") + (document.targeting != nil ? " tier | channel |" : "") + "\n"
        text += "|---:|---|---:|---:|" + (weighted ? "---:|---:|" : "") + (hasValue ? "---:|---:|" : "")
            + (document.targeting != nil ? "---|---|" : "") + "\n"
        for persona in document.personas {
            let s = byID[persona.segment]!
            text += "| \(s.segment) | \(md(persona.name)) | \(s.size.map(NarrativeFormat.count) ?? "–") | "
                + "\(s.share.map(NarrativeFormat.percent) ?? "–") |"
            if weighted {
                text += " \(s.effectiveSize.map(NarrativeFormat.number) ?? "–") | \(s.projection.map(projectionText) ?? "–") |"
            }
            if hasValue {
                text += " \(s.valueShare.map(NarrativeFormat.percent) ?? "–") | \(s.potentialShare.map(NarrativeFormat.percent) ?? "–") |"
            }
            if document.targeting != nil { text += " \(persona.tier.map(md) ?? "–") | \(persona.channel.map(md) ?? "–") |" }
            text += "\n"
        }
        if !profiles.pareto.isEmpty {
            text += "\n**Pareto view** (segments by value): "
            text += profiles.pareto.map {
                "\($0.segment): \(NarrativeFormat.percent($0.cumulativeCustomerShare)) of customers → "
                    + "\(NarrativeFormat.percent($0.cumulativeValueShare)) of value"
            }.joined(separator: "; ") + ".\n"
        }
        for note in profiles.notes { text += "\n> \(md(note))\n" }
        for persona in document.personas {
            let s = byID[persona.segment]!
            text += "\n---\n\n## \(md(persona.name))\n\n"
            text += "Segment \(s.segment) · " + sizeText(s, profiles)
            if let v = s.valueShare { text += " · \(NarrativeFormat.percent(v)) of value" }
            if let p = s.potentialShare { text += " · \(NarrativeFormat.percent(p)) of potential" }
            text += "\n\n"
            if s.suppressed {
                text += "*Suppressed: fewer than \(Quantity.count(profiles.configuration.minimumSegmentSize, "customer")); "
                    + "no profile is shown.*\n"
                continue
            }
            text += md(persona.narrative) + "\n\n"
            let traits = Array(s.overIndexed.prefix(traitRows)) + Array(s.underIndexed.prefix(traitRows))
            if !traits.isEmpty {
                text += "| trait | segment | population | index | effect size | adjusted p |\n|---|---:|---:|---:|---:|---:|\n"
                for t in traits {
                    let label = KeyTrait.label(of: t)
                    let (mine, all) = t.level == nil
                        ? (NarrativeFormat.number(t.segmentValue), NarrativeFormat.number(t.populationValue))
                        : (NarrativeFormat.percent(t.segmentValue), NarrativeFormat.percent(t.populationValue))
                    text += "| \(t.direction == .over ? "▲" : "▼") \(md(label)) | \(mine) | \(all) | "
                        + "\(t.index.map(NarrativeFormat.index) ?? "–") | \(SVGNumber.format(t.effectSize, decimals: 2)) | \(pValue(t.adjustedP)) |\n"
                }
                text += "\n"
            }
            if let target = targets[s.segment] {
                text += "**Targeting:** tier **\(md(target.tier))**" + share(target.tierShare)
                    + ", channel **\(md(target.channel))**" + share(target.channelShare)
                if let v = target.valueLevel, let p = target.potentialLevel { text += " (mean value \(md(v)), mean potential \(md(p)))" }
                text += ". Tier mix: " + target.tierMix.map { "\(md($0.name)) \(NarrativeFormat.percent($0.share))" }.joined(separator: ", ")
                text += "; channel mix: " + target.channelMix.map { "\(md($0.name)) \(NarrativeFormat.percent($0.share))" }.joined(separator: ", ")
                if let a = target.accessRestrictedShare { text += "; \(NarrativeFormat.percent(a)) restrict rep access" }
                if let d = target.digitallyEngagedShare { text += "; \(NarrativeFormat.percent(d)) digitally engaged" }
                text += "." + (target.mixedNote.map { " **\(md($0))**" } ?? "") + "\n"
            }
        }
        return text
    }

    /// "1,234 customers (12.3%)", or for a suppressed segment "fewer than 10 customers"; weighted,
    /// "1,234 respondents (12.3% weighted, effective n 980) · projected 12,345 (95% CI 11,020–13,700)".
    static func sizeText(_ segment: SegmentProfile, _ profiles: SegmentProfiles) -> String {
        guard let size = segment.size, let share = segment.share, !segment.suppressed else {
            return "fewer than \(Quantity.count(profiles.configuration.minimumSegmentSize, "customer"))"
        }
        guard let projection = segment.projection, let n = segment.effectiveSize else {
            return "\(Quantity.count(size, "customer")) (\(NarrativeFormat.percent(share)))"
        }
        return "\(Quantity.count(size, "respondent")) (\(NarrativeFormat.percent(share)) weighted, effective n "
            + "\(NarrativeFormat.number(n))) · projected \(projectionText(projection))"
    }

    /// "12,345 (95% CI 11,020–13,700)": a segment's projected customers in the universe.
    static func projectionText(_ projection: UniverseProjection) -> String {
        func whole(_ x: Double) -> String { NarrativeFormat.count(Int(x.rounded())) }
        return "\(whole(projection.size)) (95% CI \(whole(projection.lower))–\(whole(projection.upper)))"
    }

    /// The paragraph saying how a weighted profile was weighted and projected.
    static func weightingText(_ profiles: SegmentProfiles) -> String {
        let universe = profiles.universeSize.map { NarrativeFormat.count(Int($0.rounded())) } ?? "–"
        let given = profiles.configuration.universeSize != nil ? "the universe size given" : "the sum of the weights"
        return "Weighted by \(md(profiles.weightColumn ?? "")): shares, means and indices are weighted, and the tests count "
            + "each group as its effective sample size (Kish's (Σw)² ÷ Σw²; "
            + "\(NarrativeFormat.number(profiles.effectiveRows ?? 0)) for all \(Quantity.count(profiles.rows, "respondent"))). "
            + "Projected = weighted share × \(universe) customers (\(given)), with Wilson's 95% interval on the effective "
            + "sample size.\n\n"
    }

    /// Data text as Markdown text.
    static func md(_ text: String) -> String { MarkdownText.escaped(text) }

    /// " (66.0% of members)" after a segment's tier or channel; empty without the share.
    static func share(_ share: Double?) -> String {
        share.map { " (\(NarrativeFormat.percent($0)) of members)" } ?? ""
    }

    static func pValue(_ p: Double) -> String {
        p < 0.001 ? "< 0.001" : SVGNumber.format(p, decimals: 3)
    }
}
