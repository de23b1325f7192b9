/* Benchmark cases for the matrix products: libnd's matmul on contiguous,
 * transposed (by view) and strided operands against a raw cblas_sgemm on
 * contiguous operands, and batched and small products against a loop of
 * cblas_sgemm calls, timed side by side (alternating repetitions); checks
 * that libnd and the baseline agree. NumPy's side is in bench_numpy.py. */
#include "bench.h"

#include <cblas.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define SMALL_BATCH 20000

typedef struct mm_args {
    nd_array *a, *b, *out; /* libnd's operands (views allowed) */
    const float *pa, *pb;  /* the baseline's contiguous operands */
    float *pc;
    int n, k, m, batch;
    bool ta; /* the baseline reads pa transposed (k x n, row-major) */
    nd_status st;
} mm_args;

static void nd_mm_out_call(void *p) {
    mm_args *x = p;
    x->st |= nd_matmul_out(x->a, x->b, x->out);
}
static void nd_mm_new_call(void *p) {
    mm_args *x = p;
    nd_array *r = nd_matmul(x->a, x->b);
    if (!r) x->st |= ND_ERR_NOMEM;
    bench_escape(r);
    nd_free(r);
}
static void cblas_call(void *p) {
    mm_args *x = p;
    for (int i = 0; i < x->batch; i++) {
        size_t oa = (size_t)i * (size_t)x->n * (size_t)x->k, ob = (size_t)i * (size_t)x->k * (size_t)x->m;
        size_t oc = (size_t)i * (size_t)x->n * (size_t)x->m;
        cblas_sgemm(CblasRowMajor, x->ta ? CblasTrans : CblasNoTrans, CblasNoTrans, x->n, x->m,
                    x->k, 1, x->pa + oa, x->ta ? x->n : x->k, x->pb + ob, x->m, 0, x->pc + oc, x->m);
    }
    bench_escape(x->pc);
}

static nd_array *new_f32(int ndim, const int64_t *shape, uint64_t seed) {
    nd_array *a = nd_empty(ndim, shape, ND_FLOAT32);
    if (a) bench_fill_f32(nd_data(a), nd_size(a), -1, 1, seed);
    return a;
}

/* Both in turns (bench_time_turns): the libnd and cblas calls of a case
 * often take the same BLAS path, and a ratio is what is reported. */
static void time_pair(void (*f)(void *), void (*g)(void *), void *arg, int batch, double *tf,
                      double *tg) {
    void (*const fns[2])(void *) = {f, g};
    void *const args[2] = {arg, arg};
    double med[2];
    bench_time_turns(2, fns, args, batch, med);
    *tf = med[0], *tg = med[1];
}

/* Times libnd (fn) and the cblas baseline side by side; compares libnd's
 * result (the out array, or a fresh nd_matmul) with the baseline's. */
static void run_case(const char *name, void (*fn)(void *), mm_args *x, int batch, double tol) {
    printf("  %s ...\n", name);
    fflush(stdout);
    x->st = ND_OK;
    double t, tc;
    time_pair(fn, cblas_call, x, batch, &t, &tc);
    if (x->st != ND_OK) {
        bench_note("%s: libnd failed: %s", name, nd_errmsg());
        t = NAN;
    }
    bench_record(name, "libnd", t);
    bench_record(name, "cblas", tc);
    nd_array *got = x->out ? x->out : nd_matmul(x->a, x->b);
    if (!got) {
        bench_note("%s: libnd failed: %s", name, nd_errmsg());
        return;
    }
    double d = bench_max_rel_diff(nd_data(got), x->pc, nd_size(got));
    if (!(d <= tol)) bench_note("%s: libnd and cblas differ by %.3g (relative)", name, d);
    if (got != x->out) nd_free(got);
}

void bench_linalg(void) {
    const int64_t sq[2] = {1024, 1024};

    /* C = A @ B, 1024x1024, into an existing C */
    mm_args x = {0};
    nd_array *A = new_f32(2, sq, 11), *B = new_f32(2, sq, 12), *C = nd_zeros(2, sq, ND_FLOAT32);
    float *pc = malloc(sizeof(float) * 1024 * 1024);
    if (A && B && C && pc) {
        x.a = A, x.b = B, x.out = C;
        x.pa = nd_data(A), x.pb = nd_data(B), x.pc = pc;
        x.n = x.k = x.m = 1024, x.batch = 1;
        run_case("matmul_f32_1024", nd_mm_out_call, &x, 1, 1e-5);

        /* A.T @ B with A.T a view; the baseline passes A with CblasTrans */
        mm_args y = x;
        y.a = nd_transpose(A, NULL);
        y.ta = true;
        if (y.a) run_case("matmul_f32_1024_tn", nd_mm_out_call, &y, 1, 1e-5);
        nd_free(y.a);

        /* A[::2, ::2] @ B2, B2 512x1024; the baseline on a contiguous copy of
         * A[::2, ::2] */
        mm_args z = x;
        const int64_t s512[2] = {512, 1024}, o512[2] = {512, 1024};
        z.a = nd_view(A, "::2, ::2");
        z.b = new_f32(2, s512, 13);
        z.out = nd_zeros(2, o512, ND_FLOAT32);
        nd_array *ac = z.a ? nd_copy(z.a) : NULL;
        if (z.a && z.b && z.out && ac) {
            z.pa = nd_data(ac), z.pb = nd_data(z.b);
            z.n = 512, z.k = 512, z.m = 1024;
            run_case("matmul_f32_strided", nd_mm_out_call, &z, 1, 1e-5);
        } else {
            bench_note("matmul_f32_strided: setup failed: %s", nd_errmsg());
        }
        nd_free(ac), nd_free(z.a), nd_free(z.b), nd_free(z.out);
    } else {
        bench_note("matmul_f32_1024: setup failed: %s", nd_errmsg());
    }
    nd_free(A), nd_free(B), nd_free(C);
    free(pc);

    /* batched A @ B, 4096 x 8x8, a new result each call; the baseline loops
     * over cblas_sgemm into an existing buffer */
    const int64_t bs[3] = {4096, 8, 8};
    mm_args w = {0};
    w.a = new_f32(3, bs, 14), w.b = new_f32(3, bs, 15);
    w.pc = malloc(sizeof(float) * 4096 * 64);
    if (w.a && w.b && w.pc) {
        w.pa = nd_data(w.a), w.pb = nd_data(w.b);
        w.n = w.k = w.m = 8, w.batch = 4096;
        run_case("matmul_f32_batched_4096x8x8", nd_mm_new_call, &w, 20, 1e-5);
    } else {
        bench_note("matmul_f32_batched_4096x8x8: setup failed: %s", nd_errmsg());
    }
    nd_free(w.a), nd_free(w.b);
    free(w.pc);

    /* A @ B, 16x16, a new result each call, per call */
    const int64_t s16[2] = {16, 16};
    mm_args s = {0};
    s.a = new_f32(2, s16, 16), s.b = new_f32(2, s16, 17);
    s.pc = malloc(sizeof(float) * 256);
    if (s.a && s.b && s.pc) {
        s.pa = nd_data(s.a), s.pb = nd_data(s.b);
        s.n = s.k = s.m = 16, s.batch = 1;
        run_case("matmul_f32_small_16", nd_mm_new_call, &s, SMALL_BATCH, 1e-5);
    } else {
        bench_note("matmul_f32_small_16: setup failed: %s", nd_errmsg());
    }
    nd_free(s.a), nd_free(s.b);
    free(s.pc);
}
