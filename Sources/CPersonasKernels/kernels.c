// See include/personas_kernels.h for why these kernels are hand-written in C.
#include "personas_kernels.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define PERSONAS_X86 1
#include <immintrin.h>
#endif


// MARK: portable

static void nearest_f64_portable(const double *x, long rows, long ldx, int d, const double *mu,
                                 const double *ct, const double *norms, int k, int kpad,
                                 int32_t *labels, double *best, double *second, double *xnorm) {
    for (long i = 0; i < rows; i++) {
        const double *xi = x + i * ldx;
        double b = INFINITY, s = INFINITY, xx = 0;
        int32_t l = 0;
        for (int q = 0; q < d; q++) { double v = xi[q] - mu[q]; xx += v * v; }
        for (int j = 0; j < k; j++) {
            double a = 0;
            for (int q = 0; q < d; q++) a += (xi[q] - mu[q]) * ct[(long)q * kpad + j];
            double v = norms[j] - 2 * a;
            if (v < b) { s = b; b = v; l = j; } else if (v < s) { s = v; }
        }
        labels[i] = l;
        if (best) best[i] = b;
        if (second) second[i] = s;
        if (xnorm) xnorm[i] = xx;
    }
}

static void nearest_f32_portable(const float *x, long rows, long ldx, int d, const float *mu,
                                 const float *ct, const float *norms, int k, int kpad,
                                 int32_t *labels, float *best, float *second, float *xnorm) {
    for (long i = 0; i < rows; i++) {
        const float *xi = x + i * ldx;
        float b = INFINITY, s = INFINITY, xx = 0;
        int32_t l = 0;
        for (int q = 0; q < d; q++) { float v = xi[q] - mu[q]; xx += v * v; }
        for (int j = 0; j < k; j++) {
            float a = 0;
            for (int q = 0; q < d; q++) a += (xi[q] - mu[q]) * ct[(long)q * kpad + j];
            float v = norms[j] - 2 * a;
            if (v < b) { s = b; b = v; l = j; } else if (v < s) { s = v; }
        }
        labels[i] = l;
        if (best) best[i] = b;
        if (second) second[i] = s;
        if (xnorm) xnorm[i] = xx;
    }
}

static void values_f64_portable(const double *x, long rows, long ldx, int d, const double *mu,
                                const double *ct, const double *norms, int k, int kpad,
                                double *out, long ldo, double *xnorm) {
    for (long i = 0; i < rows; i++) {
        const double *xi = x + i * ldx;
        double xx = 0;
        for (int q = 0; q < d; q++) { double v = xi[q] - mu[q]; xx += v * v; }
        for (int j = 0; j < k; j++) {
            double a = 0;
            for (int q = 0; q < d; q++) a += (xi[q] - mu[q]) * ct[(long)q * kpad + j];
            out[i * ldo + j] = norms[j] - 2 * a;
        }
        if (xnorm) xnorm[i] = xx;
    }
}

static void values_f32_portable(const float *x, long rows, long ldx, int d, const float *mu,
                                const float *ct, const float *norms, int k, int kpad,
                                float *out, long ldo, float *xnorm) {
    for (long i = 0; i < rows; i++) {
        const float *xi = x + i * ldx;
        float xx = 0;
        for (int q = 0; q < d; q++) { float v = xi[q] - mu[q]; xx += v * v; }
        for (int j = 0; j < k; j++) {
            float a = 0;
            for (int q = 0; q < d; q++) a += (xi[q] - mu[q]) * ct[(long)q * kpad + j];
            out[i * ldo + j] = norms[j] - 2 * a;
        }
        if (xnorm) xnorm[i] = xx;
    }
}

#ifdef PERSONAS_X86

// MARK: SIMD kernels (AVX2 + FMA, AVX-512)
//
// Every SIMD path computes each value with the same operations, so that they agree bit for bit:
// a = fma(x_q − mu_q, c_qj, a) over increasing q from a = 0 (x_q − mu_q rounded in the data's
// precision), then value = ||c_j||² − (a + a) (2a is exact, so this is the single rounding of
// ||c_j||² − 2a, as in the portable loop). ||x − mu||² is the original kernels' order: lane l of a
// 4-double (8-float) vector accumulates fma(v_q, v_q, ·) over q ≡ l, the lanes are added in
// order, then the last d mod 4 (8) columns with fma. The argmin visits the centers in increasing
// j with the portable loop's update (v < best: second = best, best = v, label = j; else if
// v < second: second = v), so the lowest index wins ties, across blocks too.
//
// Two layouts, chosen per shape at run time (pk_rows_d, pk_tiles512_d/_s, measured on Zen 4,
// where vector stores and compares into mask registers take FMA-pipe slots but shuffles, blends,
// additions and broadcast loads do not):
//
// Rows in lanes ("tiles"; AVX2, and AVX-512 for short rows or, in float, many centers). A tile
// of R = 2·W rows (W lanes per vector) is centered and transposed into a small buffer xt
// (d × R): 128-bit pieces of four rows are gathered into one vector by broadcast loads and
// blends, which leaves a single in-lane transpose. Then, for a block of J centers, 2·J
// accumulators hold the dot products of the R rows: per q, two vector loads of xt and J
// broadcasts of ct[q][j] feed 2·J FMAs (J ≤ 6 with 16 ymm registers, J ≤ 8 with 32 zmm: no
// spills), and the argmin is vertical, one compare per center and W rows, no horizontal
// reduction. With AVX-512 the next tile is centered and transposed piece by piece inside the
// first block's loop over q, into the other of two buffers, so that this work overlaps the FMAs.
// Values leave through W × W register transposes, a row at a time.
//
// Centers in lanes ("rows"; AVX-512, double, long rows or many centers): 8 rows against up to 3
// vectors of 8 centers (24 accumulators). Per q, the center vectors are loaded and each row's
// (mu_q − x_q) is one subtraction with x_q broadcast from memory (vsubpd m64{1to8}: no centered
// buffer, whose stores would cost FMA slots), feeding fnmadd: −(mu_q − x_q)·c = (x_q − mu_q)·c
// exactly, so the chain is the one above. The 8 × 8 blocks of values are then transposed in
// registers for the same vertical argmin; values are stored row by row.
//
// Only the columns below kpad are read; padding columns (norm +inf) give +inf values, which
// never win. NaN values are skipped by the argmin, as in the portable loop.

#define PK_TGT2 __attribute__((target("avx2,fma")))
#define PK_TGT5 __attribute__((target("avx2,fma,avx512f,avx512vl,avx512dq,avx512bw")))
#define PK_INLINE static inline __attribute__((always_inline))
#define PK_UNROLL _Pragma("clang loop unroll(full)")

static const long long pk_mask64[8] = {-1, -1, -1, -1, 0, 0, 0, 0};
static const int pk_mask32[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};

// Per instruction set and precision, the same small vocabulary: vector type v, comparison mask m,
// index vectors held as integer bit patterns in a v (int64 lanes for double, int32 for float).
#define PK_COMMON(PFX, TGT, T, V, M, SET1, LOADU, STOREU, FMA, ADD, SUB, MIN, LT, BLEND, INDEX)      \
typedef V PFX##_v;                                                                                  \
typedef M PFX##_m;                                                                                  \
TGT PK_INLINE V PFX##_set1(T a) { return SET1(a); }                                                 \
TGT PK_INLINE V PFX##_load(const T *p) { return LOADU(p); }                                         \
TGT PK_INLINE void PFX##_store(T *p, V a) { STOREU(p, a); }                                         \
TGT PK_INLINE V PFX##_fma(V a, V b, V c) { return FMA(a, b, c); }                                   \
TGT PK_INLINE V PFX##_add(V a, V b) { return ADD(a, b); }                                           \
TGT PK_INLINE V PFX##_sub(V a, V b) { return SUB(a, b); }                                           \
TGT PK_INLINE V PFX##_min(V a, V b) { return MIN(a, b); }           /* a < b ? a : b */             \
TGT PK_INLINE M PFX##_lt(V a, V b) { return LT(a, b); }                                             \
TGT PK_INLINE V PFX##_blend(V a, V b, M m) { return BLEND(a, b, m); } /* m ? b : a */               \
TGT PK_INLINE V PFX##_index(int j) { return INDEX(j); }

