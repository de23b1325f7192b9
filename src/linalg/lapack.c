/* Shared plumbing of the LAPACKE wrappers: the float32/float64 table of
 * LAPACKE and CBLAS entry points (generated once by a macro), argument
 * checks, batching over leading axes, copying matrices of any layout and
 * dtype into LAPACK buffers and back, workspace sizes and info errors. */
#include "linalg/lapack.h"

#include "linalg/blas.h"

#include <assert.h>
#include <float.h>
#include <math.h>

/* ------------------------------------------------------------ per-dtype table */

/* One thin, typed wrapper per routine; void * converts to T * implicitly,
 * so the table holds real function pointers of one type for both dtypes. */
#define LP_DEFINE_FNS(T, P, DT, EPS)                                                      \
    static lapack_int P##_getrf(lapack_int m, lapack_int n, void *a, lapack_int lda,      \
                                lapack_int *ipiv) {                                       \
        return LAPACKE_##P##getrf_work(LAPACK_COL_MAJOR, m, n, a, lda, ipiv);             \
    }                                                                                      \
    static lapack_int P##_getri(lapack_int n, void *a, lapack_int lda,                    \
                                const lapack_int *ipiv, void *work, lapack_int lwork) {   \
        return LAPACKE_##P##getri_work(LAPACK_COL_MAJOR, n, a, lda, ipiv, work, lwork);   \
    }                                                                                      \
    static lapack_int P##_potrf(char uplo, lapack_int n, void *a, lapack_int lda) {       \
        return LAPACKE_##P##potrf_work(LAPACK_COL_MAJOR, uplo, n, a, lda);                \
    }                                                                                      \
    static lapack_int P##_geqrf(lapack_int m, lapack_int n, void *a, lapack_int lda,      \
                                void *tau, void *work, lapack_int lwork) {                \
        return LAPACKE_##P##geqrf_work(LAPACK_COL_MAJOR, m, n, a, lda, tau, work, lwork); \
    }                                                                                      \
    static lapack_int P##_orgqr(lapack_int m, lapack_int n, lapack_int k, void *a,        \
                                lapack_int lda, const void *tau, void *work,              \
                                lapack_int lwork) {                                       \
        return LAPACKE_##P##orgqr_work(LAPACK_COL_MAJOR, m, n, k, a, lda, tau, work,      \
                                       lwork);                                            \
    }                                                                                      \
    static lapack_int P##_gesdd(char jobz, lapack_int m, lapack_int n, void *a,           \
                                lapack_int lda, void *s, void *u, lapack_int ldu,         \
                                void *vt, lapack_int ldvt, void *work, lapack_int lwork,  \
                                lapack_int *iwork) {                                      \
        return LAPACKE_##P##gesdd_work(LAPACK_COL_MAJOR, jobz, m, n, a, lda, s, u, ldu,   \
                                       vt, ldvt, work, lwork, iwork);                     \
    }                                                                                      \
    static lapack_int P##_gesvd(char jobu, char jobvt, lapack_int m, lapack_int n,        \
                                void *a, lapack_int lda, void *s, void *u,                \
                                lapack_int ldu, void *vt, lapack_int ldvt, void *work,    \
                                lapack_int lwork) {                                       \
        return LAPACKE_##P##gesvd_work(LAPACK_COL_MAJOR, jobu, jobvt, m, n, a, lda, s, u, \
                                       ldu, vt, ldvt, work, lwork);                       \
    }                                                                                      \
    static lapack_int P##_syevd(char jobz, char uplo, lapack_int n, void *a,              \
                                lapack_int lda, void *w, void *work, lapack_int lwork,    \
                                lapack_int *iwork, lapack_int liwork) {                   \
        return LAPACKE_##P##syevd_work(LAPACK_COL_MAJOR, jobz, uplo, n, a, lda, w, work,  \
                                       lwork, iwork, liwork);                             \
    }                                                                                      \
    static lapack_int P##_geev(char jobvl, char jobvr, lapack_int n, void *a,             \
                               lapack_int lda, void *wr, void *wi, void *vl,              \
                               lapack_int ldvl, void *vr, lapack_int ldvr, void *work,    \
                               lapack_int lwork) {                                        \
        return LAPACKE_##P##geev_work(LAPACK_COL_MAJOR, jobvl, jobvr, n, a, lda, wr, wi,  \
                                      vl, ldvl, vr, ldvr, work, lwork);                   \
    }                                                                                      \
    static lapack_int P##_gelsd(lapack_int m, lapack_int n, lapack_int nrhs, void *a,     \
                                lapack_int lda, void *b, lapack_int ldb, void *s,         \
                                double rcond, lapack_int *rank, void *work,               \
                                lapack_int lwork, lapack_int *iwork) {                    \
        return LAPACKE_##P##gelsd_work(LAPACK_COL_MAJOR, m, n, nrhs, a, lda, b, ldb, s,   \
                                       (T)rcond, rank, work, lwork, iwork);               \
    }                                                                                      \
    static void P##_gemm(lapack_int m, lapack_int n, lapack_int k, const void *a,         \
                         lapack_int lda, const void *b, lapack_int ldb, void *c,          \
                         lapack_int ldc) {                                                \
        cblas_##P##gemm(CblasColMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1, a, lda, b, \
                        ldb, 0, c, ldc);                                                  \
    }                                                                                      \
    static void P##_trsm_rt(bool upper, bool unit, lapack_int m, lapack_int n,            \
                            const void *t, lapack_int ldt, void *b, lapack_int ldb) {     \
        cblas_##P##trsm(CblasColMajor, CblasRight, upper ? CblasUpper : CblasLower,       \
                        CblasTrans, unit ? CblasUnit : CblasNonUnit, m, n, 1, t, ldt, b,  \
                        ldb);                                                             \
    }                                                                                      \
    static const lp_fns P##_fns = {DT,        sizeof(T), EPS,       P##_getrf, P##_getri, \
                                   P##_potrf, P##_geqrf, P##_orgqr, P##_gesdd, P##_gesvd, \
                                   P##_syevd, P##_geev,  P##_gelsd, P##_gemm,  P##_trsm_rt};

