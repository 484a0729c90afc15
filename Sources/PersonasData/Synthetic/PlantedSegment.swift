import Foundation

/// One latent customer segment planted in the synthetic HCP universe, with every parameter the
/// generator draws its customers from.
///
/// The parameters are public data so that tests, documentation and tutorials can state what the
/// data must show from the generator's own numbers ("onc_kol has the highest median monthly_rx")
/// instead of repeating magic constants. Categorical weights are keyed by level code (see
/// ``HCPUniverse/specialties`` and the other level lists); a level a segment does not name has
/// weight 0, and weights need not sum to 1 (they are normalised when drawn).
///
/// How a customer of the segment is drawn (``HCPUniverse`` documents the shared rules):
/// - specialty, region, practice type, age band, adoption stage and content preference: one
///   weighted draw each;
/// - practice size, monthly prescriptions and the digital and call counts: log-normal draws
///   (``LogNormal``) rounded to whole numbers;
/// - product share: a logit-normal draw (``LogitNormal``);
/// - rep-access restriction: yes with ``repAccessRestrictedProbability``; a restricted customer
///   receives ``HCPUniverse/restrictedCallFactor`` times the calls of an open-access one;
/// - potential scales with ``potentialGrowth``.
public struct PlantedSegment: Sendable, Hashable, Identifiable {
    /// The short key written to the planted-segments file ("onc_kol").
    public let key: String
    /// A human name for the segment ("Oncology KOLs").
    public let name: String
    /// One sentence on who these customers are and why they form a segment.
    public let summary: String
    /// The expected fraction of customers in the segment (the six shares sum to 1).
    public let share: Double

    /// Weights of specialty codes (``HCPUniverse/specialties``).
    public let specialtyWeights: [String: Double]
    /// Weights of region codes (``HCPUniverse/regions``).
    public let regionWeights: [String: Double]
    /// Weights of practice-type codes (``HCPUniverse/practiceTypes``).
    public let practiceTypeWeights: [String: Double]
    /// Physicians in the practice (at least 1).
    public let practiceSize: LogNormal
    /// Weights of age bands (``HCPUniverse/ageBands``).
    public let ageBandWeights: [String: Double]
    /// Monthly prescriptions in the product class (the market volume the customer writes).
    public let monthlyRx: LogNormal
    /// The product's share of the customer's class prescriptions.
    public let productShare: LogitNormal
    /// Weights of adoption stages (``HCPUniverse/adoptionStages``).
    public let adoptionWeights: [String: Double]
    /// Marketing emails opened per quarter.
    public let emailsOpened: LogNormal
    /// Webinars attended per year.
    public let webinarsAttended: LogNormal
    /// Customer-portal visits per quarter.
    public let portalVisits: LogNormal
    /// The probability that the customer restricts sales-rep access.
    public let repAccessRestrictedProbability: Double
    /// Weights of content preferences (``HCPUniverse/contentPreferences``).
    public let contentWeights: [String: Double]
    /// Rep calls received per quarter by a customer with open access (restricted customers get
    /// ``HCPUniverse/restrictedCallFactor`` times as many).
    public let callsReceived: LogNormal
    /// How much of the untapped class volume the segment could be won over: the multiplier of
    /// potential (1 = the whole untapped volume at today's price).
    public let potentialGrowth: Double

    public var id: String { key }

    public init(
        key: String, name: String, summary: String, share: Double,
        specialtyWeights: [String: Double], regionWeights: [String: Double],
        practiceTypeWeights: [String: Double], practiceSize: LogNormal, ageBandWeights: [String: Double],
        monthlyRx: LogNormal, productShare: LogitNormal, adoptionWeights: [String: Double],
        emailsOpened: LogNormal, webinarsAttended: LogNormal, portalVisits: LogNormal,
        repAccessRestrictedProbability: Double, contentWeights: [String: Double], callsReceived: LogNormal,
        potentialGrowth: Double
    ) {
        self.key = key
        self.name = name
        self.summary = summary
        self.share = share
        self.specialtyWeights = specialtyWeights
        self.regionWeights = regionWeights
        self.practiceTypeWeights = practiceTypeWeights
        self.practiceSize = practiceSize
        self.ageBandWeights = ageBandWeights
        self.monthlyRx = monthlyRx
        self.productShare = productShare
        self.adoptionWeights = adoptionWeights
        self.emailsOpened = emailsOpened
        self.webinarsAttended = webinarsAttended
        self.portalVisits = portalVisits
        self.repAccessRestrictedProbability = repAccessRestrictedProbability
        self.contentWeights = contentWeights
        self.callsReceived = callsReceived
        self.potentialGrowth = potentialGrowth
    }

    /// A log-normal quantity: `median × exp(sigma × z)` with z standard normal.
    ///
    /// The median is the parameter a reader compares across segments; `sigma` (the standard
    /// deviation of the logarithm) sets the tail: 0.5 is a factor of about 1.9 between the median
    /// and the 90th percentile, 1.0 a factor of 3.6.
    public struct LogNormal: Sendable, Hashable {
        public let median: Double
        public let sigma: Double

        public init(median: Double, sigma: Double) {
            self.median = median
            self.sigma = sigma
        }

        /// The central 80% of draws (10th to 90th percentile), before rounding.
        public var typicalRange: ClosedRange<Double> {
            let factor = Foundation.exp(1.2815515655446004 * sigma)
            return (median / factor)...(median * factor)
        }
    }

    /// A share in (0, 1) whose logit is normal: `1 / (1 + exp(-(logit(median) + sigma × z)))`.
    public struct LogitNormal: Sendable, Hashable {
        public let median: Double
        public let sigma: Double

        public init(median: Double, sigma: Double) {
            self.median = median
            self.sigma = sigma
        }

        /// The central 80% of draws (10th to 90th percentile).
        public var typicalRange: ClosedRange<Double> {
            let center = Foundation.log(median / (1 - median))
            let low = center - 1.2815515655446004 * sigma, high = center + 1.2815515655446004 * sigma
            return (1 / (1 + Foundation.exp(-low)))...(1 / (1 + Foundation.exp(-high)))
        }
    }
}
