// Validity-index kernels; see include/personas_validity.h. The three paths share one lane
// layout (8 partial sums per row) so their results are bit-identical.
#include "personas_validity.h"
#include "personas_kernels.h"

#include <math.h>

#pragma clang fp contract(off)

// Adds the 8 lane sums in the documented order.
static inline double pv_combine(const double lanes[8]) {
    return ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
}

static inline double pv_clamped_sqrt(double v) { return sqrt(v > 0 ? v : 0.0); }

static void distance_sums_portable(const double *g, long ldg, long rows, long cols, const double *xn,
                                   const double *yn, double *row_out, double *col_out) {
    if (col_out) for (long j = 0; j < cols; j++) col_out[j] = 0.0;
    for (long r = 0; r < rows; r++) {
        const double *gr = g + r * ldg;
        const double x = xn[r];
        double lanes[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        long j = 0;
        for (; j + 8 <= cols; j += 8) {
            for (int l = 0; l < 8; l++) {
                double v = pv_clamped_sqrt((gr[j + l] + x) + yn[j + l]);
                lanes[l] = lanes[l] + v;
                if (col_out) col_out[j + l] = col_out[j + l] + v;
            }
        }
        double s = pv_combine(lanes);
        for (; j < cols; j++) {
            double v = pv_clamped_sqrt((gr[j] + x) + yn[j]);
            s = s + v;
            if (col_out) col_out[j] = col_out[j] + v;
        }
        row_out[r] = s;
    }
}

// The expanded tile and its extreme, written so the compiler vectorises both loops (the
// conditional moves are exactly minpd / maxpd). Min and max are exact, so any lane order gives
// the same result.
#define PV_EXTREME(SUFFIX, ATTR)                                                                      \
ATTR static double expand_extreme_##SUFFIX(double *g, long ldg, long rows, long cols, const double *xn, \
                                           const double *yn, int largest) {                          \
    double lanes[8];                                                                                  \
    for (int l = 0; l < 8; l++) lanes[l] = largest ? -INFINITY : INFINITY;                            \
    for (long r = 0; r < rows; r++) {                                                                 \
        double *gr = g + r * ldg;                                                                     \
        const double x = xn[r];                                                                       \
        long j = 0;                                                                                   \
        if (largest) {                                                                                \
            for (; j + 8 <= cols; j += 8) {                                                           \
                for (int l = 0; l < 8; l++) {                                                         \
                    double v = (gr[j + l] + x) + yn[j + l];                                           \
                    gr[j + l] = v;                                                                    \
                    lanes[l] = v > lanes[l] ? v : lanes[l];                                           \
                }                                                                                     \
            }                                                                                         \
        } else {                                                                                      \
            for (; j + 8 <= cols; j += 8) {                                                           \
                for (int l = 0; l < 8; l++) {                                                         \
                    double v = (gr[j + l] + x) + yn[j + l];                                           \
                    gr[j + l] = v;                                                                    \
                    lanes[l] = v < lanes[l] ? v : lanes[l];                                           \
                }                                                                                     \
            }                                                                                         \
        }                                                                                             \
        for (; j < cols; j++) {                                                                       \
            double v = (gr[j] + x) + yn[j];                                                           \
            gr[j] = v;                                                                                \
            lanes[0] = largest ? (v > lanes[0] ? v : lanes[0]) : (v < lanes[0] ? v : lanes[0]);       \
        }                                                                                             \
    }                                                                                                 \
    double e = lanes[0];                                                                              \
    for (int l = 1; l < 8; l++) e = largest ? (lanes[l] > e ? lanes[l] : e) : (lanes[l] < e ? lanes[l] : e); \
    return e;                                                                                         \
}

PV_EXTREME(portable, )

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>
#define PV_HAVE_SIMD 1

PV_EXTREME(avx512, __attribute__((target("avx2,avx512f,avx512vl,avx512dq"))))
PV_EXTREME(avx2, __attribute__((target("avx2"))))

// _mm*_max_pd(v, 0) returns 0 when v is NaN (the second operand), as v > 0 ? v : 0 does.
// One body per column-sum mode, so the row-only loop carries no load/store of column sums.
#define PV_SUMS512(NAME, COLS)                                                                        \
__attribute__((target("avx2,avx512f,avx512vl,avx512dq")))                                           \
static void NAME(const double *g, long ldg, long rows, long cols, const double *xn, const double *yn, \
                 double *row_out, double *col_out) {                                                  \
    const __m512d zero = _mm512_setzero_pd();                                                         \
    if (COLS) for (long j = 0; j < cols; j++) col_out[j] = 0.0;                                       \
    for (long r = 0; r < rows; r++) {                                                                 \
        const double *gr = g + r * ldg;                                                               \
        const __m512d x = _mm512_set1_pd(xn[r]);                                                      \
        __m512d acc = zero;                                                                           \
        long j = 0;                                                                                   \
        for (; j + 8 <= cols; j += 8) {                                                               \
            __m512d v = _mm512_add_pd(_mm512_add_pd(_mm512_loadu_pd(gr + j), x), _mm512_loadu_pd(yn + j)); \
            v = _mm512_sqrt_pd(_mm512_max_pd(v, zero));                                              \
            acc = _mm512_add_pd(acc, v);                                                              \
            if (COLS) _mm512_storeu_pd(col_out + j, _mm512_add_pd(_mm512_loadu_pd(col_out + j), v));  \
        }                                                                                             \
        double lanes[8];                                                                              \
        _mm512_storeu_pd(lanes, acc);                                                                 \
        double s = pv_combine(lanes);                                                                 \
        for (; j < cols; j++) {                                                                       \
            double v = pv_clamped_sqrt((gr[j] + xn[r]) + yn[j]);                                      \
            s = s + v;                                                                                \
            if (COLS) col_out[j] = col_out[j] + v;                                                    \
        }                                                                                             \
        row_out[r] = s;                                                                               \
    }                                                                                                 \
}

