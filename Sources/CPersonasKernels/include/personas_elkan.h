// The two inner loops of Elkan's k-means in CPersonasKernels (see personas_kernels.h for why C).
#ifndef PERSONAS_ELKAN_H
#define PERSONAS_ELKAN_H

#include <stdint.h>

/// The centers j < k still open for one row: lower[j] − drift[j] <= lower_limit (the row's lower
/// bound on its distance to c_j, stored against the center's drift, against the row's threshold)
/// and between[j] <= between_limit (the distance from the row's center to c_j), both compared in
/// float with IEEE rounding. Writes the open indices in increasing order to out (room for k) and
/// returns their number.
int personas_elkan_open(const float *lower, const float *drift, const float *between, int k,
                        float lower_limit, float between_limit, int32_t *out);

/// min over j < k, j != skip, of lower[j] − drift[j] in float (+inf when there is no such j): a
/// row's lower bound on its distance to every center but its own, up to the rounding of one
/// float subtraction.
float personas_elkan_min_lower(const float *lower, const float *drift, int k, int skip);

/// Asks the cache for the bytes [p, p + bytes) (a row's bounds a few rows ahead: rows that need
/// their bounds are scattered, which the hardware prefetchers do not follow).
void personas_prefetch(const void *p, long bytes);

/// Squared distances ||(x − mu) − c_j||² in double precision, from differences, of one row to the
/// centers listed in which (count of them; rows of centers, k × d row-major, centered coordinates,
/// in double even for float data), into out. x − mu is rounded in the data's precision, as in the
/// distance kernels; the order of
/// the sums is the kernel's own (the error is at most about d + 2 units in the last place).
void personas_row_distances_f64(const double *x, int d, const double *mu, const double *centers,
                                const int32_t *which, int count, double *out);
void personas_row_distances_f32(const float *x, int d, const float *mu, const double *centers,
                                const int32_t *which, int count, double *out);

/// What a pruned pass of Elkan's k-means in the ball layout reads and does not change.
///
/// Per row i the caller keeps its label a, an upper bound upper[i] on ||x̃_i − c_a|| (x̃ = x − mu),
/// a lower bound on its distance to every other center stored against the largest drift
/// (other_lower[i] − largest_drift is the bound now) and ||x̃_i||, rounded up (row_norms[i]).
typedef struct {
    int k, d;
    /// Rows (n × d, row stride d), the shift mu (d) and the centers in shifted coordinates (k × d,
    /// rounded to the data's precision as the distance kernels see them), all in the data's
    /// precision: float for the _f32 pass, double for the _f64 one.
    const void *x, *mu, *centers;
    /// Each center's k − 1 others, nearest first (k × (k − 1)), and lower bounds on those
    /// center-to-center distances, in the same order and increasing.
    const int32_t *neighbors;
    const double *neighbor_distances;
    /// A lower bound on each center's distance to its nearest other center (k).
    const double *nearest_other;
    /// How far each center moved since the last pass, rounded up (k).
    const double *movement;
    /// The running sum of the largest center movements, against which other_lower is stored.
    double largest_drift;
    /// A row's rounding margin is margin_scale · (row_norms[i] + largest_center_norm)²: two of the
    /// distance kernel's values (or a value plus ||x̃||²) differ from the exact ones by less.
    double margin_scale, largest_center_norm;
    /// A bound on the relative error of this pass's own squared distances (from differences, in
    /// the data's precision): (d + 8) units in the last place.
    double relative;
    /// The highest instruction set the pass may use, on personas_kernels_isa's scale (0 portable,
    /// 2 AVX2 + FMA, 3 AVX-512): tests run every path on one CPU. 3 or more: the CPU's best.
    int instruction_set_limit;
} personas_elkan_pass;

/// The rows' state that a pass updates, and its two lists (room for as many rows as the pass
/// covers): the rows whose label changed (with their old label) and the rows it could not decide;
/// and room for one shifted row (d values in the data's precision).
typedef struct {
    int32_t *labels;
    double *upper, *other_lower;
    const double *row_norms;
    int32_t *moved_rows, *moved_from, *ambiguous_rows;
    void *shifted_row;
} personas_elkan_rows;

/// The lengths of the two lists, and how many distances the pass computed.
typedef struct {
    long moved, ambiguous, distances;
} personas_elkan_outcome;

/// Rows start..<end of one pruned pass: the label each would get from the distance kernel
/// (personas_nearest_*), found from a few distances. A row is settled by its bounds when they
/// show every other center farther than its own by the margin; otherwise its distance to its
/// center is computed, the bounds tried again, then its distances to the centers within
/// u + √(u² + margin) of its center (u its distance). The nearest of those is its label, when
/// every other one is farther by more than the margin; when not, the row is listed as ambiguous,
/// its label, bounds and row left for the caller to decide with the kernel. Bounds are updated
/// for every other row and labels for the rows that moved (listed).
personas_elkan_outcome personas_elkan_ball_pass_f32(const personas_elkan_pass *pass, const personas_elkan_rows *rows,
                                                    long start, long end);
personas_elkan_outcome personas_elkan_ball_pass_f64(const personas_elkan_pass *pass, const personas_elkan_rows *rows,
                                                    long start, long end);

#endif
