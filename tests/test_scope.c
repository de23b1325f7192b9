/* Tests of scopes (src/core/scope.c): what a scope owns, nd_keep across
 * levels, nd_free inside a scope, ending an outer scope with inner ones
 * open, many handles, threads, and allocation failures. A counting
 * allocator tells whether every block came back; ASan's leak check and
 * double-free detection cover the rest in the sanitizer stage. */
#include "nd_test.h"
#include "nd_test_layouts.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

/* ------------------------------------------------------------ counting allocator */

static atomic_long g_live; /* blocks allocated through the hooks and not yet freed */

static void *counting_alloc(size_t size, size_t align, void *ctx) {
    (void)align;
    (void)ctx;
    void *p = malloc(size ? size : 1);
    if (p) atomic_fetch_add(&g_live, 1);
    return p;
}

static void counting_free(void *p, void *ctx) {
    (void)ctx;
    if (p) atomic_fetch_sub(&g_live, 1);
    free(p);
}

static void count_blocks(void) {
    static const nd_allocator al = {counting_alloc, counting_free, NULL};
    atomic_store(&g_live, 0);
    ND_ASSERT_OK(nd_set_allocator(&al));
}

static int restore(void **state) {
    (void)state;
    return nd_set_allocator(NULL) == ND_OK ? 0 : -1;
}

static double first_f64(const nd_array *a) {
    nd_array *c = nd_astype(a, ND_FLOAT64);
    ND_ASSERT_ARRAY(c);
    double v = nd_size(c) ? ((const double *)nd_data(c))[0] : NAN;
    nd_free(c);
    return v;
}

/* ------------------------------------------------------------ ownership */

static int g_wrapped_deleted;
static void count_delete(void *data, void *ctx) {
    (void)data;
    (void)ctx;
    g_wrapped_deleted++;
}

/* Every kind of handle made while a scope is open is freed by its end:
 * new arrays, 0-d arrays, views, wrapped memory (its deleter runs),
 * results of functions that make temporaries inside. */
static void test_scope_owns_everything(void **state) {
    (void)state;
    count_blocks();
    static double mem[6] = {1, 2, 3, 4, 5, 6};
    g_wrapped_deleted = 0;
    nd_scope *s = nd_scope_begin();
    ND_ASSERT_ARRAY(s);
    nd_array *a = nd_arange(0, 12, 1, ND_FLOAT32);
    nd_array *m = nd_reshape(a, 2, SH(3, 4));
    nd_array *t = nd_transpose(m, NULL);
    nd_array *w = nd_wrap(mem, 2, SH(2, 3), NULL, ND_FLOAT64, count_delete, NULL);
    nd_array *z = nd_scalar(2.5, ND_FLOAT64);
    nd_array *r = nd_multiply(nd_sum(t, 1, (const int[]){0}, false), z);
    nd_array *u = NULL, *cnt = NULL; /* outputs through pointers are owned too */
    ND_ASSERT_OK(nd_unique(w, &u, NULL, NULL, &cnt));
    ND_ASSERT_ARRAY(r);
    assert_int_equal(nd_size(u), 6);
    assert_true(first_f64(r) == (0 + 1 + 2 + 3) * 2.5);
    assert_true(atomic_load(&g_live) > 0);
    nd_scope_end(s);
    assert_int_equal(g_wrapped_deleted, 1);
    assert_int_equal(atomic_load(&g_live), 0);
}

/* With no scope open, handles are the caller's, as before scopes. */
static void test_no_scope_unchanged(void **state) {
    (void)state;
    count_blocks();
    nd_array *a = nd_zeros(1, SH(3), ND_INT32);
    ND_ASSERT_ARRAY(a);
    nd_scope *s = nd_scope_begin();
    nd_scope_end(s);
    assert_int_equal(atomic_load(&g_live), 1); /* a survives a scope it predates */
    nd_free(a);
    assert_int_equal(atomic_load(&g_live), 0);
}

/* nd_keep moves a result up one level at a time, then out of every scope. */
static void test_keep_two_levels(void **state) {
    (void)state;
    count_blocks();
    nd_scope *outer = nd_scope_begin();
    ND_ASSERT_ARRAY(outer);
    nd_array *x = nd_full(1, SH(4), ND_FLOAT64, 3);
    nd_scope *inner = nd_scope_begin();
    ND_ASSERT_ARRAY(inner);
    nd_array *r = nd_add(x, nd_ones(1, SH(4), ND_FLOAT64));
    ND_ASSERT_ARRAY(r);
    assert_ptr_equal(nd_keep(r), r); /* now the outer scope's */
    nd_scope_end(inner);
    assert_true(first_f64(r) == 4);
    assert_ptr_equal(nd_keep(r), r); /* now no scope's */
    nd_scope_end(outer);
    assert_true(first_f64(r) == 4);
    assert_int_equal(atomic_load(&g_live), 1);
    assert_ptr_equal(nd_keep(r), r); /* no scope: unchanged */
    nd_free(r);
    assert_int_equal(atomic_load(&g_live), 0);
    assert_null(nd_keep(NULL));
}

