/* Several threads calling libnd at once, over one thread pool, while the
 * settings change under them: large element-wise operations and reductions
 * from several calling threads, with nd_set_num_threads, nd_set_arch and
 * nd_set_allocator called meanwhile. Every result is checked against one
 * computed alone. `make check` also runs this program built with
 * ThreadSanitizer (its TSan stage), where any data race fails it. */
#include "nd_test.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define UNDER_TSAN 1
#endif
#endif
#if !defined(UNDER_TSAN) && defined(__SANITIZE_THREAD__)
#define UNDER_TSAN 1
#endif
#ifndef UNDER_TSAN
#define UNDER_TSAN 0
#endif

/* Fewer rounds under the sanitizers, which are 5 to 20 times slower. */
#define ROUNDS (UNDER_TSAN || UNDER_ASAN ? 6 : 20)
#define CALLERS 3
#define N_ELEMWISE (1 << 18)

static uint64_t next_u64(uint64_t *s) {
    uint64_t z = (*s += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static nd_array *random_f64(int ndim, const int64_t *shape, uint64_t seed) {
    int64_t n = 1;
    for (int d = 0; d < ndim; d++) n *= shape[d];
    nd_array *a = nd_empty(ndim, shape, ND_FLOAT64);
    ND_ASSERT_ARRAY(a);
    double *v = nd_data(a);
    for (int64_t i = 0; i < n; i++) v[i] = (double)(next_u64(&seed) >> 11) * 0x1p-52 - 1;
    return a;
}

/* ---------------------------------------------------------------- the work and its answers */

typedef enum work_op { W_ADD, W_ASTYPE, W_SUM_ALL, W_SUM_AXIS0, W_MEAN_AXIS1, W_VAR_ALL, NUM_WORK } work_op;
static const char *const g_work_names[NUM_WORK] = {"add", "astype", "sum (all)", "sum (axis 0)", "mean (axis 1)",
                                                   "var (all)"};

static nd_array *g_x, *g_y, *g_m; /* inputs, shared read-only by every thread */
/* Expected results on each kernel level ([0] ref, [1] the default level): a
 * call running while nd_set_arch switches may use either. */
static nd_array *g_want[2][NUM_WORK];

static nd_array *do_work(work_op op) {
    static const int axis0[] = {0}, axis1[] = {1};
    switch (op) {
    case W_ADD: return nd_add(g_x, g_y);
    case W_ASTYPE: return nd_astype(g_x, ND_FLOAT32);
    case W_SUM_ALL: return nd_sum(g_m, ND_ALL_AXES, NULL, false);
    case W_SUM_AXIS0: return nd_sum(g_m, 1, axis0, false);
    case W_MEAN_AXIS1: return nd_mean(g_m, 1, axis1, false);
    default: return nd_var(g_m, ND_ALL_AXES, NULL, false, 0);
    }
}

static bool same_bits(const nd_array *a, const nd_array *b) {
    return nd_nbytes(a) == nd_nbytes(b) && memcmp(nd_data(a), nd_data(b), nd_nbytes(a)) == 0;
}

static int setup_inputs(void **state) {
    (void)state;
    g_x = random_f64(1, SH(N_ELEMWISE), 1);
    g_y = random_f64(1, SH(N_ELEMWISE), 2);
    g_m = random_f64(2, SH(1000, 1000), 3);
    const char *levels[2] = {"ref", NULL};
    for (int lv = 0; lv < 2; lv++) {
        if (nd_set_arch(levels[lv]) != ND_OK) return -1;
        for (int op = 0; op < NUM_WORK; op++)
            if (!(g_want[lv][op] = do_work((work_op)op))) return -1;
    }
    return 0;
}

static int teardown_inputs(void **state) {
    (void)state;
    for (int lv = 0; lv < 2; lv++)
        for (int op = 0; op < NUM_WORK; op++) nd_free(g_want[lv][op]);
    nd_free(g_x), nd_free(g_y), nd_free(g_m);
    nd_set_arch(NULL);
    nd_set_num_threads(0);
    nd_set_allocator(NULL);
    return 0;
}

/* Failures seen by worker threads (cmocka's checks belong to the main
 * thread): the first is kept and reported after the join. */
static _Atomic int g_failures;
static char g_first_failure[256];
static pthread_mutex_t g_failure_lock = PTHREAD_MUTEX_INITIALIZER;

static void record_failure(const char *what, work_op op) {
    pthread_mutex_lock(&g_failure_lock);
    if (atomic_fetch_add(&g_failures, 1) == 0)
        snprintf(g_first_failure, sizeof g_first_failure, "%s: %s (%s)", g_work_names[op], what, nd_errmsg());
    pthread_mutex_unlock(&g_failure_lock);
}

static void check_work(work_op op) {
    nd_array *r = do_work(op);
    if (!r) {
        record_failure("failed", op);
        return;
    }
    if (!same_bits(r, g_want[0][op]) && !same_bits(r, g_want[1][op])) record_failure("wrong result", op);
    nd_free(r);
}

static void expect_no_failures(void) {
    if (atomic_load(&g_failures)) fail_msg("%d failures; the first: %s", atomic_load(&g_failures), g_first_failure);
}

/* ---------------------------------------------------------------- one caller, back-to-back jobs */

static void expect_bits(const nd_array *got, const nd_array *want, const char *what, int burst) {
    if (!same_bits(got, want))
        fail_msg("%s, burst %d: wrong result (a part skipped, or run with another job's range)", what, burst);
}

/* The repro: on 4 threads, element-wise jobs back to back with
 * nothing in between, so a new job starts while the pool's workers may
 * still be leaving the last one. Each burst alternates two results into
 * the same outputs, so a part the last job skipped shows as the other. */
static void test_back_to_back_jobs(void **state) {
    (void)state;
    const int64_t n = N_ELEMWISE;
    nd_array *sum = nd_add(g_x, g_y), *x32 = nd_astype(g_x, ND_FLOAT32);
    nd_array *out = nd_empty(1, &n, ND_FLOAT64), *out32 = nd_empty(1, &n, ND_FLOAT32);
    ND_ASSERT_ARRAY(sum);
    ND_ASSERT_ARRAY(x32);
    ND_ASSERT_ARRAY(out);
    ND_ASSERT_ARRAY(out32);
    ND_ASSERT_OK(nd_set_num_threads(4));
    for (int b = 0; b < 4 * ROUNDS; b++) {
        for (int i = 0; i < 8; i++) {
            ND_ASSERT_OK(i % 2 ? nd_add_out(g_x, g_y, out) : nd_subtract_out(g_x, g_y, out));
            ND_ASSERT_OK(nd_copyto(out32, i % 2 ? g_x : g_y));
        }
        expect_bits(out, sum, "nd_add_out", b);
        expect_bits(out32, x32, "nd_copyto (float64 to float32)", b);
    }
    ND_ASSERT_OK(nd_set_num_threads(0));
    nd_free(sum), nd_free(x32), nd_free(out), nd_free(out32);
}

/* ---------------------------------------------------------------- several callers, changing settings */

static _Atomic bool g_stop;
static _Atomic int64_t g_hook_allocs;

static void *counting_alloc(size_t size, size_t align, void *ctx) {
    (void)align;
    atomic_fetch_add((_Atomic int64_t *)ctx, 1);
    return malloc(size ? size : 1);
}

static void counting_free(void *p, void *ctx) {
    (void)ctx;
    free(p);
}

static void *caller(void *arg) {
    const int id = (int)(intptr_t)arg;
    for (int i = 0; i < ROUNDS; i++)
        for (int k = 0; k < NUM_WORK; k++) check_work((work_op)((k + id) % NUM_WORK));
    return NULL;
}

/* Each setting has a thread of its own that changes it over and over until
 * the callers are done (one thread for all would order them with each
 * other, and so hide races from TSan). */
static void pause_briefly(void) {
    struct timespec ts = {0, 200000};
    nanosleep(&ts, NULL);
}

static void *thread_count_changer(void *arg) {
    (void)arg;
    for (int i = 0; !atomic_load(&g_stop); i++) {
        if (nd_set_num_threads(1 + i % 4) != ND_OK) record_failure("nd_set_num_threads", W_ADD);
        (void)nd_get_num_threads();
        pause_briefly();
    }
    return NULL;
}

static void *arch_changer(void *arg) {
    (void)arg;
    for (int i = 0; !atomic_load(&g_stop); i++) {
        if (nd_set_arch(i % 2 ? "ref" : NULL) != ND_OK) record_failure("nd_set_arch", W_ADD);
        (void)nd_get_arch();
        pause_briefly();
    }
    return NULL;
}

static void *allocator_changer(void *arg) {
    (void)arg;
    const nd_allocator counting = {counting_alloc, counting_free, &g_hook_allocs};
    for (int i = 0; !atomic_load(&g_stop); i++) {
        if (nd_set_allocator(i % 2 ? &counting : NULL) != ND_OK) record_failure("nd_set_allocator", W_ADD);
        pause_briefly();
    }
    return NULL;
}

static void run_callers(bool change_settings) {
    void *(*const changers[])(void *) = {thread_count_changer, arch_changer, allocator_changer};
    enum { NCHANGERS = (int)(sizeof changers / sizeof changers[0]) };
    pthread_t callers[CALLERS], changer[NCHANGERS];
    atomic_store(&g_stop, false);
    for (int c = 0; change_settings && c < NCHANGERS; c++)
        if (pthread_create(&changer[c], NULL, changers[c], NULL) != 0) fail_msg("pthread_create failed");
    for (int c = 0; c < CALLERS; c++)
        if (pthread_create(&callers[c], NULL, caller, (void *)(intptr_t)c) != 0) fail_msg("pthread_create failed");
    for (int c = 0; c < CALLERS; c++) pthread_join(callers[c], NULL);
    atomic_store(&g_stop, true);
    for (int c = 0; change_settings && c < NCHANGERS; c++) pthread_join(changer[c], NULL);
    nd_set_num_threads(0);
    nd_set_arch(NULL);
    nd_set_allocator(NULL);
    expect_no_failures();
    if (change_settings && atomic_load(&g_hook_allocs) == 0) fail_msg("the allocator hooks were never used");
}

/* Several threads submit large operations at once: one gets the pool,
 * the others run alone, and every result is right. */
static void test_several_callers(void **state) {
    (void)state;
    ND_ASSERT_OK(nd_set_num_threads(4));
    run_callers(false);
}

/* The same while another thread changes the thread count, the kernel
 * level and the allocator hooks. */
static void test_several_callers_changing_settings(void **state) {
    (void)state;
    run_callers(true);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_back_to_back_jobs, clear),
        cmocka_unit_test_setup(test_several_callers, clear),
        cmocka_unit_test_setup(test_several_callers_changing_settings, clear),
    };
    return cmocka_run_group_tests(tests, setup_inputs, teardown_inputs);
}
