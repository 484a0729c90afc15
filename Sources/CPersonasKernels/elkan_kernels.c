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

// MARK: a pruned pass in the ball layout

// The next double up from v >= 0 (+inf stays): what Swift's nextUp gives, without a branch or a
// libm call. (v + 0 turns a −0 into +0, whose next double up is the least subnormal.)
static inline double pe_up(double v) {
    union { double d; uint64_t u; } b = {v + 0.0};
    b.u += b.d < INFINITY;
    return b.d;
}

// Whether a row with upper bound u is settled: every other center is farther than √(u² + margin),
// by the bound over the other centers or by its center's distance to the nearest other less u.
// Compared squared, each rounding covered by a relative 2^-50.
static inline int pe_settled(double u, double margin, double nearest_other, double other_lower, double drift) {
    const double widened_squared = (u * u + margin) * (1 + 0x1p-50);
    const double gap = (nearest_other - u) * (1 - 0x1p-50);
    const double other = (other_lower - drift) * (1 - 0x1p-50);
    // Bitwise, not short-circuit: the outcome is data-dependent, so branches would mispredict.
    return ((gap > 0) & (gap * gap * (1 - 0x1p-50) > widened_squared)) |
           ((other > 0) & (other * other * (1 - 0x1p-50) > widened_squared));
}

// ||x̃ − c||² for the shifted row x̃ = x − mu (rounded in the data's precision, as the distance
// kernels round it), from differences in the data's precision, widened to double. Lanes summed
// in a tree: the error stays within (d + 8) units in the last place of the data's precision.
static inline double pe_dist_s(const float *xc, const float *c, int d) {
    float s = 0;
    for (int q = 0; q < d; q++) { float v = xc[q] - c[q]; s += v * v; }
    return s;
}

static inline void pe_shift_s(float *xc, const float *x, const float *mu, int d) {
    for (int q = 0; q < d; q++) xc[q] = x[q] - mu[q];
}

static inline void pe_shift_d(double *xc, const double *x, const double *mu, int d) {
    for (int q = 0; q < d; q++) xc[q] = x[q] - mu[q];
}

static inline double pe_dist_d(const double *xc, const double *c, int d) {
    double s = 0;
    for (int q = 0; q < d; q++) { double v = xc[q] - c[q]; s += v * v; }
    return s;
}

#ifdef PERSONAS_X86
#define PE_TGT2 __attribute__((target("avx2,fma")))
#define PE_INLINE static inline __attribute__((always_inline))

PE_TGT PE_INLINE double pe_dist_s5(const float *xc, const float *c, int d) {
    __m512 a0 = _mm512_setzero_ps(), a1 = _mm512_setzero_ps();
    int q = 0;
    for (; q + 32 <= d; q += 32) {
        __m512 e0 = _mm512_sub_ps(_mm512_loadu_ps(xc + q), _mm512_loadu_ps(c + q));
        __m512 e1 = _mm512_sub_ps(_mm512_loadu_ps(xc + q + 16), _mm512_loadu_ps(c + q + 16));
        a0 = _mm512_fmadd_ps(e0, e0, a0);
        a1 = _mm512_fmadd_ps(e1, e1, a1);
    }
    for (; q < d; q += 16) {
        __mmask16 m = d - q >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (d - q)) - 1);
        __m512 e = _mm512_sub_ps(_mm512_maskz_loadu_ps(m, xc + q), _mm512_maskz_loadu_ps(m, c + q));
        a0 = _mm512_fmadd_ps(e, e, a0);
    }
    return _mm512_reduce_add_ps(_mm512_add_ps(a0, a1));
}

// The shifted row in full vectors, so that the distances' vector loads read whole stores.
PE_TGT PE_INLINE void pe_shift_s5(float *xc, const float *x, const float *mu, int d) {
    int q = 0;
    for (; q + 16 <= d; q += 16) _mm512_storeu_ps(xc + q, _mm512_sub_ps(_mm512_loadu_ps(x + q), _mm512_loadu_ps(mu + q)));
    if (q < d) {
        // A masked store only for the tail: Zen 4 runs masked stores slowly.
        __mmask16 m = (__mmask16)((1u << (d - q)) - 1);
        _mm512_mask_storeu_ps(xc + q, m, _mm512_sub_ps(_mm512_maskz_loadu_ps(m, x + q), _mm512_maskz_loadu_ps(m, mu + q)));
    }
}

