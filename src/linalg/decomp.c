/* Decompositions on LAPACKE: qr (geqrf + orgqr), svd (gesdd, with gesvd as
 * a fallback), eigh / eigvalsh (syevd) and eig / eigvals (geev), stacked
 * over leading axes. Each matrix is copied in column-major order, as NumPy
 * does, so LAPACK sees the same problem and picks the same signs; results
 * are copied back into row-major outputs. */
#include "linalg/lapack.h"

#include <math.h>

static void free_all(nd_array *a, nd_array *b, nd_array *c, nd_array *d) {
    nd_free(a);
    nd_free(b);
    nd_free(c);
    nd_free(d);
}

/* Sets each n x n matrix of a C-contiguous output to the identity. */
static void set_identity(nd_array *out, int64_t n) {
    if (!out || n == 0) return;
    nd_dtype dt = out->dtype;
    memset(out->data, 0, (size_t)out->size * nd__itemsize(dt));
    for (int64_t b = 0; b < out->size / (n * n); b++)
        for (int64_t i = 0; i < n; i++) lp_set(out->data, dt, b * n * n + i * n + i, 1);
}

/* A workspace query's answer as a size (lapack_int), -1 on error. */
static lapack_int query_lwork(const char *fn, const char *routine, lapack_int info,
                              const void *q, nd_dtype wdt) {
    if (info != 0) {
        nd__lp_info_error(fn, routine, info, "");
        return -1;
    }
    return nd__lp_lwork(fn, lp_get(q, wdt, 0));
}

/* ------------------------------------------------------------ qr */

nd_status nd_linalg_qr(const nd_array *a, nd_qr_mode mode, nd_array **q, nd_array **r) {
    static const char fn[] = "nd_linalg_qr";
    if (!r) return nd__null_arg(fn, "r");
    if (mode != ND_QR_R && !q) return nd__null_arg(fn, "q");
    if (mode != ND_QR_REDUCED && mode != ND_QR_COMPLETE && mode != ND_QR_R)
        return nd__error(ND_ERR_VALUE, fn, "unknown mode %d", (int)mode);
    if (!nd__lp_check_matrix(fn, "a", a, false)) return nd_last_status();

    nd_dtype wdt = lp_work_dtype(a->dtype);
    const lp_fns *L = nd__lp_fns(wdt);
    lp_batch bt;
    nd__lp_batch_of(a, 2, &bt);
    int64_t m = a->shape[a->ndim - 2], n = a->shape[a->ndim - 1], k = m < n ? m : n;
    bool complete = mode == ND_QR_COMPLETE, want_q = mode != ND_QR_R;
    int64_t rrows = complete ? m : k, qcols = complete ? m : k;
    int64_t rshape[2] = {rrows, n}, qshape[2] = {m, qcols};
    nd_array *rr = nd__lp_new(fn, &bt, 2, rshape, wdt);
    nd_array *rq = want_q ? nd__lp_new(fn, &bt, 2, qshape, wdt) : NULL;
    void *abuf = NULL, *tau = NULL, *work = NULL;
    if (!rr || (want_q && !rq)) goto fail;
    if (k == 0) { /* no reflectors: R is empty or zero, a complete Q the identity */
        memset(rr->data, 0, (size_t)rr->size * L->isz);
        set_identity(rq, qcols);
        goto done;
    }
    if (bt.count == 0) goto done;

    /* geqrf works on the first n columns; a complete Q of a tall matrix
     * grows them to m columns */
    int64_t bcols = n > qcols ? n : qcols;
    if (!(abuf = nd__lp_alloc(fn, m * bcols, L->isz)) || !(tau = nd__lp_alloc(fn, k, L->isz)))
        goto fail;
    double qq[1];
    lapack_int lwork = query_lwork(
        fn, "geqrf", L->geqrf((lapack_int)m, (lapack_int)n, abuf, (lapack_int)m, tau, qq, -1), qq,
        wdt);
    if (lwork < 0) goto fail;
    if (want_q) {
        lapack_int lw2 = query_lwork(fn, "orgqr",
                                     L->orgqr((lapack_int)m, (lapack_int)qcols, (lapack_int)k,
                                              abuf, (lapack_int)m, tau, qq, -1),
                                     qq, wdt);
        if (lw2 < 0) goto fail;
        if (lw2 > lwork) lwork = lw2;
    }
    if (!(work = nd__lp_alloc(fn, lwork, L->isz))) goto fail;

    for (int64_t i = 0; i < bt.count; i++) {
        lp_load(abuf, wdt, m, true, a, nd__lp_block(a, 2, &bt, i));
        lapack_int info = L->geqrf((lapack_int)m, (lapack_int)n, abuf, (lapack_int)m, tau, work,
                                   lwork);
        if (info != 0) {
            nd__lp_info_error(fn, "geqrf", info, "");
            goto fail;
        }
        char *rp = rr->data + i * rrows * n * (int64_t)L->isz;
        for (int64_t row = 0; row < rrows; row++)
            for (int64_t c = 0; c < n; c++)
                lp_set(rp, wdt, row * n + c, row <= c ? lp_get(abuf, wdt, row + c * m) : 0);
        if (!want_q) continue;
        info = L->orgqr((lapack_int)m, (lapack_int)qcols, (lapack_int)k, abuf, (lapack_int)m, tau,
                        work, lwork);
        if (info != 0) {
            nd__lp_info_error(fn, "orgqr", info, "");
            goto fail;
        }
        nd__lp_copy2d(rq->data + i * m * qcols * (int64_t)L->isz, wdt, qcols, 1, abuf, wdt, 1, m,
                      m, qcols);
    }
done:
    nd__lp_free(abuf);
    nd__lp_free(tau);
    nd__lp_free(work);
    if (want_q) *q = rq;
    *r = rr;
    return ND_OK;
fail:
    nd__lp_free(abuf);
    nd__lp_free(tau);
    nd__lp_free(work);
    free_all(rq, rr, NULL, NULL);
    return nd_last_status();
}

