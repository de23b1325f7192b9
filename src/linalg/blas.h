/* Private glue between libnd's linear algebra and the BLAS (any CBLAS:
 * OpenBLAS, the reference CBLAS, BLIS): the BLAS integer range, the rule for BLAS thread counts, the
 * matrix-product engine that matmul, dot, tensordot and friends share (and
 * that einsum and the LAPACK wrappers may call), and its kernels. */
#ifndef ND_LINALG_BLAS_H
#define ND_LINALG_BLAS_H

#include <cblas.h>

#include "core/core.h"

/* ------------------------------------------------------------ BLAS integers */

/* The integer type of the CBLAS in use, from its own header: OpenBLAS's
 * blasint, the reference CBLAS's CBLAS_INT, BLIS's f77_int; int for a
 * header that names none. 32-bit in Debian's builds, 64-bit in ILP64 ones. */
#if defined(OPENBLAS_VERSION)
typedef blasint nd_blasint;
#elif defined(CBLAS_INT)
typedef CBLAS_INT nd_blasint;
#elif defined(BLIS_SYSTEM_H)
typedef f77_int nd_blasint;
#else
typedef int nd_blasint;
#endif

/* The largest dimension, leading dimension or increment the BLAS takes. */
#define ND_BLASINT_MAX ((int64_t)(sizeof(nd_blasint) == 4 ? INT32_MAX : INT64_MAX))
static inline bool nd__blas_fits(int64_t v) { return v >= 0 && v <= ND_BLASINT_MAX; }

/* ------------------------------------------------------------ threads */

/* True when the user chose libnd's thread count (ND_NUM_THREADS in the
 * environment, or nd_set_num_threads(n > 0)). *n receives
 * nd_get_num_threads(). */
bool nd__user_threads(int *n);

/* Called before each BLAS call that may run threaded: when the user chose
 * libnd's thread count, OpenBLAS gets the same count; otherwise the
 * caller's OpenBLAS setting (OPENBLAS_NUM_THREADS, openblas_set_num_threads)
 * is left alone. Only a build against OpenBLAS (ND_BLAS_OPENBLAS, set by
 * the Makefile for BLAS=openblas) calls OpenBLAS's thread functions; with
 * another BLAS its own settings (BLIS_NUM_THREADS, ...) apply. */
void nd__blas_threads(void);

/* ------------------------------------------------------------ the product engine */

/* c[..., n, m] = a[..., n, k] @ b[..., k, m]. a and b have ndim >= 2 (1-D
 * operands are promoted by the caller) and any dtypes, layouts and batch
 * dimensions broadcastable to c's; c has ndim >= 2, any strides without
 * stride 0 on an axis longer than 1, and any dtype the caller has checked
 * the result can be cast to (same_kind). The product is computed in
 * nd_promote_types(a, b): float32/float64 on BLAS or the small-matrix
 * kernel, integers with wrapping arithmetic, bool as OR of ANDs. c may
 * overlap a or b. The caller has checked shapes and that c is writeable;
 * on error nothing has been written. */
nd_status nd__matmul_arrays(const char *fn, const nd_array *a, const nd_array *b, nd_array *c);

/* ------------------------------------------------------------ kernels (mm_kernels.c) */

/* Float products go to the hand-written kernel when k <= ND_MM_SMALL_K and
 * a row of the result takes at most ND_MM_SMALL_ROW_BYTES (f32: m <= 24,
 * f64: m <= 12), whatever n: measured against OpenBLAS 0.3.21 on one core
 * of a Zen 5, it wins there (2x at 8x8x8, 1.2x at 16^3, no per-call
 * overhead in batches) and loses by ~20% on wider rows (32^3 f32). */
#define ND_MM_SMALL_K 32
#define ND_MM_SMALL_ROW_BYTES 96
static inline bool nd__mm_small_fits(nd_dtype dt, int64_t k, int64_t m) {
    return k <= ND_MM_SMALL_K && m * (int64_t)nd__itemsize(dt) <= ND_MM_SMALL_ROW_BYTES;
}

/* nmat float products on the hand-written kernel, for m * itemsize <= 128
 * and k <= ND_MM_SMALL_K (any n): c = a @ b with a row-major (row stride
 * ars, columns contiguous), b row-major with row stride ldb (for m > 1 the
 * columns past m, up to the vector width, are read and must be finite: pad
 * with zeros; one column, m == 1, is read as it is), c written through element strides (crs, ccs); then a, b and c
 * advance by sa, sb and sc to the next product. Strides in elements. */
typedef void (*nd_mm_small_fn)(int64_t nmat, int64_t sa, int64_t sb, int64_t sc, int64_t n,
                               int64_t k, int64_t m, const char *a, int64_t ars, const char *b,
                               int64_t ldb, char *c, int64_t crs, int64_t ccs);
/* The small kernel for dt (ND_FLOAT32 or ND_FLOAT64): its portable,
 * AVX2+FMA or AVX-512VL variant, the best the CPU runs unless set. */
nd_mm_small_fn nd__mm_small(nd_dtype dt);
/* The padded row length (elements) the small kernel reads of b: m rounded
 * up to the widest vector of dt. */
int64_t nd__mm_small_ld(nd_dtype dt, int64_t m);
/* For tests: selects the small kernel's variant (0 portable, 1 AVX2+FMA,
 * 2 AVX-512VL; -1 or one the CPU lacks: the best it has) and returns the
 * one in effect. */
int nd__mm_small_set_variant(int v);

/* Integer and bool product, c += a @ b on contiguous row-major blocks of
 * dtype dt (a: n x k with row stride lda, b: k x m with ldb, c: n x m with
 * ldc): wrapping arithmetic in the dtype's wide unsigned type; for bool, c
 * |= OR of ANDs. Blocked i-k-j loops. */
void nd__mm_int(nd_dtype dt, int64_t n, int64_t k, int64_t m, const char *a, int64_t lda,
                const char *b, int64_t ldb, char *c, int64_t ldc);

#endif
