/* AVX2+FMA float32 exp, eight lanes at a time. x = n ln2 + r with n the
 * nearest integer to x/ln2 and |r| <= ln2/2 (Cody-Waite, ln2 split hi/lo),
 * e^r from a degree-7 Taylor polynomial, then the result scaled by 2^n in
 * two exact halves so overflow, subnormal results and underflow round once,
 * like a correctly rounded expf would. Max error 1 ULP against exp rounded
 * to float, over every float32 input (1.06 ULP against the exact value);
 * tests/test_elementwise.c checks 23M of them.
 * Strided operands go through a small buffer into the same vector code, so
 * the bits never depend on layout, alignment or how the engine splits a
 * run (the element-wise tests require that). */
#include "kernels/kernel.h"

#if defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>

static inline __m256 exp8_(__m256 x) {
    /* Beyond these every result is +inf or +0 anyway (e^89 > FLT_MAX,
     * e^-104 < 2^-150); clamping keeps n within [-150, 128], so both
     * halves of 2^n below stay normal floats. max(lo, x) and min(hi, .)
     * return their second operand for a NaN, so NaN passes through, and
     * then every step below gives a quiet NaN. */
    const __m256 xc = _mm256_min_ps(_mm256_set1_ps(89.0f), _mm256_max_ps(_mm256_set1_ps(-104.0f), x));
    const __m256 nf = _mm256_round_ps(_mm256_mul_ps(xc, _mm256_set1_ps(1.44269504088896341f)), /* 1/ln2 */
                                      _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    /* ln2 split hi/lo (Cephes): hi has 9 significant bits, so n*hi is
     * exact for |n| <= 150 and x - n*hi is exact (Sterbenz); lo = ln2 - hi
     * rounded to float; the FMA subtracts n*lo with one rounding. */
    __m256 r = _mm256_fnmadd_ps(nf, _mm256_set1_ps(0.693359375f), xc);
    r = _mm256_fnmadd_ps(nf, _mm256_set1_ps(-2.12194440e-4f), r);
    /* e^r = 1 + r + r^2 q(r), q the Taylor series' tail with coefficients
     * 1/k! for k = 2..7: the truncation error r^8/8! is below 5.3e-9
     * relative on |r| <= ln2/2 (< 0.09 ULP). Adding the 1 last keeps the
     * rounding errors of the small terms small next to it. */
    __m256 q = _mm256_set1_ps(1.98412698e-4f);                /* 1/7! */
    q = _mm256_fmadd_ps(q, r, _mm256_set1_ps(1.38888889e-3f)); /* 1/6! */
    q = _mm256_fmadd_ps(q, r, _mm256_set1_ps(8.33333333e-3f)); /* 1/5! */
    q = _mm256_fmadd_ps(q, r, _mm256_set1_ps(4.16666667e-2f)); /* 1/4! */
    q = _mm256_fmadd_ps(q, r, _mm256_set1_ps(1.66666667e-1f)); /* 1/3! */
    q = _mm256_fmadd_ps(q, r, _mm256_set1_ps(0.5f));           /* 1/2! */
    const __m256 p = _mm256_add_ps(_mm256_fmadd_ps(_mm256_mul_ps(r, r), q, r), _mm256_set1_ps(1.0f));
    /* 2^n = 2^n1 * 2^n2 with n1 = floor(n/2): both within [-75, 64], so
     * p * 2^n1 is exact and only the last product rounds (to inf, to a
     * subnormal or to 0 as the true value says). */
    const __m256i n = _mm256_cvtps_epi32(nf);
    const __m256i n1 = _mm256_srai_epi32(n, 1), n2 = _mm256_sub_epi32(n, n1);
    const __m256i bias = _mm256_set1_epi32(127);
    const __m256 s1 = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(n1, bias), 23));
    const __m256 s2 = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(n2, bias), 23));
    return _mm256_mul_ps(_mm256_mul_ps(p, s1), s2);
}

/* Lanes [0, m) set, for 0 <= m <= 8. */
static inline __m256i head_mask_(int64_t m) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)m), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

/* n contiguous floats; o == a works, as each vector is loaded before its
 * store. The tail is masked: masked-off lanes read nothing and compute
 * exp(0). */
static void exp_run_f32_(float *o, const float *a, int64_t n) {
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(o + i, exp8_(_mm256_loadu_ps(a + i)));
    if (i < n) {
        const __m256i m = head_mask_(n - i);
        _mm256_maskstore_ps(o + i, m, exp8_(_mm256_maskload_ps(a + i, m)));
    }
}

static void exp_f32(char **args, int64_t n, const int64_t *steps, void *params) {
    (void)params;
    const char *pa = args[0];
    char *po = args[1];
    const int64_t sa = steps[0], so = steps[1];
    if (sa == (int64_t)sizeof(float) && so == (int64_t)sizeof(float)) {
        exp_run_f32_((float *)(void *)po, (const float *)(const void *)pa, n);
        return;
    }
    /* Whole blocks are read before any is written, so an output that is the
     * input with the same (any) step works too. */
    enum { BLOCK = 64 };
    float buf[BLOCK];
    for (int64_t i = 0; i < n; i += BLOCK) {
        const int64_t m = n - i < BLOCK ? n - i : BLOCK;
        for (int64_t j = 0; j < m; j++) buf[j] = *(const float *)(const void *)(pa + (i + j) * sa);
        exp_run_f32_(buf, buf, m);
        for (int64_t j = 0; j < m; j++) *(float *)(void *)(po + (i + j) * so) = buf[j];
    }
}

void nd__avx2_unary_loops(nd_loop_table t) { t[ND_OP_exp][ND_FLOAT32] = exp_f32; }

#else /* not compiled for AVX2: the level is absent */

void nd__avx2_unary_loops(nd_loop_table t) { (void)t; }

#endif
