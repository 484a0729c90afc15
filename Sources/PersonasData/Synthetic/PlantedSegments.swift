extension HCPUniverse {
    /// The six segments planted in every generated universe, with their shares and profiles.
    ///
    /// They are built to be recoverable (k-means on z-scored features, or a shallow decision tree
    /// on a handful of columns, finds them) yet realistic: specialties, ages, regions and content
    /// preferences overlap between segments, and every numeric trait has a wide spread within
    /// its segment.
    ///
    /// | key | share | who | volume | digital | rep access | potential |
    /// |---|---|---|---|---|---|---|
    /// | onc_kol | 7% | oncology/hematology hospital KOLs | very high | webinars | open, many calls | high |
    /// | digital_pc | 24% | young primary care | low | high | mostly restricted | medium |
    /// | traditional | 22% | older, long-practising primary care | medium-high | low | open, many calls | low |
    /// | emerging_spec | 15% | cardiology, endocrinology, neurology, rheumatology | low | moderate | mixed | high |
    /// | hospital_inst | 12% | hospital staff in very large institutions | medium | moderate | ~60% restricted | medium |
    /// | low_rural | 20% | small rural practices | low | low | mixed, few calls | low |
    public static let segments: [PlantedSegment] = [
        PlantedSegment(
            key: "onc_kol", name: "Oncology KOLs",
            summary: "Oncologists and hematologists in large hospitals who prescribe the most, have adopted the "
                + "product and shape peers' opinions: face-to-face, clinical data and congress content.",
            share: 0.07,
            specialtyWeights: ["ONC": 0.7, "HEM": 0.3],
            regionWeights: nationalRegionWeights.merging(["london": 0.28]) { _, new in new },
            practiceTypeWeights: ["hospital": 0.85, "clinic": 0.15],
            practiceSize: .init(median: 45, sigma: 0.5),
            ageBandWeights: ["25-34": 0.02, "35-44": 0.18, "45-54": 0.40, "55-64": 0.30, "65+": 0.10],
            monthlyRx: .init(median: 650, sigma: 0.85),
            productShare: .init(median: 0.45, sigma: 0.5),
            adoptionWeights: ["trial": 0.08, "adopter": 0.47, "advocate": 0.45],
            emailsOpened: .init(median: 5, sigma: 0.6),
            webinarsAttended: .init(median: 9, sigma: 0.4),
            portalVisits: .init(median: 4, sigma: 0.6),
            repAccessRestrictedProbability: 0.15,
            contentWeights: ["clinical_data": 0.55, "peer_discussion": 0.35, "video": 0.05, "guidelines": 0.05],
            callsReceived: .init(median: 14, sigma: 0.35),
            potentialGrowth: 1.2),
        PlantedSegment(
            key: "digital_pc", name: "Digital primary care",
            summary: "Younger GPs, family and internal medicine physicians who keep reps out and learn online: "
                + "e-detailing, video and the portal; aware of the product and starting to try it.",
            share: 0.24,
            specialtyWeights: ["GP": 0.5, "FM": 0.3, "IM": 0.2],
            regionWeights: nationalRegionWeights,
            practiceTypeWeights: ["gp_practice": 0.55, "group_practice": 0.4, "clinic": 0.05],
            practiceSize: .init(median: 6, sigma: 0.45),
            ageBandWeights: ["25-34": 0.48, "35-44": 0.40, "45-54": 0.10, "55-64": 0.02],
            monthlyRx: .init(median: 24, sigma: 1.05),
            productShare: .init(median: 0.15, sigma: 0.5),
            adoptionWeights: ["unaware": 0.08, "aware": 0.47, "trial": 0.35, "adopter": 0.08, "advocate": 0.02],
            emailsOpened: .init(median: 20, sigma: 0.35),
            webinarsAttended: .init(median: 3, sigma: 0.5),
            portalVisits: .init(median: 14, sigma: 0.35),
            repAccessRestrictedProbability: 0.8,
            contentWeights: ["e_detailing": 0.45, "video": 0.35, "clinical_data": 0.1, "guidelines": 0.05,
                             "peer_discussion": 0.05],
            callsReceived: .init(median: 4, sigma: 0.5),
            potentialGrowth: 1.6),
        PlantedSegment(
            key: "traditional", name: "Traditional rep-reliant",
            summary: "Older, long-practising primary care physicians who see reps often, rarely engage "
                + "digitally and prefer printed material and peer meetings; steady volume, little left to win.",
            share: 0.22,
            specialtyWeights: ["GP": 0.45, "FM": 0.15, "IM": 0.15, "CARD": 0.05, "PSYCH": 0.05, "DERM": 0.05,
                               "GI": 0.05, "SURG": 0.05],
            regionWeights: nationalRegionWeights,
            practiceTypeWeights: ["gp_practice": 0.6, "group_practice": 0.15, "clinic": 0.2, "hospital": 0.05],
            practiceSize: .init(median: 4, sigma: 0.5),
            ageBandWeights: ["45-54": 0.06, "55-64": 0.56, "65+": 0.38],
            monthlyRx: .init(median: 85, sigma: 0.95),
            productShare: .init(median: 0.30, sigma: 0.5),
            adoptionWeights: ["unaware": 0.05, "aware": 0.2, "trial": 0.25, "adopter": 0.38, "advocate": 0.12],
            emailsOpened: .init(median: 1, sigma: 0.7),
            webinarsAttended: .init(median: 0.3, sigma: 0.7),
            portalVisits: .init(median: 0.6, sigma: 0.7),
            repAccessRestrictedProbability: 0.05,
            contentWeights: ["printed": 0.55, "peer_discussion": 0.3, "clinical_data": 0.1, "guidelines": 0.05],
            callsReceived: .init(median: 10, sigma: 0.35),
            potentialGrowth: 0.3),
        PlantedSegment(
            key: "emerging_spec", name: "Emerging specialists",
            summary: "Cardiologists, endocrinologists, neurologists and rheumatologists in clinics who barely "
                + "use the product yet: low share, unaware or aware, the largest untapped potential.",
            share: 0.15,
            specialtyWeights: ["CARD": 0.3, "ENDO": 0.3, "NEURO": 0.2, "RHEUM": 0.2],
            regionWeights: nationalRegionWeights,
            practiceTypeWeights: ["clinic": 0.55, "hospital": 0.25, "group_practice": 0.2],
            practiceSize: .init(median: 10, sigma: 0.5),
            ageBandWeights: ["25-34": 0.15, "35-44": 0.40, "45-54": 0.30, "55-64": 0.12, "65+": 0.03],
            monthlyRx: .init(median: 25, sigma: 1.05),
            productShare: .init(median: 0.05, sigma: 0.5),
            adoptionWeights: ["unaware": 0.5, "aware": 0.38, "trial": 0.1, "adopter": 0.02],
            emailsOpened: .init(median: 8, sigma: 0.45),
            webinarsAttended: .init(median: 2, sigma: 0.5),
            portalVisits: .init(median: 6, sigma: 0.45),
            repAccessRestrictedProbability: 0.4,
            contentWeights: ["clinical_data": 0.45, "video": 0.15, "e_detailing": 0.15, "guidelines": 0.1,
                             "peer_discussion": 0.1, "printed": 0.05],
            callsReceived: .init(median: 5, sigma: 0.45),
            potentialGrowth: 5),
        PlantedSegment(
            key: "hospital_inst", name: "Hospital institutions",
            summary: "Physicians in very large hospitals whose prescribing follows formularies and guidelines; "
                + "access is often restricted, the product is in trial or adopted.",
            share: 0.12,
            specialtyWeights: ["EM": 0.2, "IM": 0.15, "SURG": 0.15, "PULM": 0.15, "CARD": 0.1, "GI": 0.1,
                               "NEURO": 0.05, "PSYCH": 0.05, "ONC": 0.05],
            regionWeights: nationalRegionWeights,
            practiceTypeWeights: ["hospital": 0.95, "clinic": 0.05],
            practiceSize: .init(median: 220, sigma: 0.4),
            ageBandWeights: ["25-34": 0.15, "35-44": 0.30, "45-54": 0.30, "55-64": 0.20, "65+": 0.05],
            monthlyRx: .init(median: 115, sigma: 1.05),
            productShare: .init(median: 0.30, sigma: 0.5),
            adoptionWeights: ["unaware": 0.03, "aware": 0.12, "trial": 0.4, "adopter": 0.4, "advocate": 0.05],
            emailsOpened: .init(median: 5, sigma: 0.5),
            webinarsAttended: .init(median: 2, sigma: 0.5),
            portalVisits: .init(median: 4, sigma: 0.5),
            repAccessRestrictedProbability: 0.6,
            contentWeights: ["guidelines": 0.6, "clinical_data": 0.15, "peer_discussion": 0.1, "video": 0.05,
                             "e_detailing": 0.05, "printed": 0.05],
            callsReceived: .init(median: 6, sigma: 0.45),
            potentialGrowth: 0.6),
        PlantedSegment(
            key: "low_rural", name: "Low-volume rural",
            summary: "Single-handed and small rural practices, mostly in three regions, who prescribe little, "
                + "engage little and are hard to reach: low value and low potential.",
            share: 0.20,
            specialtyWeights: ["GP": 0.62, "FM": 0.28, "IM": 0.05, "PSYCH": 0.03, "DERM": 0.02],
            regionWeights: ["south_west": 0.32, "highlands": 0.28, "east": 0.2, "midlands": 0.06,
                            "north_east": 0.06, "north_west": 0.04, "south_east": 0.03, "london": 0.01],
            practiceTypeWeights: ["gp_practice": 0.78, "clinic": 0.12, "group_practice": 0.10],
            practiceSize: .init(median: 1.6, sigma: 0.45),
            ageBandWeights: ["25-34": 0.06, "35-44": 0.16, "45-54": 0.30, "55-64": 0.30, "65+": 0.18],
            monthlyRx: .init(median: 5, sigma: 1.05),
            productShare: .init(median: 0.15, sigma: 0.6),
            adoptionWeights: ["unaware": 0.35, "aware": 0.35, "trial": 0.15, "adopter": 0.12, "advocate": 0.03],
            emailsOpened: .init(median: 1.5, sigma: 0.7),
            webinarsAttended: .init(median: 0.3, sigma: 0.7),
            portalVisits: .init(median: 0.8, sigma: 0.7),
            repAccessRestrictedProbability: 0.3,
            contentWeights: ["printed": 0.4, "peer_discussion": 0.15, "guidelines": 0.15, "clinical_data": 0.1,
                             "video": 0.1, "e_detailing": 0.1],
            callsReceived: .init(median: 1.5, sigma: 0.6),
            potentialGrowth: 0.5),
    ]

    /// Region weights of segments spread across the country like the physician population.
    static let nationalRegionWeights: [String: Double] = [
        "london": 0.17, "south_east": 0.17, "south_west": 0.09, "east": 0.11,
        "midlands": 0.17, "north_west": 0.13, "north_east": 0.14, "highlands": 0.02,
    ]
}