#define PV_SUMS2(NAME, COLS)                                                                          \
__attribute__((target("avx2")))                                                                     \
static void NAME(const double *g, long ldg, long rows, long cols, const double *xn, const double *yn, \
                 double *row_out, double *col_out) {                                                  \
    const __m256d zero = _mm256_setzero_pd();                                                         \
    if (COLS) for (long j = 0; j < cols; j++) col_out[j] = 0.0;                                       \
    for (long r = 0; r < rows; r++) {                                                                 \
        const double *gr = g + r * ldg;                                                               \
        const __m256d x = _mm256_set1_pd(xn[r]);                                                      \
        __m256d lo = zero, hi = zero;                                                                 \
        long j = 0;                                                                                   \
        for (; j + 8 <= cols; j += 8) {                                                               \
            __m256d a = _mm256_add_pd(_mm256_add_pd(_mm256_loadu_pd(gr + j), x), _mm256_loadu_pd(yn + j)); \
            __m256d b = _mm256_add_pd(_mm256_add_pd(_mm256_loadu_pd(gr + j + 4), x), _mm256_loadu_pd(yn + j + 4)); \
            a = _mm256_sqrt_pd(_mm256_max_pd(a, zero));                                               \
            b = _mm256_sqrt_pd(_mm256_max_pd(b, zero));                                               \
            lo = _mm256_add_pd(lo, a);                                                                \
            hi = _mm256_add_pd(hi, b);                                                                \
            if (COLS) {                                                                               \
                _mm256_storeu_pd(col_out + j, _mm256_add_pd(_mm256_loadu_pd(col_out + j), a));        \
                _mm256_storeu_pd(col_out + j + 4, _mm256_add_pd(_mm256_loadu_pd(col_out + j + 4), b)); \
            }                                                                                         \
        }                                                                                             \
        double lanes[8];                                                                              \
        _mm256_storeu_pd(lanes, lo);                                                                  \
        _mm256_storeu_pd(lanes + 4, hi);                                                              \
        double s = pv_combine(lanes);                                                                 \
        for (; j < cols; j++) {                                                                       \
            double v = pv_clamped_sqrt((gr[j] + xn[r]) + yn[j]);                                      \
            s = s + v;                                                                                \
            if (COLS) col_out[j] = col_out[j] + v;                                                    \
        }                                                                                             \
        row_out[r] = s;                                                                               \
    }                                                                                                 \
}

PV_SUMS512(distance_sums_avx512_rows, 0)
PV_SUMS512(distance_sums_avx512_both, 1)
PV_SUMS2(distance_sums_avx2_rows, 0)
PV_SUMS2(distance_sums_avx2_both, 1)
#endif

void personas_validity_distance_sums(const double *g, long ldg, long rows, long cols, const double *xn,
                                     const double *yn, double *row_out, double *col_out) {
#ifdef PV_HAVE_SIMD
    int isa = personas_kernels_isa();
    if (isa >= 3) {
        if (col_out) distance_sums_avx512_both(g, ldg, rows, cols, xn, yn, row_out, col_out);
        else distance_sums_avx512_rows(g, ldg, rows, cols, xn, yn, row_out, col_out);
        return;
    }
    if (isa >= 2) {
        if (col_out) distance_sums_avx2_both(g, ldg, rows, cols, xn, yn, row_out, col_out);
        else distance_sums_avx2_rows(g, ldg, rows, cols, xn, yn, row_out, col_out);
        return;
    }
#endif
    distance_sums_portable(g, ldg, rows, cols, xn, yn, row_out, col_out);
}

double personas_validity_expand_extreme(double *g, long ldg, long rows, long cols, const double *xn,
                                        const double *yn, int largest) {
#ifdef PV_HAVE_SIMD
    int isa = personas_kernels_isa();
    if (isa >= 3) return expand_extreme_avx512(g, ldg, rows, cols, xn, yn, largest);
    if (isa >= 2) return expand_extreme_avx2(g, ldg, rows, cols, xn, yn, largest);
#endif
    return expand_extreme_portable(g, ldg, rows, cols, xn, yn, largest);
}

// Few entries pass the cut (the extreme and its near ties), so a plain scan is enough.
long personas_validity_select(const double *g, long ldg, long rows, long cols, double cut, int largest,
                              long *out, long capacity) {
    long found = 0;
    for (long r = 0; r < rows; r++) {
        const double *gr = g + r * ldg;
        for (long j = 0; j < cols; j++) {
            if (largest ? gr[j] >= cut : gr[j] <= cut) {
                if (found < capacity) out[found] = r * cols + j;
                found++;
            }
        }
    }
    return found;
}
