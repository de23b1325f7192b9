/* Shared helpers for the cmocka suites. */
#ifndef ND_TEST_H
#define ND_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "nd.h"

/* Big inputs shrink under AddressSanitizer, which is slower. */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

/* Compound literals for shapes and values: SH(2, 3), V(1, 2, 3). */
#define SH(...) ((const int64_t[]){__VA_ARGS__})
#define V(...) ((const double[]){__VA_ARGS__})

/* Asserts a call returned ND_OK, printing nd_errmsg() otherwise. */
#define ND_ASSERT_OK(expr)                                                         \
    do {                                                                           \
        nd_status st_ = (expr);                                                    \
        if (st_ != ND_OK) fail_msg("%s failed: %s", #expr, nd_errmsg());           \
    } while (0)

/* Asserts an array-returning call succeeded. */
#define ND_ASSERT_ARRAY(a)                                                         \
    do {                                                                           \
        if (!(a)) fail_msg("%s returned NULL: %s", #a, nd_errmsg());              \
    } while (0)

/* Asserts the last error has status st and its message contains needle. */
#define ND_ASSERT_ERROR(st, needle)                                                \
    do {                                                                           \
        assert_int_equal(nd_last_status(), (st));                                  \
        if (!strstr(nd_errmsg(), (needle)))                                        \
            fail_msg("error message '%s' lacks '%s'", nd_errmsg(), (needle));      \
        nd_clear_error();                                                          \
    } while (0)

/* A new array of the given dtype holding the doubles in vals (C order). */
static inline nd_array *nd_test_array(nd_dtype dt, int ndim, const int64_t *shape,
                                      const double *vals) {
    nd_array *f = nd_wrap((void *)vals, ndim, shape, NULL, ND_FLOAT64, NULL, NULL);
    nd_array *a = f ? nd_astype(f, dt) : NULL;
    nd_free(f);
    return a;
}

/* Asserts a holds expected (C order, compared as doubles) within tol
 * (relative to max(1, |expected|)); NaN matches NaN. */
static inline void nd_test_expect(const nd_array *a, const double *expected, double tol) {
    int64_t n = nd_size(a);
    nd_array *c = nd_astype(a, ND_FLOAT64);
    if (!c) fail_msg("nd_astype failed: %s", nd_errmsg());
    const double *v = (const double *)nd_data(c);
    for (int64_t i = 0; i < n; i++) {
        double e = expected[i], g = v[i];
        if (isnan(e) && isnan(g)) continue;
        if (isinf(e) && g == e) continue;
        double scale = fabs(e) > 1 ? fabs(e) : 1;
        if (!(fabs(g - e) <= tol * scale)) {
            nd_free(c);
            fail_msg("element %lld: got %.17g, expected %.17g", (long long)i, g, e);
        }
    }
    nd_free(c);
}

/* Asserts the geometry of a. */
static inline void nd_test_shape(const nd_array *a, int ndim, const int64_t *shape) {
    assert_non_null(a);
    assert_int_equal(nd_ndim(a), ndim);
    for (int i = 0; i < ndim; i++) assert_int_equal(nd_shape(a)[i], shape[i]);
}

/* Each test starts without a pending error, whatever the previous did. */
static inline int clear(void **state) {
    (void)state;
    nd_clear_error();
    return 0;
}

#endif