#define PK_LT256D(a, b) _mm256_cmp_pd(a, b, _CMP_LT_OQ)
#define PK_LT256S(a, b) _mm256_cmp_ps(a, b, _CMP_LT_OQ)
#define PK_LT512D(a, b) _mm512_cmp_pd_mask(a, b, _CMP_LT_OQ)
#define PK_LT512S(a, b) _mm512_cmp_ps_mask(a, b, _CMP_LT_OQ)
#define PK_BLEND512D(a, b, m) _mm512_mask_mov_pd(a, m, b)
#define PK_BLEND512S(a, b, m) _mm512_mask_mov_ps(a, m, b)
#define PK_INDEX256D(j) _mm256_castsi256_pd(_mm256_set1_epi64x(j))
#define PK_INDEX256S(j) _mm256_castsi256_ps(_mm256_set1_epi32(j))
#define PK_INDEX512D(j) _mm512_castsi512_pd(_mm512_set1_epi64(j))
#define PK_INDEX512S(j) _mm512_castsi512_ps(_mm512_set1_epi32(j))

PK_COMMON(a2d, PK_TGT2, double, __m256d, __m256d, _mm256_set1_pd, _mm256_loadu_pd, _mm256_storeu_pd,
          _mm256_fmadd_pd, _mm256_add_pd, _mm256_sub_pd, _mm256_min_pd, PK_LT256D, _mm256_blendv_pd,
          PK_INDEX256D)
PK_COMMON(a2s, PK_TGT2, float, __m256, __m256, _mm256_set1_ps, _mm256_loadu_ps, _mm256_storeu_ps,
          _mm256_fmadd_ps, _mm256_add_ps, _mm256_sub_ps, _mm256_min_ps, PK_LT256S, _mm256_blendv_ps,
          PK_INDEX256S)
PK_COMMON(a5d, PK_TGT5, double, __m512d, __mmask8, _mm512_set1_pd, _mm512_loadu_pd, _mm512_storeu_pd,
          _mm512_fmadd_pd, _mm512_add_pd, _mm512_sub_pd, _mm512_min_pd, PK_LT512D, PK_BLEND512D,
          PK_INDEX512D)
PK_COMMON(a5s, PK_TGT5, float, __m512, __mmask16, _mm512_set1_ps, _mm512_loadu_ps, _mm512_storeu_ps,
          _mm512_fmadd_ps, _mm512_add_ps, _mm512_sub_ps, _mm512_min_ps, PK_LT512S, PK_BLEND512S,
          PK_INDEX512S)

// ||x − mu||² of 4 rows in the original order (see above), one lane per row, for the rows layout
// (the tiles take it from their transposed buffer, PFX_xnorm). Each row's lane sums are kept in
// one vector, then transposed so that lane l of all the rows is added in one vector operation.
PK_TGT2 PK_INLINE __m256d pk_xnorm_d(const double *const *rp, const double *mu, int d) {
    __m256d s[4] = {_mm256_setzero_pd(), _mm256_setzero_pd(), _mm256_setzero_pd(), _mm256_setzero_pd()};
    int q = 0;
    for (; q + 4 <= d; q += 4) {
        __m256d m = _mm256_loadu_pd(mu + q);
        PK_UNROLL for (int r = 0; r < 4; r++) {
            __m256d v = _mm256_sub_pd(_mm256_loadu_pd(rp[r] + q), m);
            s[r] = _mm256_fmadd_pd(v, v, s[r]);
        }
    }
    __m256d t0 = _mm256_unpacklo_pd(s[0], s[1]), t1 = _mm256_unpackhi_pd(s[0], s[1]);
    __m256d t2 = _mm256_unpacklo_pd(s[2], s[3]), t3 = _mm256_unpackhi_pd(s[2], s[3]);
    __m256d total = _mm256_add_pd(_mm256_permute2f128_pd(t0, t2, 0x20), _mm256_permute2f128_pd(t1, t3, 0x20));
    total = _mm256_add_pd(total, _mm256_permute2f128_pd(t0, t2, 0x31));
    total = _mm256_add_pd(total, _mm256_permute2f128_pd(t1, t3, 0x31));
    for (; q < d; q++) {
        __m256d v = _mm256_sub_pd(_mm256_set_pd(rp[3][q], rp[2][q], rp[1][q], rp[0][q]), _mm256_set1_pd(mu[q]));
        total = _mm256_fmadd_pd(v, v, total);
    }
    return total;
}

// Transposes. A tile's rows are given as pointers rp[0..2W) (the rows past the last one repeat
// it); a row group is W of them. The tail transposes take columns q..q+nq (nq ≤ W) of a row
// group, minus mu, to dst + u·ds for u < W (column q + u of the W rows; columns past nq read as
// 0 without touching memory) through the classic shuffle network. The piece transposes take
// PIECE = 16 bytes / sizeof(T) columns from o on: they gather 128-bit pieces of four rows into one
// vector with broadcast loads and blends, which leaves one in-lane transpose.

PK_TGT2 PK_INLINE void a2d_transpose_tail(const double *const *rp, int q, int nq, const double *mu,
                                     double *dst, long ds) {
    __m256d r[4];
    if (nq == 4) {
        __m256d m = _mm256_loadu_pd(mu + q);
        for (int t = 0; t < 4; t++) r[t] = _mm256_sub_pd(_mm256_loadu_pd(rp[t] + q), m);
    } else {
        __m256i mask = _mm256_loadu_si256((const __m256i *)(pk_mask64 + 4 - nq));
        __m256d m = _mm256_maskload_pd(mu + q, mask);
        for (int t = 0; t < 4; t++) r[t] = _mm256_sub_pd(_mm256_maskload_pd(rp[t] + q, mask), m);
    }
    __m256d t0 = _mm256_unpacklo_pd(r[0], r[1]), t1 = _mm256_unpackhi_pd(r[0], r[1]);
    __m256d t2 = _mm256_unpacklo_pd(r[2], r[3]), t3 = _mm256_unpackhi_pd(r[2], r[3]);
    _mm256_storeu_pd(dst + 0 * ds, _mm256_permute2f128_pd(t0, t2, 0x20));
    _mm256_storeu_pd(dst + 1 * ds, _mm256_permute2f128_pd(t1, t3, 0x20));
    _mm256_storeu_pd(dst + 2 * ds, _mm256_permute2f128_pd(t0, t2, 0x31));
    _mm256_storeu_pd(dst + 3 * ds, _mm256_permute2f128_pd(t1, t3, 0x31));
}

PK_TGT2 PK_INLINE void a2s_transpose_tail(const float *const *rp, int q, int nq, const float *mu,
                                     float *dst, long ds) {
    __m256 r[8], t[8], u[8];
    if (nq == 8) {
        __m256 m = _mm256_loadu_ps(mu + q);
        for (int i = 0; i < 8; i++) r[i] = _mm256_sub_ps(_mm256_loadu_ps(rp[i] + q), m);
    } else {
        __m256i mask = _mm256_loadu_si256((const __m256i *)(pk_mask32 + 8 - nq));
        __m256 m = _mm256_maskload_ps(mu + q, mask);
        for (int i = 0; i < 8; i++) r[i] = _mm256_sub_ps(_mm256_maskload_ps(rp[i] + q, mask), m);
    }
    for (int i = 0; i < 4; i++) {
        t[2 * i] = _mm256_unpacklo_ps(r[2 * i], r[2 * i + 1]);
        t[2 * i + 1] = _mm256_unpackhi_ps(r[2 * i], r[2 * i + 1]);
    }
    for (int g = 0; g < 2; g++) {
        u[4 * g + 0] = _mm256_shuffle_ps(t[4 * g], t[4 * g + 2], 0x44);
        u[4 * g + 1] = _mm256_shuffle_ps(t[4 * g], t[4 * g + 2], 0xEE);
        u[4 * g + 2] = _mm256_shuffle_ps(t[4 * g + 1], t[4 * g + 3], 0x44);
        u[4 * g + 3] = _mm256_shuffle_ps(t[4 * g + 1], t[4 * g + 3], 0xEE);
    }
    for (int e = 0; e < 4; e++) {
        _mm256_storeu_ps(dst + e * ds, _mm256_permute2f128_ps(u[e], u[4 + e], 0x20));
        _mm256_storeu_ps(dst + (4 + e) * ds, _mm256_permute2f128_ps(u[e], u[4 + e], 0x31));
    }
}

