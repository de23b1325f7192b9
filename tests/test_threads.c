/* Tests for threads and settings (src/iter/threads.c, src/iter/reduce.c,
 * src/kernels/dispatch.c):
 * - reductions give the same bits on 1 to 8 threads (sum, prod, mean,
 *   nansum, nanmean, var, std over shapes that take every path of the
 *   walker: whole-array and sliced folds, column blocks, row units);
 * - a failed scratch allocation in a reduction is ND_ERR_NOMEM, never a
 *   result summed in another order;
 * - the avx2 float sums stay within README.md's bound of ref's;
 * - nd_set_num_threads made while another thread decides the default count
 *   is never lost (in fresh processes: this binary re-run as a child).
 * Several calling threads at once are test_concurrency.c's. */
#include "nd_test_layouts.h"

#include <float.h>
#include <pthread.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* splitmix64: reproducible values, independent of libnd's generator. */
static uint64_t next_u64(uint64_t *s) {
    uint64_t z = (*s += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}
static double uniform01(uint64_t *s) { return (double)(next_u64(s) >> 11) * 0x1p-53; }

typedef enum vals { VALS_SIGNED, VALS_POSITIVE, VALS_NEAR_ONE, VALS_NANS } vals;

/* n values of dtype dt (float32 or float64), C order: uniform in [-1, 1],
 * in [0, 1), in 1 +- 2^-10 (products stay finite), or signed with every
 * 97th a NaN. */
static nd_array *random_array(nd_dtype dt, int ndim, const int64_t *shape, vals kind, uint64_t seed) {
    int64_t n = count_of(ndim, shape);
    double *v = malloc(sizeof(double) * (size_t)n);
    assert_non_null(v);
    for (int64_t i = 0; i < n; i++) {
        double u = uniform01(&seed);
        v[i] = kind == VALS_POSITIVE ? u : kind == VALS_NEAR_ONE ? 1 + (2 * u - 1) * 0x1p-10 : 2 * u - 1;
        if (kind == VALS_NANS && i % 97 == 5) v[i] = NAN;
    }
    nd_array *a = nd_test_array(dt, ndim, shape, v);
    free(v);
    ND_ASSERT_ARRAY(a);
    return a;
}

/* ---------------------------------------------------------------- same bits on any thread count */

typedef enum red_op { R_SUM, R_PROD, R_MEAN, R_NANSUM, R_NANMEAN, R_VAR, R_STD, NUM_RED } red_op;
static const char *const g_red_names[NUM_RED] = {"sum", "prod", "mean", "nansum", "nanmean", "var", "std"};

static nd_array *reduce(red_op op, const nd_array *a, int naxes, const int *axes) {
    switch (op) {
    case R_SUM: return nd_sum(a, naxes, axes, false);
    case R_PROD: return nd_prod(a, naxes, axes, false);
    case R_MEAN: return nd_mean(a, naxes, axes, false);
    case R_NANSUM: return nd_nansum(a, naxes, axes, false);
    case R_NANMEAN: return nd_nanmean(a, naxes, axes, false);
    case R_VAR: return nd_var(a, naxes, axes, false, 0);
    default: return nd_std(a, naxes, axes, false, 1);
    }
}

static vals values_for(red_op op) {
    return op == R_PROD ? VALS_NEAR_ONE : op == R_NANSUM || op == R_NANMEAN ? VALS_NANS : VALS_SIGNED;
}

/* An input for the bits test: a shape, the axes reduced, and a view. */
typedef struct bits_case {
    const char *name;
    int ndim;
    int64_t shape[3];
    int naxes; /* ND_ALL_AXES for all */
    int axes[2];
    const char *view; /* nd_view index, "T" for the transpose, or NULL */
} bits_case;

static const bits_case g_bits_cases[] = {
    /* the case: a whole (1000, 1000) float64 array */
    {"(1000, 1000), all axes", 2, {1000, 1000}, ND_ALL_AXES, {0}, NULL},
    {"(1000, 1000).T, all axes", 2, {1000, 1000}, ND_ALL_AXES, {0}, "T"},
    {"(1000, 1000), axis 0", 2, {1000, 1000}, 1, {0}, NULL},
    {"(1000, 1000), axis 1", 2, {1000, 1000}, 1, {1}, NULL},
    {"(2, 600000), axis 1", 2, {2, 600000}, 1, {1}, NULL},
    {"(600000, 3), axis 0", 2, {600000, 3}, 1, {0}, NULL},
    {"(40, 100, 300), axes 0 and 2", 3, {40, 100, 300}, 2, {0, 2}, NULL},
    {"(1200000,)[::3], all axes", 1, {1200000}, ND_ALL_AXES, {0}, "::3"},
};
#define NUM_BITS_CASES (int)(sizeof g_bits_cases / sizeof g_bits_cases[0])

static int restore_threads(void **state) {
    (void)state;
    nd_set_num_threads(0);
    nd_set_arch(NULL);
    nd_set_allocator(NULL);
    nd_clear_error();
    return 0;
}

/* Each reduction of each case on 1..8 threads: the same bits as on one. */
static void check_bits_over_threads(nd_dtype dt, red_op op) {
    for (int c = 0; c < NUM_BITS_CASES; c++) {
        const bits_case *bc = &g_bits_cases[c];
        nd_array *base = random_array(dt, bc->ndim, bc->shape, values_for(op), 7 + (uint64_t)c);
        nd_array *a = !bc->view ? base : strcmp(bc->view, "T") == 0 ? nd_transpose(base, NULL) : nd_view(base, bc->view);
        ND_ASSERT_ARRAY(a);
        nd_array *first = NULL;
        for (int t = 1; t <= 8; t++) {
            ND_ASSERT_OK(nd_set_num_threads(t));
            nd_array *r = reduce(op, a, bc->naxes, bc->axes);
            ND_ASSERT_ARRAY(r);
            if (!first) {
                first = r;
                continue;
            }
            const char *p = nd_data(r), *q = nd_data(first);
            const int64_t isz = (int64_t)nd_dtype_size(nd_dtype_of(r));
            for (int64_t i = 0; i < nd_size(r); i++)
                if (memcmp(p + i * isz, q + i * isz, (size_t)isz) != 0)
                    fail_msg("nd_%s of %s %s: element %lld is %a on %d threads, %a on 1",
                             g_red_names[op], nd_dtype_name(dt), bc->name, (long long)i,
                             dt == ND_FLOAT32 ? (double)((const float *)p)[i] : ((const double *)p)[i], t,
                             dt == ND_FLOAT32 ? (double)((const float *)q)[i] : ((const double *)q)[i]);
            nd_free(r);
        }
        nd_free(first);
        if (a != base) nd_free(a);
        nd_free(base);
    }
    ND_ASSERT_OK(nd_set_num_threads(0));
}

static void test_sum_bits_any_threads(void **state) {
    (void)state;
    check_bits_over_threads(ND_FLOAT64, R_SUM);
    check_bits_over_threads(ND_FLOAT32, R_SUM);
}

static void test_prod_bits_any_threads(void **state) {
    (void)state;
    check_bits_over_threads(ND_FLOAT64, R_PROD);
}

static void test_mean_bits_any_threads(void **state) {
    (void)state;
    check_bits_over_threads(ND_FLOAT64, R_MEAN);
    check_bits_over_threads(ND_FLOAT32, R_MEAN);
}

static void test_nansum_bits_any_threads(void **state) {
    (void)state;
    check_bits_over_threads(ND_FLOAT64, R_NANSUM);
    check_bits_over_threads(ND_FLOAT64, R_NANMEAN);
}

static void test_var_bits_any_threads(void **state) {
    (void)state;
    check_bits_over_threads(ND_FLOAT64, R_VAR);
    check_bits_over_threads(ND_FLOAT32, R_STD);
}

/* ---------------------------------------------------------------- scratch failures */

/* The fault runs compare with the result of a run without faults. */
static nd_array *g_want;
static int g_red_naxes;
static const int *g_red_axes;

static nd_status sum_matches(const nd_array *a) {
    nd_array *r = nd_sum(a, g_red_naxes, g_red_axes, false);
    if (!r) return nd_last_status();
    if (nd_nbytes(r) != nd_nbytes(g_want) || memcmp(nd_data(r), nd_data(g_want), nd_nbytes(r)) != 0)
        fail_msg("nd_sum succeeded with an allocation failing, with other bits than without");
    nd_free(r);
    return ND_OK;
}

/* Sums whose pairwise stack is scratch memory: over axis 0 of (100, 1000)
 * (column units), and of (600000, 3) (slices of the reduced axis). With any
 * one allocation failing, the sum is ND_ERR_NOMEM or exactly right: never
 * summed in another order. On one thread and on four (the scratch of every
 * thread is allocated by the caller). */
static void test_reduce_scratch_failure(void **state) {
    (void)state;
    static const int axis0[] = {0};
    const int64_t shapes[][2] = {{100, 1000}, {600000, 3}};
    for (int s = 0; s < 2; s++)
        for (int t = 1; t <= 4; t += 3) {
            ND_ASSERT_OK(nd_set_num_threads(t));
            nd_array *a = random_array(ND_FLOAT64, 2, shapes[s], VALS_SIGNED, 99);
            g_red_naxes = 1;
            g_red_axes = axis0;
            g_want = nd_sum(a, 1, axis0, false);
            ND_ASSERT_ARRAY(g_want);
            run_with_faults("nd_sum", sum_matches, a);
            nd_free(g_want);
            nd_free(a);
        }
    ND_ASSERT_OK(nd_set_num_threads(0));
}

/* ---------------------------------------------------------------- ref against avx2 */

/* The bound README.md states ("Threads and kernels") for float sums on
 * kernel levels other than ref: 8 ULP of the result on rows of non-negative
 * values, and 4 eps sum|x| in general (measured: 5 and 3 ULP, 3 eps). */
#define LEVEL_SUM_MAX_ULP 8
#define LEVEL_SUM_MAX_EPS 4

static double ulp_at(double x, nd_dtype dt) {
    if (dt == ND_FLOAT32) {
        float f = fabsf((float)x);
        return (double)(nextafterf(f, INFINITY) - f);
    }
    double d = fabs(x);
    return nextafter(d, INFINITY) - d;
}

static double sum_on(const char *level, const nd_array *a) {
    ND_ASSERT_OK(nd_set_arch(level));
    nd_array *s = nd_sum(a, ND_ALL_AXES, NULL, false);
    ND_ASSERT_ARRAY(s);
    double v = nd_dtype_of(s) == ND_FLOAT32 ? (double)*(const float *)nd_data(s) : *(const double *)nd_data(s);
    nd_free(s);
    return v;
}

/* Rows of every length to 300 (both levels' blockings) and long ones, of
 * non-negative and of signed values, summed on ref and on avx2. */
static void test_level_sum_bound(void **state) {
    (void)state;
    if (nd_set_arch("avx2") != ND_OK) {
        nd_clear_error();
        skip();
    }
    static const int64_t long_lens[] = {1000, 4099, 65537, 300001, 1000003};
    const int nlong = (int)(sizeof long_lens / sizeof long_lens[0]);
    const nd_dtype dts[] = {ND_FLOAT32, ND_FLOAT64};
    for (int t = 0; t < 2; t++)
        for (int k = 1; k <= 300 + nlong; k++) {
            const int64_t n = k <= 300 ? k : long_lens[k - 301];
            for (int pos = 0; pos < 2; pos++) {
                nd_array *a = random_array(dts[t], 1, &n, pos ? VALS_POSITIVE : VALS_SIGNED, (uint64_t)(k * 4 + pos));
                nd_array *a64 = nd_astype(a, ND_FLOAT64);
                ND_ASSERT_ARRAY(a64);
                double mag = 0;
                for (int64_t i = 0; i < n; i++) mag += fabs(((const double *)nd_data(a64))[i]);
                const double r = sum_on("ref", a), v = sum_on("avx2", a), d = fabs(r - v);
                const double eps = dts[t] == ND_FLOAT32 ? FLT_EPSILON : DBL_EPSILON;
                if (pos && d > LEVEL_SUM_MAX_ULP * ulp_at(r, dts[t]))
                    fail_msg("%s sum of %lld values in [0, 1): ref %a, avx2 %a: %.0f ULP apart", nd_dtype_name(dts[t]),
                             (long long)n, r, v, d / ulp_at(r, dts[t]));
                if (d > LEVEL_SUM_MAX_EPS * eps * mag)
                    fail_msg("%s sum of %lld values: ref %a, avx2 %a: %.3g eps sum|x| apart", nd_dtype_name(dts[t]),
                             (long long)n, r, v, d / (eps * mag));
                nd_free(a64);
                nd_free(a);
            }
        }
    ND_ASSERT_OK(nd_set_arch(NULL));
}

/* ---------------------------------------------------------------- the thread-count setting */

/* In a fresh process: one thread makes the first decision of the default
 * count (as a first large operation does) while the main thread sets a
 * count. Exits 0 when the set count is what remains, 1 if it was lost. */
static pthread_barrier_t g_barrier;

static void *first_use(void *arg) {
    (void)arg;
    pthread_barrier_wait(&g_barrier);
    (void)nd_get_num_threads();
    return NULL;
}

static int set_threads_race_child(void) {
    const int want = sysconf(_SC_NPROCESSORS_ONLN) == 3 ? 5 : 3;
    pthread_t t;
    pthread_barrier_init(&g_barrier, NULL, 2);
    if (pthread_create(&t, NULL, first_use, NULL) != 0) return 2;
    pthread_barrier_wait(&g_barrier);
    nd_status st = nd_set_num_threads(want);
    pthread_join(t, NULL);
    pthread_barrier_destroy(&g_barrier);
    return st == ND_OK && nd_get_num_threads() == want ? 0 : 1;
}

/* nd_set_num_threads racing the first decision of the default, in fresh
 * processes: the user's count always wins (it was lost in 7 to 145 of
 * 2000 processes when the default overwrote it). */
static void test_set_threads_not_lost(void **state) {
    (void)state;
    const int runs = UNDER_ASAN ? 60 : 200;
    int lost = 0;
    for (int i = 0; i < runs; i++) {
        char *argv[] = {"test_threads", "--set-threads-race-child", NULL};
        pid_t pid;
        /* ND_NUM_THREADS would make the default the user's choice too */
        if (posix_spawn(&pid, "/proc/self/exe", NULL, NULL, argv, environ) != 0) fail_msg("posix_spawn failed");
        int status;
        if (waitpid(pid, &status, 0) != pid) fail_msg("waitpid failed");
        if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) fail_msg("child %d: status %d", i, status);
        lost += WEXITSTATUS(status);
    }
    if (lost) fail_msg("nd_set_num_threads lost in %d of %d fresh processes", lost, runs);
}

