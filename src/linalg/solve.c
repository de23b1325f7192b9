/* Solvers on LAPACKE: solve (getrf and two triangular solves, gesv's
 * steps), inv (getrf + getri), det and slogdet (getrf), cholesky (potrf),
 * lstsq (gelsd), pinv (gesdd and a GEMM) and matrix_rank, stacked over
 * leading axes with numpy.linalg's semantics.
 *
 * LU factorizations run on the column-major copy of A, as NumPy's, so the
 * pivots, and which matrices are exactly singular, are NumPy's. Cholesky
 * hands LAPACK the row-major copy (A^T to LAPACK) and factors the other
 * triangle, whose factor is the transpose of the one asked for: the result
 * lands in row-major order with no transposing copy, and the arithmetic
 * mirrors NumPy's. */
#include "linalg/lapack.h"

#include <float.h>
#include <math.h>

/* ------------------------------------------------------------ solve */

/* Swaps rows i and j of x through tmp (memcpy runs at full vector width). */
static void swap_rows(char *x, int64_t rowbytes, int64_t i, int64_t j, void *tmp) {
    char *p = x + i * rowbytes, *q = x + j * rowbytes;
    memcpy(tmp, p, (size_t)rowbytes);
    memcpy(p, q, (size_t)rowbytes);
    memcpy(q, tmp, (size_t)rowbytes);
}

/* gesv's arithmetic on a row-major right-hand side: with getrf's
 * A = P L U of the column-major copy of A (NumPy's pivots), X = U^-1 L^-1
 * P^T B. The output, filled with B, is X^T to a column-major BLAS, so the
 * row interchanges swap contiguous rows and the two triangular solves run
 * from the right on the transpose: no transposing copy of B or X. */
nd_array *nd_linalg_solve(const nd_array *a, const nd_array *b) {
    static const char fn[] = "nd_linalg_solve";
    if (!nd__lp_check_matrix(fn, "a", a, true) || !nd__check_array(fn, "b", b)) return NULL;
    /* NumPy's rule: b is a stack of vectors when it has one axis fewer
     * than a, else a stack of matrices */
    bool vec = b->ndim == a->ndim - 1;
    int bcore = vec ? 1 : 2;
    int64_t m = a->shape[a->ndim - 1];
    char sa[ND_SHAPE_STR_CAP], sb[ND_SHAPE_STR_CAP];
    if (b->ndim < bcore || b->shape[b->ndim - bcore] != m) {
        nd__error(ND_ERR_SHAPE, fn,
                  "b of shape %s does not fit a of shape %s: b must be (..., %lld) with one "
                  "axis fewer than a, or (..., %lld, K)",
                  nd__shape_str(sb, sizeof sb, b->ndim, b->shape),
                  nd__shape_str(sa, sizeof sa, a->ndim, a->shape), (long long)m, (long long)m);
        return NULL;
    }
    int64_t k = vec ? 1 : b->shape[b->ndim - 1];
    if (!nd__lp_check_dim(fn, k)) return NULL;

    lp_batch bt;
    int ndims[2] = {a->ndim - 2, b->ndim - bcore};
    const int64_t *shapes[2] = {a->shape, b->shape};
    if (nd__broadcast_shapes(fn, 2, ndims, shapes, &bt.ndim, bt.shape) != ND_OK) return NULL;
    nd__lp_batch_count(&bt);

    nd_dtype wdt = a->dtype == ND_FLOAT32 && b->dtype == ND_FLOAT32 ? ND_FLOAT32 : ND_FLOAT64;
    const lp_fns *L = nd__lp_fns(wdt);
    int64_t tail[2] = {m, k};
    nd_array *out = nd__lp_new(fn, &bt, bcore, tail, wdt);
    /* nothing to compute, nor to fail on: NumPy's solve(ones((3, 3)),
     * zeros((3, 0))) is empty, not an error */
    if (!out || out->size == 0) return out;

    int64_t rowbytes = k * (int64_t)L->isz;
    void *abuf = nd__lp_alloc(fn, m * m, L->isz), *tmp = nd__lp_alloc(fn, rowbytes, 1);
    lapack_int *ipiv = nd__lp_alloc(fn, m, sizeof *ipiv);
    if (!abuf || !tmp || !ipiv) goto fail;

    int64_t brs = b->strides[b->ndim - bcore], bcs = vec ? 0 : b->strides[b->ndim - 1];
    for (int64_t i = 0; i < bt.count; i++) {
        char *x = out->data + i * m * rowbytes;
        lp_load(abuf, wdt, m, true, a, nd__lp_block(a, 2, &bt, i));
        lapack_int info = L->getrf((lapack_int)m, (lapack_int)m, abuf, (lapack_int)m, ipiv);
        if (info != 0) {
            nd__lp_info_error(fn, "getrf", info, "singular matrix");
            goto fail;
        }
        nd__lp_copy2d(x, wdt, k, 1, nd__lp_block(b, bcore, &bt, i), b->dtype, brs, bcs, m, k);
        for (int64_t j = 0; j < m; j++)
            if (ipiv[j] - 1 != j) swap_rows(x, rowbytes, j, ipiv[j] - 1, tmp);
        L->trsm_rt(false, true, (lapack_int)k, (lapack_int)m, abuf, (lapack_int)m, x,
                   (lapack_int)k);
        L->trsm_rt(true, false, (lapack_int)k, (lapack_int)m, abuf, (lapack_int)m, x,
                   (lapack_int)k);
    }
    nd__lp_free(abuf);
    nd__lp_free(tmp);
    nd__lp_free(ipiv);
    return out;
fail:
    nd__lp_free(abuf);
    nd__lp_free(tmp);
    nd__lp_free(ipiv);
    nd_free(out);
    return NULL;
}