/* ------------------------------------------------------------ svd */

/* gesvd on a freshly loaded copy, for a matrix gesdd failed on. */
static lapack_int svd_fallback(const char *fn, const lp_fns *L, char job, const nd_array *a,
                               const char *p, void *abuf, int64_t m, int64_t n, void *s, void *u,
                               int64_t ldu, void *vt, int64_t ldvt) {
    double q[1];
    lp_load(abuf, L->dt, m, true, a, p);
    lapack_int info = L->gesvd(job, job, (lapack_int)m, (lapack_int)n, abuf, (lapack_int)m, s, u,
                               (lapack_int)ldu, vt, (lapack_int)ldvt, q, -1);
    lapack_int lwork = query_lwork(fn, "gesvd", info, q, L->dt);
    void *work = lwork < 0 ? NULL : nd__lp_alloc(fn, lwork, L->isz);
    if (!work) return -1000;
    info = L->gesvd(job, job, (lapack_int)m, (lapack_int)n, abuf, (lapack_int)m, s, u,
                    (lapack_int)ldu, vt, (lapack_int)ldvt, work, lwork);
    nd__lp_free(work);
    return info;
}

static nd_status svd_impl(const char *fn, const nd_array *a, bool full, bool uv, nd_array **u,
                          nd_array **s, nd_array **vt) {
    if (!nd__lp_check_matrix(fn, "a", a, false)) return nd_last_status();
    nd_dtype wdt = lp_work_dtype(a->dtype);
    const lp_fns *L = nd__lp_fns(wdt);
    lp_batch bt;
    nd__lp_batch_of(a, 2, &bt);
    int nd = a->ndim;
    int64_t m = a->shape[nd - 2], n = a->shape[nd - 1], k = m < n ? m : n;
    int64_t ucols = full ? m : k, vrows = full ? n : k;
    int64_t ushape[2] = {m, ucols}, vshape[2] = {vrows, n};
    char job = !uv ? 'N' : full ? 'A' : 'S';
    nd_array *rs = nd__lp_new(fn, &bt, 1, &k, wdt);
    nd_array *ru = uv ? nd__lp_new(fn, &bt, 2, ushape, wdt) : NULL;
    nd_array *rv = uv ? nd__lp_new(fn, &bt, 2, vshape, wdt) : NULL;
    void *abuf = NULL, *ubuf = NULL, *vbuf = NULL, *work = NULL;
    lapack_int *iwork = NULL;
    if (!rs || (uv && (!ru || !rv))) goto fail;
    if (k == 0) { /* full matrices of an empty matrix are identities */
        set_identity(ru, ucols);
        set_identity(rv, vrows);
        goto done;
    }
    if (bt.count == 0) goto done;

    int64_t ldu = uv ? m : 1, ldvt = uv ? vrows : 1;
    if (!(abuf = nd__lp_alloc(fn, m * n, L->isz)) ||
        !(ubuf = nd__lp_alloc(fn, uv ? m * ucols : 1, L->isz)) ||
        !(vbuf = nd__lp_alloc(fn, uv ? vrows * n : 1, L->isz)) ||
        !(iwork = nd__lp_alloc(fn, 8 * k, sizeof *iwork)))
        goto fail;
    double q[1];
    lapack_int lwork =
        query_lwork(fn, "gesdd",
                    L->gesdd(job, (lapack_int)m, (lapack_int)n, abuf, (lapack_int)m, rs->data,
                             ubuf, (lapack_int)ldu, vbuf, (lapack_int)ldvt, q, -1, iwork),
                    q, wdt);
    if (lwork < 0 || !(work = nd__lp_alloc(fn, lwork, L->isz))) goto fail;

    for (int64_t i = 0; i < bt.count; i++) {
        const char *p = nd__lp_block(a, 2, &bt, i);
        /* as NumPy (gesdd fails on NaN); infinities give NaN results */
        if (nd__lp_has_nonfinite(p, a->dtype, m, n, a->strides[nd - 2], a->strides[nd - 1],
                                 false)) {
            nd__error(ND_ERR_LINALG, fn, "SVD did not converge (the matrix holds NaN)");
            goto fail;
        }
        void *sp = rs->data + i * k * (int64_t)L->isz;
        lp_load(abuf, wdt, m, true, a, p);
        lapack_int info = L->gesdd(job, (lapack_int)m, (lapack_int)n, abuf, (lapack_int)m, sp,
                                   ubuf, (lapack_int)ldu, vbuf, (lapack_int)ldvt, work, lwork,
                                   iwork);
        if (info > 0) /* divide and conquer failed: QR iteration may still converge */
            info = svd_fallback(fn, L, job, a, p, abuf, m, n, sp, ubuf, ldu, vbuf, ldvt);
        if (info == -1000) goto fail;
        if (info != 0) {
            nd__lp_info_error(fn, "gesdd", info, "SVD did not converge");
            goto fail;
        }
        if (!uv) continue;
        nd__lp_copy2d(ru->data + i * m * ucols * (int64_t)L->isz, wdt, ucols, 1, ubuf, wdt, 1, m,
                      m, ucols);
        nd__lp_copy2d(rv->data + i * vrows * n * (int64_t)L->isz, wdt, n, 1, vbuf, wdt, 1, vrows,
                      vrows, n);
    }
done:
    nd__lp_free(abuf);
    nd__lp_free(ubuf);
    nd__lp_free(vbuf);
    nd__lp_free(work);
    nd__lp_free(iwork);
    *s = rs;
    if (uv) {
        *u = ru;
        *vt = rv;
    }
    return ND_OK;
fail:
    nd__lp_free(abuf);
    nd__lp_free(ubuf);
    nd__lp_free(vbuf);
    nd__lp_free(work);
    nd__lp_free(iwork);
    free_all(rs, ru, rv, NULL);
    return nd_last_status();
}

