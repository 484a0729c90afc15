// Hierarchical-clustering kernels; see include/personas_linkage.h. The loops are written so the
// compiler vectorises them over positions (the inner loop runs over j with a fixed block), and
// each ISA variant is the same source compiled with a different target attribute. FP contraction
// is off so every variant computes the same bits.
#include "personas_linkage.h"
#include "personas_kernels.h"

#include <math.h>

#pragma clang fp contract(off)

#define PL_BLOCK 32

#define PL_DEFINE(SUFFIX, ATTR)                                                                        \
ATTR static long nearest_##SUFFIX(const double *ct, long ld, int d, long begin, long end,             \
                                  const double *p, const double *sizes, double ps, double *best) {    \
    long found = -1;                                                                                  \
    double cut = *best;                                                                               \
    long j0 = begin;                                                                                  \
    for (; j0 + PL_BLOCK <= end; j0 += PL_BLOCK) {                                                    \
        double acc[PL_BLOCK];                                                                         \
        for (int l = 0; l < PL_BLOCK; l++) acc[l] = 0.0;                                              \
        for (int q = 0; q < d; q++) {                                                                 \
            const double *row = ct + (long)q * ld + j0;                                               \
            const double pq = p[q];                                                                   \
            for (int l = 0; l < PL_BLOCK; l++) {                                                      \
                double t = row[l] - pq;                                                               \
                acc[l] = acc[l] + t * t;                                                              \
            }                                                                                         \
        }                                                                                             \
        if (sizes) {                                                                                  \
            const double *s = sizes + j0;                                                             \
            for (int l = 0; l < PL_BLOCK; l++) acc[l] = (ps * s[l]) / (ps + s[l]) * acc[l];           \
        }                                                                                             \
        double low = INFINITY; /* NaN values (retired slots) are never below anything */              \
        for (int l = 0; l < PL_BLOCK; l++) low = acc[l] < low ? acc[l] : low;                         \
        if (low < cut) {                                                                              \
            for (int l = 0; l < PL_BLOCK; l++) {                                                      \
                if (acc[l] < cut) { cut = acc[l]; found = j0 + l; }                                   \
            }                                                                                         \
        }                                                                                             \
    }                                                                                                 \
    for (long j = j0; j < end; j++) {                                                                 \
        double a = 0.0;                                                                               \
        for (int q = 0; q < d; q++) {                                                                 \
            double t = ct[(long)q * ld + j] - p[q];                                                   \
            a = a + t * t;                                                                            \
        }                                                                                             \
        if (sizes) a = (ps * sizes[j]) / (ps + sizes[j]) * a;                                         \
        if (a < cut) { cut = a; found = j; }                                                          \
    }                                                                                                 \
    *best = cut;                                                                                      \
    return found;                                                                                     \
}                                                                                                     \
                                                                                                      \
ATTR static void prim_block_##SUFFIX(const double *ct, long ld, int d, long j0, int len,              \
                                     const double *p, int metric, const double *inv, double pinv,     \
                                     double *mind) {                                                  \
    double acc[PL_BLOCK];                                                                             \
    for (int l = 0; l < PL_BLOCK; l++) acc[l] = 0.0;                                                  \
    if (len == PL_BLOCK) {                                                                            \
        for (int q = 0; q < d; q++) {                                                                 \
            const double *row = ct + (long)q * ld + j0;                                               \
            const double pq = p[q];                                                                   \
            if (metric == 0) {                                                                        \
                for (int l = 0; l < PL_BLOCK; l++) { double t = row[l] - pq; acc[l] = acc[l] + t * t; } \
            } else if (metric == 1) {                                                                 \
                for (int l = 0; l < PL_BLOCK; l++) acc[l] = acc[l] + fabs(row[l] - pq);               \
            } else {                                                                                  \
                for (int l = 0; l < PL_BLOCK; l++) acc[l] = acc[l] + row[l] * pq;                     \
            }                                                                                         \
        }                                                                                             \
    } else {                                                                                          \
        for (int l = 0; l < len; l++) {                                                               \
            double a = 0.0;                                                                           \
            for (int q = 0; q < d; q++) {                                                             \
                double c = ct[(long)q * ld + j0 + l];                                                 \
                if (metric == 0) { double t = c - p[q]; a = a + t * t; }                              \
                else if (metric == 1) a = a + fabs(c - p[q]);                                         \
                else a = a + c * p[q];                                                                \
            }                                                                                         \
            acc[l] = a;                                                                               \
        }                                                                                             \
    }                                                                                                 \
    if (metric == 2) {                                                                                \
        for (int l = 0; l < len; l++) acc[l] = 1.0 - acc[l] * pinv * inv[j0 + l];                    \
    }                                                                                                 \
    for (int l = 0; l < len; l++) mind[j0 + l] = acc[l] < mind[j0 + l] ? acc[l] : mind[j0 + l];       \
}                                                                                                     \
                                                                                                      \
