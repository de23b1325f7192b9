/* Array builders and result checks shared by test_mask.c, test_search.c and
 * test_take.c. */
#ifndef ND_TEST_INDEX_H
#define ND_TEST_INDEX_H

#include "nd_test.h"

#include <stdlib.h>

static inline nd_array *arr(nd_dtype dt, int ndim, const int64_t *shape, const double *v) {
    nd_array *a = nd_test_array(dt, ndim, shape, v);
    ND_ASSERT_ARRAY(a);
    return a;
}

static inline void expect(const nd_array *a, nd_dtype dt, int ndim, const int64_t *shape, const double *vals) {
    ND_ASSERT_ARRAY(a);
    assert_int_equal(nd_dtype_of(a), dt);
    nd_test_shape(a, ndim, shape);
    nd_test_expect(a, vals, 0);
}

#endif