/* ------------------------------------------------------------ inv */

nd_array *nd__lp_inv(const char *fn, const nd_array *a, bool *singular) {
    nd_dtype wdt;
    const lp_fns *L;
    lp_batch bt;
    int64_t m;
    nd_array *out = nd__lp_square_begin(fn, a, &wdt, &L, &bt, &m);
    if (!out || out->size == 0) return out;

    void *work = NULL, *buf = NULL;
    lapack_int *ipiv = nd__lp_alloc(fn, m, sizeof *ipiv);
    if (!ipiv || !(buf = nd__lp_alloc(fn, m * m, L->isz))) goto fail;
    double q[1];
    lapack_int info = L->getri((lapack_int)m, buf, (lapack_int)m, ipiv, q, -1);
    if (info != 0) {
        nd__lp_info_error(fn, "getri", info, "");
        goto fail;
    }
    lapack_int lwork = nd__lp_lwork(fn, lp_get(q, wdt, 0));
    if (lwork < 0 || !(work = nd__lp_alloc(fn, lwork, L->isz))) goto fail;

    for (int64_t i = 0; i < bt.count; i++) {
        char *p = out->data + i * m * m * (int64_t)L->isz;
        lp_load(buf, wdt, m, true, a, nd__lp_block(a, 2, &bt, i));
        info = L->getrf((lapack_int)m, (lapack_int)m, buf, (lapack_int)m, ipiv);
        if (info == 0) info = L->getri((lapack_int)m, buf, (lapack_int)m, ipiv, work, lwork);
        if (singular) singular[i] = info > 0;
        if (info > 0 && singular) {
            memset(p, 0, (size_t)(m * m) * L->isz);
        } else if (info != 0) {
            nd__lp_info_error(fn, "getrf/getri", info, "singular matrix");
            goto fail;
        } else {
            nd__lp_copy2d(p, wdt, m, 1, buf, wdt, 1, m, m, m);
        }
    }
    nd__lp_free(ipiv);
    nd__lp_free(work);
    nd__lp_free(buf);
    return out;
fail:
    nd__lp_free(ipiv);
    nd__lp_free(work);
    nd__lp_free(buf);
    nd_free(out);
    return NULL;
}