/* The count and its default: 0 restores the default, which ND_NUM_THREADS
 * or the CPU count decides once, and which a set count never changes. */
static void test_set_threads_default(void **state) {
    (void)state;
    ND_ASSERT_OK(nd_set_num_threads(0));
    const int def = nd_get_num_threads();
    assert_true(def >= 1 && def <= 256);
    ND_ASSERT_OK(nd_set_num_threads(7));
    assert_int_equal(nd_get_num_threads(), 7);
    ND_ASSERT_OK(nd_set_num_threads(0));
    assert_int_equal(nd_get_num_threads(), def);
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "--set-threads-race-child") == 0) return set_threads_race_child();
    unsetenv("ND_NUM_THREADS");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sum_bits_any_threads, clear, restore_threads),
        cmocka_unit_test_setup_teardown(test_prod_bits_any_threads, clear, restore_threads),
        cmocka_unit_test_setup_teardown(test_mean_bits_any_threads, clear, restore_threads),
        cmocka_unit_test_setup_teardown(test_nansum_bits_any_threads, clear, restore_threads),
        cmocka_unit_test_setup_teardown(test_var_bits_any_threads, clear, restore_threads),
        cmocka_unit_test_setup_teardown(test_reduce_scratch_failure, clear, restore_threads),
        cmocka_unit_test_setup_teardown(test_level_sum_bound, clear, restore_threads),
        cmocka_unit_test_setup_teardown(test_set_threads_not_lost, clear, restore_threads),
        cmocka_unit_test_setup_teardown(test_set_threads_default, clear, restore_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