LP_DEFINE_FNS(float, s, ND_FLOAT32, FLT_EPSILON)
LP_DEFINE_FNS(double, d, ND_FLOAT64, DBL_EPSILON)

const lp_fns *nd__lp_fns(nd_dtype wdt) {
    nd__blas_threads(); /* every caller is about to run LAPACK, threaded by OpenBLAS */
    return wdt == ND_FLOAT32 ? &s_fns : &d_fns;
}

/* ------------------------------------------------------------ arguments and batches */

bool nd__lp_check_dim(const char *fn, int64_t n) {
    if (n <= (int64_t)INT32_MAX && (lapack_int)n == n) return true;
    nd__error(ND_ERR_OVERFLOW, fn, "dimension %lld exceeds what LAPACK's integer type holds",
              (long long)n);
    return false;
}

bool nd__lp_check_matrix(const char *fn, const char *name, const nd_array *a, bool square) {
    if (!nd__check_array(fn, name, a)) return false;
    if (a->ndim < 2) {
        nd__error(ND_ERR_SHAPE, fn,
                  "%d-dimensional array given. Array must be at least two-dimensional", a->ndim);
        return false;
    }
    int64_t m = a->shape[a->ndim - 2], n = a->shape[a->ndim - 1];
    if (square && m != n) {
        char s[ND_SHAPE_STR_CAP];
        nd__error(ND_ERR_SHAPE, fn, "Last 2 dimensions of the array must be square (shape %s)",
                  nd__shape_str(s, sizeof s, a->ndim, a->shape));
        return false;
    }
    return nd__lp_check_dim(fn, m) && nd__lp_check_dim(fn, n);
}

