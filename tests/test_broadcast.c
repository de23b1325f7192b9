/* Tests for nd_broadcast_shapes and nd_version: NumPy's right-aligned
 * broadcasting rule, its error message, and bad arguments. */
#include "nd_test.h"

static void broadcast(int n, const int *ndims, const int64_t *const *shapes, int want_ndim,
                      const int64_t *want) {
    int nd = -1;
    int64_t out[ND_MAX_DIMS];
    ND_ASSERT_OK(nd_broadcast_shapes(n, ndims, shapes, &nd, out));
    assert_int_equal(nd, want_ndim);
    for (int i = 0; i < nd; i++) assert_int_equal(out[i], want[i]);
}

static void test_rules(void **state) {
    (void)state;
    const int64_t a[] = {3, 1}, b[] = {4}, c[] = {2, 1, 1}, z[] = {0, 1}, e[] = {5};
    {   /* (3,1) with (4,) -> (3,4), as np.broadcast_shapes */
        const int64_t *s[] = {a, b};
        const int nd[] = {2, 1};
        broadcast(2, nd, s, 2, (const int64_t[]){3, 4});
    }
    {   /* three operands, one with more dims */
        const int64_t *s[] = {a, b, c};
        const int nd[] = {2, 1, 3};
        broadcast(3, nd, s, 3, (const int64_t[]){2, 3, 4});
    }
    {   /* size-0 axes stretch nothing: (0,1) with (5,) -> (0,5) */
        const int64_t *s[] = {z, e};
        const int nd[] = {2, 1};
        broadcast(2, nd, s, 2, (const int64_t[]){0, 5});
    }
    {   /* 0-d operands broadcast to anything; none at all gives () */
        const int64_t *s[] = {NULL, a};
        const int nd[] = {0, 2};
        broadcast(2, nd, s, 2, a);
        broadcast(0, NULL, NULL, 0, NULL);
    }
}

static void test_errors(void **state) {
    (void)state;
    const int64_t a[] = {3, 4}, b[] = {5}, neg[] = {-1};
    int nd = 7;
    int64_t out[ND_MAX_DIMS] = {42};
    const int64_t *s[] = {a, b};
    const int ndims[] = {2, 1};
    assert_int_equal(nd_broadcast_shapes(2, ndims, s, &nd, out), ND_ERR_SHAPE);
    assert_string_equal(nd_errmsg(),
                        "nd_broadcast_shapes: operands could not be broadcast together with shapes (3,4) (5,)");
    nd_clear_error();
    assert_int_equal(nd, 7); /* outputs untouched on error */
    assert_int_equal(out[0], 42);

    const int64_t *sn[] = {neg};
    const int nn[] = {1};
    assert_int_equal(nd_broadcast_shapes(1, nn, sn, &nd, out), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "negative dimension");
    const int big[] = {ND_MAX_DIMS + 1};
    assert_int_equal(nd_broadcast_shapes(1, big, s, &nd, out), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "ndim");
    assert_int_equal(nd_broadcast_shapes(-1, ndims, s, &nd, out), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "negative count");
    assert_int_equal(nd_broadcast_shapes(2, NULL, s, &nd, out), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "ndims");
    assert_int_equal(nd_broadcast_shapes(2, ndims, s, NULL, out), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "out_ndim");
    assert_int_equal(nd_broadcast_shapes(2, ndims, s, &nd, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "out_shape");
    assert_int_equal(nd, 7);
}

/* Every count and pointer is checked before any shape is read: a NULL entry
 * used to reach memcmp (a crash), and equal negative counts a memcmp of a
 * negative length. */
static void test_bad_entries(void **state) {
    (void)state;
    const int64_t a[] = {2, 2};
    int nd = 7;
    int64_t out[ND_MAX_DIMS] = {42};
    const int64_t *s[] = {a, NULL};
    const int two[] = {2, 2};
    assert_int_equal(nd_broadcast_shapes(2, two, s, &nd, out), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_broadcast_shapes: argument 'shapes[1]' is NULL");
    const int64_t *s0[] = {NULL, a};
    assert_int_equal(nd_broadcast_shapes(2, two, s0, &nd, out), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "'shapes[0]'");
    const int mixed[] = {1, 2};
    assert_int_equal(nd_broadcast_shapes(2, mixed, s, &nd, out), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "'shapes[1]'");
    const int neg[] = {-1, -1};
    const int64_t *sa[] = {a, a};
    assert_int_equal(nd_broadcast_shapes(2, neg, sa, &nd, out), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_broadcast_shapes: ndim -1 is outside");
    const int negbig[] = {INT32_MIN, INT32_MIN};
    assert_int_equal(nd_broadcast_shapes(2, negbig, sa, &nd, out), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "is outside");
    assert_int_equal(nd, 7);
    assert_int_equal(out[0], 42);
    /* a 0-d entry needs no shape */
    const int64_t *sz[] = {NULL, a};
    const int zero_two[] = {0, 2};
    ND_ASSERT_OK(nd_broadcast_shapes(2, zero_two, sz, &nd, out));
    assert_int_equal(nd, 2);
    const int zz[] = {0, 0};
    const int64_t *snn[] = {NULL, NULL};
    ND_ASSERT_OK(nd_broadcast_shapes(2, zz, snn, &nd, out));
    assert_int_equal(nd, 0);
}

static void test_version(void **state) {
    (void)state;
    char want[32];
    snprintf(want, sizeof want, "%d.%d.%d", ND_VERSION_MAJOR, ND_VERSION_MINOR, ND_VERSION_PATCH);
    assert_string_equal(nd_version(), want);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_bad_entries),
        cmocka_unit_test(test_version),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
