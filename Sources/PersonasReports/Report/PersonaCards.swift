import PersonasProfiles

/// The persona cards of the report: per segment its name in its colour, size, value, tier and
/// channel, the narrative, and the strongest distinguishing traits with their indices.
enum PersonaCards {
    static func write(_ document: PersonasDocument, valueName: String?, traits traitCount: Int, into html: inout HTMLBuilder) {
        let profiles = Dictionary(document.profiles.segments.map { ($0.segment, $0) }, uniquingKeysWith: { a, _ in a })
        html.open("div", [("class", "cards")])
        for persona in document.personas.sorted(by: { $0.segment < $1.segment }) {
            guard let profile = profiles[persona.segment] else { continue }
            let colour = SegmentStyle.colour(persona.segment)
            html.open("article", [("class", "card"), ("id", "persona-\(persona.segment)"), ("style", "--segment: \(colour)")])
            html.open("h3")
            html.element("span", [("class", "swatch \(SegmentStyle.shape(persona.segment).rawValue)"),
                                  ("style", "background: \(colour)")], text: "")
            html.text(persona.name)
            html.close("h3")
            var meta = "Segment \(persona.segment) · " + PersonasMarkdown.sizeText(profile, document.profiles)
            if let value = profile.valueShare { meta += " · \(NarrativeFormat.percent(value)) of \(valueName ?? "value")" }
            if let potential = profile.potentialShare { meta += " · \(NarrativeFormat.percent(potential)) of potential" }
            html.element("p", [("class", "meta")], text: meta)
            if persona.tier != nil || persona.channel != nil {
                // The segment's figures with their share of members, when the targeting has them.
                let target = document.targeting?.segments.first { $0.segment == persona.segment }
                html.open("p", [("class", "badges")])
                if let tier = persona.tier {
                    html.element("span", [("class", "badge")], text: "Tier: \(target?.tier == tier ? target!.tierText : tier)")
                }
                if let channel = persona.channel {
                    html.element("span", [("class", "badge")],
                                 text: "Channel: \(target?.channel == channel ? target!.channelText : channel)")
                }
                if let mixed = target?.mixedNote { html.element("span", [("class", "badge")], text: mixed) }
                html.close("p")
            }
            html.element("p", [("class", "narrative")], text: persona.narrative)
            let traits = profile.traits.prefix(traitCount)
            if !traits.isEmpty {
                html.open("table", [("class", "traits")])
                html.open("thead")
                html.open("tr")
                html.element("th", text: "Top traits")
                html.element("th", [("class", "number")], text: "Segment")
                html.element("th", [("class", "number")], text: "All")
                html.element("th", [("class", "number")], text: "Index")
                html.close("tr")
                html.close("thead")
                html.open("tbody")
                for trait in traits {
                    let over = trait.direction == .over
                    let (mine, all) = trait.level == nil
                        ? (NarrativeFormat.number(trait.segmentValue), NarrativeFormat.number(trait.populationValue))
                        : (NarrativeFormat.percent(trait.segmentValue), NarrativeFormat.percent(trait.populationValue))
                    html.open("tr")
                    html.open("td")
                    html.element("span", [("class", over ? "over" : "under"), ("title", over ? "above average" : "below average")],
                                 text: over ? "▲" : "▼")
                    html.text(" " + KeyTrait.label(of: trait))
                    html.close("td")
                    html.element("td", [("class", "number")], text: mine)
                    html.element("td", [("class", "number")], text: all)
                    html.element("td", [("class", "number index " + (over ? "over" : "under"))], text: trait.index.map(NarrativeFormat.index) ?? "–")
                    html.close("tr")
                }
                html.close("tbody")
                html.close("table")
            }
            html.close("article")
        }
        html.close("div")
    }
}
