/* Benchmark cases for the LAPACKE wrappers: libnd's solve, svd and eigh on
 * 512 x 512 float64 matrices (new results each call, as a NumPy user gets)
 * against the bare LAPACKE routine on preallocated column-major buffers
 * (the input copied in first, as LAPACK overwrites it); checks that libnd
 * and the baseline agree. NumPy's side is in bench_numpy.py. */
#include "bench.h"

#include <lapacke.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 512

typedef struct la_args {
    nd_array *a, *b;       /* libnd's inputs (C order) */
    nd_array *r0, *r1, *r2; /* libnd's last results */
    const double *pa, *pb; /* the baseline's inputs (column-major) */
    double *wa, *wb, *w, *u, *vt, *work;
    lapack_int *ipiv, *iwork, lwork, liwork;
    int info;
    nd_status st;
} la_args;

static void keep(nd_array **slot, nd_array *r) {
    nd_free(*slot);
    *slot = r;
}

/* ---------------------------------------------------------------- libnd calls */

static void nd_solve_call(void *p) {
    la_args *x = p;
    nd_array *r = nd_linalg_solve(x->a, x->b);
    if (!r) x->st |= nd_last_status();
    keep(&x->r0, r);
}
static void nd_svd_call(void *p) {
    la_args *x = p;
    nd_array *u, *s, *vt;
    x->st |= nd_linalg_svd(x->a, true, true, &u, &s, &vt);
    keep(&x->r0, u);
    keep(&x->r1, s);
    keep(&x->r2, vt);
}
static void nd_eigh_call(void *p) {
    la_args *x = p;
    nd_array *w, *v;
    x->st |= nd_linalg_eigh(x->a, false, &w, &v);
    keep(&x->r0, w);
    keep(&x->r1, v);
}

/* ---------------------------------------------------------------- LAPACKE calls */

static void lapacke_solve(void *p) {
    la_args *x = p;
    memcpy(x->wa, x->pa, sizeof(double) * N * N);
    memcpy(x->wb, x->pb, sizeof(double) * N * N);
    x->info |= LAPACKE_dgesv_work(LAPACK_COL_MAJOR, N, N, x->wa, N, x->ipiv, x->wb, N);
    bench_escape(x->wb);
}
static void lapacke_svd(void *p) {
    la_args *x = p;
    memcpy(x->wa, x->pa, sizeof(double) * N * N);
    x->info |= LAPACKE_dgesdd_work(LAPACK_COL_MAJOR, 'A', N, N, x->wa, N, x->w, x->u, N, x->vt, N,
                                   x->work, x->lwork, x->iwork);
    bench_escape(x->u);
}
static void lapacke_eigh(void *p) {
    la_args *x = p;
    memcpy(x->wa, x->pa, sizeof(double) * N * N);
    x->info |= LAPACKE_dsyevd_work(LAPACK_COL_MAJOR, 'V', 'L', N, x->wa, N, x->w, x->work,
                                   x->lwork, x->iwork, x->liwork);
    bench_escape(x->wa);
}

/* ---------------------------------------------------------------- helpers */

static double max_rel(const double *a, const double *b, int64_t n) {
    double m = 0;
    for (int64_t i = 0; i < n; i++) {
        double d = fabs(a[i] - b[i]) / fmax(1.0, fabs(b[i]));
        if (!(d <= m)) m = d;
    }
    return m;
}

/* A C-ordered float64 array with values in [-1, 1) and the same matrix in
 * column-major order for LAPACK. */
static nd_array *new_matrix(uint64_t seed, bool symmetric, double shift, double **colmajor) {
    float *f = malloc(sizeof(float) * N * N);
    nd_array *a = nd_empty(2, (int64_t[]){N, N}, ND_FLOAT64);
    *colmajor = malloc(sizeof(double) * N * N);
    if (!f || !a || !*colmajor) {
        free(f);
        return a;
    }
    bench_fill_f32(f, N * N, -1, 1, seed);
    double *d = nd_data(a);
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++)
            d[i * N + j] = symmetric ? 0.5 * ((double)f[i * N + j] + (double)f[j * N + i])
                                     : (double)f[i * N + j] + (i == j ? shift : 0);
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) (*colmajor)[i + j * N] = d[i * N + j];
    free(f);
    return a;
}

