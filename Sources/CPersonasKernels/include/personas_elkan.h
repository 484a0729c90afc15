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

/// Squared distances ||(x_r − mu) − c_j||² in double precision, from differences, for the pairs
/// (rows[p], which[p]), p < count: rows of x (row stride ldx) against rows of centers (k × d,
/// centered coordinates, double even for float data), into out. x − mu is rounded in the data's
/// precision. Pairs are independent, so the memory reads of many rows overlap.
void personas_pair_distances_f64(const double *x, long ldx, int d, const double *mu, const double *centers,
                                 const int32_t *rows, const int32_t *which, int count, double *out);
void personas_pair_distances_f32(const float *x, long ldx, int d, const float *mu, const double *centers,
                                 const int32_t *rows, const int32_t *which, int count, double *out);

#endif
