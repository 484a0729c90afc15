/// Whether the segments found are structure in the data or a convenient division of a continuum,
/// read from the best average silhouette width by Kaufman and Rousseeuw's rule of thumb.
///
/// Kaufman and Rousseeuw (*Finding Groups in Data: An Introduction to Cluster Analysis*, Wiley,
/// 1990, ch. 2) read the average silhouette width of a clustering as: above 0.70 a strong
/// structure, 0.51–0.70 a reasonable one, 0.26–0.50 a weak one that could be artificial, and 0.25
/// or less "no substantial structure has been found". When even the best k tried stays under
/// ``substantialSilhouette``, every segmentation on offer cuts a continuum rather than separating
/// groups: still usable as a division of the customers for a plan, but not evidence of types of
/// customer. `choose-k` and `segment` then warn in words instead of presenting a recommendation
/// as if it had found groups.
public enum StructureStrength {
    /// The average silhouette under which Kaufman and Rousseeuw find no substantial structure.
    public static let substantialSilhouette = 0.25

    /// The warning for a best average silhouette under ``substantialSilhouette`` (at `k`;
    /// `estimated` when it comes from a sample of rows), nil otherwise.
    public static func warning(silhouette: Double, k: Int, estimated: Bool = false) -> String? {
        guard silhouette < substantialSilhouette else { return nil }
        return "no substantial structure: the best average silhouette is \(ChooseK.format(silhouette)) (k = \(k)"
            + (estimated ? ", estimated from a sample" : "") + "), under \(substantialSilhouette), Kaufman and "
            + "Rousseeuw's threshold for structure; the segments divide a continuum rather than separate groups, so "
            + "treat them as a convenient split of the customers, not as types found in the data"
    }
}