nd_status nd_linalg_svd(const nd_array *a, bool full_matrices, bool compute_uv, nd_array **u,
                        nd_array **s, nd_array **vt) {
    static const char fn[] = "nd_linalg_svd";
    if (!s) return nd__null_arg(fn, "s");
    if (compute_uv && !u) return nd__null_arg(fn, "u");
    if (compute_uv && !vt) return nd__null_arg(fn, "vt");
    return svd_impl(fn, a, full_matrices, compute_uv, u, s, vt);
}

nd_array *nd__lp_svdvals(const char *fn, const nd_array *a) {
    nd_array *s = NULL;
    return svd_impl(fn, a, false, false, NULL, &s, NULL) == ND_OK ? s : NULL;
}

/* ------------------------------------------------------------ eigh */

static nd_status eigh_impl(const char *fn, const nd_array *a, bool upper, bool vectors,
                           nd_array **w, nd_array **v) {
    if (!nd__lp_check_matrix(fn, "a", a, true)) return nd_last_status();
    nd_dtype wdt = lp_work_dtype(a->dtype);
    const lp_fns *L = nd__lp_fns(wdt);
    lp_batch bt;
    nd__lp_batch_of(a, 2, &bt);
    int64_t m = a->shape[a->ndim - 1], vshape[2] = {m, m};
    char jobz = vectors ? 'V' : 'N', uplo = upper ? 'U' : 'L';
    nd_array *rw = nd__lp_new(fn, &bt, 1, &m, wdt);
    nd_array *rv = vectors ? nd__lp_new(fn, &bt, 2, vshape, wdt) : NULL;
    void *abuf = NULL, *work = NULL;
    lapack_int *iwork = NULL;
    if (!rw || (vectors && !rv)) goto fail;
    if (m == 0 || bt.count == 0) goto done;

    if (!(abuf = nd__lp_alloc(fn, m * m, L->isz))) goto fail;
    double q[1];
    lapack_int iq[1];
    lapack_int lwork = query_lwork(fn, "syevd",
                                   L->syevd(jobz, uplo, (lapack_int)m, abuf, (lapack_int)m,
                                            rw->data, q, -1, iq, -1),
                                   q, wdt);
    lapack_int liwork = lp_max1(iq[0]);
    if (lwork < 0 || !(work = nd__lp_alloc(fn, lwork, L->isz)) ||
        !(iwork = nd__lp_alloc(fn, liwork, sizeof *iwork)))
        goto fail;

    for (int64_t i = 0; i < bt.count; i++) {
        lp_load(abuf, wdt, m, true, a, nd__lp_block(a, 2, &bt, i));
        lapack_int info = L->syevd(jobz, uplo, (lapack_int)m, abuf, (lapack_int)m,
                                   rw->data + i * m * (int64_t)L->isz, work, lwork, iwork, liwork);
        if (info != 0) {
            nd__lp_info_error(fn, "syevd", info, "eigenvalues did not converge");
            goto fail;
        }
        if (vectors)
            nd__lp_copy2d(rv->data + i * m * m * (int64_t)L->isz, wdt, m, 1, abuf, wdt, 1, m, m,
                          m);
    }
done:
    nd__lp_free(abuf);
    nd__lp_free(work);
    nd__lp_free(iwork);
    *w = rw;
    if (vectors) *v = rv;
    return ND_OK;
fail:
    nd__lp_free(abuf);
    nd__lp_free(work);
    nd__lp_free(iwork);
    free_all(rw, rv, NULL, NULL);
    return nd_last_status();
}

