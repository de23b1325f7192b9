/* Private helpers shared by the LAPACKE wrappers (solve.c, decomp.c,
 * norm.c): argument checks, the working dtype, batching over leading axes,
 * copying a matrix of any layout and dtype into a LAPACK buffer and back,
 * workspace sizes, info-to-error mapping, and the per-dtype table of
 * LAPACKE/CBLAS entry points that lets the numeric code be written once. */
#ifndef ND_LINALG_LAPACK_H
#define ND_LINALG_LAPACK_H

#include "core/core.h"

#include <lapacke.h>

/* ------------------------------------------------------------ per-dtype entry points */

/* Column-major LAPACKE _work routines (no NaN checks, no transposition
 * copies) and a GEMM, for one working dtype. Arrays of that dtype are void *
 * so callers stay dtype-generic; see lapack.c for the two instances. */
typedef struct lp_fns {
    nd_dtype dt;
    size_t isz;
    double eps; /* machine epsilon of dt */
    lapack_int (*getrf)(lapack_int m, lapack_int n, void *a, lapack_int lda, lapack_int *ipiv);
    lapack_int (*getri)(lapack_int n, void *a, lapack_int lda, const lapack_int *ipiv, void *work,
                        lapack_int lwork);
    lapack_int (*potrf)(char uplo, lapack_int n, void *a, lapack_int lda);
    lapack_int (*geqrf)(lapack_int m, lapack_int n, void *a, lapack_int lda, void *tau, void *work,
                        lapack_int lwork);
    lapack_int (*orgqr)(lapack_int m, lapack_int n, lapack_int k, void *a, lapack_int lda,
                        const void *tau, void *work, lapack_int lwork);
    lapack_int (*gesdd)(char jobz, lapack_int m, lapack_int n, void *a, lapack_int lda, void *s,
                        void *u, lapack_int ldu, void *vt, lapack_int ldvt, void *work,
                        lapack_int lwork, lapack_int *iwork);
    lapack_int (*gesvd)(char jobu, char jobvt, lapack_int m, lapack_int n, void *a, lapack_int lda,
                        void *s, void *u, lapack_int ldu, void *vt, lapack_int ldvt, void *work,
                        lapack_int lwork);
    lapack_int (*syevd)(char jobz, char uplo, lapack_int n, void *a, lapack_int lda, void *w,
                        void *work, lapack_int lwork, lapack_int *iwork, lapack_int liwork);
    lapack_int (*geev)(char jobvl, char jobvr, lapack_int n, void *a, lapack_int lda, void *wr,
                       void *wi, void *vl, lapack_int ldvl, void *vr, lapack_int ldvr, void *work,
                       lapack_int lwork);
    lapack_int (*gelsd)(lapack_int m, lapack_int n, lapack_int nrhs, void *a, lapack_int lda,
                        void *b, lapack_int ldb, void *s, double rcond, lapack_int *rank,
                        void *work, lapack_int lwork, lapack_int *iwork);
    /* c (m x n) = a (m x k) @ b (k x n), all column-major */
    void (*gemm)(lapack_int m, lapack_int n, lapack_int k, const void *a, lapack_int lda,
                 const void *b, lapack_int ldb, void *c, lapack_int ldc);
    /* b (m x n) = b @ t^-T for the n x n triangle t (upper or lower, unit
     * diagonal or not), column-major: a triangular solve from the right */
    void (*trsm_rt)(bool upper, bool unit, lapack_int m, lapack_int n, const void *t,
                    lapack_int ldt, void *b, lapack_int ldb);
} lp_fns;

/* The table for a working dtype (ND_FLOAT32 or ND_FLOAT64). Also applies
 * libnd's BLAS thread rule (nd__blas_threads), as callers run LAPACK next. */
const lp_fns *nd__lp_fns(nd_dtype wdt);

/* The dtype a decomposition of dt computes in: float32 stays float32,
 * everything else (float64, integers, bool) is float64. */
static inline nd_dtype lp_work_dtype(nd_dtype dt) {
    return dt == ND_FLOAT32 ? ND_FLOAT32 : ND_FLOAT64;
}

/* Element i of a buffer of working dtype, as a double, and back. Used for
 * the O(n) and O(n^2) bookkeeping around the O(n^3) LAPACK calls. */
static inline double lp_get(const void *p, nd_dtype wdt, int64_t i) {
    return wdt == ND_FLOAT32 ? (double)((const float *)p)[i] : ((const double *)p)[i];
}
static inline void lp_set(void *p, nd_dtype wdt, int64_t i, double v) {
    if (wdt == ND_FLOAT32) ((float *)p)[i] = (float)v;
    else ((double *)p)[i] = v;
}
static inline int64_t lp_max1(int64_t n) { return n > 1 ? n : 1; }

