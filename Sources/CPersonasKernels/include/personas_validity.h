// Kernels behind the cluster validity indices (PersonasClustering/Validation/Indices).
//
// Numerics: the AVX-512, AVX2 and portable paths compute the same operations in the same order
// (no FP contraction; square roots are correctly rounded on every path), so they return the same
// bits, and a result never depends on which instruction set ran it.
#ifndef PERSONAS_VALIDITY_H
#define PERSONAS_VALIDITY_H

/// Sums of Euclidean distances from a block of expanded squared distances, per row and per column:
///
///     d[r][j] = sqrt(max((g[r·ldg + j] + xn[r]) + yn[j], 0)),
///     row_out[r] = Σ_{j < cols} d[r][j],   col_out[j] = Σ_{r < rows} d[r][j] (when col_out is not NULL)
///
/// where g holds −2 x_r·y_j (a GEMM tile), xn the rows' and yn the columns' squared norms, so the
/// argument is ‖x_r − y_j‖² by the expansion scikit-learn's euclidean_distances uses. Negative
/// values (rounding) and NaN clamp to 0; a −∞ in g (a row's own column) contributes exactly 0.
/// Row sums run in 8 lanes (j ≡ l mod 8 from the start of the row), added as
/// ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7)), then the last cols mod 8 columns in order;
/// column sums add the rows in increasing r, starting from 0.
void personas_validity_distance_sums(const double *g, long ldg, long rows, long cols, const double *xn,
                                     const double *yn, double *row_out, double *col_out);

/// A tile of expanded squared distances, in place: g[r·ldg + j] = (g[r·ldg + j] + xn[r]) + yn[j]
/// for rows × cols entries (g holding −2 x_r·y_j on entry). Returns their largest value when
/// largest is nonzero, else their smallest.
double personas_validity_expand_extreme(double *g, long ldg, long rows, long cols, const double *xn,
                                        const double *yn, int largest);

/// The entries of a rows × cols tile at or beyond cut (g ≥ cut when largest is nonzero, else
/// g ≤ cut), in row-major order: their offsets r·cols + j go to out while fewer than capacity
/// have been found. Returns how many there are in all (possibly more than capacity).
long personas_validity_select(const double *g, long ldg, long rows, long cols, double cut, int largest,
                              long *out, long capacity);

#endif
