/* Tests for printing (include/nd/io.h): nd_to_string against NumPy 1.24's
 * repr for every case in data/print_cases.h (dtypes, float formatting,
 * nan/inf, 0-d, empty, summarised and wrapped arrays, views, print
 * options), then the print options themselves, nd_print and bad arguments. */
#include "nd_test.h"

#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include "data/print_cases.h"

/* ---------------------------------------------------------------- NumPy's cases */

static nd_array *make_base(const print_case *c) {
    if (c->gen == GEN_DATA) {
        if (c->data) return nd_from_data(c->data, c->ndim, c->shape, c->dtype);
        return nd_zeros(c->ndim, c->shape, c->dtype);
    }
    int64_t n = 1;
    for (int i = 0; i < c->ndim; i++) n *= c->shape[i];
    double *v = malloc(sizeof(double) * (size_t)(n ? n : 1));
    assert_non_null(v);
    for (int64_t i = 0; i < n; i++) {
        if (c->gen == GEN_ARANGE) v[i] = (double)i;
        else v[i] = (double)((i * 7919) % 1009 - 504) / 37.0 * c->scale;
    }
    nd_array *a = nd_test_array(c->dtype, c->ndim, c->shape, v);
    free(v);
    return a;
}

static nd_array *make_case(const print_case *c) {
    nd_array *a = make_base(c);
    ND_ASSERT_ARRAY(a);
    if (c->index) {
        nd_array *v = nd_view(a, c->index);
        ND_ASSERT_ARRAY(v);
        nd_free(a);
        a = v;
    }
    if (c->transpose) {
        nd_array *t = nd_transpose(a, NULL);
        ND_ASSERT_ARRAY(t);
        nd_free(a);
        a = t;
    }
    return a;
}

static void test_numpy_cases(void **state) {
    (void)state;
    size_t ncases = sizeof print_cases / sizeof print_cases[0];
    int failures = 0;
    for (size_t k = 0; k < ncases; k++) {
        const print_case *c = &print_cases[k];
        nd_array *a = make_case(c);
        ND_ASSERT_OK(nd_set_printoptions(&c->opts));
        char *s = nd_to_string(a);
        ND_ASSERT_OK(nd_set_printoptions(NULL));
        if (!s) fail_msg("case '%s': nd_to_string failed: %s", c->name, nd_errmsg());
        if (strcmp(s, c->expected) != 0) {
            failures++;
            print_message("case '%s':\n--- NumPy\n%s\n--- libnd\n%s\n", c->name, c->expected, s);
        }
        free(s);
        nd_free(a);
    }
    if (failures) fail_msg("%d of %zu cases differ from NumPy", failures, ncases);
}

/* ---------------------------------------------------------------- the options */

static void test_options_defaults(void **state) {
    (void)state;
    ND_ASSERT_OK(nd_set_printoptions(NULL));
    nd_printoptions o = nd_get_printoptions();
    assert_int_equal(o.precision, 8);
    assert_int_equal(o.threshold, 1000);
    assert_int_equal(o.edgeitems, 3);
    assert_int_equal(o.linewidth, 75);
    assert_false(o.suppress);

    o.precision = 3;
    o.suppress = true;
    ND_ASSERT_OK(nd_set_printoptions(&o));
    nd_printoptions p = nd_get_printoptions();
    assert_int_equal(p.precision, 3);
    assert_true(p.suppress);

    nd_array *a = nd_from_data((const double[]){1.0 / 3.0, 1e-7}, 1, (const int64_t[]){2},
                               ND_FLOAT64);
    char *s = nd_to_string(a);
    assert_string_equal(s, "array([0.333, 0.   ])");
    free(s);
    ND_ASSERT_OK(nd_set_printoptions(NULL));
    s = nd_to_string(a);
    assert_string_equal(s, "array([3.33333333e-01, 1.00000000e-07])");
    free(s);
    nd_free(a);
}

static void test_options_invalid(void **state) {
    (void)state;
    ND_ASSERT_OK(nd_set_printoptions(NULL));
    nd_printoptions good = nd_get_printoptions(), o;

    o = good;
    o.precision = -1;
    assert_int_equal(nd_set_printoptions(&o), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "precision -1");
    o = good;
    o.precision = 100000;
    assert_int_equal(nd_set_printoptions(&o), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "precision");
    o = good;
    o.threshold = -5;
    assert_int_equal(nd_set_printoptions(&o), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "threshold -5");
    o = good;
    o.edgeitems = -1;
    assert_int_equal(nd_set_printoptions(&o), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "edgeitems -1");
    o = good;
    o.linewidth = 0;
    assert_int_equal(nd_set_printoptions(&o), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "linewidth 0");

    /* a refused setting leaves the options as they were */
    nd_printoptions now = nd_get_printoptions();
    assert_int_equal(now.precision, good.precision);
    assert_int_equal(now.threshold, good.threshold);
    assert_int_equal(now.edgeitems, good.edgeitems);
    assert_int_equal(now.linewidth, good.linewidth);
}

