/* Benchmark cases for the reductions: float32 sums over all axes, over
 * either axis of a 2048x2048 matrix, over the short axis of a 100000x8
 * matrix and over each axis of a 500x600x700 block (~840 MB, allocated
 * once for the three), cumsum along either axis, and argmax. Each times
 * libnd (into a preallocated output) and a plain C loop as a user would
 * write it (single-threaded, -O2, float accumulator), and checks the two
 * agree. NumPy's side is in bench_numpy.py. */
#include "bench.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define N16M (16 * 1024 * 1024)
#define M2K 2048

typedef struct rargs {
    nd_array *a, *out;
    int naxes, axis;
    const float *pa;
    float *pout;
    int64_t *pidx;
    int64_t d0, d1, d2; /* the input's shape (3-D; 2-D uses d0, d1; 1-D d0) */
    nd_status st;
} rargs;

/* ---------------------------------------------------------------- libnd calls */

static void nd_sum_call(void *p) {
    rargs *x = p;
    const int axes[1] = {x->axis};
    x->st |= nd_sum_out(x->a, x->naxes, axes, false, x->out);
}
static void nd_cumsum_call(void *p) {
    rargs *x = p;
    x->st |= nd_cumsum_out(x->a, x->axis, x->out);
}
static void nd_argmax_call(void *p) {
    rargs *x = p;
    x->st |= nd_argmax_out(x->a, ND_AXIS_NONE, false, x->out);
}

/* ---------------------------------------------------------------- C loops */

static void loop_sum_all(void *p) {
    rargs *x = p;
    float s = 0;
    for (int64_t i = 0; i < x->d0; i++) s += x->pa[i];
    x->pout[0] = s;
    bench_escape(x->pout);
}
/* sum over axis 0 of (d0, d1): out[j] += a[i, j], row by row */
static void loop_sum_2d_axis0(void *p) {
    rargs *x = p;
    float *o = x->pout;
    for (int64_t j = 0; j < x->d1; j++) o[j] = 0;
    for (int64_t i = 0; i < x->d0; i++)
        for (int64_t j = 0; j < x->d1; j++) o[j] += x->pa[i * x->d1 + j];
    bench_escape(o);
}
/* running sum along axis 0 or 1 of (d0, d1) */
static void loop_cumsum_2d(void *p) {
    rargs *x = p;
    float *o = x->pout;
    const float *a = x->pa;
    const int64_t n0 = x->d0, n1 = x->d1;
    if (x->axis == 0) {
        for (int64_t j = 0; j < n1; j++) o[j] = a[j];
        for (int64_t i = 1; i < n0; i++)
            for (int64_t j = 0; j < n1; j++) o[i * n1 + j] = o[(i - 1) * n1 + j] + a[i * n1 + j];
    } else {
        for (int64_t i = 0; i < n0; i++) {
            float s = 0;
            for (int64_t j = 0; j < n1; j++) o[i * n1 + j] = s += a[i * n1 + j];
        }
    }
    bench_escape(o);
}
/* sum over axis 1 of (d0, d1): one running sum per row */
static void loop_sum_2d_axis1(void *p) {
    rargs *x = p;
    for (int64_t i = 0; i < x->d0; i++) {
        float s = 0;
        for (int64_t j = 0; j < x->d1; j++) s += x->pa[i * x->d1 + j];
        x->pout[i] = s;
    }
    bench_escape(x->pout);
}
/* sum of (d0, d1, d2) over one axis, loops in memory order */
static void loop_sum_3d(void *p) {
    rargs *x = p;
    const int64_t n0 = x->d0, n1 = x->d1, n2 = x->d2;
    const float *a = x->pa;
    float *o = x->pout;
    if (x->axis == 0) {
        for (int64_t k = 0; k < n1 * n2; k++) o[k] = 0;
        for (int64_t i = 0; i < n0; i++)
            for (int64_t k = 0; k < n1 * n2; k++) o[k] += a[i * n1 * n2 + k];
    } else if (x->axis == 1) {
        for (int64_t k = 0; k < n0 * n2; k++) o[k] = 0;
        for (int64_t i = 0; i < n0; i++)
            for (int64_t j = 0; j < n1; j++)
                for (int64_t k = 0; k < n2; k++) o[i * n2 + k] += a[(i * n1 + j) * n2 + k];
    } else {
        for (int64_t r = 0; r < n0 * n1; r++) {
            float s = 0;
            for (int64_t k = 0; k < n2; k++) s += a[r * n2 + k];
            o[r] = s;
        }
    }
    bench_escape(o);
}
static void loop_argmax(void *p) {
    rargs *x = p;
    int64_t best = 0;
    for (int64_t i = 1; i < x->d0; i++)
        if (x->pa[i] > x->pa[best]) best = i;
    x->pidx[0] = best;
    bench_escape(x->pidx);
}