nd_status nd_linalg_eigh(const nd_array *a, bool upper, nd_array **w, nd_array **v) {
    static const char fn[] = "nd_linalg_eigh";
    if (!w) return nd__null_arg(fn, "w");
    if (!v) return nd__null_arg(fn, "v");
    return eigh_impl(fn, a, upper, true, w, v);
}

nd_array *nd_linalg_eigvalsh(const nd_array *a, bool upper) {
    nd_array *w = NULL;
    return eigh_impl("nd_linalg_eigvalsh", a, upper, false, &w, NULL) == ND_OK ? w : NULL;
}

/* ------------------------------------------------------------ eig */

/* geev packs a complex pair w, conj(w) (imaginary part > 0 first) into
 * two real columns: the vectors are VR[:, j] +- i VR[:, j + 1]. Writes the
 * m x m row-major real and imaginary parts of the unpacked vectors. */
static void unpack_vectors(const void *vr, const void *wi, nd_dtype wdt, int64_t m, void *re,
                           void *im) {
    for (int64_t j = 0; j < m; j++) {
        if (lp_get(wi, wdt, j) == 0 || j + 1 == m) {
            for (int64_t r = 0; r < m; r++) {
                lp_set(re, wdt, r * m + j, lp_get(vr, wdt, r + j * m));
                lp_set(im, wdt, r * m + j, 0);
            }
            continue;
        }
        for (int64_t r = 0; r < m; r++) {
            double x = lp_get(vr, wdt, r + j * m), y = lp_get(vr, wdt, r + (j + 1) * m);
            lp_set(re, wdt, r * m + j, x);
            lp_set(im, wdt, r * m + j, y);
            lp_set(re, wdt, r * m + j + 1, x);
            lp_set(im, wdt, r * m + j + 1, -y);
        }
        j++;
    }
}

