/* Benchmark cases for the element-wise engine: each times libnd and a plain
 * C loop on the same data (single-threaded, -O2, as a user would write it),
 * and checks that the two agree. NumPy's side is in bench_numpy.py. */
#include "bench.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define N16M (16 * 1024 * 1024)
#define M2K 2048
#define TINY_BATCH 100000

typedef struct args {
    nd_array *a, *b, *out;
    const float *pa, *pb;
    float *pout;
    int64_t n;
    nd_status st;
} args;

/* ---------------------------------------------------------------- libnd calls */

static void nd_add_call(void *p) {
    args *x = p;
    x->st |= nd_add_out(x->a, x->b, x->out);
}
static void nd_exp_call(void *p) {
    args *x = p;
    x->st |= nd_exp_out(x->a, x->out);
}
static void nd_add_new_call(void *p) {
    args *x = p;
    nd_array *r = nd_add(x->a, x->b);
    if (!r) x->st |= ND_ERR_NOMEM;
    nd_free(r);
}

/* ---------------------------------------------------------------- C loops */

static void loop_add(void *p) {
    args *x = p;
    const float *a = x->pa, *b = x->pb;
    float *c = x->pout;
    for (int64_t i = 0; i < x->n; i++) c[i] = a[i] + b[i];
    bench_escape(c);
}
static void loop_add_row(void *p) { /* c[i, j] = m[i, j] + v[j] */
    args *x = p;
    const float *m = x->pa, *v = x->pb;
    float *c = x->pout;
    for (int64_t i = 0; i < x->n; i++)
        for (int64_t j = 0; j < x->n; j++) c[i * x->n + j] = m[i * x->n + j] + v[j];
    bench_escape(c);
}
static void loop_add_transposed(void *p) { /* c[i, j] = m[j, i] + m[i, j], naively */
    args *x = p;
    const float *m = x->pa;
    float *c = x->pout;
    for (int64_t i = 0; i < x->n; i++)
        for (int64_t j = 0; j < x->n; j++) c[i * x->n + j] = m[j * x->n + i] + m[i * x->n + j];
    bench_escape(c);
}
static void loop_add_new(void *p) { /* a new 4-element result each call */
    args *x = p;
    float *c = malloc(sizeof(float) * (size_t)x->n);
    if (!c) return;
    for (int64_t i = 0; i < x->n; i++) c[i] = x->pa[i] + x->pb[i];
    bench_escape(c);
    free(c);
}
static void loop_exp(void *p) {
    args *x = p;
    const float *a = x->pa;
    float *c = x->pout;
    for (int64_t i = 0; i < x->n; i++) c[i] = expf(a[i]);
    bench_escape(c);
}

/* ---------------------------------------------------------------- cases */

static nd_array *new_f32(int ndim, const int64_t *shape, float lo, float hi, uint64_t seed) {
    nd_array *a = nd_empty(ndim, shape, ND_FLOAT32);
    if (a) bench_fill_f32(nd_data(a), nd_size(a), lo, hi, seed);
    return a;
}

/* Times libnd and the C loop; compares libnd's output with the loop's. */
static void run_case(const char *name, void (*nd_fn)(void *), void (*loop_fn)(void *), args *x,
                     int batch, double tol) {
    printf("  %s ...\n", name);
    fflush(stdout);
    x->st = ND_OK;
    double t_nd = bench_time(nd_fn, x, batch);
    if (x->st != ND_OK) {
        bench_note("%s: libnd failed: %s", name, nd_errmsg());
        t_nd = NAN;
    }
    bench_record(name, "libnd", t_nd);
    if (!x->out) {
        bench_record(name, "c-loop", bench_time(loop_fn, x, batch));
        return;
    }
    float *nd_result = nd_data(x->out);
    float *mine = malloc(sizeof(float) * (size_t)nd_size(x->out));
    if (!mine) return;
    float *saved = x->pout;
    x->pout = mine;
    bench_record(name, "c-loop", bench_time(loop_fn, x, batch));
    x->pout = saved;
    double d = bench_max_rel_diff(nd_result, mine, nd_size(x->out));
    if (!(d <= tol)) bench_note("%s: libnd and the C loop differ by %.3g (relative)", name, d);
    free(mine);
}

void bench_elementwise(void) {
    const int64_t n16m[1] = {N16M}, sq[2] = {M2K, M2K}, row[1] = {M2K}, four[1] = {4};

    /* c = a + b, 16M float32, into an existing c */
    args x = {0};
    x.a = new_f32(1, n16m, -1, 1, 1);
    x.b = new_f32(1, n16m, -1, 1, 2);
    x.out = nd_zeros(1, n16m, ND_FLOAT32);
    if (x.a && x.b && x.out) {
        x.pa = nd_data(x.a), x.pb = nd_data(x.b), x.n = N16M;
        run_case("add_f32_16M", nd_add_call, loop_add, &x, 1, 0);
        /* exp(a) into an existing output, same arrays */
        run_case("exp_f32_16M", nd_exp_call, loop_exp, &x, 1, 1e-6);
    } else {
        bench_note("add_f32_16M, exp_f32_16M: setup failed: %s", nd_errmsg());
    }
    nd_free(x.a), nd_free(x.b), nd_free(x.out);

    /* M + v, 2048x2048 + 2048, into an existing output */
    args y = {0};
    y.a = new_f32(2, sq, -1, 1, 3);
    y.b = new_f32(1, row, -1, 1, 4);
    y.out = nd_zeros(2, sq, ND_FLOAT32);
    if (y.a && y.b && y.out) {
        y.pa = nd_data(y.a), y.pb = nd_data(y.b), y.n = M2K;
        run_case("add_bcast_row_2048", nd_add_call, loop_add_row, &y, 1, 0);
    } else {
        bench_note("add_bcast_row_2048: setup failed: %s", nd_errmsg());
    }
    nd_free(y.b);

    /* M.T + M, 2048x2048, into an existing output */
    args z = y;
    z.a = nd_transpose(y.a, NULL);
    z.b = y.a;
    if (z.a && z.b && z.out) {
        z.pa = nd_data(y.a), z.pb = NULL, z.n = M2K;
        run_case("add_transposed_2048", nd_add_call, loop_add_transposed, &z, 1, 0);
    } else {
        bench_note("add_transposed_2048: setup failed: %s", nd_errmsg());
    }
    nd_free(z.a), nd_free(y.a), nd_free(y.out);

    /* x + y on 4 elements, a new result each call (freed), per call */
    args t = {0};
    t.a = new_f32(1, four, -1, 1, 5);
    t.b = new_f32(1, four, -1, 1, 6);
    if (t.a && t.b) {
        t.pa = nd_data(t.a), t.pb = nd_data(t.b), t.n = 4;
        run_case("add_tiny_4", nd_add_new_call, loop_add_new, &t, TINY_BATCH, 0);
    } else {
        bench_note("add_tiny_4: setup failed: %s", nd_errmsg());
    }
    nd_free(t.a), nd_free(t.b);
}