/* ---------------------------------------------------------------- cases */

static nd_array *new_f32(int ndim, const int64_t *shape, uint64_t seed) {
    nd_array *a = nd_empty(ndim, shape, ND_FLOAT32);
    if (a) bench_fill_f32(nd_data(a), nd_size(a), 0, 1, seed);
    return a;
}

/* Times libnd (result in x->out) and the C loop (into its own buffer),
 * records both, and notes a difference above tol (relative). Returns
 * libnd's median. */
static double run_case(const char *name, void (*nd_fn)(void *), void (*loop_fn)(void *), rargs *x, double tol) {
    printf("  %s ...\n", name);
    fflush(stdout);
    x->st = ND_OK;
    double t_nd = bench_time(nd_fn, x, 1);
    if (x->st != ND_OK) {
        bench_note("%s: libnd failed: %s", name, nd_errmsg());
        t_nd = NAN;
    }
    bench_record(name, "libnd", t_nd);
    int64_t n = nd_size(x->out);
    bool idx = nd_dtype_of(x->out) == ND_INT64;
    float *mine = malloc(sizeof(float) * (size_t)n);
    int64_t mine_idx = -1;
    if (!mine) return t_nd;
    x->pout = mine;
    x->pidx = &mine_idx;
    bench_record(name, "c-loop", bench_time(loop_fn, x, 1));
    if (idx) {
        int64_t got = *(const int64_t *)nd_data(x->out);
        if (got != mine_idx) bench_note("%s: libnd gives index %lld, the C loop %lld", name, (long long)got, (long long)mine_idx);
    } else {
        double d = bench_max_rel_diff(nd_data(x->out), mine, n);
        if (!(d <= tol)) bench_note("%s: libnd and the C loop differ by %.3g (relative)", name, d);
    }
    free(mine);
    return t_nd;
}