PE_TGT PE_INLINE void pe_shift_d5(double *xc, const double *x, const double *mu, int d) {
    int q = 0;
    for (; q + 8 <= d; q += 8) _mm512_storeu_pd(xc + q, _mm512_sub_pd(_mm512_loadu_pd(x + q), _mm512_loadu_pd(mu + q)));
    if (q < d) {
        __mmask8 m = (__mmask8)((1u << (d - q)) - 1);
        _mm512_mask_storeu_pd(xc + q, m, _mm512_sub_pd(_mm512_maskz_loadu_pd(m, x + q), _mm512_maskz_loadu_pd(m, mu + q)));
    }
}

PE_TGT PE_INLINE double pe_dist_d5(const double *xc, const double *c, int d) {
    __m512d a0 = _mm512_setzero_pd(), a1 = _mm512_setzero_pd();
    int q = 0;
    for (; q + 16 <= d; q += 16) {
        __m512d e0 = _mm512_sub_pd(_mm512_loadu_pd(xc + q), _mm512_loadu_pd(c + q));
        __m512d e1 = _mm512_sub_pd(_mm512_loadu_pd(xc + q + 8), _mm512_loadu_pd(c + q + 8));
        a0 = _mm512_fmadd_pd(e0, e0, a0);
        a1 = _mm512_fmadd_pd(e1, e1, a1);
    }
    for (; q < d; q += 8) {
        __mmask8 m = d - q >= 8 ? (__mmask8)0xFF : (__mmask8)((1u << (d - q)) - 1);
        __m512d e = _mm512_sub_pd(_mm512_maskz_loadu_pd(m, xc + q), _mm512_maskz_loadu_pd(m, c + q));
        a0 = _mm512_fmadd_pd(e, e, a0);
    }
    return _mm512_reduce_add_pd(_mm512_add_pd(a0, a1));
}

PE_TGT2 PE_INLINE double pe_dist_s2(const float *xc, const float *c, int d) {
    __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps();
    int q = 0;
    for (; q + 16 <= d; q += 16) {
        __m256 e0 = _mm256_sub_ps(_mm256_loadu_ps(xc + q), _mm256_loadu_ps(c + q));
        __m256 e1 = _mm256_sub_ps(_mm256_loadu_ps(xc + q + 8), _mm256_loadu_ps(c + q + 8));
        a0 = _mm256_fmadd_ps(e0, e0, a0);
        a1 = _mm256_fmadd_ps(e1, e1, a1);
    }
    __m256 a = _mm256_add_ps(a0, a1);
    __m128 h = _mm_add_ps(_mm256_castps256_ps128(a), _mm256_extractf128_ps(a, 1));
    h = _mm_add_ps(h, _mm_movehl_ps(h, h));
    h = _mm_add_ss(h, _mm_movehdup_ps(h));
    float s = _mm_cvtss_f32(h);
    for (; q < d; q++) { float v = xc[q] - c[q]; s = fmaf(v, v, s); }
    return s;
}

PE_TGT2 PE_INLINE double pe_dist_d2(const double *xc, const double *c, int d) {
    __m256d a0 = _mm256_setzero_pd(), a1 = _mm256_setzero_pd();
    int q = 0;
    for (; q + 8 <= d; q += 8) {
        __m256d e0 = _mm256_sub_pd(_mm256_loadu_pd(xc + q), _mm256_loadu_pd(c + q));
        __m256d e1 = _mm256_sub_pd(_mm256_loadu_pd(xc + q + 4), _mm256_loadu_pd(c + q + 4));
        a0 = _mm256_fmadd_pd(e0, e0, a0);
        a1 = _mm256_fmadd_pd(e1, e1, a1);
    }
    __m256d a = _mm256_add_pd(a0, a1);
    __m128d h = _mm_add_pd(_mm256_castpd256_pd128(a), _mm256_extractf128_pd(a, 1));
    double s = _mm_cvtsd_f64(_mm_add_sd(h, _mm_unpackhi_pd(h, h)));
    for (; q < d; q++) { double v = xc[q] - c[q]; s = fma(v, v, s); }
    return s;
}
#else
#define PE_INLINE static inline
#endif

