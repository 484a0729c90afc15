// See include/personas_elkan.h.
#include "personas_elkan.h"
#include "personas_kernels.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define PERSONAS_X86 1
#include <immintrin.h>
#endif

// MARK: open centers

static int open_portable(const float *lower, const float *drift, const float *between, int k,
                         float lower_limit, float between_limit, int32_t *out) {
    int n = 0;
    for (int j = 0; j < k; j++) {
        out[n] = j;
        n += (lower[j] - drift[j] <= lower_limit) & (between[j] <= between_limit);
    }
    return n;
}

#ifdef PERSONAS_X86
// 16 centers per step: two compares into masks, and a compress-store of their indices.
__attribute__((target("avx2,fma,avx512f,avx512vl,avx512dq,avx512bw")))
static int open_avx512(const float *lower, const float *drift, const float *between, int k,
                       float lower_limit, float between_limit, int32_t *out) {
    const __m512 ll = _mm512_set1_ps(lower_limit), bl = _mm512_set1_ps(between_limit);
    __m512i index = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    const __m512i step = _mm512_set1_epi32(16);
    int n = 0;
    for (int j = 0; j < k; j += 16) {
        __mmask16 valid = k - j >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (k - j)) - 1);
        __m512 l = _mm512_maskz_loadu_ps(valid, lower + j), t = _mm512_maskz_loadu_ps(valid, drift + j);
        __m512 b = _mm512_maskz_loadu_ps(valid, between + j);
        __mmask16 open = _mm512_mask_cmp_ps_mask(valid, _mm512_sub_ps(l, t), ll, _CMP_LE_OQ);
        open = _mm512_mask_cmp_ps_mask(open, b, bl, _CMP_LE_OQ);
        _mm512_mask_compressstoreu_epi32(out + n, open, index);
        n += __builtin_popcount(open);
        index = _mm512_add_epi32(index, step);
    }
    return n;
}
#endif

int personas_elkan_open(const float *lower, const float *drift, const float *between, int k,
                        float lower_limit, float between_limit, int32_t *out) {
#ifdef PERSONAS_X86
    if (personas_kernels_isa() >= 3) return open_avx512(lower, drift, between, k, lower_limit, between_limit, out);
#endif
    return open_portable(lower, drift, between, k, lower_limit, between_limit, out);
}

static float min_lower_portable(const float *lower, const float *drift, int k, int skip) {
    float m = INFINITY;
    for (int j = 0; j < k; j++) {
        float v = j == skip ? INFINITY : lower[j] - drift[j];
        m = v < m ? v : m;
    }
    return m;
}

#ifdef PERSONAS_X86
__attribute__((target("avx2,fma,avx512f,avx512vl,avx512dq,avx512bw")))
static float min_lower_avx512(const float *lower, const float *drift, int k, int skip) {
    __m512 m = _mm512_set1_ps(INFINITY);
    for (int j = 0; j < k; j += 16) {
        __mmask16 valid = k - j >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (k - j)) - 1);
        if (skip >= j && skip < j + 16) valid &= (__mmask16)~(1u << (skip - j));
        __m512 v = _mm512_sub_ps(_mm512_maskz_loadu_ps(valid, lower + j), _mm512_maskz_loadu_ps(valid, drift + j));
        m = _mm512_mask_min_ps(m, valid, m, v);
    }
    return _mm512_reduce_min_ps(m);
}
#endif

float personas_elkan_min_lower(const float *lower, const float *drift, int k, int skip) {
#ifdef PERSONAS_X86
    if (personas_kernels_isa() >= 3) return min_lower_avx512(lower, drift, k, skip);
#endif
    return min_lower_portable(lower, drift, k, skip);
}

void personas_prefetch(const void *p, long bytes) {
    for (long offset = 0; offset < bytes; offset += 64) __builtin_prefetch((const char *)p + offset, 1, 3);
}

// MARK: distances of one row to a few centers

static void distances_f64_portable(const double *x, int d, const double *mu, const double *centers,
                                   const int32_t *which, int count, double *out) {
    for (int c = 0; c < count; c++) {
        const double *cj = centers + (long)which[c] * d;
        double s = 0;
        for (int q = 0; q < d; q++) { double v = (x[q] - mu[q]) - cj[q]; s += v * v; }
        out[c] = s;
    }
}

static void distances_f32_portable(const float *x, int d, const float *mu, const double *centers,
                                   const int32_t *which, int count, double *out) {
    for (int c = 0; c < count; c++) {
        const double *cj = centers + (long)which[c] * d;
        double s = 0;
        for (int q = 0; q < d; q++) { double v = (double)(x[q] - mu[q]) - cj[q]; s += v * v; }
        out[c] = s;
    }
}