void bench_reduce(void) {
    /* the whole of 16M floats */
    const int64_t n16m[1] = {N16M};
    rargs x = {0};
    x.a = new_f32(1, n16m, 11);
    x.out = nd_empty(0, NULL, ND_FLOAT32);
    if (x.a && x.out) {
        x.pa = nd_data(x.a), x.d0 = N16M, x.naxes = ND_ALL_AXES;
        /* the float loop drifts by ~1e-3 over 16M terms; libnd sums pairwise */
        run_case("sum_f32_16M", nd_sum_call, loop_sum_all, &x, 1e-2);
        nd_free(x.out);
        x.out = nd_empty(0, NULL, ND_INT64);
        if (x.out) run_case("argmax_f32_16M", nd_argmax_call, loop_argmax, &x, 0);
    } else {
        bench_note("sum_f32_16M, argmax_f32_16M: setup failed: %s", nd_errmsg());
    }
    nd_free(x.a), nd_free(x.out);

    /* 2048x2048 over axis 0 and axis 1 */
    const int64_t sq[2] = {M2K, M2K}, row[1] = {M2K};
    rargs y = {0};
    y.a = new_f32(2, sq, 12);
    y.out = nd_empty(1, row, ND_FLOAT32);
    if (y.a && y.out) {
        y.pa = nd_data(y.a), y.d0 = M2K, y.d1 = M2K, y.naxes = 1;
        y.axis = 0;
        run_case("sum_axis0_2048", nd_sum_call, loop_sum_2d_axis0, &y, 1e-4);
        y.axis = 1;
        run_case("sum_axis1_2048", nd_sum_call, loop_sum_2d_axis1, &y, 1e-4);
        nd_free(y.out);
        y.out = nd_empty(2, sq, ND_FLOAT32);
        /* the C loop's float running sums drift like libnd's (both sequential) */
        for (y.axis = 0; y.out && y.axis < 2; y.axis++)
            run_case(y.axis ? "cumsum_axis1_2048" : "cumsum_axis0_2048", nd_cumsum_call, loop_cumsum_2d, &y, 1e-4);
    } else {
        bench_note("sum_axis0_2048, sum_axis1_2048, cumsum_*: setup failed: %s", nd_errmsg());
    }
    nd_free(y.a), nd_free(y.out);

    /* 100000 rows of 8: the cost is per row */
    const int64_t tall[2] = {100000, 8}, col[1] = {100000};
    rargs w = {0};
    w.a = new_f32(2, tall, 14);
    w.out = nd_empty(1, col, ND_FLOAT32);
    if (w.a && w.out) {
        w.pa = nd_data(w.a), w.d0 = tall[0], w.d1 = tall[1], w.naxes = 1, w.axis = 1;
        run_case("sum_axis1_100000x8", nd_sum_call, loop_sum_2d_axis1, &w, 1e-5);
    } else {
        bench_note("sum_axis1_100000x8: setup failed: %s", nd_errmsg());
    }
    nd_free(w.a), nd_free(w.out);

    /* 500x600x700 (~840 MB), allocated once, over each axis */
    const int64_t cube[3] = {500, 600, 700};
    rargs z = {0};
    z.a = new_f32(3, cube, 13);
    if (z.a) {
        z.pa = nd_data(z.a), z.d0 = cube[0], z.d1 = cube[1], z.d2 = cube[2], z.naxes = 1;
        static const char *const names[3] = {"sum_3d_axis0", "sum_3d_axis1", "sum_3d_axis2"};
        nd_array *outs[3] = {NULL, NULL, NULL};
        for (int ax = 0; ax < 3; ax++) {
            int64_t oshape[2] = {ax == 0 ? cube[1] : cube[0], ax == 2 ? cube[1] : cube[2]};
            z.out = outs[ax] = nd_empty(2, oshape, ND_FLOAT32);
            z.axis = ax;
            if (z.out) run_case(names[ax], nd_sum_call, loop_sum_3d, &z, 1e-4);
        }
        /* The goal compares the axes with each other, so time them in turns:
         * memory bandwidth here drifts by up to 2x within seconds, and
         * back-to-back cases would compare different machine states. */
        if (outs[0] && outs[1] && outs[2]) {
            rargs za[3] = {z, z, z};
            void (*const fns[3])(void *) = {nd_sum_call, nd_sum_call, nd_sum_call};
            void *const args[3] = {&za[0], &za[1], &za[2]};
            double med[3];
            for (int ax = 0; ax < 3; ax++) za[ax].out = outs[ax], za[ax].axis = ax, za[ax].st = ND_OK;
            bench_time_turns(3, fns, args, 1, med);
            double lo = fmin(med[0], fmin(med[1], med[2])), hi = fmax(med[0], fmax(med[1], med[2]));
            if (za[0].st == ND_OK && za[1].st == ND_OK && za[2].st == ND_OK)
                bench_note("sum_3d: slowest axis / fastest axis = %.2f (libnd, the axes timed in turns: %.1f, %.1f, "
                           "%.1f ms; the goal is at most 1.5)", hi / lo, med[0] * 1e3, med[1] * 1e3, med[2] * 1e3);
        }
        for (int ax = 0; ax < 3; ax++) nd_free(outs[ax]);
    } else {
        bench_note("sum_3d_axis*: setup failed (840 MB): %s", nd_errmsg());
    }
    nd_free(z.a);
}