void nd__lp_batch_of(const nd_array *a, int core, lp_batch *b) {
    b->ndim = a->ndim - core;
    for (int i = 0; i < b->ndim; i++) b->shape[i] = a->shape[i];
    nd__lp_batch_count(b);
}

void nd__lp_batch_count(lp_batch *b) {
    /* saturates: an overflowing batch only exists around an empty matrix,
     * and then the results are empty or too large to allocate */
    b->count = 1;
    for (int i = 0; i < b->ndim; i++)
        if (nd__mul_overflow(b->count, b->shape[i], &b->count)) b->count = INT64_MAX;
}

const char *nd__lp_block(const nd_array *a, int core, const lp_batch *b, int64_t i) {
    int abatch = a->ndim - core, lead = b->ndim - abatch;
    int64_t off = 0;
    for (int d = b->ndim - 1; d >= 0 && i > 0; d--) {
        int64_t len = b->shape[d], k = i % len;
        i /= len;
        int ad = d - lead;
        if (ad >= 0 && a->shape[ad] != 1) off += k * a->strides[ad];
    }
    return a->data + off * (int64_t)nd__itemsize(a->dtype);
}

nd_array *nd__lp_square_begin(const char *fn, const nd_array *a, nd_dtype *wdt, const lp_fns **L, lp_batch *bt,
                              int64_t *m) {
    if (!nd__lp_check_matrix(fn, "a", a, true)) return NULL;
    *wdt = lp_work_dtype(a->dtype);
    *L = nd__lp_fns(*wdt);
    nd__lp_batch_of(a, 2, bt);
    *m = a->shape[a->ndim - 1];
    return nd__lp_new(fn, bt, 2, (const int64_t[]){*m, *m}, *wdt);
}

nd_array *nd__lp_new(const char *fn, const lp_batch *b, int ntail, const int64_t *tail,
                     nd_dtype dt) {
    int64_t shape[ND_MAX_DIMS];
    assert(b->ndim + ntail <= ND_MAX_DIMS); /* results never outgrow their input */
    for (int i = 0; i < b->ndim; i++) shape[i] = b->shape[i];
    for (int i = 0; i < ntail; i++) shape[b->ndim + i] = tail[i];
    return nd__alloc_array(fn, b->ndim + ntail, shape, dt);
}

/* ------------------------------------------------------------ copies */

/* A transposing copy walks 64 x 64 blocks in 8 x 8 tiles: the tile keeps
 * the strided side's cache lines in use, the block keeps both sides in L1
 * and spreads the power-of-two strides LAPACK sizes often have over the
 * cache sets (a single 32 x 32 tile ran 3-4x slower at 512 x 512). */
#define LP_BLOCK 64
#define LP_TILE 8

#define LP_COPY_LOOP(DT, ST)                                                              \
    do {                                                                                   \
        DT *d_ = (DT *)dst;                                                                \
        const ST *s_ = (const ST *)src;                                                    \
        for (int64_t I0 = 0; I0 < rows; I0 += ob)                                          \
            for (int64_t J0 = 0; J0 < cols; J0 += ob2) {                                   \
                int64_t I1 = I0 + ob < rows ? I0 + ob : rows;                              \
                int64_t J1 = J0 + ob2 < cols ? J0 + ob2 : cols;                            \
                for (int64_t i0 = I0; i0 < I1; i0 += bi)                                   \
                    for (int64_t j0 = J0; j0 < J1; j0 += bj) {                             \
                        int64_t i1 = i0 + bi < I1 ? i0 + bi : I1;                          \
                        int64_t j1 = j0 + bj < J1 ? j0 + bj : J1;                          \
                        for (int64_t i = i0; i < i1; i++)                                  \
                            for (int64_t j = j0; j < j1; j++)                              \
                                d_[i * drs + j * dcs] = (DT)s_[i * srs + j * scs];         \
                    }                                                                      \
            }                                                                              \
    } while (0)

