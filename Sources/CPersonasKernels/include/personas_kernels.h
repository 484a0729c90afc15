// CPersonasKernels: hand-vectorised distance kernels with run-time CPU dispatch.
//
// Why C: the inner products behind k-means are tall-and-skinny (millions of rows against 8–64
// centers), a shape where OpenBLAS's GEMM spends most of its time packing (measured on the
// project machine: 13 GFLOP/s for n × 32 · 32 × 16 against 27 GFLOP/s for square GEMM). A
// register-blocked kernel fused with the argmin avoids the packing and the n × k buffer. Swift
// cannot compile a function for AVX2 + FMA without unsafe compiler flags (which would make the
// package unusable as a dependency); C can, per function, with `__attribute__((target))`, and
// choose at run time with `__builtin_cpu_supports`. Portable loops serve every other CPU.
//
// Conventions: x is row-major with row stride ldx; mu (the data mean, d) is subtracted on the
// fly; centers_t is the transposed center matrix (d × kpad, row-major) with padding columns 0;
// norms holds ||c_j||² for j < k and +inf for the padding. kpad is a multiple of 8 (float) or 4
// (double); the kernels never read past column kpad. "Value" means ||c_j||² − 2 (x − mu)·c_j: the
// squared distance minus ||x − mu||².
//
// Numerics: every SIMD path (AVX2, AVX-512, whatever layout it picks for the shape) computes the
// same operations in the same order, so their results are bit-identical: each value is the FMA
// chain over increasing q of (x_q − mu_q, rounded in the data's precision) · c_qj from 0, then
// ||c_j||² − 2a with one rounding; ||x − mu||² keeps the order of the first AVX2 kernels (4-double
// or 8-float lanes, added in order, then the remaining columns). The portable loops round the
// products separately (no FMA), so they differ in the last bits.
#ifndef PERSONAS_KERNELS_H
#define PERSONAS_KERNELS_H

#include <stdint.h>

/// For each row: the nearest center (lowest index on ties; NaN values are skipped), its value, the
/// second-lowest value (the nearest other center; +inf when k = 1) and ||x − mu||². Any output
/// pointer but labels may be NULL.
void personas_nearest_f64(const double *x, long rows, long ldx, int d, const double *mu,
                          const double *centers_t, const double *norms, int k, int kpad,
                          int32_t *labels, double *best, double *second, double *xnorm);
void personas_nearest_f32(const float *x, long rows, long ldx, int d, const float *mu,
                          const float *centers_t, const float *norms, int k, int kpad,
                          int32_t *labels, float *best, float *second, float *xnorm);

/// For each row and each center j < k: the value ||c_j||² − 2 (x − mu)·c_j into out (rows × k,
/// row stride ldo), and ||x − mu||² into xnorm (may be NULL).
void personas_values_f64(const double *x, long rows, long ldx, int d, const double *mu,
                         const double *centers_t, const double *norms, int k, int kpad,
                         double *out, long ldo, double *xnorm);
void personas_values_f32(const float *x, long rows, long ldx, int d, const float *mu,
                         const float *centers_t, const float *norms, int k, int kpad,
                         float *out, long ldo, float *xnorm);

/// Adds each row's centered values (x − mu), times its weight (1 when weights is NULL), to the
/// double-precision sums of its label (k × d, row-major), and the weight to wsums[label].
void personas_accumulate_f64(const double *x, long rows, long ldx, int d, const double *mu,
                             const int32_t *labels, const double *weights, double *sums, double *wsums);
void personas_accumulate_f32(const float *x, long rows, long ldx, int d, const float *mu,
                             const int32_t *labels, const double *weights, double *sums, double *wsums);

/// Each row's exact squared distance ||(x − mu) − c_label||² in double precision, computed from
/// differences (no expansion), to the centers given row-major (k × d, centered coordinates).
void personas_assigned_distance_f64(const double *x, long rows, long ldx, int d, const double *mu,
                                    const double *centers, const int32_t *labels, double *out);
void personas_assigned_distance_f32(const float *x, long rows, long ldx, int d, const float *mu,
                                    const float *centers, const int32_t *labels, double *out);

/// The instruction set the kernels run with: 0 portable, 2 AVX2 + FMA, 3 AVX-512 (F, VL, DQ, BW;
/// AVX2 + FMA as well).
int personas_kernels_isa(void);

#endif