// Rows ahead of the one at work whose reads the pass asks for (measured on the blob benchmark).
#define PE_AHEAD 6

static inline void pe_prefetch_row(const void *row, long bytes) {
    for (long offset = 0; offset < bytes; offset += 64) __builtin_prefetch((const char *)row + offset, 0, 3);
}

// How many of the n increasing values v are at most limit.
static inline int pe_within(const double *v, int n, double limit) {
    int r = 0;
    while (r < n && v[r] <= limit) r++;
    return r;
}

#ifdef PERSONAS_X86
PE_TGT PE_INLINE int pe_within5(const double *v, int n, double limit) {
    const __m512d l = _mm512_set1_pd(limit);
    int r = 0;
    while (r < n) {
        const int m = n - r < 8 ? n - r : 8;
        const __mmask8 valid = (__mmask8)((1u << m) - 1);
        const int c = __builtin_popcount(_mm512_mask_cmp_pd_mask(valid, _mm512_maskz_loadu_pd(valid, v + r), l, _CMP_LE_OQ));
        r += c;
        if (c < m) break;
    }
    return r;
}
#endif

// One pass over rows start..<end, stamped out per precision and instruction set (the distance and
// the ball's count are what differ). Row by row, in the order of personas_elkan.h: the bounds,
// the row's own distance and the bounds again, then its center's neighbours within the ball,
// nearest first, keeping the nearest and the runner-up. (Measured: sweeps over a batch of rows,
// one step at a time, ran slower, the rows' reads no longer shared with their candidates.)
#define PE_BALL_PASS(NAME, TGT, T, DIST, WITHIN, SHIFT)                                                                  \
    TGT static personas_elkan_outcome NAME(const personas_elkan_pass *p, const personas_elkan_rows *s, long start, \
                                           long end) {                                                           \
        const T *x = (const T *)p->x, *mu = (const T *)p->mu, *centers = (const T *)p->centers;                  \
        const int d = p->d, others = p->k - 1;                                                                   \
        const double drift = p->largest_drift, rel = p->relative;                                               \
        int32_t *labels = s->labels;                                                                             \
        double *upper = s->upper, *other_lower = s->other_lower;                                                \
        long moved = 0, ambiguous = 0, distances = 0;                                                            \
        T *row = s->shifted_row;                                                                                 \
        for (long i = start; i < end; i++) {                                                                     \
            /* Rows a few ahead, asked for whether or not they will be needed: the needed ones are */          \
            /* most, scattered among the settled ones in a way the hardware prefetchers follow poorly. */       \
            if (i + PE_AHEAD < end) pe_prefetch_row(x + (i + PE_AHEAD) * d, d * (long)sizeof(T));             \
            const int a = labels[i];                                                                             \
            const double reach = s->row_norms[i] + p->largest_center_norm;                                       \
            const double margin = p->margin_scale * reach * reach;                                               \
            double u = pe_up(upper[i] + p->movement[a]);                                                         \
            upper[i] = u;                                                                                        \
            if (pe_settled(u, margin, p->nearest_other[a], other_lower[i], drift)) continue;                    \
            /* The shifted row, formed once for its own distance and its candidates'. */                         \
            const T *raw = x + i * d;                                                                            \
            SHIFT(row, raw, mu, d);                                                                              \
            const double own = DIST(row, centers + (long)a * d, d);                                              \
            u = pe_up(sqrt(own * (1 + rel)));                                                                    \
            upper[i] = u;                                                                                        \
            if (pe_settled(u, margin, p->nearest_other[a], other_lower[i], drift)) {                             \
                distances++;                                                                                     \
                continue;                                                                                        \
            }                                                                                                    \
            const double *near_distance = p->neighbor_distances + (long)a * others;                              \
            const int32_t *near = p->neighbors + (long)a * others;                                               \
            const int r = WITHIN(near_distance, others, u + pe_up(sqrt(u * u + margin)));                       \
            distances += 1 + r;                                                                                  \
            int best = a;                                                                                        \
            double best_distance = own, runner_up = INFINITY;                                                    \
            for (int t = 0; t < r; t++) {                                                                        \
                const int j = near[t];                                                                           \
                const double distance = DIST(row, centers + (long)j * d, d);                                     \
                const int nearer = (distance < best_distance) | ((distance == best_distance) & (j < best));      \
                runner_up = nearer ? best_distance : (distance < runner_up ? distance : runner_up);              \
                best_distance = nearer ? distance : best_distance;                                               \
                best = nearer ? j : best;                                                                        \
            }                                                                                                    \
            if (runner_up * (1 - rel) <= best_distance * (1 + rel) + margin) {                                   \
                s->ambiguous_rows[ambiguous++] = (int32_t)i;                                                     \
                continue;                                                                                        \
            }                                                                                                    \
            /* Every center past the ball is at least this far from the row. */                                  \
            const double outside = r < others ? fmax(0, (near_distance[r] - u) * (1 - 0x1p-50)) : INFINITY;     \
            double other = fmin(outside, sqrt(runner_up * (1 - rel)));                                           \
            if (best == a) other = fmax(other, other_lower[i] - drift);                                         \
            upper[i] = pe_up(sqrt(best_distance * (1 + rel)));                                                   \
            other_lower[i] = (other + drift) * (1 - 0x1p-50);                                                    \
            if (best != a) {                                                                                     \
                labels[i] = best;                                                                                \
                s->moved_rows[moved] = (int32_t)i;                                                               \
                s->moved_from[moved] = a;                                                                        \
                moved++;                                                                                         \
            }                                                                                                    \
        }                                                                                                        \
        return (personas_elkan_outcome){moved, ambiguous, distances};                                                       \
    }