nd_array *nd_linalg_inv(const nd_array *a) { return nd__lp_inv("nd_linalg_inv", a, NULL); }

/* ------------------------------------------------------------ det and slogdet */

/* sign, log|det| and det of every matrix of a, from getrf's LU factors.
 * The product of the diagonal is kept as a mantissa and a binary exponent,
 * so det neither overflows nor underflows before the end and is exact for
 * a 1x1 matrix (NumPy forms exp(sum log|u_ii|), det([[5.]]) = 4.999...).
 * Any of the three outputs may be NULL. */
static nd_status logdet(const char *fn, const nd_array *a, nd_array **sign, nd_array **logabs,
                        nd_array **det) {
    if (!nd__lp_check_matrix(fn, "a", a, true)) return nd_last_status();
    nd_dtype wdt = lp_work_dtype(a->dtype);
    const lp_fns *L = nd__lp_fns(wdt);
    lp_batch bt;
    nd__lp_batch_of(a, 2, &bt);
    int64_t m = a->shape[a->ndim - 1];
    nd_array *rs = sign ? nd__lp_new(fn, &bt, 0, NULL, wdt) : NULL;
    nd_array *rl = logabs ? nd__lp_new(fn, &bt, 0, NULL, wdt) : NULL;
    nd_array *rd = det ? nd__lp_new(fn, &bt, 0, NULL, wdt) : NULL;
    void *buf = NULL;
    lapack_int *ipiv = NULL;
    if ((sign && !rs) || (logabs && !rl) || (det && !rd)) goto fail;
    if (!(buf = nd__lp_alloc(fn, m * m, L->isz)) || !(ipiv = nd__lp_alloc(fn, m, sizeof *ipiv)))
        goto fail;

    for (int64_t i = 0; i < bt.count; i++) {
        double sg = 1, mant = 1, lg = 0;
        long e2 = 0;
        if (m > 0) {
            lp_load(buf, wdt, m, true, a, nd__lp_block(a, 2, &bt, i));
            lapack_int info = L->getrf((lapack_int)m, (lapack_int)m, buf, (lapack_int)m, ipiv);
            if (info < 0) {
                nd__lp_info_error(fn, "getrf", info, "");
                goto fail;
            }
            if (info > 0) { /* an exact zero pivot */
                sg = 0;
                mant = 0;
            } else {
                for (int64_t j = 0; j < m; j++) {
                    double u = lp_get(buf, wdt, j * m + j);
                    if (ipiv[j] != j + 1) sg = -sg;
                    if (u < 0) {
                        sg = -sg;
                        u = -u;
                    }
                    int e;
                    mant *= frexp(u, &e);
                    e2 += e;
                    mant = frexp(mant, &e);
                    e2 += e;
                }
            }
        }
        if (sg == 0) lg = -INFINITY;
        else lg = log(mant) + (double)e2 * M_LN2;
        if (e2 > INT32_MAX / 2) e2 = INT32_MAX / 2;
        if (e2 < INT32_MIN / 2) e2 = INT32_MIN / 2;
        if (rs) lp_set(rs->data, wdt, i, sg);
        if (rl) lp_set(rl->data, wdt, i, lg);
        if (rd) lp_set(rd->data, wdt, i, sg * ldexp(mant, (int)e2));
    }
    nd__lp_free(buf);
    nd__lp_free(ipiv);
    if (sign) *sign = rs;
    if (logabs) *logabs = rl;
    if (det) *det = rd;
    return ND_OK;
fail:
    nd__lp_free(buf);
    nd__lp_free(ipiv);
    nd_free(rs);
    nd_free(rl);
    nd_free(rd);
    return nd_last_status();
}