#define LP_COPY_CASE(E, sfx, CT, W, DT)                                                   \
    case E: LP_COPY_LOOP(DT, CT); break;

static inline int64_t abs64(int64_t x) { return x < 0 ? -x : x; }

void nd__lp_copy2d(void *dst, nd_dtype ddt, int64_t drs, int64_t dcs, const void *src,
                   nd_dtype sdt, int64_t srs, int64_t scs, int64_t rows, int64_t cols) {
    if (rows <= 0 || cols <= 0) return;
    /* make j the axis along which dst is densest; tile only if src is
     * densest along the other one (a transposing copy) */
    if (rows > 1 && (cols == 1 || abs64(drs) < abs64(dcs))) {
        int64_t t = drs; drs = dcs; dcs = t;
        t = srs; srs = scs; scs = t;
        t = rows; rows = cols; cols = t;
    }
    bool transposing = rows > 1 && cols > 1 && abs64(srs) < abs64(scs);
    int64_t ob = transposing ? LP_BLOCK : 1, ob2 = transposing ? LP_BLOCK : cols;
    int64_t bi = transposing ? LP_TILE : 1, bj = transposing ? LP_TILE : cols;
    if (ddt == ND_FLOAT32) {
        switch (sdt) {
            ND_FOR_EACH_DTYPE(LP_COPY_CASE, float)
        default: break;
        }
    } else {
        switch (sdt) {
            ND_FOR_EACH_DTYPE(LP_COPY_CASE, double)
        default: break;
        }
    }
}

#define LP_SCAN_CASE(E, sfx, CT, W, unused)                                               \
    case E: {                                                                              \
        const CT *q = (const CT *)p;                                                       \
        for (int64_t i = 0; i < rows; i++)                                                 \
            for (int64_t j = 0; j < cols; j++) {                                           \
                double v = (double)q[i * rs + j * cs];                                     \
                if (isnan(v) || (any_nonfinite && isinf(v))) return true;                  \
            }                                                                              \
        return false;                                                                      \
    }

bool nd__lp_has_nonfinite(const char *p, nd_dtype dt, int64_t rows, int64_t cols, int64_t rs,
                          int64_t cs, bool any_nonfinite) {
    switch (dt) {
        ND_FOR_FLOAT(LP_SCAN_CASE, 0)
    default: return false; /* integers and bool are always finite */
    }
}

/* ------------------------------------------------------------ memory and errors */

void *nd__lp_alloc(const char *fn, int64_t count, size_t size) {
    int64_t bytes;
    if (count < 0 || nd__mul_overflow(count, (int64_t)size, &bytes)) {
        nd__error(ND_ERR_OVERFLOW, fn, "workspace of %lld elements is too large",
                  (long long)count);
        return NULL;
    }
    void *p = nd__alloc(bytes > 0 ? (size_t)bytes : 1, 64);
    if (!p)
        nd__error(ND_ERR_NOMEM, fn, "out of memory allocating %lld bytes of workspace",
                  (long long)bytes);
    return p;
}

void nd__lp_free(void *p) {
    if (p) nd__dealloc(p);
}

lapack_int nd__lp_lwork(const char *fn, double query) {
    /* float32 queries return a float, which rounds sizes above 2^24 to
     * the nearest representable value, possibly below the true need */
    double w = ceil(query * (1.0 + 2.0 * FLT_EPSILON)) + 1;
    if (!(w <= (double)INT32_MAX)) {
        nd__error(ND_ERR_OVERFLOW, fn, "LAPACK workspace of %.0f elements exceeds its integer type",
                  query);
        return -1;
    }
    return (lapack_int)w;
}

nd_status nd__lp_info_error(const char *fn, const char *routine, lapack_int info,
                            const char *what) {
    if (info > 0) return nd__error(ND_ERR_LINALG, fn, "%s", what);
    return nd__error(ND_ERR_LINALG, fn, "internal error: LAPACK %s rejected argument %d", routine,
                     (int)-info);
}