#ifdef PERSONAS_X86
// The centered row is formed once (in the data's precision, then widened), 8 doubles per vector;
// two centers at a time, each with its own accumulator, so the two FMA chains overlap.
#define PE_TGT __attribute__((target("avx2,fma,avx512f,avx512vl,avx512dq,avx512bw")))
#define PE_MAXD 512

PE_TGT static void distances_centered_avx512(const double *xc, int d, const double *c0, const double *c1,
                                             double *o0, double *o1) {
    __m512d a0 = _mm512_setzero_pd(), a1 = _mm512_setzero_pd();
    int q = 0;
    for (; q + 8 <= d; q += 8) {
        __m512d v = _mm512_loadu_pd(xc + q);
        __m512d e0 = _mm512_sub_pd(v, _mm512_loadu_pd(c0 + q)), e1 = _mm512_sub_pd(v, _mm512_loadu_pd(c1 + q));
        a0 = _mm512_fmadd_pd(e0, e0, a0);
        a1 = _mm512_fmadd_pd(e1, e1, a1);
    }
    if (q < d) {
        __mmask8 m = (__mmask8)((1u << (d - q)) - 1);
        __m512d v = _mm512_maskz_loadu_pd(m, xc + q);
        __m512d e0 = _mm512_sub_pd(v, _mm512_maskz_loadu_pd(m, c0 + q));
        __m512d e1 = _mm512_sub_pd(v, _mm512_maskz_loadu_pd(m, c1 + q));
        a0 = _mm512_fmadd_pd(e0, e0, a0);
        a1 = _mm512_fmadd_pd(e1, e1, a1);
    }
    *o0 = _mm512_reduce_add_pd(a0);
    *o1 = _mm512_reduce_add_pd(a1);
}

PE_TGT static void distances_f64_avx512(const double *x, int d, const double *mu, const double *centers,
                                        const int32_t *which, int count, double *out) {
    double xc[PE_MAXD];
    for (int q = 0; q < d; q++) xc[q] = x[q] - mu[q];
    int c = 0;
    for (; c + 2 <= count; c += 2)
        distances_centered_avx512(xc, d, centers + (long)which[c] * d, centers + (long)which[c + 1] * d,
                                  out + c, out + c + 1);
    if (c < count) {
        double unused;
        const double *cj = centers + (long)which[c] * d;
        distances_centered_avx512(xc, d, cj, cj, out + c, &unused);
    }
}

PE_TGT static void distances_f32_avx512(const float *x, int d, const float *mu, const double *centers,
                                        const int32_t *which, int count, double *out) {
    double xc[PE_MAXD];
    for (int q = 0; q < d; q++) xc[q] = (double)(x[q] - mu[q]);
    int c = 0;
    for (; c + 2 <= count; c += 2)
        distances_centered_avx512(xc, d, centers + (long)which[c] * d, centers + (long)which[c + 1] * d,
                                  out + c, out + c + 1);
    if (c < count) {
        double unused;
        const double *cj = centers + (long)which[c] * d;
        distances_centered_avx512(xc, d, cj, cj, out + c, &unused);
    }
}
#endif

void personas_row_distances_f64(const double *x, int d, const double *mu, const double *centers,
                                const int32_t *which, int count, double *out) {
#ifdef PERSONAS_X86
    if (personas_kernels_isa() >= 3 && d <= PE_MAXD) {
        distances_f64_avx512(x, d, mu, centers, which, count, out);
        return;
    }
#endif
    distances_f64_portable(x, d, mu, centers, which, count, out);
}

void personas_row_distances_f32(const float *x, int d, const float *mu, const double *centers,
                                const int32_t *which, int count, double *out) {
#ifdef PERSONAS_X86
    if (personas_kernels_isa() >= 3 && d <= PE_MAXD) {
        distances_f32_avx512(x, d, mu, centers, which, count, out);
        return;
    }
#endif
    distances_f32_portable(x, d, mu, centers, which, count, out);
}

// MARK: distances of many (row, center) pairs

static void pairs_f64_portable(const double *x, long ldx, int d, const double *mu, const double *centers,
                               const int32_t *rows, const int32_t *which, int count, double *out) {
    for (int p = 0; p < count; p++) {
        const double *xi = x + (long)rows[p] * ldx, *cj = centers + (long)which[p] * d;
        double s = 0;
        for (int q = 0; q < d; q++) { double v = (xi[q] - mu[q]) - cj[q]; s += v * v; }
        out[p] = s;
    }
}

static void pairs_f32_portable(const float *x, long ldx, int d, const float *mu, const double *centers,
                               const int32_t *rows, const int32_t *which, int count, double *out) {
    for (int p = 0; p < count; p++) {
        const float *xi = x + (long)rows[p] * ldx;
        const double *cj = centers + (long)which[p] * d;
        double s = 0;
        for (int q = 0; q < d; q++) { double v = (double)(xi[q] - mu[q]) - cj[q]; s += v * v; }
        out[p] = s;
    }
}