nd_array *nd_linalg_det(const nd_array *a) {
    nd_array *d = NULL;
    return logdet("nd_linalg_det", a, NULL, NULL, &d) == ND_OK ? d : NULL;
}

nd_status nd_linalg_slogdet(const nd_array *a, nd_array **sign, nd_array **logabsdet) {
    static const char fn[] = "nd_linalg_slogdet";
    if (!sign) return nd__null_arg(fn, "sign");
    if (!logabsdet) return nd__null_arg(fn, "logabsdet");
    return logdet(fn, a, sign, logabsdet, NULL);
}

/* ------------------------------------------------------------ cholesky */

nd_array *nd_linalg_cholesky(const nd_array *a, bool upper) {
    static const char fn[] = "nd_linalg_cholesky";
    nd_dtype wdt;
    const lp_fns *L;
    lp_batch bt;
    int64_t m;
    nd_array *out = nd__lp_square_begin(fn, a, &wdt, &L, &bt, &m);
    if (!out || out->size == 0) return out;
    /* the row-major copy is A^T to LAPACK: factor its other triangle */
    char uplo = upper ? 'L' : 'U';
    for (int64_t i = 0; i < bt.count; i++) {
        char *p = out->data + i * m * m * (int64_t)L->isz;
        lp_load(p, wdt, m, false, a, nd__lp_block(a, 2, &bt, i));
        lapack_int info = L->potrf(uplo, (lapack_int)m, p, (lapack_int)m);
        if (info != 0) {
            nd__lp_info_error(fn, "potrf", info, "matrix is not positive definite");
            nd_free(out);
            return NULL;
        }
        for (int64_t r = 0; r < m; r++)
            for (int64_t c = 0; c < m; c++)
                if (upper ? c < r : c > r) lp_set(p, wdt, r * m + c, 0);
    }
    return out;
}

/* ------------------------------------------------------------ lstsq */

/* The default relative cutoff of float32 pinv and lstsq: max(M, N, 8)
 * times FLT_EPSILON. NumPy computes float32 in float64 (cutoffs 1e-15 and
 * max(M, N) * DBL_EPSILON), which would keep float32 rounding noise. The
 * noise singular values of a float32 SVD of exactly rank-deficient
 * matrices reach about 1.8 FLT_EPSILON times the largest (measured on
 * random ones of 2x2 to 100x100), so max(M, N) * FLT_EPSILON alone leaves
 * little margin on small matrices (1.1x at 2x2); the floor of 8 gives over
 * 4x there and changes nothing from 8 rows or columns up. */
static double f32_rcond(int64_t m, int64_t n) {
    int64_t k = m > n ? m : n;
    return (double)(k > 8 ? k : 8) * FLT_EPSILON;
}