ATTR static long prim_##SUFFIX(const double *ct, long ld, int d, long m, const double *p, int metric, \
                               const double *inv, double pinv, double *mind) {                        \
    long found = -1;                                                                                  \
    double low = INFINITY;                                                                            \
    for (long j0 = 0; j0 < m; j0 += PL_BLOCK) {                                                       \
        int len = (int)(m - j0 < PL_BLOCK ? m - j0 : PL_BLOCK);                                       \
        prim_block_##SUFFIX(ct, ld, d, j0, len, p, metric, inv, pinv, mind);                          \
        for (int l = 0; l < len; l++) {                                                               \
            if (mind[j0 + l] < low || found < 0) { low = mind[j0 + l]; found = j0 + l; }              \
        }                                                                                             \
    }                                                                                                 \
    return found;                                                                                     \
}                                                                                                     \
                                                                                                      \
ATTR static void rowdist_##SUFFIX(const double *x, long ldx, int d, long p, long begin, long end,     \
                                  int metric, double *out) {                                          \
    const double *xp = x + p * ldx;                                                                   \
    for (long j = begin; j < end; j++) {                                                              \
        const double *xj = x + j * ldx;                                                               \
        double a = 0.0;                                                                               \
        if (metric == 1) {                                                                            \
            for (int q = 0; q < d; q++) a = a + fabs(xp[q] - xj[q]);                                  \
        } else {                                                                                      \
            for (int q = 0; q < d; q++) { double t = xp[q] - xj[q]; a = a + t * t; }                  \
        }                                                                                             \
        out[j - begin] = metric == 3 ? sqrt(a) : a;                                                   \
    }                                                                                                 \
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
PL_DEFINE(avx512, __attribute__((target("avx2,avx512f,avx512vl,avx512dq"))))
PL_DEFINE(avx2, __attribute__((target("avx2"))))
#define PL_HAVE_SIMD 1
#endif
PL_DEFINE(portable, )

long personas_linkage_nearest(const double *ct, long ld, int d, long begin, long end, const double *p,
                              const double *sizes, double ps, double *best) {
#ifdef PL_HAVE_SIMD
    int isa = personas_kernels_isa();
    if (isa >= 3) return nearest_avx512(ct, ld, d, begin, end, p, sizes, ps, best);
    if (isa >= 2) return nearest_avx2(ct, ld, d, begin, end, p, sizes, ps, best);
#endif
    return nearest_portable(ct, ld, d, begin, end, p, sizes, ps, best);
}

long personas_linkage_prim_update(const double *ct, long ld, int d, long m, const double *p, int metric,
                                  const double *inv, double pinv, double *mind) {
#ifdef PL_HAVE_SIMD
    int isa = personas_kernels_isa();
    if (isa >= 3) return prim_avx512(ct, ld, d, m, p, metric, inv, pinv, mind);
    if (isa >= 2) return prim_avx2(ct, ld, d, m, p, metric, inv, pinv, mind);
#endif
    return prim_portable(ct, ld, d, m, p, metric, inv, pinv, mind);
}

void personas_linkage_row_distances(const double *x, long ldx, int d, long p, long begin, long end, int metric,
                                    double *out) {
#ifdef PL_HAVE_SIMD
    int isa = personas_kernels_isa();
    if (isa >= 3) { rowdist_avx512(x, ldx, d, p, begin, end, metric, out); return; }
    if (isa >= 2) { rowdist_avx2(x, ldx, d, p, begin, end, metric, out); return; }
#endif
    rowdist_portable(x, ldx, d, p, begin, end, metric, out);
}