PK_TGT5 PK_INLINE void a5d_transpose_tail(const double *const *rp, int q, int nq, const double *mu,
                                     double *dst, long ds) {
    __mmask8 k = (__mmask8)((1u << nq) - 1);
    __m512d m = _mm512_maskz_loadu_pd(k, mu + q), r[8], t[8], u[8];
    for (int i = 0; i < 8; i++) r[i] = _mm512_sub_pd(_mm512_maskz_loadu_pd(k, rp[i] + q), m);
    for (int i = 0; i < 4; i++) {
        t[2 * i] = _mm512_unpacklo_pd(r[2 * i], r[2 * i + 1]);
        t[2 * i + 1] = _mm512_unpackhi_pd(r[2 * i], r[2 * i + 1]);
    }
    for (int g = 0; g < 2; g++) {
        u[4 * g + 0] = _mm512_shuffle_f64x2(t[4 * g], t[4 * g + 2], 0x88);
        u[4 * g + 1] = _mm512_shuffle_f64x2(t[4 * g + 1], t[4 * g + 3], 0x88);
        u[4 * g + 2] = _mm512_shuffle_f64x2(t[4 * g], t[4 * g + 2], 0xDD);
        u[4 * g + 3] = _mm512_shuffle_f64x2(t[4 * g + 1], t[4 * g + 3], 0xDD);
    }
    for (int e = 0; e < 4; e++) {
        _mm512_storeu_pd(dst + e * ds, _mm512_shuffle_f64x2(u[e], u[4 + e], 0x88));
        _mm512_storeu_pd(dst + (4 + e) * ds, _mm512_shuffle_f64x2(u[e], u[4 + e], 0xDD));
    }
}

PK_TGT5 PK_INLINE void a5s_transpose_tail(const float *const *rp, int q, int nq, const float *mu,
                                     float *dst, long ds) {
    __mmask16 k = (__mmask16)((1u << nq) - 1);
    __m512 m = _mm512_maskz_loadu_ps(k, mu + q), r[16], t[16], u[16];
    for (int i = 0; i < 16; i++) r[i] = _mm512_sub_ps(_mm512_maskz_loadu_ps(k, rp[i] + q), m);
    for (int i = 0; i < 8; i++) {
        t[2 * i] = _mm512_unpacklo_ps(r[2 * i], r[2 * i + 1]);
        t[2 * i + 1] = _mm512_unpackhi_ps(r[2 * i], r[2 * i + 1]);
    }
    for (int g = 0; g < 4; g++) {   /* u[4g + e], 128-bit lane L: rows 4g..4g+3 of column 4L + e */
        u[4 * g + 0] = _mm512_shuffle_ps(t[4 * g], t[4 * g + 2], 0x44);
        u[4 * g + 1] = _mm512_shuffle_ps(t[4 * g], t[4 * g + 2], 0xEE);
        u[4 * g + 2] = _mm512_shuffle_ps(t[4 * g + 1], t[4 * g + 3], 0x44);
        u[4 * g + 3] = _mm512_shuffle_ps(t[4 * g + 1], t[4 * g + 3], 0xEE);
    }
    for (int e = 0; e < 4; e++) {
        __m512 v = _mm512_shuffle_f32x4(u[e], u[4 + e], 0x88), vp = _mm512_shuffle_f32x4(u[e], u[4 + e], 0xDD);
        __m512 w = _mm512_shuffle_f32x4(u[8 + e], u[12 + e], 0x88), wp = _mm512_shuffle_f32x4(u[8 + e], u[12 + e], 0xDD);
        _mm512_storeu_ps(dst + e * ds, _mm512_shuffle_f32x4(v, w, 0x88));
        _mm512_storeu_ps(dst + (8 + e) * ds, _mm512_shuffle_f32x4(v, w, 0xDD));
        _mm512_storeu_ps(dst + (4 + e) * ds, _mm512_shuffle_f32x4(vp, wp, 0x88));
        _mm512_storeu_ps(dst + (12 + e) * ds, _mm512_shuffle_f32x4(vp, wp, 0xDD));
    }
}


PK_TGT2 PK_INLINE void a2d_piece(const double *const *rp, int o, const double *mu, double *dst,
                                 long ds) {
    __m256d m = _mm256_broadcast_pd((const __m128d *)(mu + o));
    __m256d a = _mm256_blend_pd(_mm256_broadcast_pd((const __m128d *)(rp[0] + o)),
                                _mm256_broadcast_pd((const __m128d *)(rp[2] + o)), 0xC);
    __m256d b = _mm256_blend_pd(_mm256_broadcast_pd((const __m128d *)(rp[1] + o)),
                                _mm256_broadcast_pd((const __m128d *)(rp[3] + o)), 0xC);
    a = _mm256_sub_pd(a, m); b = _mm256_sub_pd(b, m);
    __m256d c0 = _mm256_unpacklo_pd(a, b), c1 = _mm256_unpackhi_pd(a, b);
    _mm256_storeu_pd(dst + o * ds, c0);
    _mm256_storeu_pd(dst + (o + 1) * ds, c1);
}

PK_TGT2 PK_INLINE void a2s_piece(const float *const *rp, int o, const float *mu, float *dst,
                                 long ds) {
    __m256 m = _mm256_broadcast_ps((const __m128 *)(mu + o)), v[4], c[4];
    for (int g = 0; g < 4; g++)
        v[g] = _mm256_sub_ps(_mm256_blend_ps(_mm256_broadcast_ps((const __m128 *)(rp[g] + o)),
                                             _mm256_broadcast_ps((const __m128 *)(rp[4 + g] + o)), 0xF0), m);
    __m256 t0 = _mm256_unpacklo_ps(v[0], v[1]), t1 = _mm256_unpackhi_ps(v[0], v[1]);
    __m256 t2 = _mm256_unpacklo_ps(v[2], v[3]), t3 = _mm256_unpackhi_ps(v[2], v[3]);
    c[0] = _mm256_shuffle_ps(t0, t2, 0x44); c[1] = _mm256_shuffle_ps(t0, t2, 0xEE);
    c[2] = _mm256_shuffle_ps(t1, t3, 0x44); c[3] = _mm256_shuffle_ps(t1, t3, 0xEE);
    for (int u = 0; u < 4; u++) _mm256_storeu_ps(dst + (o + u) * ds, c[u]);
}

PK_TGT5 PK_INLINE void a5d_piece(const double *const *rp, int o, const double *mu, double *dst,
                                 long ds) {
    __m512d m = _mm512_broadcast_f64x2(_mm_loadu_pd(mu + o));
    __m512d a = _mm512_broadcast_f64x2(_mm_loadu_pd(rp[0] + o));
    __m512d b = _mm512_broadcast_f64x2(_mm_loadu_pd(rp[1] + o));
    for (int l = 1; l < 4; l++) {
        a = _mm512_mask_broadcast_f64x2(a, (__mmask8)(3 << (2 * l)), _mm_loadu_pd(rp[2 * l] + o));
        b = _mm512_mask_broadcast_f64x2(b, (__mmask8)(3 << (2 * l)), _mm_loadu_pd(rp[2 * l + 1] + o));
    }
    a = _mm512_sub_pd(a, m); b = _mm512_sub_pd(b, m);
    __m512d c0 = _mm512_unpacklo_pd(a, b), c1 = _mm512_unpackhi_pd(a, b);
    _mm512_storeu_pd(dst + o * ds, c0);
    _mm512_storeu_pd(dst + (o + 1) * ds, c1);
}

PK_TGT5 PK_INLINE void a5s_piece(const float *const *rp, int o, const float *mu, float *dst,
                                 long ds) {
    __m512 m = _mm512_broadcast_f32x4(_mm_loadu_ps(mu + o)), v[4], c[4];
    for (int g = 0; g < 4; g++) {
        v[g] = _mm512_broadcast_f32x4(_mm_loadu_ps(rp[g] + o));
        for (int l = 1; l < 4; l++)
            v[g] = _mm512_mask_broadcast_f32x4(v[g], (__mmask16)(0xF << (4 * l)), _mm_loadu_ps(rp[4 * l + g] + o));
        v[g] = _mm512_sub_ps(v[g], m);
    }
    __m512 t0 = _mm512_unpacklo_ps(v[0], v[1]), t1 = _mm512_unpackhi_ps(v[0], v[1]);
    __m512 t2 = _mm512_unpacklo_ps(v[2], v[3]), t3 = _mm512_unpackhi_ps(v[2], v[3]);
    c[0] = _mm512_shuffle_ps(t0, t2, 0x44); c[1] = _mm512_shuffle_ps(t0, t2, 0xEE);
    c[2] = _mm512_shuffle_ps(t1, t3, 0x44); c[3] = _mm512_shuffle_ps(t1, t3, 0xEE);
    for (int u = 0; u < 4; u++) _mm512_storeu_ps(dst + (o + u) * ds, c[u]);
}


