/// How a segment's targeting reads in the personas, the narrative and the report: each figure
/// with the share of members behind it, so a reader sees how far the segment's tier speaks for
/// its members.
extension SegmentTargeting {
    /// "Monitor (66.0% of members)"; the tier alone when the file predates the share.
    public var tierText: String { Self.withShare(tier, tierShare) }

    /// "digital (80.0% of members)"; the channel alone when the file predates the share.
    public var channelText: String { Self.withShare(channel, channelShare) }

    /// "A mixed segment: no tier holds more than 60.0% of its members." for a mixed segment, else nil.
    public var mixedNote: String? {
        guard mixed == true else { return nil }
        return "A mixed segment: no tier holds more than \(NarrativeFormat.percent(Self.mixedTierShare)) of its members."
    }

    private static func withShare(_ name: String, _ share: Double?) -> String {
        share.map { "\(name) (\(NarrativeFormat.percent($0)) of members)" } ?? name
    }
}
