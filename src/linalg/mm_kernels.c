/* Matrix-product kernels that are not BLAS: the small-matrix float kernel
 * (register-blocked, GNU vector extensions; a portable build and, on
 * x86-64, AVX2+FMA and AVX-512VL builds, chosen once from the CPU) and the
 * blocked integer and bool kernels. Both are written once and instantiated per
 * dtype (and per ISA) by macros. */
#include "linalg/blas.h"

#include <assert.h>

/* ------------------------------------------------------------ small float kernel */

/* Vector loads and stores that need no alignment; memcpy compiles to one
 * unaligned move. Macros, not functions, so that no vector is passed by
 * value across a function boundary compiled for another ISA. */
#define SM_LOAD(V, p) ({ V v_; memcpy(&v_, (p), sizeof v_); v_; })
#define SM_STORE(p, v) do { __typeof__(v) s_ = (v); memcpy((p), &s_, sizeof s_); } while (0)

/* One register tile: rows [i, i+R) times vectors [j0, j0+PV*W) of c.
 * acc stays in registers once the constant loops are unrolled. Columns at
 * or past m are computed from b's zero padding and never stored. */
#define SM_TILE(T, V, W, R, PV)                                                    \
    do {                                                                           \
        V acc[R][PV];                                                              \
        _Pragma("GCC unroll 8") for (int r = 0; r < R; r++)                        \
            _Pragma("GCC unroll 4") for (int v = 0; v < PV; v++) acc[r][v] = (V){0}; \
        const T *ap = a + i * ars;                                                 \
        const T *bp = b + j0;                                                      \
        for (int64_t p = 0; p < k; p++, ap++, bp += ldb) {                         \
            V bv[PV];                                                              \
            _Pragma("GCC unroll 4") for (int v = 0; v < PV; v++)                   \
                bv[v] = SM_LOAD(V, bp + v * W);                                    \
            _Pragma("GCC unroll 8") for (int r = 0; r < R; r++) {                  \
                T s = ap[r * ars];                                                 \
                _Pragma("GCC unroll 4") for (int v = 0; v < PV; v++)               \
                    acc[r][v] += s * bv[v];                                        \
            }                                                                      \
        }                                                                          \
        if (ccs == 1 && j0 + PV * W <= m) {                                        \
            _Pragma("GCC unroll 8") for (int r = 0; r < R; r++)                    \
                _Pragma("GCC unroll 4") for (int v = 0; v < PV; v++)               \
                    SM_STORE(c + (i + r) * crs + j0 + v * W, acc[r][v]);           \
        } else {                                                                   \
            int64_t nj = m - j0 < PV * W ? m - j0 : PV * W;                        \
            _Pragma("GCC unroll 8") for (int r = 0; r < R; r++) {                  \
                T row[PV * W];                                                     \
                _Pragma("GCC unroll 4") for (int v = 0; v < PV; v++)               \
                    SM_STORE(row + v * W, acc[r][v]);                              \
                for (int64_t j = 0; j < nj; j++) c[(i + r) * crs + (j0 + j) * ccs] = row[j]; \
            }                                                                      \
        }                                                                          \
    } while (0)

/* Rows in tiles of R, the rest in tiles of R/2, R/4, ... so that short
 * remainders still have independent chains. */
#define SM_PANEL(T, V, W, R, PV)                                                   \
    do {                                                                           \
        int64_t i = 0;                                                             \
        for (; i + R <= n; i += R) SM_TILE(T, V, W, R, PV);                        \
        if (R >= 8 && i + 4 <= n) {                                                \
            SM_TILE(T, V, W, 4, PV);                                               \
            i += 4;                                                                \
        }                                                                          \
        if (R >= 4 && i + 2 <= n) {                                                \
            SM_TILE(T, V, W, 2, PV);                                               \
            i += 2;                                                                \
        }                                                                          \
        if (i < n) SM_TILE(T, V, W, 1, PV);                                        \
    } while (0)

/* One row of c from b's rows in registers, two accumulators; STORE(i, v)
 * writes it. */