// In-place W × W register transposes (the values of a tile block, rows out).
PK_TGT2 PK_INLINE void a2d_tr(__m256d *v) {
    __m256d t0 = _mm256_unpacklo_pd(v[0], v[1]), t1 = _mm256_unpackhi_pd(v[0], v[1]);
    __m256d t2 = _mm256_unpacklo_pd(v[2], v[3]), t3 = _mm256_unpackhi_pd(v[2], v[3]);
    v[0] = _mm256_permute2f128_pd(t0, t2, 0x20); v[1] = _mm256_permute2f128_pd(t1, t3, 0x20);
    v[2] = _mm256_permute2f128_pd(t0, t2, 0x31); v[3] = _mm256_permute2f128_pd(t1, t3, 0x31);
}

PK_TGT2 PK_INLINE void a2s_tr(__m256 *v) {
    __m256 t[8], u[8];
    PK_UNROLL for (int i = 0; i < 4; i++) {
        t[2 * i] = _mm256_unpacklo_ps(v[2 * i], v[2 * i + 1]);
        t[2 * i + 1] = _mm256_unpackhi_ps(v[2 * i], v[2 * i + 1]);
    }
    PK_UNROLL for (int g = 0; g < 2; g++) {
        u[4 * g + 0] = _mm256_shuffle_ps(t[4 * g], t[4 * g + 2], 0x44);
        u[4 * g + 1] = _mm256_shuffle_ps(t[4 * g], t[4 * g + 2], 0xEE);
        u[4 * g + 2] = _mm256_shuffle_ps(t[4 * g + 1], t[4 * g + 3], 0x44);
        u[4 * g + 3] = _mm256_shuffle_ps(t[4 * g + 1], t[4 * g + 3], 0xEE);
    }
    PK_UNROLL for (int e = 0; e < 4; e++) {
        v[e] = _mm256_permute2f128_ps(u[e], u[4 + e], 0x20);
        v[4 + e] = _mm256_permute2f128_ps(u[e], u[4 + e], 0x31);
    }
}

PK_TGT5 PK_INLINE void a5d_tr(__m512d *v) {
    __m512d t[8], u[8];
    PK_UNROLL for (int i = 0; i < 4; i++) {
        t[2 * i] = _mm512_unpacklo_pd(v[2 * i], v[2 * i + 1]);
        t[2 * i + 1] = _mm512_unpackhi_pd(v[2 * i], v[2 * i + 1]);
    }
    PK_UNROLL for (int g = 0; g < 2; g++) {
        u[4 * g + 0] = _mm512_shuffle_f64x2(t[4 * g], t[4 * g + 2], 0x88);
        u[4 * g + 1] = _mm512_shuffle_f64x2(t[4 * g + 1], t[4 * g + 3], 0x88);
        u[4 * g + 2] = _mm512_shuffle_f64x2(t[4 * g], t[4 * g + 2], 0xDD);
        u[4 * g + 3] = _mm512_shuffle_f64x2(t[4 * g + 1], t[4 * g + 3], 0xDD);
    }
    PK_UNROLL for (int e = 0; e < 4; e++) {
        v[e] = _mm512_shuffle_f64x2(u[e], u[4 + e], 0x88);
        v[4 + e] = _mm512_shuffle_f64x2(u[e], u[4 + e], 0xDD);
    }
}

PK_TGT5 PK_INLINE void a5s_tr(__m512 *r) {
    __m512 t[16], u[16];
    PK_UNROLL for (int i = 0; i < 8; i++) {
        t[2 * i] = _mm512_unpacklo_ps(r[2 * i], r[2 * i + 1]);
        t[2 * i + 1] = _mm512_unpackhi_ps(r[2 * i], r[2 * i + 1]);
    }
    PK_UNROLL for (int g = 0; g < 4; g++) {
        u[4 * g + 0] = _mm512_shuffle_ps(t[4 * g], t[4 * g + 2], 0x44);
        u[4 * g + 1] = _mm512_shuffle_ps(t[4 * g], t[4 * g + 2], 0xEE);
        u[4 * g + 2] = _mm512_shuffle_ps(t[4 * g + 1], t[4 * g + 3], 0x44);
        u[4 * g + 3] = _mm512_shuffle_ps(t[4 * g + 1], t[4 * g + 3], 0xEE);
    }
    PK_UNROLL for (int e = 0; e < 4; e++) {
        __m512 v = _mm512_shuffle_f32x4(u[e], u[4 + e], 0x88), vp = _mm512_shuffle_f32x4(u[e], u[4 + e], 0xDD);
        __m512 w = _mm512_shuffle_f32x4(u[8 + e], u[12 + e], 0x88), wp = _mm512_shuffle_f32x4(u[8 + e], u[12 + e], 0xDD);
        r[e] = _mm512_shuffle_f32x4(v, w, 0x88);
        r[8 + e] = _mm512_shuffle_f32x4(v, w, 0xDD);
        r[4 + e] = _mm512_shuffle_f32x4(vp, wp, 0x88);
        r[12 + e] = _mm512_shuffle_f32x4(vp, wp, 0xDD);
    }
}

// Software prefetch of the rows a tile or two ahead (the hardware prefetchers do not keep up with
// a tile's burst of loads): into L1, or L2 only for tiles past 4 KB; the rows layout uses L1.
#ifndef PK_PF_HINT
#define PK_PF_HINT _MM_HINT_T0
#endif
// Stack bytes per tile buffer; larger d takes a heap buffer.
#define PK_TILE_BYTES 16384

// One case per block width, so that each block is compiled with its J known (registers, unrolling).
#define PK_CASES6(F, ...) case 1: F(1, __VA_ARGS__); break; case 2: F(2, __VA_ARGS__); break;        \
    case 3: F(3, __VA_ARGS__); break; case 4: F(4, __VA_ARGS__); break; case 5: F(5, __VA_ARGS__); break; \
    default: F(6, __VA_ARGS__); break;
#define PK_CASES8(F, ...) case 1: F(1, __VA_ARGS__); break; case 2: F(2, __VA_ARGS__); break;        \
    case 3: F(3, __VA_ARGS__); break; case 4: F(4, __VA_ARGS__); break; case 5: F(5, __VA_ARGS__); break; \
    case 6: F(6, __VA_ARGS__); break; case 7: F(7, __VA_ARGS__); break; default: F(8, __VA_ARGS__); break;

// The tile kernels of one instruction set and precision: W lanes, tiles of R = 2·W rows, blocks
// of at most JMAX centers; IT is the integer type of an index lane (bit pattern of the index
// vectors). PIPE (AVX-512, whose 32 registers leave room for it): the next tile is prepared piece
// by piece inside the first block's loop over q, into the other of two buffers; otherwise a tile
// is prepared just before its blocks.
#define PK_KERNELS(PFX, TGT, T, IT, W, JMAX, CASES, PIPE)                                            \
enum { PFX##_R = 2 * W, PFX##_PIECE = 16 / (int)sizeof(T), PFX##_NBUF = PIPE ? 2 : 1,               \
       PFX##_DMAX = PK_TILE_BYTES / (2 * W * (int)sizeof(T)) - W,                                   \
       PFX##_PFQ = 2 * W * (int)sizeof(T) / 64 };                                                   \
                                                                                                    \
/* Pointers to rows i..i+R, the rows past the last one repeating it. */                            \
TGT PK_INLINE void PFX##_rows(const T *x, long rows, long ldx, long i, const T **rp) {              \
    for (int t = 0; t < PFX##_R; t++) rp[t] = x + (i + t < rows ? i + t : rows - 1) * ldx;         \
}                                                                                                   \
                                                                                                    \
/* The columns past the last whole piece. */                                                        \
TGT PK_INLINE void PFX##_tail(const T *const *rp, int d, const T *mu, T *xt) {                      \
    int q0 = d - d % PFX##_PIECE;                                                                   \
    if (q0 < d)                                                                                     \
        for (int p = 0; p < 2; p++)                                                                 \
            PFX##_transpose_tail(rp + p * W, q0, d - q0, mu, xt + (long)q0 * PFX##_R + p * W, PFX##_R); \
}                                                                                                   \
                                                                                                    \