/* A kept view outlives the scope that held its base: buffers are shared. */
static void test_keep_view(void **state) {
    (void)state;
    count_blocks();
    nd_scope *s = nd_scope_begin();
    nd_array *a = nd_arange(0, 6, 1, ND_INT64);
    nd_array *v = nd_keep(nd_slice_axis(a, 0, 2, 6, 2));
    ND_ASSERT_ARRAY(v);
    nd_scope_end(s);
    assert_int_equal(nd_size(v), 2);
    assert_true(first_f64(v) == 2);
    nd_free(v);
    assert_int_equal(atomic_load(&g_live), 0);
}

/* nd_free inside a scope frees at once and is not repeated at the end,
 * also for a handle of an outer scope freed while an inner one is active. */
static void test_free_inside_scope(void **state) {
    (void)state;
    count_blocks();
    nd_scope *outer = nd_scope_begin();
    nd_array *keep = nd_zeros(1, SH(2), ND_FLOAT64);
    nd_array *a = nd_zeros(1, SH(100), ND_FLOAT64);
    nd_scope *inner = nd_scope_begin();
    nd_array *b = nd_ones(1, SH(5), ND_INT8);
    long before = atomic_load(&g_live);
    nd_free(a); /* the outer scope's */
    nd_free(b); /* the inner scope's */
    assert_int_equal(atomic_load(&g_live), before - 2);
    nd_array *c = nd_ones(1, SH(5), ND_INT8); /* reuses b's slot */
    ND_ASSERT_ARRAY(c);
    nd_scope_end(inner);
    ND_ASSERT_ARRAY(keep);
    nd_scope_end(outer);
    assert_int_equal(atomic_load(&g_live), 0);
}

/* Ending an outer scope ends the inner ones still open (an early return);
 * ending them afterwards, or NULL, is ignored. */
static void test_end_outer_with_inner_open(void **state) {
    (void)state;
    count_blocks();
    nd_scope *outer = nd_scope_begin();
    nd_array *x = nd_ones(1, SH(3), ND_FLOAT32);
    nd_scope *mid = nd_scope_begin();
    nd_array *y = nd_negative(x);
    nd_scope *inner = nd_scope_begin();
    nd_array *z = nd_keep(nd_add(x, y)); /* into mid */
    ND_ASSERT_ARRAY(z);
    nd_scope_end(outer);
    assert_int_equal(atomic_load(&g_live), 0);
    nd_scope_end(inner); /* already ended: ignored */
    nd_scope_end(mid);
    nd_scope_end(NULL);
    /* no scope is open any more: a new handle is the caller's */
    nd_array *w = nd_zeros(0, NULL, ND_BOOL);
    ND_ASSERT_ARRAY(w);
    nd_scope *s = nd_scope_begin();
    nd_scope_end(s);
    assert_int_equal(atomic_load(&g_live), 1);
    nd_free(w);
    assert_int_equal(atomic_load(&g_live), 0);
}

/* Ending an inner scope leaves the outer one active. */
static void test_inner_end_restores_parent(void **state) {
    (void)state;
    count_blocks();
    nd_scope *outer = nd_scope_begin();
    nd_scope *inner = nd_scope_begin();
    nd_array *a = nd_zeros(1, SH(2), ND_FLOAT64);
    ND_ASSERT_ARRAY(a);
    nd_scope_end(inner);
    assert_int_equal(atomic_load(&g_live), 1); /* the outer scope itself */
    nd_array *b = nd_zeros(1, SH(2), ND_FLOAT64); /* the outer scope's */
    ND_ASSERT_ARRAY(b);
    nd_scope_end(outer);
    assert_int_equal(atomic_load(&g_live), 0);
}

/* ------------------------------------------------------------ many handles */

#define MANY 100000

/* 10^5 live handles in one scope, some freed early, all freed at the end. */
static void test_many_handles(void **state) {
    (void)state;
    count_blocks();
    nd_scope *s = nd_scope_begin();
    ND_ASSERT_ARRAY(s);
    nd_array *z = nd_zeros(0, NULL, ND_FLOAT64);
    for (int i = 0; i < MANY; i++) {
        nd_array *v = nd_reshape(z, 1, SH(1));
        if (!v) fail_msg("view %d: %s", i, nd_errmsg());
        if (i % 3 == 0) nd_free(v);
    }
    nd_scope_end(s);
    assert_int_equal(atomic_load(&g_live), 0);
}