#define SM_BREG_ROWS(T, V, K, STORE)                                               \
    for (int64_t i = 0; i < n; i++) {                                              \
        const T *ap = a + i * ars;                                                 \
        V acc0 = (V){0}, acc1 = (V){0};                                            \
        _Pragma("GCC unroll 8") for (int p = 0; p + 1 < K; p += 2) {               \
            acc0 += ap[p] * bv[p];                                                 \
            acc1 += ap[p + 1] * bv[p + 1];                                         \
        }                                                                          \
        if (K % 2) acc0 += ap[K - 1] * bv[K - 1];                                  \
        STORE(i, acc0 + acc1);                                                     \
    }
#define SM_STORE_ROW(i, v) SM_STORE(c + (i) * crs, v)
#define SM_SCATTER_ROW(i, v)                                                       \
    do {                                                                           \
        __typeof__(v) v_ = (v);                                                    \
        __typeof__(*c) row_[sizeof v_ / sizeof *c];                                \
        SM_STORE(row_, v_);                                                        \
        for (int64_t j = 0; j < m; j++) c[(i) * crs + j * ccs] = row_[j];          \
    } while (0)

/* m within one vector and k <= 8 (constant K): b's rows stay in registers
 * while the rows of a stream past; matrix after matrix of the batch. */
#define SM_BREG(T, V, W, K)                                                        \
    for (int64_t q = 0; q < nmat; q++, a += sa, b += sb, c += sc) {                \
        V bv[K];                                                                   \
        _Pragma("GCC unroll 8") for (int p = 0; p < K; p++) bv[p] = SM_LOAD(V, b + p * ldb); \
        if (ccs == 1 && m == W) {                                                  \
            SM_BREG_ROWS(T, V, K, SM_STORE_ROW)                                    \
        } else {                                                                   \
            SM_BREG_ROWS(T, V, K, SM_SCATTER_ROW)                                  \
        }                                                                          \
    }

/* One column (m == 1): a dot product per row of c, b read with its own row
 * step, so batches of matrix-vector products need no padded copy of b. */
#define SM_DOT(T, V, W)                                                            \
    for (int64_t q = 0; q < nmat; q++, a += sa, b += sb, c += sc)                  \
        for (int64_t i = 0; i < n; i++) {                                          \
            const T *ap = a + i * ars;                                             \
            T s = 0;                                                               \
            int64_t p = 0;                                                         \
            if (ldb == 1 && k >= W) {                                              \
                V acc = SM_LOAD(V, ap) * SM_LOAD(V, b);                            \
                for (p = W; p + W <= k; p += W) acc += SM_LOAD(V, ap + p) * SM_LOAD(V, b + p); \
                T lanes[W];                                                        \
                SM_STORE(lanes, acc);                                              \
                for (int w = W / 2; w > 0; w /= 2)                                 \
                    for (int j = 0; j < w; j++) lanes[j] += lanes[j + w];          \
                s = lanes[0];                                                      \
            }                                                                      \
            if (p == 0 && k >= 8) { /* b strided: four chains, not one */         \
                T s1 = 0, s2 = 0, s3 = 0;                                          \
                for (; p + 4 <= k; p += 4) {                                       \
                    s += ap[p] * b[p * ldb];                                       \
                    s1 += ap[p + 1] * b[(p + 1) * ldb];                            \
                    s2 += ap[p + 2] * b[(p + 2) * ldb];                            \
                    s3 += ap[p + 3] * b[(p + 3) * ldb];                            \
                }                                                                  \
                s = (s + s1) + (s2 + s3);                                          \
            }                                                                      \
            for (; p < k; p++) s += ap[p] * b[p * ldb];                            \
            c[i * crs] = s;                                                        \
        }

/* A batch of products: panels of 4 vectors (2-row tiles), then 2 vectors
 * (4-row tiles) and 1 (8-row tiles): 8 accumulators, enough independent
 * multiply-add chains to hide their latency, and with the b vectors and a
 * broadcast they fit 16 vector registers. */
