/* Functions that return arrays through pointers write nothing to them on
 * error: every pointer keeps the value the caller had in it. Each function
 * runs with its outputs preset to a sentinel handle
 *  - on bad input (NULL array, bad axis, bad shape, k out of range, ...);
 *  - with its Nth allocation failing, for N = 0, 1, ... until it succeeds;
 * and every failure must leave every output slot holding the sentinel. */
#include "nd_test.h"

#include <stdlib.h>

#define NOUT 6 /* the most output slots a case uses */

/* ---------------------------------------------------------------- the failing allocator */

static long g_fail_at = -1;
static long g_count;

static void *count_alloc(size_t size, size_t align, void *ctx) {
    (void)ctx;
    if (g_count++ == g_fail_at) return NULL;
    void *p = NULL;
    if (align < sizeof(void *)) align = sizeof(void *);
    return posix_memalign(&p, align, size ? size : 1) == 0 ? p : NULL;
}
static void plain_free(void *p, void *ctx) {
    (void)ctx;
    free(p);
}

/* ---------------------------------------------------------------- fixtures */

static nd_array *SENT; /* the sentinel every slot starts with; never written to */
static nd_array *F;    /* (3,4) float64 */
static nd_array *SQ;   /* (3,3) float64, symmetric and invertible */
static nd_array *V4;   /* (4,) float64 */
static nd_array *B;    /* (3,4) bool */
static nd_array *I1D;  /* (6,) int64 with repeats */
static nd_array *IDX;  /* (3,) int64 flat indices into (3,4) */

static int setup(void **state) {
    (void)state;
    SENT = nd_zeros(1, SH(1), ND_FLOAT64);
    F = nd_test_array(ND_FLOAT64, 2, SH(3, 4), V(1, -2, 3, 4, 5, 6, -7, 8, 9, 10, 11, 12.5));
    SQ = nd_test_array(ND_FLOAT64, 2, SH(3, 3), V(4, 1, 0, 1, 3, 1, 0, 1, 5));
    V4 = nd_test_array(ND_FLOAT64, 1, SH(4), V(1, 2, 3, 4));
    B = nd_test_array(ND_BOOL, 2, SH(3, 4), V(1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 1, 0));
    I1D = nd_test_array(ND_INT64, 1, SH(6), V(0, 1, 1, 3, 2, 1));
    IDX = nd_test_array(ND_INT64, 1, SH(3), V(0, 5, 11));
    nd_array *all[] = {SENT, F, SQ, V4, B, I1D, IDX};
    for (size_t k = 0; k < sizeof all / sizeof all[0]; k++) ND_ASSERT_ARRAY(all[k]);
    return 0;
}

static int teardown(void **state) {
    (void)state;
    nd_array *all[] = {SENT, F, SQ, V4, B, I1D, IDX};
    for (size_t k = 0; k < sizeof all / sizeof all[0]; k++) nd_free(all[k]);
    return 0;
}

/* ---------------------------------------------------------------- cases */

/* A call writing into o[0..NOUT-1]; bad selects the failing input. */
typedef nd_status (*out_fn)(nd_array **o, bool bad);
typedef struct ocase {
    const char *name;
    out_fn run;
} ocase;

/* The array given on good input, NULL (ND_ERR_NULL) on bad. */
#define OR_NULL(x) (bad ? NULL : (x))