/* A loop that makes and frees a temporary in a scope reuses one slot: the
 * scope does not grow with the iteration count. */
static void test_loop_reuses_slots(void **state) {
    (void)state;
    count_blocks();
    nd_scope *s = nd_scope_begin();
    nd_array *acc = nd_zeros(1, SH(4), ND_FLOAT64);
    long steady = -1;
    for (int i = 0; i < MANY; i++) {
        nd_array *one = nd_scalar(1, ND_FLOAT64);
        nd_array *next = nd_add(acc, one);
        nd_free(one);
        nd_free(acc);
        acc = next;
        if (i == 100) steady = atomic_load(&g_live);
    }
    ND_ASSERT_ARRAY(acc);
    assert_true(first_f64(acc) == MANY);
    assert_int_equal(atomic_load(&g_live), steady); /* no new slot block */
    nd_scope_end(s);
    assert_int_equal(atomic_load(&g_live), 0);
}

/* ------------------------------------------------------------ threads */

typedef struct {
    nd_array *made;    /* made on the worker with no scope open there */
    nd_scope *scope;   /* the main thread's scope, which the worker tries to end */
    double sum;
    bool ok;
} worker_args;

/* Each worker opens its own scope, computes, keeps one result out. */
static void *scoped_worker(void *p) {
    worker_args *w = p;
    nd_scope_end(w->scope); /* another thread's scope: ignored */
    nd_scope *s = nd_scope_begin();
    if (!s) return NULL;
    nd_array *a = nd_arange(0, 100, 1, ND_FLOAT64);
    nd_array *r = nd_keep(nd_sum(nd_multiply(a, a), ND_ALL_AXES, NULL, false));
    nd_scope_end(s);
    w->ok = r != NULL;
    w->sum = r ? first_f64(r) : 0;
    nd_free(r);
    w->made = nd_ones(1, SH(3), ND_INT16); /* no scope on this thread */
    return NULL;
}

static void test_threads_own_scopes(void **state) {
    (void)state;
    enum { N = 4 };
    nd_scope *mine = nd_scope_begin();
    ND_ASSERT_ARRAY(mine);
    nd_array *local = nd_zeros(1, SH(2), ND_FLOAT64);
    pthread_t th[N];
    worker_args w[N];
    for (int i = 0; i < N; i++) {
        w[i] = (worker_args){NULL, mine, 0, false};
        assert_int_equal(pthread_create(&th[i], NULL, scoped_worker, &w[i]), 0);
    }
    for (int i = 0; i < N; i++) assert_int_equal(pthread_join(th[i], NULL), 0);
    ND_ASSERT_ARRAY(local);
    nd_scope_end(mine); /* frees local, never the workers' arrays */
    for (int i = 0; i < N; i++) {
        assert_true(w[i].ok);
        assert_true(w[i].sum == 328350);
        ND_ASSERT_ARRAY(w[i].made);
        assert_true(first_f64(w[i].made) == 1);
        nd_free(w[i].made);
    }
}

/* ------------------------------------------------------------ allocation failures */

/* A two-level computation whose result is kept out of both scopes. */
static nd_status scoped_op(const nd_array *a) {
    nd_scope *outer = nd_scope_begin();
    if (!outer) return nd_last_status();
    nd_scope *inner = nd_scope_begin();
    if (!inner) {
        nd_scope_end(outer);
        return nd_last_status();
    }
    nd_array *t = nd_keep(nd_matmul(nd_transpose(a, NULL), a));
    nd_scope_end(inner);
    nd_array *r = nd_keep(nd_add(t, nd_scalar(1, ND_FLOAT64)));
    nd_scope_end(outer);
    if (!r) return nd_last_status();
    /* read directly: this runs under the failing allocator */
    if (nd_ndim(r) != 2 || nd_dtype_of(r) != ND_FLOAT64 || ((const double *)nd_data(r))[0] != 1 + 0 * 0 + 3 * 3)
        fail_msg("wrong result");
    nd_free(r);
    return ND_OK;
}

/* Every allocation, of the scope, of a slot block or of an array, fails in
 * turn: the op fails with ND_ERR_NOMEM and nothing leaks (ASan). */