#define SM_DEFINE(NAME, ATTR, T, VBYTES)                                           \
    typedef T NAME##_vec __attribute__((vector_size(VBYTES)));                     \
    ATTR static void NAME(int64_t nmat, int64_t sa, int64_t sb, int64_t sc, int64_t n, \
                          int64_t k, int64_t m, const char *a_, int64_t ars,        \
                          const char *b_, int64_t ldb, char *c_, int64_t crs,        \
                          int64_t ccs) {                                           \
        enum { W = VBYTES / sizeof(T) };                                           \
        const T *a = (const T *)a_, *b = (const T *)b_;                            \
        T *c = (T *)c_;                                                            \
        if (m == 1) {                                                              \
            SM_DOT(T, NAME##_vec, W);                                              \
            return;                                                                \
        }                                                                          \
        if (m <= W && k <= 8) {                                                    \
            switch (k) {                                                           \
            case 1: SM_BREG(T, NAME##_vec, W, 1); return;                          \
            case 2: SM_BREG(T, NAME##_vec, W, 2); return;                          \
            case 3: SM_BREG(T, NAME##_vec, W, 3); return;                          \
            case 4: SM_BREG(T, NAME##_vec, W, 4); return;                          \
            case 5: SM_BREG(T, NAME##_vec, W, 5); return;                          \
            case 6: SM_BREG(T, NAME##_vec, W, 6); return;                          \
            case 7: SM_BREG(T, NAME##_vec, W, 7); return;                          \
            case 8: SM_BREG(T, NAME##_vec, W, 8); return;                          \
            }                                                                      \
        }                                                                          \
        for (int64_t q = 0; q < nmat; q++, a += sa, b += sb, c += sc) {            \
            int64_t j0 = 0;                                                        \
            for (; j0 + 3 * W < m; j0 += 4 * W) SM_PANEL(T, NAME##_vec, W, 2, 4);    \
            if (j0 + W < m) {                                                      \
                SM_PANEL(T, NAME##_vec, W, 4, 2);                                  \
                j0 += 2 * W;                                                       \
            }                                                                      \
            if (j0 < m) SM_PANEL(T, NAME##_vec, W, 8, 1);                          \
        }                                                                          \
    }

/* Portable: 16-byte vectors, which every 64-bit target has (SSE2, NEON). */
SM_DEFINE(sm_f32_portable, , float, 16)
SM_DEFINE(sm_f64_portable, , double, 16)

/* x86-64: AVX2+FMA, and AVX-512VL on the same 32-byte vectors, where each
 * broadcast of an element of a folds into its multiply-add ({1to8}) and 32
 * registers are free. */
#if defined(__x86_64__) && defined(__GNUC__)
#define SM_HAVE_X86 1
SM_DEFINE(sm_f32_avx2, __attribute__((target("avx2,fma"))), float, 32)
SM_DEFINE(sm_f64_avx2, __attribute__((target("avx2,fma"))), double, 32)
SM_DEFINE(sm_f32_avx512, __attribute__((target("avx2,fma,avx512f,avx512vl"))), float, 32)
SM_DEFINE(sm_f64_avx512, __attribute__((target("avx2,fma,avx512f,avx512vl"))), double, 32)
#endif

/* 0: portable, 1: AVX2+FMA, 2: AVX-512VL; -1 until decided. */
static _Atomic int g_variant = -1;

static int best_variant(void) {
    int v = 0;
#ifdef SM_HAVE_X86
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        v = 1;
        if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl")) v = 2;
    }
#endif
    return v;
}

static int variant(void) {
    int v = atomic_load_explicit(&g_variant, memory_order_relaxed);
    if (v >= 0) return v;
    v = best_variant();
    atomic_store(&g_variant, v);
    return v;
}

int nd__mm_small_set_variant(int v) {
    int best = best_variant();
    if (v < 0 || v > best) v = best;
    atomic_store(&g_variant, v);
    return v;
}

int64_t nd__mm_small_ld(nd_dtype dt, int64_t m) {
    int64_t w = 32 / (int64_t)nd__itemsize(dt); /* the widest vector built */
    return (m + w - 1) / w * w;
}

nd_mm_small_fn nd__mm_small(nd_dtype dt) {
    bool f32 = dt == ND_FLOAT32;
    switch (variant()) {
#ifdef SM_HAVE_X86
    case 2: return f32 ? sm_f32_avx512 : sm_f64_avx512;
    case 1: return f32 ? sm_f32_avx2 : sm_f64_avx2;
#endif
    default: return f32 ? sm_f32_portable : sm_f64_portable;
    }
}

/* ------------------------------------------------------------ integer and bool kernels */

/* Blocks of b that stay in L1/L2 while the rows of a stream past them. */
#define MM_KB 128
#define MM_JB 512

/* c[i, j] += a[i, p] * b[p, j] in the wide unsigned type W, which wraps
 * as NumPy's integer matmul does. */
#define MM_INT_DEFINE(ENUM, SUF, T, W, ...)                                        \
    static void mm_int_##SUF(int64_t n, int64_t k, int64_t m, const char *a_,      \
                             int64_t lda, const char *b_, int64_t ldb, char *c_,    \
                             int64_t ldc) {                                        \
        const T *a = (const T *)a_, *b = (const T *)b_;                            \
        T *c = (T *)c_;                                                            \
        for (int64_t j0 = 0; j0 < m; j0 += MM_JB) {                                \
            int64_t j1 = m - j0 < MM_JB ? m : j0 + MM_JB;                          \
            for (int64_t p0 = 0; p0 < k; p0 += MM_KB) {                            \
                int64_t p1 = k - p0 < MM_KB ? k : p0 + MM_KB;                      \
                for (int64_t i = 0; i < n; i++) {                                  \
                    T *ci = c + i * ldc;                                           \
                    for (int64_t p = p0; p < p1; p++) {                            \
                        W x = (W)a[i * lda + p];                                   \
                        if (!x) continue;                                          \
                        const T *bp = b + p * ldb;                                 \
                        for (int64_t j = j0; j < j1; j++)                          \
                            ci[j] = (T)((W)ci[j] + x * (W)bp[j]);                  \
                    }                                                              \
                }                                                                  \
            }                                                                      \
        }                                                                          \
    }
ND_FOR_SIGNED(MM_INT_DEFINE, ~)
ND_FOR_UNSIGNED(MM_INT_DEFINE, ~)

/* Bool: c[i, j] |= a[i, p] & b[p, j]; elements are 0 or 1. */
static void mm_bool(int64_t n, int64_t k, int64_t m, const char *a_, int64_t lda,
                    const char *b_, int64_t ldb, char *c_, int64_t ldc) {
    const uint8_t *a = (const uint8_t *)a_, *b = (const uint8_t *)b_;
    uint8_t *c = (uint8_t *)c_;
    for (int64_t i = 0; i < n; i++)
        for (int64_t p = 0; p < k; p++) {
            if (!a[i * lda + p]) continue;
            const uint8_t *bp = b + p * ldb;
            uint8_t *ci = c + i * ldc;
            for (int64_t j = 0; j < m; j++) ci[j] |= bp[j];
        }
}

void nd__mm_int(nd_dtype dt, int64_t n, int64_t k, int64_t m, const char *a, int64_t lda,
                const char *b, int64_t ldb, char *c, int64_t ldc) {
    switch (dt) {
#define MM_INT_CASE(ENUM, SUF, T, W, ...)                                          \
    case ENUM: mm_int_##SUF(n, k, m, a, lda, b, ldb, c, ldc); return;
        ND_FOR_SIGNED(MM_INT_CASE, ~)
        ND_FOR_UNSIGNED(MM_INT_CASE, ~)
#undef MM_INT_CASE
    case ND_BOOL: mm_bool(n, k, m, a, lda, b, ldb, c, ldc); return;
    default: assert(!"nd__mm_int: float dtype"); return;
    }
}