nd_status nd_linalg_lstsq(const nd_array *a, const nd_array *b, double rcond, nd_array **x,
                          nd_array **residuals, nd_array **rank, nd_array **s) {
    static const char fn[] = "nd_linalg_lstsq";
    if (!x) return nd__null_arg(fn, "x");
    if (!nd__check_array(fn, "a", a) || !nd__check_array(fn, "b", b)) return nd_last_status();
    if (a->ndim != 2 || b->ndim < 1 || b->ndim > 2)
        return nd__error(ND_ERR_SHAPE, fn,
                         "%d-dimensional array given. Array must be two-dimensional",
                         a->ndim != 2 ? a->ndim : b->ndim);
    bool vec = b->ndim == 1;
    int64_t m = a->shape[0], n = a->shape[1], k = vec ? 1 : b->shape[1];
    if (b->shape[0] != m) {
        char sa[ND_SHAPE_STR_CAP], sb[ND_SHAPE_STR_CAP];
        return nd__error(ND_ERR_SHAPE, fn, "Incompatible dimensions: a %s, b %s",
                         nd__shape_str(sa, sizeof sa, a->ndim, a->shape),
                         nd__shape_str(sb, sizeof sb, b->ndim, b->shape));
    }
    int64_t ldb = lp_max1(m > n ? m : n), kp = lp_max1(k), mn = m < n ? m : n;
    if (!nd__lp_check_dim(fn, m) || !nd__lp_check_dim(fn, n) || !nd__lp_check_dim(fn, k) ||
        !nd__lp_check_dim(fn, ldb))
        return nd_last_status();
    if (nd__lp_has_nonfinite(a->data, a->dtype, m, n, a->strides[0], a->strides[1], true))
        return nd__error(ND_ERR_LINALG, fn,
                         "SVD did not converge in Linear Least Squares (a holds NaN or inf)");

    nd_dtype wdt = a->dtype == ND_FLOAT32 && b->dtype == ND_FLOAT32 ? ND_FLOAT32 : ND_FLOAT64;
    const lp_fns *L = nd__lp_fns(wdt);
    if (rcond < 0) rcond = wdt == ND_FLOAT32 ? f32_rcond(m, n) : L->eps * (double)(m > n ? m : n);

    lp_batch one = {0, {0}, 1};
    int64_t xshape[2] = {n, k};
    nd_array *rx = nd__lp_new(fn, &one, vec ? 1 : 2, xshape, wdt);
    nd_array *rr = NULL, *rk = nd__lp_new(fn, &one, 0, NULL, ND_INT64);
    nd_array *rs = nd__lp_new(fn, &one, 1, &mn, wdt);
    void *abuf = NULL, *bbuf = NULL, *work = NULL;
    lapack_int *iwork = NULL;
    if (!rx || !rk || !rs) goto fail;
    abuf = nd__lp_alloc(fn, lp_max1(m) * n, L->isz);
    bbuf = nd__lp_alloc(fn, ldb * kp, L->isz);
    if (!abuf || !bbuf) goto fail;
    memset(bbuf, 0, (size_t)(ldb * kp) * L->isz);
    lp_load(abuf, wdt, lp_max1(m), true, a, a->data);
    nd__lp_copy2d(bbuf, wdt, 1, ldb, b->data, b->dtype, b->strides[0], vec ? 0 : b->strides[1],
                  m, k);

    lapack_int r = 0;
    if (mn > 0) {
        double q[1];
        lapack_int iq[1];
        lapack_int info = L->gelsd((lapack_int)m, (lapack_int)n, (lapack_int)kp, abuf,
                                   (lapack_int)lp_max1(m), bbuf, (lapack_int)ldb, rs->data, rcond,
                                   &r, q, -1, iq);
        lapack_int lwork = info == 0 ? nd__lp_lwork(fn, lp_get(q, wdt, 0)) : 0;
        if (info != 0) {
            nd__lp_info_error(fn, "gelsd", info, "");
            goto fail;
        }
        if (lwork < 0 || !(work = nd__lp_alloc(fn, lwork, L->isz)) ||
            !(iwork = nd__lp_alloc(fn, lp_max1(iq[0]), sizeof *iwork)))
            goto fail;
        info = L->gelsd((lapack_int)m, (lapack_int)n, (lapack_int)kp, abuf, (lapack_int)lp_max1(m),
                        bbuf, (lapack_int)ldb, rs->data, rcond, &r, work, lwork, iwork);
        if (info != 0) {
            nd__lp_info_error(fn, "gelsd", info, "SVD did not converge in Linear Least Squares");
            goto fail;
        }
    }
    nd__lp_copy2d(rx->data, wdt, k, 1, bbuf, wdt, 1, ldb, n, k);
    *(int64_t *)rk->data = r;

    /* NumPy's residuals: squared norms of b - a x per column, only for a
     * full-rank overdetermined system (else an empty array) */
    int64_t nres = r == n && m > n ? k : 0;
    if (residuals) {
        if (!(rr = nd__lp_new(fn, &one, 1, &nres, wdt))) goto fail;
        for (int64_t j = 0; j < nres; j++) {
            double acc = 0;
            for (int64_t i = n; i < m; i++) {
                double v = lp_get(bbuf, wdt, i + j * ldb);
                acc += v * v;
            }
            lp_set(rr->data, wdt, j, acc);
        }
    }
    nd__lp_free(abuf);
    nd__lp_free(bbuf);
    nd__lp_free(work);
    nd__lp_free(iwork);
    *x = rx;
    if (residuals) *residuals = rr;
    if (rank) *rank = rk;
    else nd_free(rk);
    if (s) *s = rs;
    else nd_free(rs);
    return ND_OK;
fail:
    nd__lp_free(abuf);
    nd__lp_free(bbuf);
    nd__lp_free(work);
    nd__lp_free(iwork);
    nd_free(rx);
    nd_free(rr);
    nd_free(rk);
    nd_free(rs);
    return nd_last_status();
}

