/* AVX2 float sums: the loops that bound reductions of large arrays. The
 * element-wise fold and the many-row fold add in the same order as the
 * portable loops, so they give the same bits. The row sum is pairwise like
 * ref's (and NumPy's): rows of fewer than 32 (f32) or 16 (f64) elements are
 * summed exactly as they do, longer ones in blocks of up to 32 vectors with
 * four vector accumulators, which keeps more partial sums than theirs (so
 * the last bits may differ). Other steps fall back to the portable loop
 * this level was installed over. */
#include "kernels/kernel.h"

#if defined(__AVX2__)
#include <immintrin.h>

/* Per dtype: element type, suffix, vector type, intrinsic suffix, lanes. */
#define AVX2_FLOATS_(X) X(float, f32, __m256, ps, 8) X(double, f64, __m256d, pd, 4)

#define AVX2_SUM_(T, SFX, V, S, W)                                                 \
    static nd_loop_fn g_ref_sum_##SFX;                                             \
                                                                                   \
    /* Blocks of up to 32 vectors' worth, halves recursively above that. */        \
    static T pairwise_##SFX(const T *p, int64_t n) {                               \
        if (n > 32 * W) {                                                          \
            int64_t half = (n / 2) & ~(int64_t)(4 * W - 1);                        \
            return pairwise_##SFX(p, half) + pairwise_##SFX(p + half, n - half);   \
        }                                                                          \
        if (n < 8) {                                                               \
            T s = (T)0;                                                            \
            for (int64_t i = 0; i < n; i++) s += p[i];                             \
            return s;                                                              \
        }                                                                          \
        if (n < 4 * W) { /* NumPy's block: eight partial sums, paired */          \
            V v[8 / W];                                                            \
            for (int q = 0; q < 8 / W; q++) v[q] = _mm256_loadu_##S(p + q * W);    \
            int64_t i = 8;                                                         \
            for (; i + 8 <= n; i += 8)                                             \
                for (int q = 0; q < 8 / W; q++) v[q] = _mm256_add_##S(v[q], _mm256_loadu_##S(p + i + q * W)); \
            T r[8];                                                                \
            for (int q = 0; q < 8 / W; q++) _mm256_storeu_##S(r + q * W, v[q]);    \
            T s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7])); \
            for (; i < n; i++) s += p[i];                                          \
            return s;                                                              \
        }                                                                          \
        V a0 = _mm256_loadu_##S(p), a1 = _mm256_loadu_##S(p + W);                  \
        V a2 = _mm256_loadu_##S(p + 2 * W), a3 = _mm256_loadu_##S(p + 3 * W);      \
        int64_t i = 4 * W;                                                         \
        for (; i + 4 * W <= n; i += 4 * W) {                                       \
            a0 = _mm256_add_##S(a0, _mm256_loadu_##S(p + i));                      \
            a1 = _mm256_add_##S(a1, _mm256_loadu_##S(p + i + W));                  \
            a2 = _mm256_add_##S(a2, _mm256_loadu_##S(p + i + 2 * W));              \
            a3 = _mm256_add_##S(a3, _mm256_loadu_##S(p + i + 3 * W));              \
        }                                                                          \
        T lanes[W];                                                                \
        _mm256_storeu_##S(lanes, _mm256_add_##S(_mm256_add_##S(a0, a1), _mm256_add_##S(a2, a3))); \
        for (int w = W / 2; w > 0; w /= 2)                                         \
            for (int j = 0; j < w; j++) lanes[j] += lanes[j + w];                  \
        T s = lanes[0];                                                            \
        for (; i < n; i++) s += p[i];                                              \
        return s;                                                                  \
    }                                                                              \
                                                                                   \
    /* o[i] += a[i] over n contiguous elements. */                                 \
    static void add_row_##SFX(T *o, const T *a, int64_t n) {                       \
        int64_t i = 0;                                                             \
        for (; i + 2 * W <= n; i += 2 * W) {                                       \
            V x0 = _mm256_add_##S(_mm256_loadu_##S(o + i), _mm256_loadu_##S(a + i));          \
            V x1 = _mm256_add_##S(_mm256_loadu_##S(o + i + W), _mm256_loadu_##S(a + i + W));  \
            _mm256_storeu_##S(o + i, x0);                                          \
            _mm256_storeu_##S(o + i + W, x1);                                      \
        }                                                                          \
        for (; i < n; i++) o[i] += a[i];                                           \
    }                                                                              \
                                                                                   \
    static void red_sum_##SFX(char **args, int64_t n, const int64_t *steps, void *params) { \
        if (steps[0] == (int64_t)sizeof(T) && steps[1] == 0) {                     \
            *(T *)args[1] += pairwise_##SFX((const T *)args[0], n);                \
        } else if (steps[0] == (int64_t)sizeof(T) && steps[1] == (int64_t)sizeof(T)) { \
            add_row_##SFX((T *)args[1], (const T *)args[0], n);                    \
        } else {                                                                   \
            g_ref_sum_##SFX(args, n, steps, params);                               \
        }                                                                          \
    }                                                                              \
                                                                                   \
    /* Four rows per pass, added in row order as the portable fold does. */       \
    static void fold_sum_##SFX(char *pacc, const char *const *rows, int nrows, int64_t n) { \
        T *o = (T *)pacc;                                                          \
        int j = 0;                                                                 \
        for (; j + 4 <= nrows; j += 4) {                                           \
            const T *a = (const T *)rows[j], *b = (const T *)rows[j + 1];          \
            const T *c = (const T *)rows[j + 2], *d = (const T *)rows[j + 3];      \
            int64_t i = 0;                                                         \
            for (; i + 2 * W <= n; i += 2 * W) {                                   \
                V x0 = _mm256_loadu_##S(o + i), x1 = _mm256_loadu_##S(o + i + W);  \
                x0 = _mm256_add_##S(x0, _mm256_loadu_##S(a + i));                  \
                x1 = _mm256_add_##S(x1, _mm256_loadu_##S(a + i + W));              \
                x0 = _mm256_add_##S(x0, _mm256_loadu_##S(b + i));                  \
                x1 = _mm256_add_##S(x1, _mm256_loadu_##S(b + i + W));              \
                x0 = _mm256_add_##S(x0, _mm256_loadu_##S(c + i));                  \
                x1 = _mm256_add_##S(x1, _mm256_loadu_##S(c + i + W));              \
                x0 = _mm256_add_##S(x0, _mm256_loadu_##S(d + i));                  \
                x1 = _mm256_add_##S(x1, _mm256_loadu_##S(d + i + W));              \
                _mm256_storeu_##S(o + i, x0);                                      \
                _mm256_storeu_##S(o + i + W, x1);                                  \
            }                                                                      \
            for (; i < n; i++) o[i] = (((o[i] + a[i]) + b[i]) + c[i]) + d[i];      \
        }                                                                          \
        for (; j < nrows; j++) add_row_##SFX(o, (const T *)rows[j], n);            \
    }

AVX2_FLOATS_(AVX2_SUM_)

#define AVX2_INSTALL_(T, SFX, V, S, W, DT)                                         \
    g_ref_sum_##SFX = r[ND_RED_sum][DT];                                           \
    r[ND_RED_sum][DT] = red_sum_##SFX;                                             \
    f[ND_RED_sum][DT] = fold_sum_##SFX;

void nd__avx2_reduce_loops(nd_reduce_table r, nd_fold_table f) {
    AVX2_INSTALL_(float, f32, __m256, ps, 8, ND_FLOAT32)
    AVX2_INSTALL_(double, f64, __m256d, pd, 4, ND_FLOAT64)
}

#else /* not compiled for AVX2: the level is absent */

void nd__avx2_reduce_loops(nd_reduce_table r, nd_fold_table f) {
    (void)r;
    (void)f;
}

#endif