static nd_status c_topk(nd_array **o, bool bad) {
    return nd_topk(F, bad ? 5 : 2, 1, true, &o[0], &o[1]); /* k above the axis's length */
}
static nd_status c_topk_null(nd_array **o, bool bad) {
    return nd_topk(OR_NULL(F), 2, 0, false, &o[0], &o[1]);
}
static nd_status c_topk_axis(nd_array **o, bool bad) {
    return nd_topk(F, 1, bad ? 2 : ND_AXIS_NONE, false, &o[0], &o[1]);
}
static nd_status c_unique(nd_array **o, bool bad) {
    return nd_unique(OR_NULL(I1D), &o[0], &o[1], &o[2], &o[3]);
}
static nd_status c_unique_axis(nd_array **o, bool bad) {
    return nd_unique_axis(F, bad ? 3 : 1, &o[0], &o[1], &o[2], &o[3]);
}
static nd_status c_intersect1d(nd_array **o, bool bad) {
    return nd_intersect1d(I1D, OR_NULL(IDX), false, &o[0], &o[1], &o[2]);
}
static nd_status c_nonzero(nd_array **o, bool bad) { return nd_nonzero(OR_NULL(B), o); }
static nd_status c_histogram(nd_array **o, bool bad) {
    return nd_histogram(F, 4, 0, 0, bad ? V4 : NULL, &o[0], &o[1]); /* weights' shape */
}
static nd_status c_histogramdd(nd_array **o, bool bad) {
    return nd_histogramdd(F, bad ? SH(2, 0, 2, 2) : SH(2, 3, 2, 2), NULL, NULL, false, NULL,
                          &o[0], &o[1]); /* a count of 0 */
}
static nd_status c_histogram2d(nd_array **o, bool bad) {
    return nd_histogram2d(V4, bad ? I1D : V4, NULL, NULL, NULL, false, NULL, &o[0], &o[1], &o[2]);
}
static nd_status c_average(nd_array **o, bool bad) {
    nd_array *r = nd_average(F, 1, (const int[]){1}, false, bad ? I1D : V4, &o[0]);
    if (!r) return nd_last_status();
    nd_free(r);
    return ND_OK;
}
static nd_status c_split(nd_array **o, bool bad) { return nd_split(F, bad ? 3 : 2, 1, o); }
static nd_status c_array_split(nd_array **o, bool bad) {
    return nd_array_split(F, 3, bad ? 2 : 1, o);
}
static nd_status c_split_at(nd_array **o, bool bad) {
    return nd_split_at(OR_NULL(F), 2, SH(1, 3), 1, o);
}
static nd_status c_meshgrid(nd_array **o, bool bad) {
    return nd_meshgrid(2, (const nd_array *[]){V4, OR_NULL(IDX)}, false, false, o);
}
static nd_status c_broadcast_arrays(nd_array **o, bool bad) {
    return nd_broadcast_arrays(2, (const nd_array *[]){F, bad ? IDX : V4}, o);
}
static nd_status c_unravel_index(nd_array **o, bool bad) {
    return nd_unravel_index(IDX, 2, bad ? SH(2, 4) : SH(3, 4), ND_ORDER_C, o); /* 11 is out of range */
}
static nd_status c_indices_sparse(nd_array **o, bool bad) {
    return nd_indices_sparse(2, bad ? SH(3, -1) : SH(3, 4), ND_INT32, o);
}
static nd_status c_tril_indices(nd_array **o, bool bad) {
    return nd_tril_indices(bad ? -1 : 4, 0, 3, &o[0], &o[1]);
}
static nd_status c_triu_indices(nd_array **o, bool bad) {
    return nd_triu_indices(bad ? -1 : 4, 1, 5, &o[0], &o[1]);
}
static nd_status c_slogdet(nd_array **o, bool bad) {
    return nd_linalg_slogdet(bad ? F : SQ, &o[0], &o[1]); /* not square */
}
static nd_status c_qr(nd_array **o, bool bad) {
    return nd_linalg_qr(bad ? V4 : F, ND_QR_REDUCED, &o[0], &o[1]); /* 1-D */
}
static nd_status c_qr_mode(nd_array **o, bool bad) {
    return nd_linalg_qr(F, bad ? (nd_qr_mode)99 : ND_QR_COMPLETE, &o[0], &o[1]);
}
static nd_status c_qr_r(nd_array **o, bool bad) {
    return nd_linalg_qr(OR_NULL(F), ND_QR_R, &o[0], &o[1]);
}
static nd_status c_svd(nd_array **o, bool bad) {
    return nd_linalg_svd(OR_NULL(F), true, true, &o[0], &o[1], &o[2]);
}
static nd_status c_svd_s(nd_array **o, bool bad) {
    return nd_linalg_svd(bad ? V4 : F, false, false, &o[0], &o[1], &o[2]);
}
static nd_status c_eigh(nd_array **o, bool bad) {
    return nd_linalg_eigh(bad ? F : SQ, false, &o[0], &o[1]);
}
static nd_status c_eig(nd_array **o, bool bad) {
    return nd_linalg_eig(bad ? F : SQ, &o[0], &o[1], &o[2], &o[3]);
}
static nd_status c_eigvals(nd_array **o, bool bad) {
    return nd_linalg_eigvals(OR_NULL(SQ), &o[0], &o[1]);
}
static nd_status c_lstsq(nd_array **o, bool bad) {
    return nd_linalg_lstsq(SQ, bad ? V4 : IDX, -1, &o[0], &o[1], &o[2], &o[3]); /* 4 rows for 3 */
}
static nd_status c_lstsq_null(nd_array **o, bool bad) {
    return nd_linalg_lstsq(OR_NULL(SQ), IDX, -1, &o[0], &o[1], &o[2], &o[3]);
}