/* Centers and transposes a whole tile into xt (d × R, padded). */                                  \
TGT PK_INLINE void PFX##_prep(const T *const *rp, int d, const T *mu, T *xt) {                      \
    for (int p = 0; p < 2; p++)                                                                     \
        for (int o = 0; o + PFX##_PIECE <= d; o += PFX##_PIECE)                                     \
            PFX##_piece(rp + p * W, o, mu, xt + p * W, PFX##_R);                                    \
    PFX##_tail(rp, d, mu, xt);                                                                      \
}                                                                                                   \
                                                                                                    \
/* ||x − mu||² of the tile's first nr rows from xt, in the original order: for a vector of W rows, \
   LN = 32 bytes / sizeof(T) accumulators take the columns q ≡ l (mod LN), lane by lane the same  \
   chains as pk_xnorm_d / pk_xnorm_s, and are added in order, then the last columns. */            \
TGT PK_INLINE void PFX##_xnorm(const T *xt, int d, T *out, int nr) {                                \
    enum { LN = 32 / (int)sizeof(T) };                                                              \
    T lanes[PFX##_R];                                                                               \
    for (int p = 0; p < 2; p++) {                                                                   \
        PFX##_v a[LN], total;                                                                       \
        PK_UNROLL for (int l = 0; l < LN; l++) a[l] = PFX##_set1((T)0);                             \
        const T *xq = xt + p * W;                                                                   \
        int q = 0;                                                                                  \
        for (; q + LN <= d; q += LN, xq += LN * PFX##_R)                                            \
            PK_UNROLL for (int l = 0; l < LN; l++) {                                                \
                PFX##_v v = PFX##_load(xq + l * PFX##_R);                                           \
                a[l] = PFX##_fma(v, v, a[l]);                                                       \
            }                                                                                       \
        total = a[0];                                                                               \
        PK_UNROLL for (int l = 1; l < LN; l++) total = PFX##_add(total, a[l]);                      \
        for (; q < d; q++, xq += PFX##_R) { PFX##_v v = PFX##_load(xq); total = PFX##_fma(v, v, total); } \
        PFX##_store(lanes + p * W, total);                                                          \
    }                                                                                               \
    for (int r = 0; r < nr; r++) out[r] = lanes[r];                                                 \
}                                                                                                   \
                                                                                                    \
/* Centers j0..j0+J against the tile xt. mode 0: nearest, 1: nearest and second, 2: values to    \
   out (the tile's first row; row stride ldo, nr rows, columns below k). Prefetches pflines cache lines from pf, PFQ per step of q. With first (PIPE) and    \
   nrp: also the next tile's pieces into nxt. */                                                    \
TGT PK_INLINE void PFX##_block(const int J, const int mode, const int first, const T *xt, int d,   \
                               const T *ct, long kpad, const T *norms, int j0, PFX##_v *st,         \
                               const char *pf, long pflines, const T *const *nrp, const T *mu,      \
                               T *nxt, T *out, long ldo, int nr, int k) {                           \
    PFX##_v acc0[JMAX], acc1[JMAX];                                                                 \
    PK_UNROLL for (int j = 0; j < J; j++) { acc0[j] = PFX##_set1((T)0); acc1[j] = acc0[j]; }        \
    int steps = first && nrp ? 2 * (d / PFX##_PIECE) : 0;                                           \
    const T *xq = xt, *cq = ct + j0;                                                                \
    for (int q = 0; q < d; q++, xq += PFX##_R, cq += kpad) {                                        \
        if ((long)q * PFX##_PFQ < pflines) {                                                        \
            /* Tiles past 4 KB go to L2 only, so as not to evict the tile buffers and centers. */  \
            if (pflines > 66)                                                                       \
                for (int u = 0; u < PFX##_PFQ; u++) _mm_prefetch(pf + ((long)q * PFX##_PFQ + u) * 64, _MM_HINT_T1); \
            else                                                                                    \
                for (int u = 0; u < PFX##_PFQ; u++) _mm_prefetch(pf + ((long)q * PFX##_PFQ + u) * 64, _MM_HINT_T0); \
        }                                                                                           \
        PFX##_v x0 = PFX##_load(xq), x1 = PFX##_load(xq + W);                                       \
        PK_UNROLL for (int j = 0; j < J; j++) {                                                     \
            PFX##_v c = PFX##_set1(cq[j]);                                                          \
            acc0[j] = PFX##_fma(x0, c, acc0[j]); acc1[j] = PFX##_fma(x1, c, acc1[j]);               \
        }                                                                                           \
        if (first && q < steps)                                                                     \
            PFX##_piece(nrp + (q & 1) * W, (q >> 1) * PFX##_PIECE, mu, nxt + (q & 1) * W, PFX##_R); \
    }                                                                                               \
    if (mode == 2) {                                                                                \
        /* Rows out: W × W register transposes of the values (centers past J are zeros), stored    \
           a row at a time when the W columns are below k (the ones past J are then rewritten by   \
           the next block), else value by value. */                                                 \
        PK_UNROLL for (int p = 0; p < 2; p++) PK_UNROLL for (int c0 = 0; c0 < J; c0 += W) {        \
            PFX##_v v[W];                                                                           \
            PK_UNROLL for (int u = 0; u < W; u++) {                                                 \
                int j = c0 + u;                                                                     \
                PFX##_v a = j < J ? (p ? acc1[j < J ? j : 0] : acc0[j < J ? j : 0]) : PFX##_set1((T)0); \
                v[u] = j < J ? PFX##_sub(PFX##_set1(norms[j0 + j]), PFX##_add(a, a)) : a;           \
            }                                                                                       \
            PFX##_tr(v);                                                                            \
            T *o = out + (long)(p * W) * ldo + j0 + c0;                                             \
            int rows = nr - p * W;                                                                  \
            if (j0 + c0 + W <= k) {                                                                 \
                PK_UNROLL for (int r = 0; r < W; r++) if (r < rows) PFX##_store(o + r * ldo, v[r]);  \
            } else {                                                                                \
                int cols = (J - c0 < W ? J - c0 : W);                                               \
                PK_UNROLL for (int r = 0; r < W; r++) if (r < rows) {                               \
                    T lanes[W];                                                                     \
                    PFX##_store(lanes, v[r]);                                                       \
                    for (int u = 0; u < cols; u++) o[r * ldo + u] = lanes[u];                       \
                }                                                                                   \
            }                                                                                       \
        }                                                                                           \
        return;                                                                                     \
    }                                                                                               \
    PK_UNROLL for (int j = 0; j < J; j++) {                                                         \
        PFX##_v n = PFX##_set1(norms[j0 + j]);                                                      \
        PFX##_v v[2] = {PFX##_sub(n, PFX##_add(acc0[j], acc0[j])), PFX##_sub(n, PFX##_add(acc1[j], acc1[j]))}; \
        {                                                                                           \
            PFX##_v jv = PFX##_index(j0 + j);                                                       \
            PK_UNROLL for (int p = 0; p < 2; p++) {                                                 \
                /* st: best[2], second[2], label[2] */                                              \
                PFX##_m less = PFX##_lt(v[p], st[p]);                                               \
                st[4 + p] = PFX##_blend(st[4 + p], jv, less);                                       \
                if (mode == 1) st[2 + p] = PFX##_blend(PFX##_min(v[p], st[2 + p]), st[p], less);    \
                st[p] = PFX##_min(v[p], st[p]);                                                     \
            }                                                                                       \
        }                                                                                           \
    }                                                                                               \
}                                                                                                   \
                                                                                                    \
TGT PK_INLINE void PFX##_run(const int mode, const T *x, long rows, long ldx, int d, const T *mu,   \
                             const T *ct, const T *norms, int k, long kpad, int32_t *labels,        \
                             T *best, T *second, T *out, long ldo, T *xnorm, T *buf) {              \
    const T *rp[2][PFX##_R];                                                                        \
    long tile = ((long)d + W) * PFX##_R;                                                            \
    int nblocks = (k + JMAX - 1) / JMAX;                                                            \
    PFX##_rows(x, rows, ldx, 0, rp[0]);                                                             \
    if (PIPE) PFX##_prep(rp[0], d, mu, buf);                                                        \
    for (long i = 0, t = 0; i < rows; i += PFX##_R, t++) {                                          \
        int nr = rows - i < PFX##_R ? (int)(rows - i) : PFX##_R;                                    \
        int next = i + PFX##_R < rows;                                                              \
        T *xt = buf + (PIPE ? (t & 1) * tile : 0), *nxt = buf + (PIPE ? ((t + 1) & 1) * tile : 0);  \
        const T *const *crp = rp[t & 1];                                                            \
        const T **nrp = rp[(t + 1) & 1];                                                            \
        if (next) PFX##_rows(x, rows, ldx, i + PFX##_R, nrp);                                       \
        if (!PIPE) PFX##_prep(crp, d, mu, xt);                                                      \
        /* Rows a tile ahead of the ones being centered: as one range (exact when ldx = d). */     \
        const char *pf = (const char *)((uintptr_t)x + (uintptr_t)((i + (PIPE ? 2 : 1) * PFX##_R) * ldx * (long)sizeof(T))); \
        long pflines = ((PFX##_R - 1) * ldx + d) * (long)sizeof(T) / 64 + 2;                         \
        PFX##_v st[6];                                                                              \
        st[0] = st[1] = st[2] = st[3] = PFX##_set1((T)INFINITY);                                    \
        st[4] = st[5] = PFX##_index(0);                                                             \
        T *orow = mode == 2 ? out + i * ldo : 0;                                                    \
        int j0 = 0;                                                                                 \
        for (int left = nblocks; left > 0; left--) {                                                \
            int J = (k - j0 + left - 1) / left;                                                     \
            if (PIPE && j0 == 0) {                                                                  \
                switch (J) { CASES(PFX##_block, mode, 1, xt, d, ct, kpad, norms, j0, st, pf, pflines,     \
                                   next ? nrp : 0, mu, nxt, orow, ldo, nr, k) }                     \
            } else {                                                                                \
                switch (J) { CASES(PFX##_block, mode, 0, xt, d, ct, kpad, norms, j0, st, pf, pflines,     \
                                   0, mu, nxt, orow, ldo, nr, k) }                                  \
            }                                                                                       \
            j0 += J;                                                                                \
            pflines = 0;                                                                            \
        }                                                                                           \
        if (PIPE && next) PFX##_tail(nrp, d, mu, nxt);                                              \
        if (xnorm) PFX##_xnorm(xt, d, xnorm + i, nr);                                               \
        if (mode != 2) {                                                                            \
            T b[2 * W], s[2 * W];                                                                   \
            IT l[2 * W];                                                                            \
            PFX##_store(b, st[0]); PFX##_store(b + W, st[1]);                                       \
            PFX##_store(s, st[2]); PFX##_store(s + W, st[3]);                                       \
            PFX##_store((T *)l, st[4]); PFX##_store((T *)l + W, st[5]);                             \
            for (int r = 0; r < nr; r++) labels[i + r] = (int32_t)l[r];                             \
            if (best) for (int r = 0; r < nr; r++) best[i + r] = b[r];                              \
            if (second) for (int r = 0; r < nr; r++) second[i + r] = s[r];                          \
        }                                                                                           \
    }                                                                                               \
}                                                                                                   \
                                                                                                    \
/* The tile buffers: on the stack up to DMAX features, else on the heap (0 if that fails). */      \
static T *PFX##_buffer(int d, T *stack, T **heap) {                                                 \
    *heap = 0;                                                                                      \
    if (d <= PFX##_DMAX) return stack;                                                              \
    size_t n = (size_t)PFX##_NBUF * ((size_t)d + W) * PFX##_R;                                      \
    *heap = (T *)malloc(sizeof(T) * n + 64);                                                        \
    if (!*heap) return 0;                                                                           \
    return (T *)(((uintptr_t)*heap + 63) & ~(uintptr_t)63);                                         \
}                                                                                                   \
                                                                                                    \
TGT static int PFX##_nearest(const T *x, long rows, long ldx, int d, const T *mu, const T *ct,     \
                             const T *norms, int k, int kpad, int32_t *labels, T *best, T *second, \
                             T *xnorm) {                                                            \
    T stack[PFX##_NBUF * (PFX##_DMAX + W) * PFX##_R] __attribute__((aligned(64)));                  \
    T *heap, *buf = PFX##_buffer(d, stack, &heap);                                                  \
    if (!buf) return 0;                                                                             \
    if (second) PFX##_run(1, x, rows, ldx, d, mu, ct, norms, k, kpad, labels, best, second, 0, 0, xnorm, buf); \
    else PFX##_run(0, x, rows, ldx, d, mu, ct, norms, k, kpad, labels, best, 0, 0, 0, xnorm, buf); \
    free(heap);                                                                                     \
    return 1;                                                                                       \
}                                                                                                   \
                                                                                                    \
__attribute__((unused)) /* a5d_values: the entry points take a2d or r5d for values */             \
TGT static int PFX##_values(const T *x, long rows, long ldx, int d, const T *mu, const T *ct,      \
                            const T *norms, int k, int kpad, T *out, long ldo, T *xnorm) {          \
    T stack[PFX##_NBUF * (PFX##_DMAX + W) * PFX##_R] __attribute__((aligned(64)));                  \
    T *heap, *buf = PFX##_buffer(d, stack, &heap);                                                  \
    if (!buf) return 0;                                                                             \
    PFX##_run(2, x, rows, ldx, d, mu, ct, norms, k, kpad, 0, 0, 0, out, ldo, xnorm, buf);          \
    free(heap);                                                                                     \
    return 1;                                                                                       \
}

PK_KERNELS(a2d, PK_TGT2, double, long long, 4, 6, PK_CASES6, 0)
PK_KERNELS(a2s, PK_TGT2, float, int, 8, 6, PK_CASES6, 0)
PK_KERNELS(a5d, PK_TGT5, double, long long, 8, 8, PK_CASES8, 1)
PK_KERNELS(a5s, PK_TGT5, float, int, 16, 8, PK_CASES8, 1)

// MARK: centers in lanes (AVX-512, double)

// Micro-tiles this many ahead are prefetched (a micro-tile is 8 rows).
#ifndef PK_ROW_PF_DIST
#define PK_ROW_PF_DIST 2
#endif

// Rows rp[0..8) against the center vectors j0..j0+8·NV (the last one masked at kpad). mode 0:
// nearest, 1: nearest and second (state st: best, second, label), 2: values to out (row stride
// ldo, the first nr rows, columns below k). Prefetches pfl cache lines from pf, one per q.
PK_TGT5 PK_INLINE void r5d_block(const int NV, const int mode, const double *const *rp, int d,
                                 const double *mu, const double *ct, long kpad, const double *norms,
                                 int j0, int k, __m512d *st, double *out, long ldo, int nr,
                                 const char *pf, long pfl) {
    __m512d acc[8][3];
    PK_UNROLL for (int r = 0; r < 8; r++) PK_UNROLL for (int v = 0; v < NV; v++) acc[r][v] = _mm512_setzero_pd();
    int rem = (int)kpad - j0 - (NV - 1) * 8;
    __mmask8 last = rem >= 8 ? 0xFF : (__mmask8)((1u << rem) - 1);
    const double *cq = ct + j0;
    for (int q = 0; q < d; q++, cq += kpad) {
        if (q < pfl) _mm_prefetch(pf + (long)q * 64, PK_PF_HINT);
        __m512d m = _mm512_set1_pd(mu[q]), c[3];
        __asm__("" : "+v"(m));   /* keeps m a vector, so that x_q is broadcast by the subtraction */
        PK_UNROLL for (int v = 0; v < NV; v++)
            c[v] = v == NV - 1 ? _mm512_maskz_loadu_pd(last, cq + 8 * v) : _mm512_loadu_pd(cq + 8 * v);
        PK_UNROLL for (int r = 0; r < 8; r++) {
            __m512d t = _mm512_sub_pd(m, _mm512_set1_pd(rp[r][q]));
            PK_UNROLL for (int v = 0; v < NV; v++) acc[r][v] = _mm512_fnmadd_pd(t, c[v], acc[r][v]);
        }
    }
    PK_UNROLL for (int v = 0; v < NV; v++) {
        __m512d n = v == NV - 1 ? _mm512_mask_loadu_pd(_mm512_set1_pd(INFINITY), last, norms + j0 + 8 * v)
                                : _mm512_loadu_pd(norms + j0 + 8 * v);
        __m512d val[8];
        PK_UNROLL for (int r = 0; r < 8; r++) val[r] = _mm512_sub_pd(n, _mm512_add_pd(acc[r][v], acc[r][v]));
        int jv = j0 + 8 * v;
        if (mode == 2) {
            int cnt = k - jv;
            __mmask8 km = cnt >= 8 ? 0xFF : cnt <= 0 ? 0 : (__mmask8)((1u << cnt) - 1);
            PK_UNROLL for (int r = 0; r < 8; r++) if (r < nr) _mm512_mask_storeu_pd(out + r * ldo + jv, km, val[r]);
        } else {
            a5d_tr(val);
            PK_UNROLL for (int u = 0; u < 8; u++) {
                if (jv + u < k) {
                    __mmask8 less = _mm512_cmp_pd_mask(val[u], st[0], _CMP_LT_OQ);
                    st[2] = _mm512_mask_mov_pd(st[2], less, PK_INDEX512D(jv + u));
                    if (mode == 1) st[1] = _mm512_mask_mov_pd(_mm512_min_pd(val[u], st[1]), less, st[0]);
                    st[0] = _mm512_min_pd(val[u], st[0]);
                }
            }
        }
    }
}

PK_TGT5 PK_INLINE void r5d_run(const int mode, const double *x, long rows, long ldx, int d,
                               const double *mu, const double *ct, const double *norms, int k,
                               long kpad, int32_t *labels, double *best, double *second, double *out,
                               long ldo, double *xnorm) {
    int nvec = (int)((kpad + 7) / 8), nblocks = (nvec + 2) / 3;
    for (long i = 0; i < rows; i += 8) {
        int nr = rows - i < 8 ? (int)(rows - i) : 8;
        __mmask8 rm = (__mmask8)((1u << nr) - 1);
        const double *rp[8];
        for (int t = 0; t < 8; t++) rp[t] = x + (i + t < rows ? i + t : rows - 1) * ldx;
        __m512d st[3] = {_mm512_set1_pd(INFINITY), _mm512_set1_pd(INFINITY), PK_INDEX512D(0)};
        const char *pf = (const char *)((uintptr_t)x + (uintptr_t)((i + 8 * PK_ROW_PF_DIST) * ldx * (long)sizeof(double)));
        long pfl = (7 * ldx + d) * (long)sizeof(double) / 64 + 2;
        double *o = mode == 2 ? out + i * ldo : 0;
        int v0 = 0;
        for (int left = nblocks; left > 0; left--) {
            int nv = (nvec - v0 + left - 1) / left;
            if (nv == 3) r5d_block(3, mode, rp, d, mu, ct, kpad, norms, v0 * 8, k, st, o, ldo, nr, pf, pfl);
            else if (nv == 2) r5d_block(2, mode, rp, d, mu, ct, kpad, norms, v0 * 8, k, st, o, ldo, nr, pf, pfl);
            else r5d_block(1, mode, rp, d, mu, ct, kpad, norms, v0 * 8, k, st, o, ldo, nr, pf, pfl);
            v0 += nv;
            pfl = 0;
        }
        if (xnorm) {
            __m512d xx = _mm512_insertf64x4(_mm512_castpd256_pd512(pk_xnorm_d(rp, mu, d)), pk_xnorm_d(rp + 4, mu, d), 1);
            _mm512_mask_storeu_pd(xnorm + i, rm, xx);
        }
        if (mode != 2) {
            long long l[8];
            _mm512_storeu_pd((double *)l, st[2]);
            for (int r = 0; r < nr; r++) labels[i + r] = (int32_t)l[r];
            if (best) _mm512_mask_storeu_pd(best + i, rm, st[0]);
            if (second) _mm512_mask_storeu_pd(second + i, rm, st[1]);
        }
    }
}

PK_TGT5 static int r5d_nearest(const double *x, long rows, long ldx, int d, const double *mu,
                               const double *ct, const double *norms, int k, int kpad,
                               int32_t *labels, double *best, double *second, double *xnorm) {
    if (second) r5d_run(1, x, rows, ldx, d, mu, ct, norms, k, kpad, labels, best, second, 0, 0, xnorm);
    else r5d_run(0, x, rows, ldx, d, mu, ct, norms, k, kpad, labels, best, 0, 0, 0, xnorm);
    return 1;
}

PK_TGT5 static int r5d_values(const double *x, long rows, long ldx, int d, const double *mu,
                              const double *ct, const double *norms, int k, int kpad, double *out,
                              long ldo, double *xnorm) {
    r5d_run(2, x, rows, ldx, d, mu, ct, norms, k, kpad, 0, 0, 0, out, ldo, xnorm);
    return 1;
}

// Which layout serves which shape with AVX-512 (measured on Zen 4, single thread, data streamed
// from memory). Small k is bound by memory bandwidth, where the AVX2 tiles' access pattern does
// best; the AVX-512 tiles pay off for short rows and, in float, for many centers; centers in
// lanes for double with many centers or long rows.
static int pk_rows_d(int d, int k) { return d >= 96 || (d >= 48 && k >= 8) || (d >= 24 && k >= 16); }
static int pk_tiles512_d(int d) { return d <= 16; }
static int pk_tiles512_s(int d, int k) { return d <= 16 || k >= 16 || (d >= 96 && k >= 8); }

static int detect_isa(void) {
    __builtin_cpu_init();
    if (!(__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))) return 0;
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
        __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512bw")) return 3;
    return 2;
}
#else
static int detect_isa(void) { return 0; }
#endif

static int cached_isa = -1;

int personas_kernels_isa(void) {
    int isa = __atomic_load_n(&cached_isa, __ATOMIC_RELAXED);
    if (isa < 0) {
        isa = detect_isa();
        __atomic_store_n(&cached_isa, isa, __ATOMIC_RELAXED);
    }
    return isa;
}

// The tile kernels return 0 only when d is too large for their stack buffer and the heap buffer
// could not be allocated; the portable loops then serve.
void personas_nearest_f64(const double *x, long rows, long ldx, int d, const double *mu,
                          const double *centers_t, const double *norms, int k, int kpad,
                          int32_t *labels, double *best, double *second, double *xnorm) {
#ifdef PERSONAS_X86
    int isa = personas_kernels_isa();
    if (isa >= 3 && pk_rows_d(d, k)) {
        r5d_nearest(x, rows, ldx, d, mu, centers_t, norms, k, kpad, labels, best, second, xnorm);
        return;
    }
    if (isa >= 3 && pk_tiles512_d(d) &&
        a5d_nearest(x, rows, ldx, d, mu, centers_t, norms, k, kpad, labels, best, second, xnorm)) return;
    if (isa >= 2 && a2d_nearest(x, rows, ldx, d, mu, centers_t, norms, k, kpad, labels, best, second, xnorm)) return;
#endif
    nearest_f64_portable(x, rows, ldx, d, mu, centers_t, norms, k, kpad, labels, best, second, xnorm);
}

void personas_nearest_f32(const float *x, long rows, long ldx, int d, const float *mu,
                          const float *centers_t, const float *norms, int k, int kpad,
                          int32_t *labels, float *best, float *second, float *xnorm) {
#ifdef PERSONAS_X86
    int isa = personas_kernels_isa();
    if (isa >= 3 && pk_tiles512_s(d, k) &&
        a5s_nearest(x, rows, ldx, d, mu, centers_t, norms, k, kpad, labels, best, second, xnorm)) return;
    if (isa >= 2 && a2s_nearest(x, rows, ldx, d, mu, centers_t, norms, k, kpad, labels, best, second, xnorm)) return;
#endif
    nearest_f32_portable(x, rows, ldx, d, mu, centers_t, norms, k, kpad, labels, best, second, xnorm);
}

// Values: with few centers the AVX2 tiles do best (bound by memory), so AVX-512 serves double
// through centers in lanes and float through its tiles only with many centers.
void personas_values_f64(const double *x, long rows, long ldx, int d, const double *mu,
                         const double *centers_t, const double *norms, int k, int kpad,
                         double *out, long ldo, double *xnorm) {
#ifdef PERSONAS_X86
    int isa = personas_kernels_isa();
    if (isa >= 3 && pk_rows_d(d, k)) {
        r5d_values(x, rows, ldx, d, mu, centers_t, norms, k, kpad, out, ldo, xnorm);
        return;
    }
    if (isa >= 2 && a2d_values(x, rows, ldx, d, mu, centers_t, norms, k, kpad, out, ldo, xnorm)) return;
#endif
    values_f64_portable(x, rows, ldx, d, mu, centers_t, norms, k, kpad, out, ldo, xnorm);
}

void personas_values_f32(const float *x, long rows, long ldx, int d, const float *mu,
                         const float *centers_t, const float *norms, int k, int kpad,
                         float *out, long ldo, float *xnorm) {
#ifdef PERSONAS_X86
    int isa = personas_kernels_isa();
    if (isa >= 3 && k >= 16 && d >= 32 &&
        a5s_values(x, rows, ldx, d, mu, centers_t, norms, k, kpad, out, ldo, xnorm)) return;
    if (isa >= 2 && a2s_values(x, rows, ldx, d, mu, centers_t, norms, k, kpad, out, ldo, xnorm)) return;
#endif
    values_f32_portable(x, rows, ldx, d, mu, centers_t, norms, k, kpad, out, ldo, xnorm);
}

// MARK: accumulation and exact distances
//
// Memory-bound loops; the AVX2 versions keep the per-row work in vector registers (4 doubles at
// a time, floats widened to double first), the portable ones let the compiler do what it can.
// AVX-512 accumulation (8 doubles at a time) measured slower on Zen 4: 7.5–8 ns a row against
// 6 for these (d = 16, k = 8, rows in L1), its 512-bit read-modify-writes of the sums costing more.

static void accumulate_f64_portable(const double *x, long rows, long ldx, int d, const double *mu,
                                    const int32_t *labels, const double *weights, double *sums, double *wsums) {
    for (long i = 0; i < rows; i++) {
        const double *xi = x + i * ldx;
        double w = weights ? weights[i] : 1.0;
        double *s = sums + (long)labels[i] * d;
        for (int q = 0; q < d; q++) s[q] += w * (xi[q] - mu[q]);
        wsums[labels[i]] += w;
    }
}

static void accumulate_f32_portable(const float *x, long rows, long ldx, int d, const float *mu,
                                    const int32_t *labels, const double *weights, double *sums, double *wsums) {
    for (long i = 0; i < rows; i++) {
        const float *xi = x + i * ldx;
        double w = weights ? weights[i] : 1.0;
        double *s = sums + (long)labels[i] * d;
        for (int q = 0; q < d; q++) s[q] += w * (double)(xi[q] - mu[q]);
        wsums[labels[i]] += w;
    }
}

static void assigned_f64_portable(const double *x, long rows, long ldx, int d, const double *mu,
                                  const double *centers, const int32_t *labels, double *out) {
    for (long i = 0; i < rows; i++) {
        const double *xi = x + i * ldx, *c = centers + (long)labels[i] * d;
        double s = 0;
        for (int q = 0; q < d; q++) { double v = (xi[q] - mu[q]) - c[q]; s += v * v; }
        out[i] = s;
    }
}

static void assigned_f32_portable(const float *x, long rows, long ldx, int d, const float *mu,
                                  const float *centers, const int32_t *labels, double *out) {
    for (long i = 0; i < rows; i++) {
        const float *xi = x + i * ldx, *c = centers + (long)labels[i] * d;
        double s = 0;
        for (int q = 0; q < d; q++) { double v = (double)(xi[q] - mu[q]) - (double)c[q]; s += v * v; }
        out[i] = s;
    }
}

#ifdef PERSONAS_X86
__attribute__((target("avx2,fma"))) static void accumulate_f64_avx2(
    const double *x, long rows, long ldx, int d, const double *mu, const int32_t *labels,
    const double *weights, double *sums, double *wsums) {
    for (long i = 0; i < rows; i++) {
        const double *xi = x + i * ldx;
        double w = weights ? weights[i] : 1.0;
        double *s = sums + (long)labels[i] * d;
        __m256d wv = _mm256_set1_pd(w);
        int q = 0;
        for (; q + 4 <= d; q += 4) {
            __m256d v = _mm256_sub_pd(_mm256_loadu_pd(xi + q), _mm256_loadu_pd(mu + q));
            _mm256_storeu_pd(s + q, _mm256_fmadd_pd(wv, v, _mm256_loadu_pd(s + q)));
        }
        for (; q < d; q++) s[q] += w * (xi[q] - mu[q]);
        wsums[labels[i]] += w;
    }
}

__attribute__((target("avx2,fma"))) static void accumulate_f32_avx2(
    const float *x, long rows, long ldx, int d, const float *mu, const int32_t *labels,
    const double *weights, double *sums, double *wsums) {
    for (long i = 0; i < rows; i++) {
        const float *xi = x + i * ldx;
        double w = weights ? weights[i] : 1.0;
        double *s = sums + (long)labels[i] * d;
        __m256d wv = _mm256_set1_pd(w);
        int q = 0;
        for (; q + 4 <= d; q += 4) {
            __m256d v = _mm256_cvtps_pd(_mm_sub_ps(_mm_loadu_ps(xi + q), _mm_loadu_ps(mu + q)));
            _mm256_storeu_pd(s + q, _mm256_fmadd_pd(wv, v, _mm256_loadu_pd(s + q)));
        }
        for (; q < d; q++) s[q] += w * (double)(xi[q] - mu[q]);
        wsums[labels[i]] += w;
    }
}

__attribute__((target("avx2,fma"))) static void assigned_f64_avx2(
    const double *x, long rows, long ldx, int d, const double *mu, const double *centers,
    const int32_t *labels, double *out) {
    for (long i = 0; i < rows; i++) {
        const double *xi = x + i * ldx, *c = centers + (long)labels[i] * d;
        __m256d acc = _mm256_setzero_pd();
        int q = 0;
        for (; q + 4 <= d; q += 4) {
            __m256d v = _mm256_sub_pd(_mm256_sub_pd(_mm256_loadu_pd(xi + q), _mm256_loadu_pd(mu + q)), _mm256_loadu_pd(c + q));
            acc = _mm256_fmadd_pd(v, v, acc);
        }
        double lanes[4];
        _mm256_storeu_pd(lanes, acc);
        double s = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
        for (; q < d; q++) { double v = (xi[q] - mu[q]) - c[q]; s += v * v; }
        out[i] = s;
    }
}

__attribute__((target("avx2,fma"))) static void assigned_f32_avx2(
    const float *x, long rows, long ldx, int d, const float *mu, const float *centers,
    const int32_t *labels, double *out) {
    for (long i = 0; i < rows; i++) {
        const float *xi = x + i * ldx, *c = centers + (long)labels[i] * d;
        __m256d acc = _mm256_setzero_pd();
        int q = 0;
        for (; q + 4 <= d; q += 4) {
            __m256d v = _mm256_sub_pd(_mm256_cvtps_pd(_mm_sub_ps(_mm_loadu_ps(xi + q), _mm_loadu_ps(mu + q))),
                                      _mm256_cvtps_pd(_mm_loadu_ps(c + q)));
            acc = _mm256_fmadd_pd(v, v, acc);
        }
        double lanes[4];
        _mm256_storeu_pd(lanes, acc);
        double s = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
        for (; q < d; q++) { double v = (double)(xi[q] - mu[q]) - (double)c[q]; s += v * v; }
        out[i] = s;
    }
}
#endif

void personas_accumulate_f64(const double *x, long rows, long ldx, int d, const double *mu,
                             const int32_t *labels, const double *weights, double *sums, double *wsums) {
#ifdef PERSONAS_X86
    if (personas_kernels_isa() >= 2) { accumulate_f64_avx2(x, rows, ldx, d, mu, labels, weights, sums, wsums); return; }
#endif
    accumulate_f64_portable(x, rows, ldx, d, mu, labels, weights, sums, wsums);
}

void personas_accumulate_f32(const float *x, long rows, long ldx, int d, const float *mu,
                             const int32_t *labels, const double *weights, double *sums, double *wsums) {
#ifdef PERSONAS_X86
    if (personas_kernels_isa() >= 2) { accumulate_f32_avx2(x, rows, ldx, d, mu, labels, weights, sums, wsums); return; }
#endif
    accumulate_f32_portable(x, rows, ldx, d, mu, labels, weights, sums, wsums);
}

void personas_assigned_distance_f64(const double *x, long rows, long ldx, int d, const double *mu,
                                    const double *centers, const int32_t *labels, double *out) {
#ifdef PERSONAS_X86
    if (personas_kernels_isa() >= 2) { assigned_f64_avx2(x, rows, ldx, d, mu, centers, labels, out); return; }
#endif
    assigned_f64_portable(x, rows, ldx, d, mu, centers, labels, out);
}

void personas_assigned_distance_f32(const float *x, long rows, long ldx, int d, const float *mu,
                                    const float *centers, const int32_t *labels, double *out) {
#ifdef PERSONAS_X86
    if (personas_kernels_isa() >= 2) { assigned_f32_avx2(x, rows, ldx, d, mu, centers, labels, out); return; }
#endif
    assigned_f32_portable(x, rows, ldx, d, mu, centers, labels, out);
}