PE_BALL_PASS(ball_pass_s, , float, pe_dist_s, pe_within, pe_shift_s)
PE_BALL_PASS(ball_pass_d, , double, pe_dist_d, pe_within, pe_shift_d)
#ifdef PERSONAS_X86
PE_BALL_PASS(ball_pass_s2, PE_TGT2, float, pe_dist_s2, pe_within, pe_shift_s)
PE_BALL_PASS(ball_pass_d2, PE_TGT2, double, pe_dist_d2, pe_within, pe_shift_d)
PE_BALL_PASS(ball_pass_s5, PE_TGT, float, pe_dist_s5, pe_within5, pe_shift_s5)
PE_BALL_PASS(ball_pass_d5, PE_TGT, double, pe_dist_d5, pe_within5, pe_shift_d5)
#endif

personas_elkan_outcome personas_elkan_ball_pass_f32(const personas_elkan_pass *pass, const personas_elkan_rows *rows,
                                                    long start, long end) {
#ifdef PERSONAS_X86
    int isa = personas_kernels_isa() < pass->instruction_set_limit ? personas_kernels_isa() : pass->instruction_set_limit;
    if (isa >= 3) return ball_pass_s5(pass, rows, start, end);
    if (isa >= 2) return ball_pass_s2(pass, rows, start, end);
#endif
    return ball_pass_s(pass, rows, start, end);
}

personas_elkan_outcome personas_elkan_ball_pass_f64(const personas_elkan_pass *pass, const personas_elkan_rows *rows,
                                                    long start, long end) {
#ifdef PERSONAS_X86
    int isa = personas_kernels_isa() < pass->instruction_set_limit ? personas_kernels_isa() : pass->instruction_set_limit;
    if (isa >= 3) return ball_pass_d5(pass, rows, start, end);
    if (isa >= 2) return ball_pass_d2(pass, rows, start, end);
#endif
    return ball_pass_d(pass, rows, start, end);
}