#define CASE_(fn) {#fn, c_##fn},
static const ocase g_cases[] = {
    CASE_(topk) CASE_(topk_null) CASE_(topk_axis) CASE_(unique) CASE_(unique_axis)
    CASE_(intersect1d) CASE_(nonzero) CASE_(histogram) CASE_(histogramdd) CASE_(histogram2d)
    CASE_(average) CASE_(split) CASE_(array_split) CASE_(split_at) CASE_(meshgrid)
    CASE_(broadcast_arrays) CASE_(unravel_index) CASE_(indices_sparse) CASE_(tril_indices)
    CASE_(triu_indices) CASE_(slogdet) CASE_(qr) CASE_(qr_mode) CASE_(qr_r) CASE_(svd)
    CASE_(svd_s) CASE_(eigh) CASE_(eig) CASE_(eigvals) CASE_(lstsq) CASE_(lstsq_null)
};
#define NCASES (sizeof g_cases / sizeof g_cases[0])

/* Presets every slot to the sentinel. */
static void preset(nd_array **o) {
    for (int k = 0; k < NOUT; k++) o[k] = SENT;
}
/* The number of slots that no longer hold the sentinel. */
static int written(nd_array *const *o) {
    int n = 0;
    for (int k = 0; k < NOUT; k++) n += o[k] != SENT;
    return n;
}
/* Frees what a successful call wrote. */
static void free_written(nd_array **o) {
    for (int k = 0; k < NOUT; k++)
        if (o[k] != SENT) nd_free(o[k]);
}

static void test_bad_input_writes_nothing(void **state) {
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < NCASES; i++) {
        nd_array *o[NOUT];
        preset(o);
        nd_clear_error();
        nd_status st = g_cases[i].run(o, true);
        if (st == ND_OK) {
            print_error("%s: bad input succeeded\n", g_cases[i].name);
            free_written(o);
            bad++;
        } else if (written(o)) {
            print_error("%s: %d outputs written on error (%s)\n", g_cases[i].name, written(o),
                        nd_errmsg());
            bad++;
        }
    }
    nd_clear_error();
    if (bad) fail_msg("%d cases write to their outputs on error", bad);
}

static void test_failed_allocation_writes_nothing(void **state) {
    (void)state;
    static const nd_allocator al = {count_alloc, plain_free, NULL};
    int bad = 0;
    for (size_t i = 0; i < NCASES; i++) {
        for (long n = -1; n < 100000; n++) {
            nd_array *o[NOUT];
            preset(o);
            g_fail_at = n;
            g_count = 0;
            nd_clear_error();
            ND_ASSERT_OK(nd_set_allocator(&al));
            nd_status st = g_cases[i].run(o, false);
            ND_ASSERT_OK(nd_set_allocator(NULL));
            g_fail_at = -1;
            if (st == ND_OK) {
                if (!written(o)) {
                    print_error("%s: wrote nothing on success\n", g_cases[i].name);
                    bad++;
                }
                free_written(o);
                if (n >= 0 && g_count <= n) break; /* every allocation has failed once */
                continue;
            }
            if (n < 0) { /* fails with no failure injected */
                print_error("%s: %s\n", g_cases[i].name, nd_errmsg());
                bad++;
                break;
            }
            if (written(o)) {
                print_error("%s, allocation %ld failing: %d outputs written (%s)\n",
                            g_cases[i].name, n, written(o), nd_errmsg());
                bad++;
                break;
            }
        }
    }
    nd_clear_error();
    if (bad) fail_msg("%d cases write to their outputs on a failed allocation", bad);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_input_writes_nothing),
        cmocka_unit_test(test_failed_allocation_writes_nothing),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
