import Foundation
import PersonasData

/// The analyst's last word on one persona: a new name, description (the narrative), tier or
/// channel, applied without refitting by ``PersonasDocument/applying(_:)`` (and by
/// `SegmentationModel.applying(_:)`, which carries the names into the model and its typing tool).
///
/// A names file (`names.json`) is a list of edits, each naming its segment and what changes;
/// a field left out stays as it is:
///
/// ```json
/// [
///   {"segment": 0, "name": "Loyal high prescribers", "tier": "Grow"},
///   {"segment": 2, "description": "Young practices we rarely reach; try webinars first.", "channel": "digital"}
/// ]
/// ```
public struct PersonaEdit: Sendable, Codable, Hashable {
    /// The segment (its number, 0 the largest) whose persona changes.
    public var segment: Int
    public var name: String?
    /// The persona's narrative, replacing the written one.
    public var description: String?
    public var tier: String?
    public var channel: String?

    public init(segment: Int, name: String? = nil, description: String? = nil, tier: String? = nil, channel: String? = nil) {
        self.segment = segment
        self.name = name
        self.description = description
        self.tier = tier
        self.channel = channel
    }

    /// The edits of a names file (a JSON list of edits).
    /// - Throws: `ProfileError` `.invalidInput` naming the file and what is wrong with it.
    public static func load(from url: URL) throws(ProfileError) -> [PersonaEdit] {
        let name = url.relativePath
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ProfileError(.invalidInput, "\(name): cannot read the names file (\(error.localizedDescription))")
        }
        do {
            return try JSONDecoder().decode([PersonaEdit].self, from: data)
        } catch {
            throw ProfileError(.invalidInput, "\(name): not a names file (\(JSONDiagnostics.describe(error, in: data))); write a list "
                               + #"such as [{"segment": 0, "name": "Loyal high prescribers"}]"#)
        }
    }
}

extension PersonasDocument {
    /// The personas with `edits` applied, each edited persona marked ``Persona/edited`` and its
    /// first name kept in ``Persona/originalName``.
    ///
    /// A new tier or channel also becomes the segment's targeting, with the share of members whose
    /// own tier (channel) it is, so the documents never claim more members than hold it; a
    /// narrative the analyst did not write is written again to match.
    /// - Throws: `ProfileError` `.invalidInput` for an edit of no persona (a number that is not a
    ///   segment, or a segment withheld as too small), a segment edited twice, an edit changing
    ///   nothing, an empty or multi-line name, an empty tier, channel or description, or names
    ///   that two personas would share.
    public func applying(_ edits: [PersonaEdit]) throws(ProfileError) -> PersonasDocument {
        var document = self
        var seen = Set<Int>()
        for edit in edits {
            let s = edit.segment
            guard let index = document.personas.firstIndex(where: { $0.segment == s }) else {
                throw ProfileError(.invalidInput, "segment \(s) is not one of the personas (segments "
                                   + "\(personas.map(\.segment).min() ?? 0) to \(personas.map(\.segment).max() ?? 0))")
            }
            guard !document.personas[index].suppressed else {
                throw ProfileError(.invalidInput, "segment \(s) is withheld (fewer than "
                                   + "\(profiles.configuration.minimumSegmentSize) customers): it has no persona to edit")
            }
            guard seen.insert(s).inserted else { throw ProfileError(.invalidInput, "segment \(s) is edited twice; give one edit per segment") }
            guard edit.name != nil || edit.description != nil || edit.tier != nil || edit.channel != nil else {
                throw ProfileError(.invalidInput, "the edit of segment \(s) changes nothing; give a name, description, tier or channel")
            }
            for (field, value) in [("name", edit.name), ("description", edit.description), ("tier", edit.tier), ("channel", edit.channel)] {
                guard let value else { continue }
                guard !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                    throw ProfileError(.invalidInput, "the \(field) of segment \(s) is empty")
                }
                guard field == "description" || !value.contains(where: \.isNewline) else {
                    throw ProfileError(.invalidInput, "the \(field) of segment \(s) spans several lines; give it on one line")
                }
            }
            document.apply(edit, at: index)
        }
        var owners: [String: Int] = [:]
        for persona in document.personas where !persona.suppressed {
            if let other = owners.updateValue(persona.segment, forKey: persona.name) {
                throw ProfileError(.invalidInput, "segments \(other) and \(persona.segment) would both be named "
                                   + "\"\(persona.name)\"; every persona needs its own name")
            }
        }
        return document
    }

    private mutating func apply(_ edit: PersonaEdit, at index: Int) {
        var persona = personas[index]
        let profile = profiles.segments.first { $0.segment == edit.segment }
        let targetIndex = targeting?.segments.firstIndex { $0.segment == edit.segment }
        let oldTarget = targetIndex.map { targeting!.segments[$0] }
        // Written by Narrative (not by the analyst) under the targeting as it was.
        let narrativeIsWritten = profile.map {
            persona.narrative == Narrative.write($0, targeting: oldTarget, configuration: profiles.configuration)
        } ?? false
        if let name = edit.name, name != persona.name {
            persona.originalName = persona.originalName ?? persona.name
            persona.name = name
        }
        if let tier = edit.tier { persona.tier = tier }
        if let channel = edit.channel { persona.channel = channel }
        if let targetIndex, edit.tier != nil || edit.channel != nil {
            var target = targeting!.segments[targetIndex]
            func share(_ name: String, _ mix: [NamedShare]) -> Double { mix.first { $0.name == name }?.share ?? 0 }
            if let tier = edit.tier, tier != target.tier { target.tier = tier; target.tierShare = share(tier, target.tierMix) }
            if let channel = edit.channel, channel != target.channel {
                target.channel = channel
                target.channelShare = share(channel, target.channelMix)
            }
            targeting!.segments[targetIndex] = target
            if narrativeIsWritten, let profile {
                persona.narrative = Narrative.write(profile, targeting: target, configuration: profiles.configuration)
            }
        }
        if let description = edit.description { persona.narrative = description }
        persona.edited = true
        personas[index] = persona
    }
}