static void run(const char *name, void (*nd_fn)(void *), void (*base_fn)(void *), la_args *x) {
    printf("  %s ...\n", name);
    fflush(stdout);
    x->st = ND_OK;
    x->info = 0;
    double t = bench_time(nd_fn, x, 1);
    if (x->st != ND_OK) {
        bench_note("%s: libnd failed: %s", name, nd_errmsg());
        t = NAN;
    }
    bench_record(name, "libnd", t);
    double tb = bench_time(base_fn, x, 1);
    if (x->info != 0) {
        bench_note("%s: LAPACKE failed (info %d)", name, x->info);
        tb = NAN;
    }
    bench_record(name, "lapacke", tb);
}

void bench_lapack(void) {
    la_args x = {0};
    double *pa = NULL, *pb = NULL, *ps = NULL;
    x.a = new_matrix(21, false, 2.0, &pa);
    x.b = new_matrix(22, false, 0.0, &pb);
    nd_array *sym = new_matrix(23, true, 0.0, &ps);
    x.wa = malloc(sizeof(double) * N * N);
    x.wb = malloc(sizeof(double) * N * N);
    x.u = malloc(sizeof(double) * N * N);
    x.vt = malloc(sizeof(double) * N * N);
    x.w = malloc(sizeof(double) * N);
    x.ipiv = malloc(sizeof(lapack_int) * N);
    x.iwork = malloc(sizeof(lapack_int) * 8 * N);
    if (!x.a || !x.b || !sym || !pa || !pb || !ps || !x.wa || !x.wb || !x.u || !x.vt || !x.w ||
        !x.ipiv || !x.iwork) {
        bench_note("lapack: out of memory");
        goto done;
    }
    x.pa = pa;
    x.pb = pb;

    /* solve: X = A^-1 B; the baseline solves the same system column-major */
    run("solve_f64_512", nd_solve_call, lapacke_solve, &x);
    if (x.r0) {
        double *xt = malloc(sizeof(double) * N * N); /* libnd's X, column-major */
        const double *r = nd_data(x.r0);
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) xt[i + j * N] = r[i * N + j];
        double d = max_rel(xt, x.wb, (int64_t)N * N);
        if (d > 1e-9) bench_note("solve_f64_512: libnd and LAPACKE differ by %.3g", d);
        free(xt);
    }
    keep(&x.r0, NULL);

    /* svd, full matrices (NumPy's default) */
    double q;
    LAPACKE_dgesdd_work(LAPACK_COL_MAJOR, 'A', N, N, x.wa, N, x.w, x.u, N, x.vt, N, &q, -1,
                        x.iwork);
    x.lwork = (lapack_int)q + 1;
    x.work = malloc(sizeof(double) * (size_t)x.lwork);
    if (!x.work) goto done;
    run("svd_f64_512", nd_svd_call, lapacke_svd, &x);
    if (x.r1) {
        double d = max_rel(nd_data(x.r1), x.w, N);
        if (d > 1e-12) bench_note("svd_f64_512: singular values differ by %.3g", d);
    }
    keep(&x.r0, NULL);
    keep(&x.r1, NULL);
    keep(&x.r2, NULL);

    /* eigh of a symmetric matrix, eigenvectors included */
    nd_free(x.a);
    x.a = sym;
    sym = NULL;
    x.pa = ps;
    lapack_int iq;
    LAPACKE_dsyevd_work(LAPACK_COL_MAJOR, 'V', 'L', N, x.wa, N, x.w, &q, -1, &iq, -1);
    free(x.work);
    free(x.iwork);
    x.lwork = (lapack_int)q + 1;
    x.liwork = iq;
    x.work = malloc(sizeof(double) * (size_t)x.lwork);
    x.iwork = malloc(sizeof(lapack_int) * (size_t)iq);
    if (!x.work || !x.iwork) goto done;
    run("eigh_f64_512", nd_eigh_call, lapacke_eigh, &x);
    if (x.r0) {
        double d = max_rel(nd_data(x.r0), x.w, N);
        if (d > 1e-12) bench_note("eigh_f64_512: eigenvalues differ by %.3g", d);
    }
done:
    keep(&x.r0, NULL);
    keep(&x.r1, NULL);
    keep(&x.r2, NULL);
    nd_free(x.a);
    nd_free(x.b);
    nd_free(sym);
    free(pa);
    free(pb);
    free(ps);
    free(x.wa);
    free(x.wb);
    free(x.u);
    free(x.vt);
    free(x.w);
    free(x.work);
    free(x.ipiv);
    free(x.iwork);
}