/* ------------------------------------------------------------ pinv */

nd_array *nd_linalg_pinv(const nd_array *a, double rcond) {
    static const char fn[] = "nd_linalg_pinv";
    if (!nd__lp_check_matrix(fn, "a", a, false)) return NULL;
    nd_dtype wdt = lp_work_dtype(a->dtype);
    const lp_fns *L = nd__lp_fns(wdt);
    lp_batch bt;
    nd__lp_batch_of(a, 2, &bt);
    int64_t m = a->shape[a->ndim - 2], n = a->shape[a->ndim - 1], k = m < n ? m : n;
    /* NumPy's 1e-15 assumes float64 rounding (NumPy computes float32 in
     * float64); float32 singular values are only good to about f32_rcond */
    if (rcond < 0) rcond = wdt == ND_FLOAT32 ? f32_rcond(m, n) : 1e-15;
    int64_t tail[2] = {n, m};
    nd_array *out = nd__lp_new(fn, &bt, 2, tail, wdt);
    if (!out || out->size == 0) return out;

    void *abuf = NULL, *sbuf = NULL, *ubuf = NULL, *vtbuf = NULL, *work = NULL;
    lapack_int *iwork = NULL;
    if (!(abuf = nd__lp_alloc(fn, m * n, L->isz)) || !(sbuf = nd__lp_alloc(fn, k, L->isz)) ||
        !(ubuf = nd__lp_alloc(fn, m * k, L->isz)) || !(vtbuf = nd__lp_alloc(fn, k * n, L->isz)) ||
        !(iwork = nd__lp_alloc(fn, 8 * k, sizeof *iwork)))
        goto fail;
    double q[1];
    lapack_int info = L->gesdd('S', (lapack_int)m, (lapack_int)n, abuf, (lapack_int)m, sbuf, ubuf,
                               (lapack_int)m, vtbuf, (lapack_int)k, q, -1, iwork);
    if (info != 0) {
        nd__lp_info_error(fn, "gesdd", info, "");
        goto fail;
    }
    lapack_int lwork = nd__lp_lwork(fn, lp_get(q, wdt, 0));
    if (lwork < 0 || !(work = nd__lp_alloc(fn, lwork, L->isz))) goto fail;

    int nd = a->ndim;
    for (int64_t i = 0; i < bt.count; i++) {
        const char *p = nd__lp_block(a, 2, &bt, i);
        if (nd__lp_has_nonfinite(p, a->dtype, m, n, a->strides[nd - 2], a->strides[nd - 1],
                                 false)) {
            nd__error(ND_ERR_LINALG, fn, "SVD did not converge (the matrix holds NaN)");
            goto fail;
        }
        lp_load(abuf, wdt, m, true, a, p);
        info = L->gesdd('S', (lapack_int)m, (lapack_int)n, abuf, (lapack_int)m, sbuf, ubuf,
                        (lapack_int)m, vtbuf, (lapack_int)k, work, lwork, iwork);
        if (info > 0) { /* gesdd's divide and conquer failed: try gesvd's QR iteration */
            lp_load(abuf, wdt, m, true, a, p);
            info = L->gesvd('S', 'S', (lapack_int)m, (lapack_int)n, abuf, (lapack_int)m, sbuf,
                            ubuf, (lapack_int)m, vtbuf, (lapack_int)k, work, lwork);
        }
        if (info != 0) {
            nd__lp_info_error(fn, "gesdd", info, "SVD did not converge");
            goto fail;
        }
        /* pinv = V diag(1/s) U^T; its row-major storage is the column-major
         * storage of (U diag(1/s)) V^T, m x n */
        double cutoff = rcond * lp_get(sbuf, wdt, 0);
        for (int64_t j = 0; j < k; j++) {
            double sj = lp_get(sbuf, wdt, j);
            double inv = sj > cutoff ? 1 / sj : 0;
            for (int64_t r = 0; r < m; r++)
                lp_set(ubuf, wdt, r + j * m, lp_get(ubuf, wdt, r + j * m) * inv);
        }
        L->gemm((lapack_int)m, (lapack_int)n, (lapack_int)k, ubuf, (lapack_int)m, vtbuf,
                (lapack_int)k, out->data + i * m * n * (int64_t)L->isz, (lapack_int)m);
    }
    nd__lp_free(abuf);
    nd__lp_free(sbuf);
    nd__lp_free(ubuf);
    nd__lp_free(vtbuf);
    nd__lp_free(work);
    nd__lp_free(iwork);
    return out;
fail:
    nd__lp_free(abuf);
    nd__lp_free(sbuf);
    nd__lp_free(ubuf);
    nd__lp_free(vtbuf);
    nd__lp_free(work);
    nd__lp_free(iwork);
    nd_free(out);
    return NULL;
}

