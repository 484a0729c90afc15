extension HCPUniverse {
    /// A coded level of a generated column and its human-readable label.
    ///
    /// Codes are what the CSV holds (short, stable, free of spaces, as CRM exports write them);
    /// labels are what reports show, carried in ``HCPUniverse/schema(extendedColumns:)``.
    public struct Level: Sendable, Hashable {
        public let code: String
        public let label: String

        public init(_ code: String, _ label: String) {
            self.code = code
            self.label = label
        }
    }

    /// The 15 specialties, in the order the generator indexes them.
    public static let specialties: [Level] = [
        Level("GP", "General Practice"),
        Level("FM", "Family Medicine"),
        Level("IM", "Internal Medicine"),
        Level("CARD", "Cardiology"),
        Level("ONC", "Oncology"),
        Level("HEM", "Hematology"),
        Level("ENDO", "Endocrinology"),
        Level("NEURO", "Neurology"),
        Level("RHEUM", "Rheumatology"),
        Level("PULM", "Pulmonology"),
        Level("GI", "Gastroenterology"),
        Level("DERM", "Dermatology"),
        Level("PSYCH", "Psychiatry"),
        Level("EM", "Emergency Medicine"),
        Level("SURG", "Surgery"),
    ]

    /// The 8 sales regions.
    public static let regions: [Level] = [
        Level("london", "London"),
        Level("south_east", "South East"),
        Level("south_west", "South West"),
        Level("east", "East of England"),
        Level("midlands", "Midlands"),
        Level("north_west", "North West"),
        Level("north_east", "North East and Yorkshire"),
        Level("highlands", "Highlands and Islands"),
    ]

    /// Where the customer practises.
    public static let practiceTypes: [Level] = [
        Level("hospital", "Hospital"),
        Level("gp_practice", "GP practice"),
        Level("clinic", "Specialist clinic"),
        Level("group_practice", "Group practice"),
    ]

    /// Age bands, youngest first (an ordinal column).
    public static let ageBands: [Level] = [
        Level("25-34", "25 to 34 years"),
        Level("35-44", "35 to 44 years"),
        Level("45-54", "45 to 54 years"),
        Level("55-64", "55 to 64 years"),
        Level("65+", "65 years or older"),
    ]

    /// The adoption ladder, lowest rung first (an ordinal column).
    public static let adoptionStages: [Level] = [
        Level("unaware", "Unaware"),
        Level("aware", "Aware"),
        Level("trial", "Trial"),
        Level("adopter", "Adopter"),
        Level("advocate", "Advocate"),
    ]

    /// Preferred content formats.
    public static let contentPreferences: [Level] = [
        Level("clinical_data", "Clinical data"),
        Level("video", "Video"),
        Level("e_detailing", "E-detailing"),
        Level("printed", "Printed material"),
        Level("peer_discussion", "Peer discussion"),
        Level("guidelines", "Guidelines"),
    ]
}