#ifdef PERSONAS_X86
// One pair per step, two accumulators; the loop is short and branch-free, so the loads of the
// next pairs' rows start while this one's FMAs run.
PE_TGT static void pairs_f64_avx512(const double *x, long ldx, int d, const double *mu, const double *centers,
                                    const int32_t *rows, const int32_t *which, int count, double *out) {
    for (int p = 0; p < count; p++) {
        const double *xi = x + (long)rows[p] * ldx, *cj = centers + (long)which[p] * d;
        __m512d a0 = _mm512_setzero_pd(), a1 = _mm512_setzero_pd();
        int q = 0;
        for (; q + 16 <= d; q += 16) {
            __m512d e0 = _mm512_sub_pd(_mm512_sub_pd(_mm512_loadu_pd(xi + q), _mm512_loadu_pd(mu + q)),
                                       _mm512_loadu_pd(cj + q));
            __m512d e1 = _mm512_sub_pd(_mm512_sub_pd(_mm512_loadu_pd(xi + q + 8), _mm512_loadu_pd(mu + q + 8)),
                                       _mm512_loadu_pd(cj + q + 8));
            a0 = _mm512_fmadd_pd(e0, e0, a0);
            a1 = _mm512_fmadd_pd(e1, e1, a1);
        }
        for (; q < d; q += 8) {
            __mmask8 m = d - q >= 8 ? (__mmask8)0xFF : (__mmask8)((1u << (d - q)) - 1);
            __m512d e = _mm512_sub_pd(_mm512_sub_pd(_mm512_maskz_loadu_pd(m, xi + q), _mm512_maskz_loadu_pd(m, mu + q)),
                                      _mm512_maskz_loadu_pd(m, cj + q));
            a0 = _mm512_fmadd_pd(e, e, a0);
        }
        out[p] = _mm512_reduce_add_pd(_mm512_add_pd(a0, a1));
    }
}

PE_TGT static void pairs_f32_avx512(const float *x, long ldx, int d, const float *mu, const double *centers,
                                    const int32_t *rows, const int32_t *which, int count, double *out) {
    for (int p = 0; p < count; p++) {
        const float *xi = x + (long)rows[p] * ldx;
        const double *cj = centers + (long)which[p] * d;
        __m512d a0 = _mm512_setzero_pd(), a1 = _mm512_setzero_pd();
        int q = 0;
        for (; q + 16 <= d; q += 16) {
            __m512 v = _mm512_sub_ps(_mm512_loadu_ps(xi + q), _mm512_loadu_ps(mu + q));
            __m512d e0 = _mm512_sub_pd(_mm512_cvtps_pd(_mm512_castps512_ps256(v)), _mm512_loadu_pd(cj + q));
            __m512d e1 = _mm512_sub_pd(_mm512_cvtps_pd(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(v), 1))),
                                       _mm512_loadu_pd(cj + q + 8));
            a0 = _mm512_fmadd_pd(e0, e0, a0);
            a1 = _mm512_fmadd_pd(e1, e1, a1);
        }
        for (; q < d; q += 8) {
            __mmask8 m = d - q >= 8 ? (__mmask8)0xFF : (__mmask8)((1u << (d - q)) - 1);
            __m256 v = _mm256_sub_ps(_mm256_maskz_loadu_ps(m, xi + q), _mm256_maskz_loadu_ps(m, mu + q));
            __m512d e = _mm512_sub_pd(_mm512_cvtps_pd(v), _mm512_maskz_loadu_pd(m, cj + q));
            a0 = _mm512_fmadd_pd(e, e, a0);
        }
        out[p] = _mm512_reduce_add_pd(_mm512_add_pd(a0, a1));
    }
}
#endif

void personas_pair_distances_f64(const double *x, long ldx, int d, const double *mu, const double *centers,
                                 const int32_t *rows, const int32_t *which, int count, double *out) {
#ifdef PERSONAS_X86
    if (personas_kernels_isa() >= 3) { pairs_f64_avx512(x, ldx, d, mu, centers, rows, which, count, out); return; }
#endif
    pairs_f64_portable(x, ldx, d, mu, centers, rows, which, count, out);
}

void personas_pair_distances_f32(const float *x, long ldx, int d, const float *mu, const double *centers,
                                 const int32_t *rows, const int32_t *which, int count, double *out) {
#ifdef PERSONAS_X86
    if (personas_kernels_isa() >= 3) { pairs_f32_avx512(x, ldx, d, mu, centers, rows, which, count, out); return; }
#endif
    pairs_f32_portable(x, ldx, d, mu, centers, rows, which, count, out);
}
