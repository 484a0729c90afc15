extension ChooseK {
    /// The votes of BIC, AIC and ICL (each the lowest, scikit-learn's sign) over the candidates
    /// of a model-based method, each with its figure; BIC's also gives mclust's sign.
    static func informationCriterionVotes(_ candidates: [ChooseKResult.Candidate]) -> [ChooseKResult.Vote] {
        func lowest(_ value: (InformationCriteria) -> Double) -> ChooseKResult.Candidate {
            candidates.dropFirst().reduce(candidates[0]) { current, next in
                value(next.informationCriteria!) < value(current.informationCriteria!) ? next : current
            }
        }
        let bic = lowest(\.bic), aic = lowest(\.aic), icl = lowest(\.icl)
        return [
            .init(criterion: "BIC", k: bic.k,
                  reason: "BIC (−2ℓ + p·ln n, lower is better) is lowest at k = \(bic.k) "
                  + "(\(format(bic.informationCriteria!.bic)); mclust's BIC, 2ℓ − p·ln n, higher is better: "
                  + "\(format(bic.informationCriteria!.mclustBIC)))."),
            .init(criterion: "AIC", k: aic.k,
                  reason: "AIC (−2ℓ + 2p, lower is better) is lowest at k = \(aic.k) (\(format(aic.informationCriteria!.aic)))."),
            .init(criterion: "ICL", k: icl.k,
                  reason: "ICL (BIC plus twice the membership entropy, lower is better; it prefers segments that do not "
                  + "overlap) is lowest at k = \(icl.k) (\(format(icl.informationCriteria!.icl)))."),
        ]
    }
}
