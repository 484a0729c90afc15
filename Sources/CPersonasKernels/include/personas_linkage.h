// Kernels behind hierarchical clustering: nearest-neighbour scans over points stored by
// coordinate ("column-major": coordinate q of position j at ct[q * ld + j]), so that eight or
// sixteen positions share one vector and no horizontal sums are needed.
//
// Numerics: every ISA computes each value with the same operations in the same order (no FMA
// contraction: differences squared and added over increasing q), so the AVX-512, AVX2 and
// portable paths return bit-identical values, and a value computed alone equals the same value
// computed inside a block. The nearest-neighbour chain relies on that to stay free of cycles.
#ifndef PERSONAS_LINKAGE_H
#define PERSONAS_LINKAGE_H

/// Over positions [begin, end): v_j = ||c_j − p||², or, when sizes is not NULL, the Ward value
/// (ps · s_j) / (ps + s_j) · ||c_j − p||² (Ward's height is sqrt(2 v)). Returns the position of
/// the smallest value below *best (strict, lowest position on ties) and stores it in *best, or
/// returns −1 and leaves *best when none is below.
long personas_linkage_nearest(const double *ct, long ld, int d, long begin, long end, const double *p,
                              const double *sizes, double ps, double *best);

/// Prim's update over positions [0, m): mind[j] = min(mind[j], dist(p, c_j)) and the position of
/// the smallest mind (lowest position on ties). metric: 0 squared Euclidean, 1 Manhattan,
/// 2 cosine (1 − p·c_j · pinv · inv[j], with pinv and inv the reciprocal norms).
long personas_linkage_prim_update(const double *ct, long ld, int d, long m, const double *p, int metric,
                                  const double *inv, double pinv, double *mind);

/// Condensed-matrix distances of point p (row-major x, row stride ldx) to rows [begin, end) into
/// out: metric 0 squared Euclidean, 1 Manhattan, 3 Euclidean (sqrt of 0). Differences per
/// coordinate, in increasing q, as SciPy's pdist does.
void personas_linkage_row_distances(const double *x, long ldx, int d, long p, long begin, long end, int metric,
                                    double *out);

#endif