static nd_status eig_impl(const char *fn, const nd_array *a, nd_array **w_re, nd_array **w_im,
                          nd_array **v_re, nd_array **v_im) {
    if (!nd__lp_check_matrix(fn, "a", a, true)) return nd_last_status();
    nd_dtype wdt = lp_work_dtype(a->dtype);
    const lp_fns *L = nd__lp_fns(wdt);
    lp_batch bt;
    nd__lp_batch_of(a, 2, &bt);
    int nd = a->ndim;
    int64_t m = a->shape[nd - 1], vshape[2] = {m, m};
    bool vectors = v_re != NULL;
    char jobvr = vectors ? 'V' : 'N';
    nd_array *wr = nd__lp_new(fn, &bt, 1, &m, wdt);
    nd_array *wi = nd__lp_new(fn, &bt, 1, &m, wdt);
    nd_array *vr = vectors ? nd__lp_new(fn, &bt, 2, vshape, wdt) : NULL;
    nd_array *vi = vectors ? nd__lp_new(fn, &bt, 2, vshape, wdt) : NULL;
    void *abuf = NULL, *vbuf = NULL, *work = NULL;
    if (!wr || !wi || (vectors && (!vr || !vi))) goto fail;
    if (m == 0 || bt.count == 0) goto done;

    if (!(abuf = nd__lp_alloc(fn, m * m, L->isz)) ||
        !(vbuf = nd__lp_alloc(fn, vectors ? m * m : 1, L->isz)))
        goto fail;
    double q[1];
    lapack_int ldvr = vectors ? (lapack_int)m : 1;
    lapack_int lwork = query_lwork(fn, "geev",
                                   L->geev('N', jobvr, (lapack_int)m, abuf, (lapack_int)m,
                                           wr->data, wi->data, NULL, 1, vbuf, ldvr, q, -1),
                                   q, wdt);
    if (lwork < 0 || !(work = nd__lp_alloc(fn, lwork, L->isz))) goto fail;

    for (int64_t i = 0; i < bt.count; i++) {
        const char *p = nd__lp_block(a, 2, &bt, i);
        /* as NumPy, which checks before calling geev */
        if (nd__lp_has_nonfinite(p, a->dtype, m, m, a->strides[nd - 2], a->strides[nd - 1],
                                 true)) {
            nd__error(ND_ERR_VALUE, fn, "array must not contain infs or NaNs");
            goto fail;
        }
        char *wrp = wr->data + i * m * (int64_t)L->isz, *wip = wi->data + i * m * (int64_t)L->isz;
        lp_load(abuf, wdt, m, true, a, p);
        lapack_int info = L->geev('N', jobvr, (lapack_int)m, abuf, (lapack_int)m, wrp, wip, NULL,
                                  1, vbuf, ldvr, work, lwork);
        if (info != 0) {
            nd__lp_info_error(fn, "geev", info, "eigenvalues did not converge");
            goto fail;
        }
        if (vectors)
            unpack_vectors(vbuf, wip, wdt, m, vr->data + i * m * m * (int64_t)L->isz,
                           vi->data + i * m * m * (int64_t)L->isz);
    }
done:
    nd__lp_free(abuf);
    nd__lp_free(vbuf);
    nd__lp_free(work);
    *w_re = wr;
    *w_im = wi;
    if (vectors) {
        *v_re = vr;
        *v_im = vi;
    }
    return ND_OK;
fail:
    nd__lp_free(abuf);
    nd__lp_free(vbuf);
    nd__lp_free(work);
    free_all(wr, wi, vr, vi);
    return nd_last_status();
}

nd_status nd_linalg_eig(const nd_array *a, nd_array **w_re, nd_array **w_im, nd_array **v_re,
                        nd_array **v_im) {
    static const char fn[] = "nd_linalg_eig";
    if (!w_re) return nd__null_arg(fn, "w_re");
    if (!w_im) return nd__null_arg(fn, "w_im");
    if (!v_re != !v_im) return nd__null_arg(fn, v_re ? "v_im" : "v_re");
    return eig_impl(fn, a, w_re, w_im, v_re, v_im);
}

nd_status nd_linalg_eigvals(const nd_array *a, nd_array **w_re, nd_array **w_im) {
    static const char fn[] = "nd_linalg_eigvals";
    if (!w_re) return nd__null_arg(fn, "w_re");
    if (!w_im) return nd__null_arg(fn, "w_im");
    return eig_impl(fn, a, w_re, w_im, NULL, NULL);
}
