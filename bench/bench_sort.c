/* Benchmark cases for sorting: nd_sort of 10^7 random float32 (1-D, a new
 * sorted array, as np.sort returns) against a C baseline as a user would
 * write it (copy, then qsort with a float comparison), and a check that the
 * two agree. NumPy's side (np.sort) is in bench_numpy.py. */
#include "bench.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N10M 10000000

typedef struct sargs {
    nd_array *a;
    const float *pa;
    float *pout;
    int64_t n;
    nd_status st;
} sargs;

static void nd_sort_call(void *p) {
    sargs *x = p;
    nd_array *r = nd_sort(x->a, -1, false);
    if (!r) x->st |= ND_ERR_NOMEM;
    nd_free(r);
}

static int cmp_float(const void *a, const void *b) {
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}
static void loop_qsort(void *p) {
    sargs *x = p;
    memcpy(x->pout, x->pa, sizeof(float) * (size_t)x->n);
    qsort(x->pout, (size_t)x->n, sizeof(float), cmp_float);
    bench_escape(x->pout);
}

void bench_sort(void) {
    const char *name = "sort_f32_10M";
    const int64_t shape[1] = {N10M};
    sargs x = {0};
    x.a = nd_empty(1, shape, ND_FLOAT32);
    x.pout = malloc(sizeof(float) * N10M);
    if (!x.a || !x.pout) {
        bench_note("%s: setup failed: %s", name, nd_errmsg());
        nd_free(x.a);
        free(x.pout);
        return;
    }
    bench_fill_f32(nd_data(x.a), N10M, -1, 1, 7);
    x.pa = nd_data(x.a), x.n = N10M;
    printf("  %s ...\n", name);
    fflush(stdout);
    double t = bench_time(nd_sort_call, &x, 1);
    if (x.st != ND_OK) {
        bench_note("%s: libnd failed: %s", name, nd_errmsg());
        t = NAN;
    }
    bench_record(name, "libnd", t);
    bench_record(name, "c-loop", bench_time(loop_qsort, &x, 1));
    nd_array *r = nd_sort(x.a, -1, false);
    if (!r || bench_max_rel_diff(nd_data(r), x.pout, N10M) != 0)
        bench_note("%s: libnd and qsort disagree", name);
    nd_free(r);
    nd_free(x.a);
    free(x.pout);
}
