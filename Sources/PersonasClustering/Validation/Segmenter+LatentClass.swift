import PersonasNumerics

extension Segmenter {
    /// A latent class model (``LatentClass``) on `data`, the items of the rows whose prepared
    /// features are `fitted`: `restarts` EM runs from random memberships (the highest likelihood
    /// kept), each row's segment its most probable class, with the fit's information criteria.
    ///
    /// The items (categorical levels, continuous values, missing answers) are not the prepared
    /// features choosing k computes its indices on, so the segmenter answers only for `fitted`
    /// itself (recognised by one O(n·d) comparison, as ``ward(reusing:fittedTo:)`` does) and
    /// refuses other rows: the gap statistic's reference sets and bootstrap resamples have no
    /// items, and are not run for a latent class model.
    public static func latentClass(_ data: LatentClassData, fittedTo fitted: Matrix<Double>, restarts: Int) -> Segmenter {
        Segmenter(name: "latent class") { x, k, seed in
            guard x.rows == fitted.rows, x == fitted else {
                throw ClusteringError("a latent class model is fitted on the table's items, which resampled or reference "
                                      + "rows do not have; run it without the gap statistic and bootstrap stability")
            }
            let model = try LatentClass.fit(data, LatentClassConfiguration(k: k, restarts: restarts, seed: seed))
            return ModelBasedFit(labels: model.labels, criteria: model.informationCriteria)
        }
    }

    /// The segmenter ``SegmentationMethod/latentClass`` gives without its items: it refuses to run.
    static var needsItems: Segmenter {
        Segmenter(name: "latent class") { (_: Matrix<Double>, _: Int, _: UInt64) throws -> [Int32] in
            throw ClusteringError("a latent class model needs the table's columns as items, not a feature matrix")
        }
    }
}

extension LatentClassModel {
    /// The model's criteria as choosing k reads them.
    public var informationCriteria: InformationCriteria {
        InformationCriteria(logLikelihood: logLikelihood, parameterCount: parameterCount, bic: bic, aic: aic, icl: icl,
                            mclustBIC: mclustBIC)
    }
}