/* ------------------------------------------------------------ arguments and batches */

/* Checks a non-NULL array with at least two dimensions ("1-dimensional
 * array given. Array must be at least two-dimensional"), square in its last
 * two if square ("Last 2 dimensions of the array must be square"), and with
 * matrix dimensions LAPACK's integer holds. Records the error on failure. */
bool nd__lp_check_matrix(const char *fn, const char *name, const nd_array *a, bool square);
/* Checks that n fits lapack_int. */
bool nd__lp_check_dim(const char *fn, int64_t n);

/* The leading (batch) axes of one or more operands broadcast together. */
typedef struct lp_batch {
    int ndim;
    int64_t shape[ND_MAX_DIMS];
    int64_t count; /* number of matrices */
} lp_batch;

/* The batch of a: all but its last `core` axes. */
void nd__lp_batch_of(const nd_array *a, int core, lp_batch *b);
/* Sets b->count from b's shape. */
void nd__lp_batch_count(lp_batch *b);
/* The first element of a's core block number i (C order over b's shape).
 * a's batch axes are right-aligned to b's and broadcast (length 1 or
 * missing axes repeat). */
const char *nd__lp_block(const nd_array *a, int core, const lp_batch *b, int64_t i);
/* A new C-contiguous array of shape b.shape + tail (ntail axes). */
/* The start of a routine that maps square matrices to square matrices (inv,
 * cholesky): checks a, picks the working dtype wdt and its functions L,
 * fills a's batch bt and the order m, and allocates the (batch..., m, m)
 * result, returned (NULL with the error recorded). */
nd_array *nd__lp_square_begin(const char *fn, const nd_array *a, nd_dtype *wdt, const lp_fns **L, lp_batch *bt,
                              int64_t *m);
nd_array *nd__lp_new(const char *fn, const lp_batch *b, int ntail, const int64_t *tail,
                     nd_dtype dt);

/* ------------------------------------------------------------ copies */

/* dst[i*drs + j*dcs] = src[i*srs + j*scs] for a rows x cols block, strides
 * in elements, converting src's dtype (any) to dst's (float32 or float64).
 * Transposing copies run in cache-sized tiles. */
void nd__lp_copy2d(void *dst, nd_dtype ddt, int64_t drs, int64_t dcs, const void *src,
                   nd_dtype sdt, int64_t srs, int64_t scs, int64_t rows, int64_t cols);

/* Copies the matrix (a's last two axes) at p into buf of dtype wdt with
 * leading dimension ld: column-major (buf[i + j*ld] = a[i, j]) if colmajor,
 * else row-major (buf[i*ld + j]). */
static inline void lp_load(void *buf, nd_dtype wdt, int64_t ld, bool colmajor, const nd_array *a,
                           const char *p) {
    int nd = a->ndim;
    nd__lp_copy2d(buf, wdt, colmajor ? 1 : ld, colmajor ? ld : 1, p, a->dtype,
                  a->strides[nd - 2], a->strides[nd - 1], a->shape[nd - 2], a->shape[nd - 1]);
}

/* True if the rows x cols block at p (dtype dt, element strides rs, cs)
 * holds a NaN (or, with any_nonfinite, a NaN or an infinity). */
bool nd__lp_has_nonfinite(const char *p, nd_dtype dt, int64_t rows, int64_t cols, int64_t rs,
                          int64_t cs, bool any_nonfinite);

/* ------------------------------------------------------------ memory and errors */

/* count elements of size bytes (64-byte aligned), or NULL with an error
 * recorded (overflow or out of memory). count 0 gives a valid pointer. */
void *nd__lp_alloc(const char *fn, int64_t count, size_t size);
/* nd__dealloc that accepts NULL. */
void nd__lp_free(void *p);

/* A workspace size from a LAPACK query result (rounded up: float32
 * queries can round large sizes down), or -1 with an error if it does not
 * fit lapack_int. */
lapack_int nd__lp_lwork(const char *fn, double query);

/* Records the error for a LAPACK info: info > 0 gives "fn: what" with
 * status ND_ERR_LINALG; info < 0 (an argument LAPACK rejected, a libnd bug)
 * names the routine and the argument. */
nd_status nd__lp_info_error(const char *fn, const char *routine, lapack_int info,
                            const char *what);

/* ------------------------------------------------------------ shared internals */

/* Inverse of every matrix of a (checked square). A singular matrix is an
 * error ("singular matrix") when singular is NULL; otherwise its inverse is
 * left zero and singular[i] (one flag per matrix of the batch) set. */
nd_array *nd__lp_inv(const char *fn, const nd_array *a, bool *singular);
/* Singular values of every matrix of a, descending: shape batch + (min(M,N),). */
nd_array *nd__lp_svdvals(const char *fn, const nd_array *a);

#endif
