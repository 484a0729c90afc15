import PersonasProfiles

extension SegmentationModel {
    /// The model with the analyst's `edits` applied to its personas
    /// (`PersonasDocument.applying(_:)`, which records each edit), and carried everywhere the
    /// model repeats them: ``segmentNames``, ``segmentTiers``, ``segmentChannels`` and the typing
    /// tool's outcome names. Nothing is refitted: the centers, preparation and typing tool's
    /// questions stay as they are.
    /// - Throws: `ProfileError` `.invalidInput` for an edit the personas refuse.
    public func applying(_ edits: [PersonaEdit]) throws(ProfileError) -> SegmentationModel {
        var model = self
        model.personas = try personas.applying(edits)
        for persona in model.personas.personas where model.segmentNames.indices.contains(persona.segment) {
            model.segmentNames[persona.segment] = persona.name
            model.segmentTiers[persona.segment] = persona.tier
            model.segmentChannels[persona.segment] = persona.channel
        }
        if let names = typingTool?.segmentNames, let labels = typingTool?.classLabels {
            model.typingTool!.segmentNames = zip(labels, names).map { label, name in
                Int(label).flatMap { model.segmentNames.indices.contains($0) ? model.segmentNames[$0] : nil } ?? name
            }
        }
        return model
    }
}

extension SegmentationResult {
    /// The result with the analyst's `edits` applied to its model (``SegmentationModel/applying(_:)``)
    /// and to the delivered typing tool, so every document built from it (the report, its charts)
    /// shows them. The labels, features and fit stay as they are.
    /// - Throws: `ProfileError` `.invalidInput` for an edit the personas refuse.
    public func applying(_ edits: [PersonaEdit]) throws(ProfileError) -> SegmentationResult {
        let model = try model.applying(edits)
        var typing = typingTool
        if let tool = model.typingTool { typing?.model = tool }
        return SegmentationResult(model: model, labels: labels, assignments: assignments, features: features,
                                  featureNames: featureNames, chooseK: chooseK, dendrogram: dendrogram, typingTool: typing,
                                  customerTargets: customerTargets, warnings: warnings, stageTimes: stageTimes)
    }
}
