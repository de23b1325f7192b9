/* Benchmark case for einsum: "ijk,jkl->il" on two 64x64x64 float64 blocks,
 * libnd's nd_einsum (one GEMM of 64x4096 by 4096x64 through nd_matmul)
 * against that GEMM called directly with cblas_dgemm on the same data, and
 * checks the two agree. NumPy's side (np.einsum with optimize=False and
 * optimize=True) is in bench_numpy.py. */
#include "bench.h"

#include <cblas.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define EIN_N 64

typedef struct ein_args {
    nd_array *a, *b, *r;
    const double *pa, *pb;
    double *pc;
    nd_status st;
} ein_args;

static void nd_einsum_call(void *p) {
    ein_args *x = p;
    const nd_array *ops[2] = {x->a, x->b};
    nd_free(x->r);
    x->r = nd_einsum("ijk,jkl->il", 2, ops);
    if (!x->r) x->st = nd_last_status();
}

static void dgemm_call(void *p) {
    ein_args *x = p;
    const int n = EIN_N, k = EIN_N * EIN_N;
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, k, 1.0, x->pa, k, x->pb, n, 0.0,
                x->pc, n);
    bench_escape(x->pc);
}

static nd_array *new_f64(int64_t n, uint64_t seed) {
    const int64_t shape[3] = {n, n, n};
    nd_array *a = nd_empty(3, shape, ND_FLOAT64);
    float *tmp = malloc(sizeof(float) * (size_t)(n * n * n));
    if (a && tmp) {
        bench_fill_f32(tmp, n * n * n, -1, 1, seed);
        double *d = nd_data(a);
        for (int64_t i = 0; i < n * n * n; i++) d[i] = tmp[i];
    }
    free(tmp);
    return a;
}

void bench_linalg_einsum(void) {
    static const char name[] = "einsum_ijk_jkl_il";
    printf("  %s ...\n", name);
    fflush(stdout);
    ein_args x = {0};
    x.a = new_f64(EIN_N, 21);
    x.b = new_f64(EIN_N, 22);
    x.pc = malloc(sizeof(double) * EIN_N * EIN_N);
    if (!x.a || !x.b || !x.pc) {
        bench_note("%s: setup failed: %s", name, nd_errmsg());
    } else {
        x.pa = nd_data(x.a), x.pb = nd_data(x.b);
        double t = bench_time(nd_einsum_call, &x, 10);
        if (x.st != ND_OK || !x.r) {
            bench_note("%s: libnd failed: %s", name, nd_errmsg());
            t = NAN;
        }
        bench_record(name, "libnd", t);
        bench_record(name, "cblas", bench_time(dgemm_call, &x, 10));
        if (x.r) {
            const double *got = nd_data(x.r);
            double d = 0;
            for (int i = 0; i < EIN_N * EIN_N; i++)
                d = fmax(d, fabs(got[i] - x.pc[i]) / fmax(1.0, fabs(x.pc[i])));
            if (!(d <= 1e-12)) bench_note("%s: libnd and cblas_dgemm differ by %.3g", name, d);
        }
    }
    nd_free(x.a);
    nd_free(x.b);
    nd_free(x.r);
    free(x.pc);
}