/* ------------------------------------------------------------ matrix_rank */

static nd_array *linalg_matrix_rank_body(const nd_array *a, double tol) {
    static const char fn[] = "nd_linalg_matrix_rank";
    if (!nd__check_array(fn, "a", a)) return NULL;
    if (a->ndim < 2) { /* NumPy: int(not all(A == 0)) */
        nd_array *any = nd_any(a, ND_ALL_AXES, NULL, false);
        nd_array *r = any ? nd_astype(any, ND_INT64) : NULL;
        nd_free(any);
        return r;
    }
    nd_array *sv = nd__lp_svdvals(fn, a);
    if (!sv) return NULL;
    nd_dtype wdt = sv->dtype;
    lp_batch bt;
    nd__lp_batch_of(a, 2, &bt);
    int64_t m = a->shape[a->ndim - 2], n = a->shape[a->ndim - 1], k = m < n ? m : n;
    nd_array *out = nd__lp_new(fn, &bt, 0, NULL, ND_INT64);
    if (!out) {
        nd_free(sv);
        return NULL;
    }
    for (int64_t i = 0; i < bt.count; i++) {
        const char *s = sv->data + i * k * (int64_t)nd__itemsize(wdt);
        /* an empty matrix has rank 0 (NumPy raises: max of an empty array) */
        double t = tol;
        if (t < 0) /* float32: the cutoff of pinv, above float32 SVD rounding noise */
            t = k ? lp_get(s, wdt, 0) * (wdt == ND_FLOAT32 ? f32_rcond(m, n)
                                                           : (double)(m > n ? m : n) * nd__lp_fns(wdt)->eps)
                  : 0;
        int64_t r = 0;
        for (int64_t j = 0; j < k; j++) r += lp_get(s, wdt, j) > t;
        ((int64_t *)out->data)[i] = r;
    }
    nd_free(sv);
    return out;
}

nd_array *nd_linalg_matrix_rank(const nd_array *a, double tol) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_array("nd_linalg_matrix_rank", mark, linalg_matrix_rank_body(a, tol));
}