/* ---------------------------------------------------------------- nd_print */

static void test_print_to_file(void **state) {
    (void)state;
    ND_ASSERT_OK(nd_set_printoptions(NULL));
    nd_array *a = nd_arange(0, 4, 1, ND_FLOAT32);
    nd_array *b = nd_reshape(a, 2, (const int64_t[]){2, 2});
    FILE *f = tmpfile();
    assert_non_null(f);
    ND_ASSERT_OK(nd_print(b, f));
    ND_ASSERT_OK(nd_print(a, f));
    rewind(f);
    char buf[256] = {0};
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    assert_string_equal(buf, "array([[0., 1.],\n       [2., 3.]], dtype=float32)\n"
                             "array([0., 1., 2., 3.], dtype=float32)\n");
    nd_free(a);
    nd_free(b);
}

/* nd_print reports nd_to_string running out of memory under its own name
 * (it said nd_to_string). The string comes from malloc, not the allocator
 * hooks, so a limit on the address space makes it fail. */
static void test_print_out_of_memory(void **state) {
    (void)state;
    if (UNDER_ASAN) {
        print_message("skipped: ASan reserves the address space RLIMIT_AS would limit\n");
        skip();
    }
    nd_array *a = nd_zeros(1, (const int64_t[]){4000000}, ND_FLOAT64);
    nd_printoptions big = nd_get_printoptions();
    big.threshold = INT64_MAX; /* the whole array: about 16 MB of text */
    ND_ASSERT_OK(nd_set_printoptions(&big));
    FILE *f = fopen("/dev/null", "w"), *statm = fopen("/proc/self/statm", "r");
    assert_non_null(f);
    assert_non_null(statm);
    long pages = 0;
    assert_int_equal(fscanf(statm, "%ld", &pages), 1);
    fclose(statm);
    struct rlimit old, r;
    assert_int_equal(getrlimit(RLIMIT_AS, &old), 0);
    r = old;
    r.rlim_cur = (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE) + (8u << 20);
    assert_int_equal(setrlimit(RLIMIT_AS, &r), 0);
    nd_status st = nd_print(a, f);
    assert_int_equal(setrlimit(RLIMIT_AS, &old), 0);
    fclose(f);
    ND_ASSERT_OK(nd_set_printoptions(NULL));
    nd_free(a);
    assert_int_equal(st, ND_ERR_NOMEM);
    if (strncmp(nd_errmsg(), "nd_print: ", 10) != 0) fail_msg("message '%s' is not nd_print's", nd_errmsg());
    nd_clear_error();
}

static void test_bad_arguments(void **state) {
    (void)state;
    nd_clear_error();
    assert_null(nd_to_string(NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_to_string");
    assert_int_equal(nd_print(NULL, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_print");
}

/* Odd layouts the generated cases lack: a broadcast view (stride 0) and a
 * wrapped buffer that is not aligned for its dtype. */
static void test_layouts(void **state) {
    (void)state;
    ND_ASSERT_OK(nd_set_printoptions(NULL));
    nd_array *r = nd_arange(0, 3, 1, ND_INT16);
    nd_array *b = nd_broadcast_to(r, 2, (const int64_t[]){2, 3});
    char *s = nd_to_string(b);
    assert_string_equal(s, "array([[0, 1, 2],\n       [0, 1, 2]], dtype=int16)");
    free(s);
    nd_free(r);
    nd_free(b);

    unsigned char raw[1 + 2 * sizeof(double)];
    double vals[2] = {0.5, -2.0};
    memcpy(raw + 1, vals, sizeof vals);
    nd_array *u = nd_wrap(raw + 1, 1, (const int64_t[]){2}, NULL, ND_FLOAT64, NULL, NULL);
    ND_ASSERT_ARRAY(u);
    s = nd_to_string(u);
    assert_string_equal(s, "array([ 0.5, -2. ])");
    free(s);
    nd_free(u);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numpy_cases),
        cmocka_unit_test(test_options_defaults),
        cmocka_unit_test(test_options_invalid),
        cmocka_unit_test(test_print_to_file),
        cmocka_unit_test(test_print_out_of_memory),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_layouts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