static void test_scope_alloc_failures(void **state) {
    (void)state;
    nd_array *a = nd_arange(0, 6, 1, ND_FLOAT64);
    nd_array *m = nd_reshape(a, 2, SH(2, 3));
    nd_free(a);
    run_with_faults("scoped_op", scoped_op, m);
    nd_free(m);
}

/* A failed registration fails the function that made the handle: the block
 * of slots after the first 32 cannot be had, so the 33rd handle fails. */
static long g_allow;
static void *limited_alloc(size_t size, size_t align, void *ctx) {
    (void)align;
    (void)ctx;
    if (g_allow-- <= 0) return NULL;
    return malloc(size ? size : 1);
}
static void plain_free_(void *p, void *ctx) {
    (void)ctx;
    free(p);
}

static void test_registration_failure(void **state) {
    (void)state;
    nd_array *z = nd_zeros(0, NULL, ND_FLOAT64);
    ND_ASSERT_ARRAY(z);
    const nd_allocator al = {limited_alloc, plain_free_, NULL};
    g_allow = 2; /* the scope and the first view's handle, not the first slot block */
    ND_ASSERT_OK(nd_set_allocator(&al));
    nd_scope *s = nd_scope_begin();
    ND_ASSERT_ARRAY(s);
    int made = 0;
    for (; made < 40; made++) {
        nd_array *h = nd_reshape_view(z, 1, SH(1)); /* a view: only its handle is allocated */
        if (!h) break;
    }
    assert_int_equal(made, 0);
    ND_ASSERT_ERROR(ND_ERR_NOMEM, "nd_reshape_view: out of memory registering");
    ND_ASSERT_OK(nd_set_allocator(NULL));
    nd_scope_end(s);

    /* with handles available but no new slot block, the 33rd fails */
    ND_ASSERT_OK(nd_set_allocator(&al));
    g_allow = 2 + 32 + 1; /* scope, first block, 32 handles, the 33rd handle; not the second block */
    s = nd_scope_begin();
    ND_ASSERT_ARRAY(s);
    for (made = 0; made < 40; made++)
        if (!nd_reshape_view(z, 1, SH(1))) break;
    assert_int_equal(made, 32);
    ND_ASSERT_ERROR(ND_ERR_NOMEM, "nd_reshape_view: out of memory registering");
    ND_ASSERT_OK(nd_set_allocator(NULL));
    nd_scope_end(s); /* frees the 32 views; the 33rd handle was freed already (ASan) */

    /* nd_keep that cannot grow the parent leaves the handle where it was */
    nd_scope *outer = nd_scope_begin();
    nd_scope *inner = nd_scope_begin();
    ND_ASSERT_ARRAY(inner);
    nd_array *v = nd_reshape_view(z, 1, SH(1));
    ND_ASSERT_ARRAY(v);
    ND_ASSERT_OK(nd_set_allocator(&al));
    g_allow = 0;
    assert_null(nd_keep(v));
    ND_ASSERT_ERROR(ND_ERR_NOMEM, "nd_keep");
    ND_ASSERT_OK(nd_set_allocator(NULL));
    nd_scope_end(outer); /* frees v with inner */

    /* and nd_scope_begin itself */
    ND_ASSERT_OK(nd_set_allocator(&al));
    g_allow = 0;
    assert_null(nd_scope_begin());
    ND_ASSERT_ERROR(ND_ERR_NOMEM, "nd_scope_begin");
    ND_ASSERT_OK(nd_set_allocator(NULL));
    nd_array *w = nd_reshape_view(z, 1, SH(1)); /* no scope was opened */
    ND_ASSERT_ARRAY(w);
    nd_free(w);
    nd_free(z);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_scope_owns_everything, clear, restore),
        cmocka_unit_test_setup_teardown(test_no_scope_unchanged, clear, restore),
        cmocka_unit_test_setup_teardown(test_keep_two_levels, clear, restore),
        cmocka_unit_test_setup_teardown(test_keep_view, clear, restore),
        cmocka_unit_test_setup_teardown(test_free_inside_scope, clear, restore),
        cmocka_unit_test_setup_teardown(test_end_outer_with_inner_open, clear, restore),
        cmocka_unit_test_setup_teardown(test_inner_end_restores_parent, clear, restore),
        cmocka_unit_test_setup_teardown(test_many_handles, clear, restore),
        cmocka_unit_test_setup_teardown(test_loop_reuses_slots, clear, restore),
        cmocka_unit_test_setup_teardown(test_threads_own_scopes, clear, restore),
        cmocka_unit_test_setup_teardown(test_scope_alloc_failures, clear, restore),
        cmocka_unit_test_setup_teardown(test_registration_failure, clear, restore),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
