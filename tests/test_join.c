/* Tests for the joins and splits of src/ops/join.c: concatenate (and _out),
 * stack, hstack, vstack, dstack, split, array_split and split_at.
 *
 * Expected values come from NumPy 1.24: the comment above each table row
 * shows the expression, with input i = np.arange(1, size + 1).reshape(shape)
 * + 10 * i. Every row runs for every dtype (bool holds the parity of those
 * values, so that it sees both true and false) and for four layouts of the
 * same values: C-contiguous, transposed, negative strides and
 * every-other-element, then with the layouts mixed. */
#include "nd_test.h"

#include <stdlib.h>

#include "nd_test_layouts.h"

/* Asserts that call fails with status st and a message containing needle,
 * and leaves the n inputs unchanged. */
#define EXPECT_FAIL_N(n, xs, call, st, needle)                                         \
    do {                                                                               \
        snap s_[8];                                                                    \
        for (int i_ = 0; i_ < (n); i_++) s_[i_] = take((xs)[i_]);                      \
        nd_clear_error();                                                              \
        nd_array *r_ = (call);                                                         \
        if (r_) fail_msg("%s succeeded", #call);                                       \
        ND_ASSERT_ERROR(st, needle);                                                   \
        for (int i_ = 0; i_ < (n); i_++) expect_same((xs)[i_], &s_[i_]);               \
    } while (0)

static nd_array *iota_f64(int ndim, const int64_t *shape, double base) {
    double *v = iota_vals(count_of(ndim, shape), base);
    nd_array *a = nd_test_array(ND_FLOAT64, ndim, shape, v);
    free(v);
    ND_ASSERT_ARRAY(a);
    return a;
}

/* ------------------------------------------------------------ tables */

enum { OP_CONCAT, OP_STACK, OP_HSTACK, OP_VSTACK, OP_DSTACK };
enum { OP_SPLIT, OP_ARRAY_SPLIT, OP_SPLIT_AT };

typedef struct jin {
    int ndim;
    int64_t shape[4];
} jin;

typedef struct join_case {
    const char *expr;
    int op, n;
    jin in[4];
    int axis;
    expect res;
} join_case;

typedef struct split_case {
    const char *expr;
    int op;
    jin in;
    int64_t nsections;
    int nidx;
    int64_t idx[4];
    int axis, nparts;
    expect parts[6];
} split_case;

/* joins: input i is np.arange(1, size + 1).reshape(shape) + 10 * i */
static const join_case join_cases[] = {
    /* np.concatenate([x0, x1], axis=0) with inputs of shapes (2, 3), (1, 3) */
    {"np.concatenate([x0, x1], axis=0) with inputs of shapes (2, 3), (1, 3)", OP_CONCAT, 2, {{2, {2, 3}}, {2, {1, 3}}}, 0, {2, {3, 3}, V(1, 2, 3, 4, 5, 6, 11, 12, 13)}},
    /* np.concatenate([x0, x1, x2], axis=1) with inputs of shapes (2, 3), (2, 1), (2, 2) */
    {"np.concatenate([x0, x1, x2], axis=1) with inputs of shapes (2, 3), (2, 1), (2, 2)", OP_CONCAT, 3, {{2, {2, 3}}, {2, {2, 1}}, {2, {2, 2}}}, 1, {2, {2, 6}, V(1, 2, 3, 11, 21, 22, 4, 5, 6, 12, 23, 24)}},
    /* np.concatenate([x0, x1, x2], axis=-1) with inputs of shapes (2, 3), (2, 1), (2, 2) */
    {"np.concatenate([x0, x1, x2], axis=-1) with inputs of shapes (2, 3), (2, 1), (2, 2)", OP_CONCAT, 3, {{2, {2, 3}}, {2, {2, 1}}, {2, {2, 2}}}, -1, {2, {2, 6}, V(1, 2, 3, 11, 21, 22, 4, 5, 6, 12, 23, 24)}},
    /* np.concatenate([x0, x1], axis=None) with inputs of shapes (2, 3), (2, 3) */
    {"np.concatenate([x0, x1], axis=None) with inputs of shapes (2, 3), (2, 3)", OP_CONCAT, 2, {{2, {2, 3}}, {2, {2, 3}}}, ND_AXIS_NONE, {1, {12}, V(1, 2, 3, 4, 5, 6, 11, 12, 13, 14, 15, 16)}},
    /* np.concatenate([x0, x1, x2], axis=None) with inputs of shapes (), (3,), (2, 2) */
    {"np.concatenate([x0, x1, x2], axis=None) with inputs of shapes (), (3,), (2, 2)", OP_CONCAT, 3, {{0, {0}}, {1, {3}}, {2, {2, 2}}}, ND_AXIS_NONE, {1, {8}, V(1, 11, 12, 13, 21, 22, 23, 24)}},
    /* np.concatenate([x0], axis=0) with inputs of shapes (2, 3) */
    {"np.concatenate([x0], axis=0) with inputs of shapes (2, 3)", OP_CONCAT, 1, {{2, {2, 3}}}, 0, {2, {2, 3}, V(1, 2, 3, 4, 5, 6)}},
    /* np.concatenate([x0, x1, x2], axis=0) with inputs of shapes (0, 3), (2, 3), (0, 3) */
    {"np.concatenate([x0, x1, x2], axis=0) with inputs of shapes (0, 3), (2, 3), (0, 3)", OP_CONCAT, 3, {{2, {0, 3}}, {2, {2, 3}}, {2, {0, 3}}}, 0, {2, {2, 3}, V(11, 12, 13, 14, 15, 16)}},
    /* np.concatenate([x0, x1], axis=1) with inputs of shapes (2, 0), (2, 0) */
    {"np.concatenate([x0, x1], axis=1) with inputs of shapes (2, 0), (2, 0)", OP_CONCAT, 2, {{2, {2, 0}}, {2, {2, 0}}}, 1, {2, {2, 0}, V(0)}},
    /* np.concatenate([x0, x1], axis=1) with inputs of shapes (2, 2, 2), (2, 1, 2) */
    {"np.concatenate([x0, x1], axis=1) with inputs of shapes (2, 2, 2), (2, 1, 2)", OP_CONCAT, 2, {{3, {2, 2, 2}}, {3, {2, 1, 2}}}, 1, {3, {2, 3, 2}, V(1, 2, 3, 4, 11, 12, 5, 6, 7, 8, 13, 14)}},
    /* np.concatenate([x0, x1], axis=-1) with inputs of shapes (2, 2, 2), (2, 2, 1) */
    {"np.concatenate([x0, x1], axis=-1) with inputs of shapes (2, 2, 2), (2, 2, 1)", OP_CONCAT, 2, {{3, {2, 2, 2}}, {3, {2, 2, 1}}}, -1, {3, {2, 2, 3}, V(1, 2, 11, 3, 4, 12, 5, 6, 13, 7, 8, 14)}},
    /* np.concatenate([x0], axis=None) with inputs of shapes () */
    {"np.concatenate([x0], axis=None) with inputs of shapes ()", OP_CONCAT, 1, {{0, {0}}}, ND_AXIS_NONE, {1, {1}, V(1)}},
    /* np.concatenate([x0, x1], axis=None) with inputs of shapes (0, 2), (0, 2) */
    {"np.concatenate([x0, x1], axis=None) with inputs of shapes (0, 2), (0, 2)", OP_CONCAT, 2, {{2, {0, 2}}, {2, {0, 2}}}, ND_AXIS_NONE, {1, {0}, V(0)}},
    /* np.concatenate([x0, x1, x2], axis=0) with inputs of shapes (3,), (0,), (2,) */
    {"np.concatenate([x0, x1, x2], axis=0) with inputs of shapes (3,), (0,), (2,)", OP_CONCAT, 3, {{1, {3}}, {1, {0}}, {1, {2}}}, 0, {1, {5}, V(1, 2, 3, 21, 22)}},
    /* np.concatenate([x0, x1], axis=-2) with inputs of shapes (2, 2), (0, 2) */
    {"np.concatenate([x0, x1], axis=-2) with inputs of shapes (2, 2), (0, 2)", OP_CONCAT, 2, {{2, {2, 2}}, {2, {0, 2}}}, -2, {2, {2, 2}, V(1, 2, 3, 4)}},
    /* np.stack([x0, x1], axis=0) with inputs of shapes (3,), (3,) */
    {"np.stack([x0, x1], axis=0) with inputs of shapes (3,), (3,)", OP_STACK, 2, {{1, {3}}, {1, {3}}}, 0, {2, {2, 3}, V(1, 2, 3, 11, 12, 13)}},
    /* np.stack([x0, x1], axis=1) with inputs of shapes (3,), (3,) */
    {"np.stack([x0, x1], axis=1) with inputs of shapes (3,), (3,)", OP_STACK, 2, {{1, {3}}, {1, {3}}}, 1, {2, {3, 2}, V(1, 11, 2, 12, 3, 13)}},
    /* np.stack([x0, x1], axis=-1) with inputs of shapes (3,), (3,) */
    {"np.stack([x0, x1], axis=-1) with inputs of shapes (3,), (3,)", OP_STACK, 2, {{1, {3}}, {1, {3}}}, -1, {2, {3, 2}, V(1, 11, 2, 12, 3, 13)}},
    /* np.stack([x0, x1], axis=0) with inputs of shapes (), () */
    {"np.stack([x0, x1], axis=0) with inputs of shapes (), ()", OP_STACK, 2, {{0, {0}}, {0, {0}}}, 0, {1, {2}, V(1, 11)}},
    /* np.stack([x0, x1, x2], axis=-1) with inputs of shapes (), (), () */
    {"np.stack([x0, x1, x2], axis=-1) with inputs of shapes (), (), ()", OP_STACK, 3, {{0, {0}}, {0, {0}}, {0, {0}}}, -1, {1, {3}, V(1, 11, 21)}},
    /* np.stack([x0, x1, x2], axis=1) with inputs of shapes (2, 3), (2, 3), (2, 3) */
    {"np.stack([x0, x1, x2], axis=1) with inputs of shapes (2, 3), (2, 3), (2, 3)", OP_STACK, 3, {{2, {2, 3}}, {2, {2, 3}}, {2, {2, 3}}}, 1, {3, {2, 3, 3}, V(1, 2, 3, 11, 12, 13, 21, 22, 23, 4, 5, 6, 14, 15, 16, 24, 25, 26)}},
    /* np.stack([x0, x1, x2], axis=2) with inputs of shapes (2, 3), (2, 3), (2, 3) */
    {"np.stack([x0, x1, x2], axis=2) with inputs of shapes (2, 3), (2, 3), (2, 3)", OP_STACK, 3, {{2, {2, 3}}, {2, {2, 3}}, {2, {2, 3}}}, 2, {3, {2, 3, 3}, V(1, 11, 21, 2, 12, 22, 3, 13, 23, 4, 14, 24, 5, 15, 25, 6, 16, 26)}},
    /* np.stack([x0, x1], axis=1) with inputs of shapes (0, 2), (0, 2) */
    {"np.stack([x0, x1], axis=1) with inputs of shapes (0, 2), (0, 2)", OP_STACK, 2, {{2, {0, 2}}, {2, {0, 2}}}, 1, {3, {0, 2, 2}, V(0)}},
    /* np.stack([x0], axis=0) with inputs of shapes (2, 2) */
    {"np.stack([x0], axis=0) with inputs of shapes (2, 2)", OP_STACK, 1, {{2, {2, 2}}}, 0, {3, {1, 2, 2}, V(1, 2, 3, 4)}},
    /* np.stack([x0, x1], axis=-3) with inputs of shapes (2, 3), (2, 3) */
    {"np.stack([x0, x1], axis=-3) with inputs of shapes (2, 3), (2, 3)", OP_STACK, 2, {{2, {2, 3}}, {2, {2, 3}}}, -3, {3, {2, 2, 3}, V(1, 2, 3, 4, 5, 6, 11, 12, 13, 14, 15, 16)}},
    /* np.hstack([x0, x1]) with inputs of shapes (), () */
    {"np.hstack([x0, x1]) with inputs of shapes (), ()", OP_HSTACK, 2, {{0, {0}}, {0, {0}}}, ND_AXIS_NONE, {1, {2}, V(1, 11)}},
    /* np.hstack([x0, x1]) with inputs of shapes (2,), (3,) */
    {"np.hstack([x0, x1]) with inputs of shapes (2,), (3,)", OP_HSTACK, 2, {{1, {2}}, {1, {3}}}, ND_AXIS_NONE, {1, {5}, V(1, 2, 11, 12, 13)}},
    /* np.hstack([x0, x1]) with inputs of shapes (2, 1), (2, 2) */
    {"np.hstack([x0, x1]) with inputs of shapes (2, 1), (2, 2)", OP_HSTACK, 2, {{2, {2, 1}}, {2, {2, 2}}}, ND_AXIS_NONE, {2, {2, 3}, V(1, 11, 12, 2, 13, 14)}},
    /* np.hstack([x0, x1]) with inputs of shapes (2, 1, 2), (2, 2, 2) */
    {"np.hstack([x0, x1]) with inputs of shapes (2, 1, 2), (2, 2, 2)", OP_HSTACK, 2, {{3, {2, 1, 2}}, {3, {2, 2, 2}}}, ND_AXIS_NONE, {3, {2, 3, 2}, V(1, 2, 11, 12, 13, 14, 3, 4, 15, 16, 17, 18)}},
    /* np.hstack([x0, x1]) with inputs of shapes (), (2,) */
    {"np.hstack([x0, x1]) with inputs of shapes (), (2,)", OP_HSTACK, 2, {{0, {0}}, {1, {2}}}, ND_AXIS_NONE, {1, {3}, V(1, 11, 12)}},
    /* np.hstack([x0, x1]) with inputs of shapes (0,), (2,) */
    {"np.hstack([x0, x1]) with inputs of shapes (0,), (2,)", OP_HSTACK, 2, {{1, {0}}, {1, {2}}}, ND_AXIS_NONE, {1, {2}, V(11, 12)}},
    /* np.vstack([x0, x1]) with inputs of shapes (), () */
    {"np.vstack([x0, x1]) with inputs of shapes (), ()", OP_VSTACK, 2, {{0, {0}}, {0, {0}}}, ND_AXIS_NONE, {2, {2, 1}, V(1, 11)}},
    /* np.vstack([x0, x1]) with inputs of shapes (3,), (3,) */
    {"np.vstack([x0, x1]) with inputs of shapes (3,), (3,)", OP_VSTACK, 2, {{1, {3}}, {1, {3}}}, ND_AXIS_NONE, {2, {2, 3}, V(1, 2, 3, 11, 12, 13)}},
    /* np.vstack([x0, x1]) with inputs of shapes (3,), (2, 3) */
    {"np.vstack([x0, x1]) with inputs of shapes (3,), (2, 3)", OP_VSTACK, 2, {{1, {3}}, {2, {2, 3}}}, ND_AXIS_NONE, {2, {3, 3}, V(1, 2, 3, 11, 12, 13, 14, 15, 16)}},
    /* np.vstack([x0, x1]) with inputs of shapes (1, 2, 2), (2, 2, 2) */
    {"np.vstack([x0, x1]) with inputs of shapes (1, 2, 2), (2, 2, 2)", OP_VSTACK, 2, {{3, {1, 2, 2}}, {3, {2, 2, 2}}}, ND_AXIS_NONE, {3, {3, 2, 2}, V(1, 2, 3, 4, 11, 12, 13, 14, 15, 16, 17, 18)}},
    /* np.vstack([x0]) with inputs of shapes (2,) */
    {"np.vstack([x0]) with inputs of shapes (2,)", OP_VSTACK, 1, {{1, {2}}}, ND_AXIS_NONE, {2, {1, 2}, V(1, 2)}},
    /* np.vstack([x0, x1]) with inputs of shapes (0, 2), (2,) */
    {"np.vstack([x0, x1]) with inputs of shapes (0, 2), (2,)", OP_VSTACK, 2, {{2, {0, 2}}, {1, {2}}}, ND_AXIS_NONE, {2, {1, 2}, V(11, 12)}},
    /* np.dstack([x0, x1]) with inputs of shapes (), () */
    {"np.dstack([x0, x1]) with inputs of shapes (), ()", OP_DSTACK, 2, {{0, {0}}, {0, {0}}}, ND_AXIS_NONE, {3, {1, 1, 2}, V(1, 11)}},
    /* np.dstack([x0, x1]) with inputs of shapes (2,), (2,) */
    {"np.dstack([x0, x1]) with inputs of shapes (2,), (2,)", OP_DSTACK, 2, {{1, {2}}, {1, {2}}}, ND_AXIS_NONE, {3, {1, 2, 2}, V(1, 11, 2, 12)}},
    /* np.dstack([x0, x1]) with inputs of shapes (2, 2), (2, 2, 1) */
    {"np.dstack([x0, x1]) with inputs of shapes (2, 2), (2, 2, 1)", OP_DSTACK, 2, {{2, {2, 2}}, {3, {2, 2, 1}}}, ND_AXIS_NONE, {3, {2, 2, 2}, V(1, 11, 2, 12, 3, 13, 4, 14)}},
    /* np.dstack([x0, x1]) with inputs of shapes (1, 2, 3), (1, 2, 1) */
    {"np.dstack([x0, x1]) with inputs of shapes (1, 2, 3), (1, 2, 1)", OP_DSTACK, 2, {{3, {1, 2, 3}}, {3, {1, 2, 1}}}, ND_AXIS_NONE, {3, {1, 2, 4}, V(1, 2, 3, 11, 4, 5, 6, 12)}},
    /* np.dstack([x0, x1]) with inputs of shapes (2, 2, 2, 2), (2, 2, 1, 2) */
    {"np.dstack([x0, x1]) with inputs of shapes (2, 2, 2, 2), (2, 2, 1, 2)", OP_DSTACK, 2, {{4, {2, 2, 2, 2}}, {4, {2, 2, 1, 2}}}, ND_AXIS_NONE, {4, {2, 2, 3, 2}, V(1, 2, 3, 4, 11, 12, 5, 6, 7, 8, 13, 14, 9, 10, 11, 12, 15, 16, 13, 14, 15, 16, 17, 18)}},
    /* np.dstack([x0]) with inputs of shapes (3,) */
    {"np.dstack([x0]) with inputs of shapes (3,)", OP_DSTACK, 1, {{1, {3}}}, ND_AXIS_NONE, {3, {1, 3, 1}, V(1, 2, 3)}},
};
/* splits: a = np.arange(1, a.size + 1).reshape(shape) */
static const split_case split_cases[] = {
    /* np.split(a, 3, axis=0) with a of shape (6,) */
    {"np.split(a, 3, axis=0) with a of shape (6,)", OP_SPLIT, {1, {6}}, 3, 0, {0}, 0, 3, {{1, {2}, V(1, 2)}, {1, {2}, V(3, 4)}, {1, {2}, V(5, 6)}}},
    /* np.split(a, 1, axis=0) with a of shape (6,) */
    {"np.split(a, 1, axis=0) with a of shape (6,)", OP_SPLIT, {1, {6}}, 1, 0, {0}, 0, 1, {{1, {6}, V(1, 2, 3, 4, 5, 6)}}},
    /* np.split(a, 2, axis=1) with a of shape (4, 6) */
    {"np.split(a, 2, axis=1) with a of shape (4, 6)", OP_SPLIT, {2, {4, 6}}, 2, 0, {0}, 1, 2, {{2, {4, 3}, V(1, 2, 3, 7, 8, 9, 13, 14, 15, 19, 20, 21)}, {2, {4, 3}, V(4, 5, 6, 10, 11, 12, 16, 17, 18, 22, 23, 24)}}},
    /* np.split(a, 2, axis=0) with a of shape (4, 6) */
    {"np.split(a, 2, axis=0) with a of shape (4, 6)", OP_SPLIT, {2, {4, 6}}, 2, 0, {0}, 0, 2, {{2, {2, 6}, V(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)}, {2, {2, 6}, V(13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24)}}},
    /* np.split(a, 3, axis=-1) with a of shape (4, 6) */
    {"np.split(a, 3, axis=-1) with a of shape (4, 6)", OP_SPLIT, {2, {4, 6}}, 3, 0, {0}, -1, 3, {{2, {4, 2}, V(1, 2, 7, 8, 13, 14, 19, 20)}, {2, {4, 2}, V(3, 4, 9, 10, 15, 16, 21, 22)}, {2, {4, 2}, V(5, 6, 11, 12, 17, 18, 23, 24)}}},
    /* np.split(a, 3, axis=0) with a of shape (0,) */
    {"np.split(a, 3, axis=0) with a of shape (0,)", OP_SPLIT, {1, {0}}, 3, 0, {0}, 0, 3, {{1, {0}, V(0)}, {1, {0}, V(0)}, {1, {0}, V(0)}}},
    /* np.split(a, 2, axis=0) with a of shape (2, 0) */
    {"np.split(a, 2, axis=0) with a of shape (2, 0)", OP_SPLIT, {2, {2, 0}}, 2, 0, {0}, 0, 2, {{2, {1, 0}, V(0)}, {2, {1, 0}, V(0)}}},
    /* np.split(a, 3, axis=1) with a of shape (2, 3, 2) */
    {"np.split(a, 3, axis=1) with a of shape (2, 3, 2)", OP_SPLIT, {3, {2, 3, 2}}, 3, 0, {0}, 1, 3, {{3, {2, 1, 2}, V(1, 2, 7, 8)}, {3, {2, 1, 2}, V(3, 4, 9, 10)}, {3, {2, 1, 2}, V(5, 6, 11, 12)}}},
    /* np.array_split(a, 2, axis=0) with a of shape (5,) */
    {"np.array_split(a, 2, axis=0) with a of shape (5,)", OP_ARRAY_SPLIT, {1, {5}}, 2, 0, {0}, 0, 2, {{1, {3}, V(1, 2, 3)}, {1, {2}, V(4, 5)}}},
    /* np.array_split(a, 5, axis=0) with a of shape (3,) */
    {"np.array_split(a, 5, axis=0) with a of shape (3,)", OP_ARRAY_SPLIT, {1, {3}}, 5, 0, {0}, 0, 5, {{1, {1}, V(1)}, {1, {1}, V(2)}, {1, {1}, V(3)}, {1, {0}, V(0)}, {1, {0}, V(0)}}},
    /* np.array_split(a, 3, axis=0) with a of shape (7, 2) */
    {"np.array_split(a, 3, axis=0) with a of shape (7, 2)", OP_ARRAY_SPLIT, {2, {7, 2}}, 3, 0, {0}, 0, 3, {{2, {3, 2}, V(1, 2, 3, 4, 5, 6)}, {2, {2, 2}, V(7, 8, 9, 10)}, {2, {2, 2}, V(11, 12, 13, 14)}}},
    /* np.array_split(a, 4, axis=1) with a of shape (2, 7) */
    {"np.array_split(a, 4, axis=1) with a of shape (2, 7)", OP_ARRAY_SPLIT, {2, {2, 7}}, 4, 0, {0}, 1, 4, {{2, {2, 2}, V(1, 2, 8, 9)}, {2, {2, 2}, V(3, 4, 10, 11)}, {2, {2, 2}, V(5, 6, 12, 13)}, {2, {2, 1}, V(7, 14)}}},
    /* np.array_split(a, 2, axis=0) with a of shape (0, 3) */
    {"np.array_split(a, 2, axis=0) with a of shape (0, 3)", OP_ARRAY_SPLIT, {2, {0, 3}}, 2, 0, {0}, 0, 2, {{2, {0, 3}, V(0)}, {2, {0, 3}, V(0)}}},
    /* np.array_split(a, 1, axis=-1) with a of shape (2, 5) */
    {"np.array_split(a, 1, axis=-1) with a of shape (2, 5)", OP_ARRAY_SPLIT, {2, {2, 5}}, 1, 0, {0}, -1, 1, {{2, {2, 5}, V(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)}}},
    /* np.split(a, [3, 7], axis=0) with a of shape (10,) */
    {"np.split(a, [3, 7], axis=0) with a of shape (10,)", OP_SPLIT_AT, {1, {10}}, 0, 2, {3, 7}, 0, 3, {{1, {3}, V(1, 2, 3)}, {1, {4}, V(4, 5, 6, 7)}, {1, {3}, V(8, 9, 10)}}},
    /* np.split(a, [5, 3], axis=0) with a of shape (10,) */
    {"np.split(a, [5, 3], axis=0) with a of shape (10,)", OP_SPLIT_AT, {1, {10}}, 0, 2, {5, 3}, 0, 3, {{1, {5}, V(1, 2, 3, 4, 5)}, {1, {0}, V(0)}, {1, {7}, V(4, 5, 6, 7, 8, 9, 10)}}},
    /* np.split(a, [3, -2, 20], axis=0) with a of shape (10,) */
    {"np.split(a, [3, -2, 20], axis=0) with a of shape (10,)", OP_SPLIT_AT, {1, {10}}, 0, 3, {3, -2, 20}, 0, 4, {{1, {3}, V(1, 2, 3)}, {1, {5}, V(4, 5, 6, 7, 8)}, {1, {2}, V(9, 10)}, {1, {0}, V(0)}}},
    /* np.split(a, [], axis=0) with a of shape (10,) */
    {"np.split(a, [], axis=0) with a of shape (10,)", OP_SPLIT_AT, {1, {10}}, 0, 0, {0}, 0, 1, {{1, {10}, V(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)}}},
    /* np.split(a, [1, 1, 2], axis=1) with a of shape (3, 4) */
    {"np.split(a, [1, 1, 2], axis=1) with a of shape (3, 4)", OP_SPLIT_AT, {2, {3, 4}}, 0, 3, {1, 1, 2}, 1, 4, {{2, {3, 1}, V(1, 5, 9)}, {2, {3, 0}, V(0)}, {2, {3, 1}, V(2, 6, 10)}, {2, {3, 2}, V(3, 4, 7, 8, 11, 12)}}},
    /* np.split(a, [-10, 2], axis=0) with a of shape (3, 4) */
    {"np.split(a, [-10, 2], axis=0) with a of shape (3, 4)", OP_SPLIT_AT, {2, {3, 4}}, 0, 2, {-10, 2}, 0, 3, {{2, {0, 4}, V(0)}, {2, {2, 4}, V(1, 2, 3, 4, 5, 6, 7, 8)}, {2, {1, 4}, V(9, 10, 11, 12)}}},
    /* np.split(a, [INT64_MIN, INT64_MAX], axis=1) with a of shape (2, 5) */
    {"np.split(a, [INT64_MIN, INT64_MAX], axis=1) with a of shape (2, 5)", OP_SPLIT_AT, {2, {2, 5}}, 0, 2, {INT64_MIN, INT64_MAX}, 1, 3, {{2, {2, 0}, V(0)}, {2, {2, 5}, V(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)}, {2, {2, 0}, V(0)}}},
    /* np.split(a, [1], axis=0) with a of shape (0, 2) */
    {"np.split(a, [1], axis=0) with a of shape (0, 2)", OP_SPLIT_AT, {2, {0, 2}}, 0, 1, {1}, 0, 2, {{2, {0, 2}, V(0)}, {2, {0, 2}, V(0)}}},
    /* np.split(a, [0, 4], axis=0) with a of shape (4,) */
    {"np.split(a, [0, 4], axis=0) with a of shape (4,)", OP_SPLIT_AT, {1, {4}}, 0, 2, {0, 4}, 0, 3, {{1, {0}, V(0)}, {1, {4}, V(1, 2, 3, 4)}, {1, {0}, V(0)}}},
};
/* np.concatenate([np.zeros(2, d1), np.zeros(2, d2)]).dtype for every pair (rows d1, columns d2) */
static const nd_dtype concat_dtypes[11][11] = {
    {ND_BOOL, ND_INT8, ND_INT16, ND_INT32, ND_INT64, ND_UINT8, ND_UINT16, ND_UINT32, ND_UINT64, ND_FLOAT32, ND_FLOAT64},
    {ND_INT8, ND_INT8, ND_INT16, ND_INT32, ND_INT64, ND_INT16, ND_INT32, ND_INT64, ND_FLOAT64, ND_FLOAT32, ND_FLOAT64},
    {ND_INT16, ND_INT16, ND_INT16, ND_INT32, ND_INT64, ND_INT16, ND_INT32, ND_INT64, ND_FLOAT64, ND_FLOAT32, ND_FLOAT64},
    {ND_INT32, ND_INT32, ND_INT32, ND_INT32, ND_INT64, ND_INT32, ND_INT32, ND_INT64, ND_FLOAT64, ND_FLOAT64, ND_FLOAT64},
    {ND_INT64, ND_INT64, ND_INT64, ND_INT64, ND_INT64, ND_INT64, ND_INT64, ND_INT64, ND_FLOAT64, ND_FLOAT64, ND_FLOAT64},
    {ND_UINT8, ND_INT16, ND_INT16, ND_INT32, ND_INT64, ND_UINT8, ND_UINT16, ND_UINT32, ND_UINT64, ND_FLOAT32, ND_FLOAT64},
    {ND_UINT16, ND_INT32, ND_INT32, ND_INT32, ND_INT64, ND_UINT16, ND_UINT16, ND_UINT32, ND_UINT64, ND_FLOAT32, ND_FLOAT64},
    {ND_UINT32, ND_INT64, ND_INT64, ND_INT64, ND_INT64, ND_UINT32, ND_UINT32, ND_UINT32, ND_UINT64, ND_FLOAT64, ND_FLOAT64},
    {ND_UINT64, ND_FLOAT64, ND_FLOAT64, ND_FLOAT64, ND_FLOAT64, ND_UINT64, ND_UINT64, ND_UINT64, ND_UINT64, ND_FLOAT64, ND_FLOAT64},
    {ND_FLOAT32, ND_FLOAT32, ND_FLOAT32, ND_FLOAT64, ND_FLOAT64, ND_FLOAT32, ND_FLOAT32, ND_FLOAT64, ND_FLOAT64, ND_FLOAT32, ND_FLOAT64},
    {ND_FLOAT64, ND_FLOAT64, ND_FLOAT64, ND_FLOAT64, ND_FLOAT64, ND_FLOAT64, ND_FLOAT64, ND_FLOAT64, ND_FLOAT64, ND_FLOAT64, ND_FLOAT64},
};

/* ------------------------------------------------------------ joins */

static nd_array *do_join(int op, int n, const nd_array *const *xs, int axis) {
    switch (op) {
    case OP_CONCAT: return nd_concatenate(n, xs, axis);
    case OP_STACK: return nd_stack(n, xs, axis);
    case OP_HSTACK: return nd_hstack(n, xs);
    case OP_VSTACK: return nd_vstack(n, xs);
    default: return nd_dstack(n, xs);
    }
}

/* layout -1 mixes them: input i gets layout i % L_COUNT */
static void run_join(const join_case *c, nd_dtype dt, int layout) {
    char ctx[512];
    snprintf(ctx, sizeof ctx, "%s [%s, %s]", c->expr, nd_dtype_name(dt),
             layout < 0 ? "mixed layouts" : layout_names[layout]);
    nd_array *xs[4];
    snap s[4];
    for (int i = 0; i < c->n; i++) {
        double *v = iota_vals(count_of(c->in[i].ndim, c->in[i].shape), 10.0 * i);
        xs[i] = make_input(dt, layout < 0 ? i % L_COUNT : layout, c->in[i].ndim, c->in[i].shape, v);
        free(v);
        s[i] = take(xs[i]);
    }
    nd_clear_error();
    nd_array *r = do_join(c->op, c->n, (const nd_array *const *)xs, c->axis);
    check_result(ctx, r, dt, &c->res);
    assert_int_equal(nd_last_status(), ND_OK);
    for (int i = 0; i < c->n; i++) {
        check_copy(ctx, r, xs[i]);
        expect_same(xs[i], &s[i]);
    }
    /* concatenate_out into a C-contiguous and into a transposed output */
    if (c->op == OP_CONCAT) {
        for (int t = 0; t < 2; t++) {
            nd_array *out = make_input(dt, t ? L_TRANSPOSED : L_CONTIG, c->res.ndim, c->res.shape,
                                       c->res.vals);
            ND_ASSERT_OK(nd_fill(out, 0));
            ND_ASSERT_OK(nd_concatenate_out(c->n, (const nd_array *const *)xs, c->axis, out));
            check_result(ctx, out, dt, &c->res);
            nd_free(out);
        }
    }
    nd_free(r);
    for (int i = 0; i < c->n; i++) nd_free(xs[i]);
}

static void test_join_tables(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof join_cases / sizeof join_cases[0]; i++)
        for (int d = 0; d < NUM_DT; d++)
            for (int l = -1; l < L_COUNT; l++) run_join(&join_cases[i], all_dtypes[d], l);
}

/* Inputs with stride 0: b = np.broadcast_to(np.arange(1, 4), (2, 3)). */
static void test_join_broadcast(void **state) {
    (void)state;
    for (int d = 0; d < NUM_DT; d++) {
        nd_dtype dt = all_dtypes[d];
        nd_array *base = make_input(dt, L_CONTIG, 1, SH(3), V(1, 2, 3));
        nd_array *b = nd_broadcast_to(base, 2, SH(2, 3));
        nd_array *c = make_input(dt, L_CONTIG, 2, SH(1, 3), V(7, 8, 9));
        const nd_array *xs[2] = {b, c};
        /* np.concatenate([b, [[7, 8, 9]]]) */
        nd_array *r = nd_concatenate(2, xs, 0);
        const expect e1 = {2, {3, 3}, V(1, 2, 3, 1, 2, 3, 7, 8, 9)};
        check_result("concatenate of a broadcast", r, dt, &e1);
        nd_free(r);
        /* np.stack([b, b], axis=2) */
        const nd_array *bb[2] = {b, b};
        r = nd_stack(2, bb, 2);
        const expect e2 = {3, {2, 3, 2}, V(1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3)};
        check_result("stack of a broadcast", r, dt, &e2);
        assert_true(nd_is_writeable(r));
        nd_free(r);
        /* np.hstack([b, b]) */
        r = nd_hstack(2, bb);
        const expect e3 = {2, {2, 6}, V(1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3)};
        check_result("hstack of a broadcast", r, dt, &e3);
        nd_free(r);
        nd_free(c);
        nd_free(b);
        nd_free(base);
    }
}

/* The result dtype of every pair, and values that survive the promotion. */
static void test_concatenate_promotion(void **state) {
    (void)state;
    for (int i = 0; i < NUM_DT; i++) {
        for (int j = 0; j < NUM_DT; j++) {
            nd_array *a = nd_test_array(all_dtypes[i], 1, SH(2), V(1, 0));
            nd_array *b = nd_test_array(all_dtypes[j], 1, SH(2), V(1, 1));
            const nd_array *xs[2] = {a, b};
            nd_array *r = nd_concatenate(2, xs, 0);
            ND_ASSERT_ARRAY(r);
            if (nd_dtype_of(r) != concat_dtypes[i][j])
                fail_msg("concatenate %s + %s gave %s, NumPy gives %s", nd_dtype_name(all_dtypes[i]),
                         nd_dtype_name(all_dtypes[j]), nd_dtype_name(nd_dtype_of(r)),
                         nd_dtype_name(concat_dtypes[i][j]));
            assert_int_equal(nd_dtype_of(r), nd_promote_types(all_dtypes[i], all_dtypes[j]));
            nd_test_expect(r, V(1, 0, 1, 1), 0);
            nd_free(r);
            /* stack and the *stack family promote the same way */
            r = nd_stack(2, xs, 0);
            ND_ASSERT_ARRAY(r);
            assert_int_equal(nd_dtype_of(r), concat_dtypes[i][j]);
            nd_free(r);
            r = nd_vstack(2, xs);
            ND_ASSERT_ARRAY(r);
            assert_int_equal(nd_dtype_of(r), concat_dtypes[i][j]);
            nd_test_expect(r, V(1, 0, 1, 1), 0);
            nd_free(r);
            nd_free(a);
            nd_free(b);
        }
    }
    /* np.concatenate([np.array([2**63 + 2**11], np.uint64), np.array([-1, 300], np.int64)]) */
    nd_array *u = nd_scalar_i64(0, ND_UINT64), *u1 = nd_reshape(u, 1, SH(1));
    *(uint64_t *)nd_data(u1) = (UINT64_C(1) << 63) + (UINT64_C(1) << 11);
    nd_array *s = nd_test_array(ND_INT64, 1, SH(2), V(-1, 300));
    const nd_array *xs[2] = {u1, s};
    nd_array *r = nd_concatenate(2, xs, 0);
    ND_ASSERT_ARRAY(r);
    assert_int_equal(nd_dtype_of(r), ND_FLOAT64);
    nd_test_expect(r, V(9223372036854777856.0, -1, 300), 0);
    nd_free(r);
    /* np.concatenate([np.array([-1.5], np.float32), np.array([70000], np.int32)]): float64 */
    nd_array *f = nd_test_array(ND_FLOAT32, 1, SH(1), V(-1.5));
    nd_array *i32 = nd_test_array(ND_INT32, 1, SH(1), V(70000));
    const nd_array *fx[2] = {f, i32};
    r = nd_concatenate(2, fx, 0);
    ND_ASSERT_ARRAY(r);
    assert_int_equal(nd_dtype_of(r), ND_FLOAT64);
    nd_test_expect(r, V(-1.5, 70000), 0);
    nd_free(r);
    nd_free(f);
    nd_free(i32);
    nd_free(s);
    nd_free(u1);
    nd_free(u);
}

/* ------------------------------------------------------------ concatenate_out */

static void test_concatenate_out(void **state) {
    (void)state;
    nd_array *a = nd_test_array(ND_INT64, 2, SH(1, 2), V(1, 2));
    nd_array *b = nd_test_array(ND_FLOAT64, 2, SH(2, 2), V(3.5, 4, 5, 6));
    const nd_array *xs[2] = {a, b};
    /* np.concatenate([a, b], out=np.zeros((3, 2), np.float32)): same_kind casts */
    nd_array *out = nd_zeros(2, SH(3, 2), ND_FLOAT32);
    ND_ASSERT_OK(nd_concatenate_out(2, xs, 0, out));
    nd_test_expect(out, V(1, 2, 3.5, 4, 5, 6), 0);
    nd_free(out);
    /* np.concatenate([a, a2], axis=1, out=np.zeros((1, 4), np.int8)) */
    nd_array *a2 = nd_test_array(ND_INT16, 2, SH(1, 2), V(-3, 100));
    const nd_array *ia[2] = {a, a2};
    out = nd_zeros(2, SH(1, 4), ND_INT8);
    ND_ASSERT_OK(nd_concatenate_out(2, ia, 1, out));
    nd_test_expect(out, V(1, 2, -3, 100), 0);
    nd_free(out);
    /* axis=None into every other element of a longer array */
    nd_array *wide = nd_zeros(1, SH(12), ND_FLOAT64);
    nd_array *every2 = nd_slice_axis(wide, 0, 0, ND_NONE, 2);
    ND_ASSERT_OK(nd_concatenate_out(2, xs, ND_AXIS_NONE, every2));
    nd_test_expect(wide, V(1, 0, 2, 0, 3.5, 0, 4, 0, 5, 0, 6, 0), 0);
    nd_free(every2);
    /* and backwards */
    nd_array *rev = nd_flip(wide, ND_ALL_AXES, NULL), *rev2 = nd_slice_axis(rev, 0, 0, ND_NONE, 2);
    assert_int_equal(nd_strides(rev2)[0], -2);
    ND_ASSERT_OK(nd_concatenate_out(2, xs, ND_AXIS_NONE, rev2));
    nd_test_expect(wide, V(1, 6, 2, 5, 3.5, 4, 4, 3.5, 5, 2, 6, 1), 0);
    nd_free(rev2);
    nd_free(rev);
    nd_free(wide);
    nd_free(a2);
    nd_free(a);
    nd_free(b);
}

/* An output that overlaps its inputs gets what copies of the inputs would
 * give. NumPy 1.24 instead writes the first input over the second:
 * a = np.arange(1., 7.); np.concatenate([a[3:], a[:3]], out=a) leaves
 * [4, 5, 6, 4, 5, 6]; libnd gives [4, 5, 6, 1, 2, 3]. */
static void test_concatenate_out_overlap(void **state) {
    (void)state;
    nd_array *a = iota_f64(1, SH(6), 0);
    nd_array *hi = nd_slice_axis(a, 0, 3, ND_NONE, 1), *lo = nd_slice_axis(a, 0, 0, 3, 1);
    const nd_array *swap[2] = {hi, lo};
    ND_ASSERT_OK(nd_concatenate_out(2, swap, 0, a));
    nd_test_expect(a, V(4, 5, 6, 1, 2, 3), 0);
    /* each input exactly where it goes: nothing moves */
    const nd_array *same[2] = {lo, hi};
    ND_ASSERT_OK(nd_concatenate_out(2, same, 0, a));
    nd_test_expect(a, V(4, 5, 6, 1, 2, 3), 0);
    /* a reversed view of the output as an input */
    nd_array *r = nd_flip(a, ND_ALL_AXES, NULL);
    const nd_array *one[1] = {r};
    ND_ASSERT_OK(nd_concatenate_out(1, one, 0, a));
    nd_test_expect(a, V(3, 2, 1, 6, 5, 4), 0);
    nd_free(r);
    /* the same input twice into an output that holds it */
    nd_array *m = iota_f64(2, SH(2, 2), 0), *big = nd_zeros(2, SH(2, 4), ND_FLOAT64);
    nd_array *left = nd_slice(big, 2, (nd_slice_t[]){{ND_NONE, ND_NONE, 1}, {0, 2, 1}});
    ND_ASSERT_OK(nd_copyto(left, m));
    const nd_array *twice[2] = {left, left};
    ND_ASSERT_OK(nd_concatenate_out(2, twice, 1, big));
    /* np.concatenate([m, m], axis=1) */
    nd_test_expect(big, V(1, 2, 1, 2, 3, 4, 3, 4), 0);
    nd_free(left);
    nd_free(big);
    nd_free(m);
    nd_free(hi);
    nd_free(lo);
    nd_free(a);
}

static void test_concatenate_out_errors(void **state) {
    (void)state;
    nd_array *a = nd_test_array(ND_FLOAT64, 2, SH(2, 2), V(1, 2, 3, 4));
    nd_array *u = nd_test_array(ND_UINT8, 2, SH(2, 2), V(1, 2, 3, 4));
    const nd_array *xs[2] = {a, a};
    nd_array *out = nd_full(2, SH(4, 2), ND_INT64, 7);
    snap so = take(out);
    nd_clear_error();
    /* np.concatenate([a, a], out=np.zeros((4, 2), int)): Cannot cast array data from
     * dtype('float64') to dtype('int64') according to the rule 'same_kind' */
    assert_int_equal(nd_concatenate_out(2, xs, 0, out), ND_ERR_DTYPE);
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "cannot cast array data from float64 to int64 according to the rule 'same_kind'");
    nd_array *bout = nd_zeros(2, SH(4, 2), ND_BOOL);
    const nd_array *us[2] = {u, u};
    assert_int_equal(nd_concatenate_out(2, us, 0, bout), ND_ERR_DTYPE);
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "from uint8 to bool");
    nd_array *fout = nd_full(2, SH(4, 3), ND_FLOAT64, 7);
    snap sf = take(fout);
    /* np.concatenate([a, a], out=np.zeros((4, 3))): Output array is the wrong shape */
    assert_int_equal(nd_concatenate_out(2, xs, 0, fout), ND_ERR_SHAPE);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "output array is the wrong shape: (4,3), the result has shape (4,2)");
    /* np.concatenate([a, a], axis=None, out=np.zeros((2, 4))): Output array must be 1D */
    nd_array *f2 = nd_zeros(2, SH(2, 4), ND_FLOAT64);
    assert_int_equal(nd_concatenate_out(2, xs, ND_AXIS_NONE, f2), ND_ERR_SHAPE);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "must be 1-D");
    nd_array *f7 = nd_zeros(1, SH(7), ND_FLOAT64);
    assert_int_equal(nd_concatenate_out(2, xs, ND_AXIS_NONE, f7), ND_ERR_SHAPE);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "wrong shape: (7,), the result has shape (8,)");
    /* a broadcast output is read-only */
    nd_array *zero = nd_scalar(0, ND_FLOAT64), *ro = nd_broadcast_to(zero, 2, SH(4, 2));
    assert_int_equal(nd_concatenate_out(2, xs, 0, ro), ND_ERR_READONLY);
    ND_ASSERT_ERROR(ND_ERR_READONLY, "read-only");
    assert_int_equal(nd_concatenate_out(2, xs, 0, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "'out'");
    /* input errors come first and leave out alone */
    const nd_array *bad[2] = {a, u};
    nd_array *a3 = iota_f64(2, SH(2, 3), 0);
    bad[1] = a3;
    assert_int_equal(nd_concatenate_out(2, bad, 0, fout), ND_ERR_SHAPE);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "along dimension 1, the array at index 0 has size 2 and the array at index 1 has size 3");
    assert_int_equal(nd_concatenate_out(0, xs, 0, fout), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "need at least one array to concatenate");
    pending_error();
    assert_int_equal(nd_concatenate_out(2, xs, 0, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_VALUE, PENDING_MSG);
    expect_same(out, &so);
    expect_same(fout, &sf);
    nd_free(a3);
    nd_free(ro);
    nd_free(zero);
    nd_free(f7);
    nd_free(f2);
    nd_free(fout);
    nd_free(bout);
    nd_free(out);
    nd_free(u);
    nd_free(a);
}

/* ------------------------------------------------------------ join errors */

static void test_join_errors(void **state) {
    (void)state;
    nd_array *a = iota_f64(2, SH(2, 3), 0), *b = iota_f64(2, SH(2, 4), 0), *v = iota_f64(1, SH(3), 0);
    nd_array *v4 = iota_f64(1, SH(4), 0), *z = iota_f64(0, NULL, 0);
    nd_array *ab[2] = {a, b}, *av[2] = {a, v}, *zz[2] = {z, z}, *vv4[2] = {v, v4}, *aa[2] = {a, a};
#define XS(p) ((const nd_array *const *)(p))
    nd_clear_error();
    /* np.concatenate([]): need at least one array to concatenate */
    assert_null(nd_concatenate(0, XS(aa), 0));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "need at least one array to concatenate");
    assert_null(nd_concatenate(-1, NULL, 0));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "need at least one array to concatenate");
    /* np.stack([]): need at least one array to stack */
    assert_null(nd_stack(0, NULL, 0));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "need at least one array to stack");
    assert_null(nd_hstack(0, NULL));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_hstack: need at least one array to concatenate");
    assert_null(nd_vstack(0, NULL));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_vstack: need at least one array");
    assert_null(nd_dstack(0, NULL));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_dstack: need at least one array");
    /* NULL list and NULL entries */
    assert_null(nd_concatenate(2, NULL, 0));
    ND_ASSERT_ERROR(ND_ERR_NULL, "'arrays'");
    const nd_array *with_null[3] = {a, NULL, a};
    assert_null(nd_concatenate(3, with_null, 0));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_concatenate: argument 'arrays[1]' is NULL");
    assert_null(nd_stack(3, with_null, 0));
    ND_ASSERT_ERROR(ND_ERR_NULL, "'arrays[1]'");
    assert_null(nd_hstack(3, with_null));
    ND_ASSERT_ERROR(ND_ERR_NULL, "'arrays[1]'");
    assert_null(nd_vstack(3, with_null));
    ND_ASSERT_ERROR(ND_ERR_NULL, "'arrays[1]'");
    assert_null(nd_dstack(3, with_null));
    ND_ASSERT_ERROR(ND_ERR_NULL, "'arrays[1]'");
    /* a NULL keeps the first error */
    pending_error();
    assert_null(nd_concatenate(3, with_null, 0));
    ND_ASSERT_ERROR(ND_ERR_VALUE, PENDING_MSG);
    pending_error();
    assert_null(nd_stack(2, NULL, 0));
    ND_ASSERT_ERROR(ND_ERR_VALUE, PENDING_MSG);
    pending_error();
    assert_null(nd_dstack(3, with_null));
    ND_ASSERT_ERROR(ND_ERR_VALUE, PENDING_MSG);
    /* np.concatenate([np.zeros((2, 3)), np.zeros((2, 4))]): the message of the brief */
    EXPECT_FAIL_N(2, ab, nd_concatenate(2, XS(ab), 0), ND_ERR_SHAPE,
                  "nd_concatenate: all the input array dimensions except for the concatenation axis "
                  "must match exactly, but along dimension 1, the array at index 0 has size 3 and the "
                  "array at index 1 has size 4");
    /* np.concatenate([np.zeros((2, 3)), np.zeros(3)]) */
    EXPECT_FAIL_N(2, av, nd_concatenate(2, XS(av), 0), ND_ERR_SHAPE,
                  "all the input arrays must have same number of dimensions, but the array at index 0 "
                  "has 2 dimension(s) and the array at index 1 has 1 dimension(s)");
    /* np.concatenate([np.array(1), np.array(2)]) */
    EXPECT_FAIL_N(2, zz, nd_concatenate(2, XS(zz), 0), ND_ERR_VALUE,
                  "zero-dimensional arrays cannot be concatenated");
    /* np.concatenate([a, a], axis=2): axis 2 is out of bounds for array of dimension 2 */
    EXPECT_FAIL_N(2, aa, nd_concatenate(2, XS(aa), 2), ND_ERR_INDEX,
                  "axis 2 is out of bounds for array of dimension 2");
    EXPECT_FAIL_N(2, aa, nd_concatenate(2, XS(aa), -3), ND_ERR_INDEX, "axis -3 is out of bounds");
    /* np.stack([np.zeros(3), np.zeros(4)]): all input arrays must have the same shape */
    EXPECT_FAIL_N(2, vv4, nd_stack(2, XS(vv4), 0), ND_ERR_SHAPE,
                  "all input arrays must have the same shape, but the array at index 0 has shape (3,) "
                  "and the array at index 1 has shape (4,)");
    EXPECT_FAIL_N(2, av, nd_stack(2, XS(av), 0), ND_ERR_SHAPE, "all input arrays must have the same shape");
    /* np.stack([a, a], axis=3): axis 3 is out of bounds for array of dimension 3 */
    EXPECT_FAIL_N(2, aa, nd_stack(2, XS(aa), 3), ND_ERR_INDEX, "axis 3 is out of bounds for array of dimension 3");
    EXPECT_FAIL_N(2, aa, nd_stack(2, XS(aa), -4), ND_ERR_INDEX, "axis -4 is out of bounds");
    /* np.hstack([np.zeros((2, 3)), np.zeros(3)]) */
    EXPECT_FAIL_N(2, av, nd_hstack(2, XS(av)), ND_ERR_SHAPE, "nd_hstack: all the input arrays must have same number of dimensions");
    /* np.hstack([np.zeros((2, 3)), np.zeros((3, 3))]) */
    nd_array *a33 = iota_f64(2, SH(3, 3), 0), *a_33[2] = {a, a33};
    EXPECT_FAIL_N(2, a_33, nd_hstack(2, XS(a_33)), ND_ERR_SHAPE,
                  "along dimension 0, the array at index 0 has size 2 and the array at index 1 has size 3");
    /* np.vstack([np.zeros(3), np.zeros(4)]) */
    EXPECT_FAIL_N(2, vv4, nd_vstack(2, XS(vv4)), ND_ERR_SHAPE,
                  "nd_vstack: all the input array dimensions except for the concatenation axis must match "
                  "exactly, but along dimension 1, the array at index 0 has size 3 and the array at index 1 has size 4");
    /* np.dstack([np.zeros(3), np.zeros(4)]) */
    EXPECT_FAIL_N(2, vv4, nd_dstack(2, XS(vv4)), ND_ERR_SHAPE,
                  "nd_dstack: all the input array dimensions except for the concatenation axis must match "
                  "exactly, but along dimension 1");
    /* np.dstack([np.zeros((2, 3)), np.zeros((2, 3, 2, 1))]) */
    nd_array *a4 = iota_f64(4, SH(2, 3, 2, 1), 0), *a_4[2] = {a, a4};
    EXPECT_FAIL_N(2, a_4, nd_dstack(2, XS(a_4)), ND_ERR_SHAPE, "the array at index 1 has 4 dimension(s)");
    /* the result would need ND_MAX_DIMS + 1 axes */
    int64_t ones[ND_MAX_DIMS];
    for (int i = 0; i < ND_MAX_DIMS; i++) ones[i] = 1;
    nd_array *m = iota_f64(ND_MAX_DIMS, ones, 0), *mm[2] = {m, m};
    EXPECT_FAIL_N(2, mm, nd_stack(2, XS(mm), 0), ND_ERR_VALUE, "ND_MAX_DIMS");
    /* lengths whose sum overflows, and a result too large to allocate */
    nd_array *one = nd_scalar(1, ND_UINT8);
    nd_array *h1 = nd_broadcast_to(one, 1, SH(INT64_MAX / 2 + 1)), *hh[2] = {h1, h1};
    assert_null(nd_concatenate(2, XS(hh), 0));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "the result's length along axis 0 overflows");
    assert_null(nd_concatenate(2, XS(hh), ND_AXIS_NONE));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "the total size of the inputs overflows");
    nd_array *h2 = nd_broadcast_to(one, 2, SH(INT64_C(1) << 32, INT64_C(1) << 30)), *h22[2] = {h2, h2};
    assert_null(nd_concatenate(2, XS(h22), 0));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "too large");
    assert_null(nd_stack(2, XS(h22), 0));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "too large");
#undef XS
    nd_free(h2);
    nd_free(h1);
    nd_free(one);
    nd_free(m);
    nd_free(a4);
    nd_free(a33);
    nd_free(a);
    nd_free(b);
    nd_free(v);
    nd_free(v4);
    nd_free(z);
}

/* ------------------------------------------------------------ splits */

static nd_status do_split(const split_case *c, const nd_array *a, nd_array **parts) {
    switch (c->op) {
    case OP_SPLIT: return nd_split(a, c->nsections, c->axis, parts);
    case OP_ARRAY_SPLIT: return nd_array_split(a, c->nsections, c->axis, parts);
    default: return nd_split_at(a, c->nidx, c->nidx ? c->idx : NULL, c->axis, parts);
    }
}

static void test_split_tables(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof split_cases / sizeof split_cases[0]; i++) {
        const split_case *c = &split_cases[i];
        double *vals = iota_vals(count_of(c->in.ndim, c->in.shape), 0);
        for (int d = 0; d < NUM_DT; d++) {
            for (int l = 0; l < L_COUNT; l++) {
                char ctx[512];
                snprintf(ctx, sizeof ctx, "%s [%s, %s]", c->expr, nd_dtype_name(all_dtypes[d]),
                         layout_names[l]);
                nd_array *a = make_input(all_dtypes[d], l, c->in.ndim, c->in.shape, vals);
                snap s = take(a);
                nd_array *parts[7];
                nd_array *sentinel = (nd_array *)&sentinel;
                parts[c->nparts] = sentinel;
                nd_clear_error();
                if (do_split(c, a, parts) != ND_OK) fail_msg("%s: %s", ctx, nd_errmsg());
                assert_ptr_equal(parts[c->nparts], sentinel); /* exactly nparts written */
                for (int k = 0; k < c->nparts; k++) {
                    check_result(ctx, parts[k], all_dtypes[d], &c->parts[k]);
                    check_view(ctx, parts[k], a);
                }
                expect_same(a, &s);
                for (int k = 0; k < c->nparts; k++) nd_free(parts[k]);
                nd_free(a);
            }
        }
        free(vals);
    }
}

/* The parts are views: writes reach the base, and they outlive it. */
static void test_split_views(void **state) {
    (void)state;
    nd_array *a = iota_f64(2, SH(4, 6), 0);
    nd_array *parts[5];
    ND_ASSERT_OK(nd_split(a, 3, 1, parts));
    /* np.split(a, 3, axis=1)[2][3, 1] is a[3, 5] */
    ND_ASSERT_OK(nd_set_f64(parts[2], SH(3, 1), -7));
    double got;
    ND_ASSERT_OK(nd_get_f64(a, SH(3, 5), &got));
    assert_true(got == -7);
    nd_free(a);
    ND_ASSERT_OK(nd_get_f64(parts[2], SH(3, 1), &got));
    assert_true(got == -7);
    ND_ASSERT_OK(nd_get_f64(parts[0], SH(1, 0), &got));
    assert_true(got == 7);
    for (int k = 0; k < 3; k++) nd_free(parts[k]);
    /* array_split and split_at too; a read-only base gives read-only parts */
    a = iota_f64(1, SH(5), 0);
    ND_ASSERT_OK(nd_array_split(a, 2, 0, parts));
    ND_ASSERT_OK(nd_set_f64(parts[1], SH(0), 30));
    ND_ASSERT_OK(nd_get_f64(a, SH(3), &got));
    assert_true(got == 30);
    nd_free(parts[0]);
    nd_free(parts[1]);
    ND_ASSERT_OK(nd_split_at(a, 1, SH(-1), 0, parts));
    ND_ASSERT_OK(nd_set_f64(parts[1], SH(0), 50));
    ND_ASSERT_OK(nd_get_f64(a, SH(4), &got));
    assert_true(got == 50);
    nd_free(parts[0]);
    nd_free(parts[1]);
    nd_array *ro = nd_broadcast_to(a, 2, SH(2, 5));
    ND_ASSERT_OK(nd_split(ro, 5, 1, parts));
    for (int k = 0; k < 5; k++) {
        assert_false(nd_is_writeable(parts[k]));
        assert_int_equal(nd_strides(parts[k])[0], 0);
        nd_free(parts[k]);
    }
    nd_free(ro);
    nd_free(a);
}

static void test_split_errors(void **state) {
    (void)state;
    nd_array *a = iota_f64(1, SH(5), 0), *z = iota_f64(0, NULL, 0), *m = iota_f64(2, SH(2, 3), 0);
    nd_array *sentinel = (nd_array *)&sentinel;
    nd_array *parts[4] = {sentinel, sentinel, sentinel, sentinel};
    snap sa = take(a), sm = take(m);
    nd_clear_error();
    assert_int_equal(nd_split(NULL, 2, 0, parts), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "'a'");
    assert_int_equal(nd_split(a, 5, 0, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "'parts'");
    assert_int_equal(nd_array_split(NULL, 2, 0, parts), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "'a'");
    assert_int_equal(nd_split_at(NULL, 1, SH(1), 0, parts), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "'a'");
    assert_int_equal(nd_split_at(a, 1, SH(1), 0, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "'parts'");
    assert_int_equal(nd_split_at(a, 2, NULL, 0, parts), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "'indices'");
    pending_error();
    assert_int_equal(nd_split(NULL, 2, 0, parts), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_VALUE, PENDING_MSG);
    /* np.split(np.arange(5), 2): array split does not result in an equal division */
    assert_int_equal(nd_split(a, 2, 0, parts), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "array split does not result in an equal division");
    assert_int_equal(nd_split(m, 2, 1, parts), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "axis 1 of length 3 into 2 sections");
    /* np.array_split(np.arange(5), 0): number sections must be larger than 0. */
    assert_int_equal(nd_array_split(a, 0, 0, parts), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "number sections must be larger than 0");
    assert_int_equal(nd_array_split(a, -1, 0, parts), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "number sections must be larger than 0");
    /* np.split(np.arange(5), 0) is a ZeroDivisionError; libnd gives array_split's message */
    assert_int_equal(nd_split(a, 0, 0, parts), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "number sections must be larger than 0");
    assert_int_equal(nd_split(m, 1, 2, parts), ND_ERR_INDEX);
    ND_ASSERT_ERROR(ND_ERR_INDEX, "axis 2 is out of bounds for array of dimension 2");
    assert_int_equal(nd_array_split(m, 1, -3, parts), ND_ERR_INDEX);
    ND_ASSERT_ERROR(ND_ERR_INDEX, "axis -3 is out of bounds");
    /* np.split(np.array(3), 1): a 0-d array has no axis to split */
    assert_int_equal(nd_split(z, 1, 0, parts), ND_ERR_INDEX);
    ND_ASSERT_ERROR(ND_ERR_INDEX, "for array of dimension 0");
    assert_int_equal(nd_split_at(z, 0, NULL, 0, parts), ND_ERR_INDEX);
    ND_ASSERT_ERROR(ND_ERR_INDEX, "for array of dimension 0");
    assert_int_equal(nd_split_at(a, -1, SH(1), 0, parts), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "negative index count");
    assert_int_equal(nd_split_at(m, 1, SH(1), 5, parts), ND_ERR_INDEX);
    ND_ASSERT_ERROR(ND_ERR_INDEX, "axis 5 is out of bounds");
    /* more parts than memory can list */
    assert_int_equal(nd_array_split(a, INT64_MAX, 0, parts), ND_ERR_OVERFLOW);
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "too many");
    for (int k = 0; k < 4; k++) assert_ptr_equal(parts[k], sentinel);
    expect_same(a, &sa);
    expect_same(m, &sm);
    nd_free(a);
    nd_free(z);
    nd_free(m);
}

/* ------------------------------------------------------------ out of memory */

static nd_array *g_other; /* a second input for the join callbacks */

static nd_status f_concat(const nd_array *a) {
    const nd_array *xs[3] = {a, g_other, a};
    return status_of(nd_concatenate(3, xs, 1));
}
static nd_status f_concat_flat(const nd_array *a) {
    const nd_array *xs[2] = {a, g_other};
    return status_of(nd_concatenate(2, xs, ND_AXIS_NONE));
}
static nd_status f_stack(const nd_array *a) {
    const nd_array *xs[2] = {a, a};
    return status_of(nd_stack(2, xs, 1));
}
static nd_status f_hstack(const nd_array *a) {
    const nd_array *xs[2] = {a, g_other};
    return status_of(nd_hstack(2, xs));
}
static nd_status f_vstack(const nd_array *a) {
    nd_array *row = nd_index(a, 0, 0);
    if (!row) return nd_last_status();
    const nd_array *xs[2] = {row, a};
    nd_status st = status_of(nd_vstack(2, xs));
    nd_free(row);
    return st;
}
static nd_status f_dstack(const nd_array *a) {
    const nd_array *xs[2] = {a, a};
    return status_of(nd_dstack(2, xs));
}
/* concatenate_out into a copy of a, the inputs overlapping it: the copies
 * of the inputs come before any write, so a failure leaves out alone */
static nd_status f_concat_out_overlap(const nd_array *a) {
    nd_array *out = nd_copy(a);
    if (!out) return nd_last_status();
    nd_array *left = nd_slice_axis(out, 1, 0, 1, 1), *right = nd_slice_axis(out, 1, 1, ND_NONE, 1);
    nd_status st = nd_last_status();
    if (left && right) {
        nd_array *before = nd_astype(out, ND_FLOAT64);
        const nd_array *xs[2] = {right, left};
        st = before ? nd_concatenate_out(2, xs, 1, out) : nd_last_status();
        if (st != ND_OK && before) {
            nd_array *after = nd_astype(out, ND_FLOAT64);
            if (after) {
                assert_memory_equal(nd_data(after), nd_data(before), nd_nbytes(before));
                nd_free(after);
            }
        }
        nd_free(before);
    }
    nd_free(left);
    nd_free(right);
    nd_free(out);
    return st;
}
static nd_status f_split(const nd_array *a, bool array_split) {
    nd_array *sentinel = (nd_array *)&sentinel;
    nd_array *parts[5] = {sentinel, sentinel, sentinel, sentinel, sentinel};
    nd_status st = array_split ? nd_array_split(a, 5, 1, parts) : nd_split(a, 2, 0, parts);
    int n = array_split ? 5 : 2;
    for (int i = 0; i < 5; i++) {
        if (st == ND_OK && i < n) nd_free(parts[i]);
        else assert_ptr_equal(parts[i], sentinel);
    }
    return st;
}
static nd_status f_split_eq(const nd_array *a) { return f_split(a, false); }
static nd_status f_array_split(const nd_array *a) { return f_split(a, true); }
static nd_status f_split_at(const nd_array *a) {
    nd_array *sentinel = (nd_array *)&sentinel;
    nd_array *parts[4] = {sentinel, sentinel, sentinel, sentinel};
    nd_status st = nd_split_at(a, 2, SH(1, 2), 1, parts);
    for (int i = 0; i < 4; i++) {
        if (st == ND_OK && i < 3) nd_free(parts[i]);
        else assert_ptr_equal(parts[i], sentinel);
    }
    return st;
}

static void test_out_of_memory(void **state) {
    (void)state;
    nd_array *t = make_input(ND_INT32, L_TRANSPOSED, 2, SH(4, 3), V(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
    g_other = make_input(ND_FLOAT32, L_NEGATIVE, 2, SH(4, 2), V(1, 2, 3, 4, 5, 6, 7, 8));
    run_with_faults("concatenate", f_concat, t);
    run_with_faults("concatenate flat", f_concat_flat, t);
    run_with_faults("stack", f_stack, t);
    run_with_faults("hstack", f_hstack, t);
    run_with_faults("vstack", f_vstack, t);
    run_with_faults("dstack", f_dstack, t);
    run_with_faults("concatenate_out overlapping", f_concat_out_overlap, t);
    run_with_faults("split", f_split_eq, t);
    run_with_faults("array_split", f_array_split, t);
    run_with_faults("split_at", f_split_at, t);
    nd_free(g_other);
    nd_free(t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_join_tables),
        cmocka_unit_test(test_join_broadcast),
        cmocka_unit_test(test_concatenate_promotion),
        cmocka_unit_test(test_concatenate_out),
        cmocka_unit_test(test_concatenate_out_overlap),
        cmocka_unit_test(test_concatenate_out_errors),
        cmocka_unit_test(test_join_errors),
        cmocka_unit_test(test_split_tables),
        cmocka_unit_test(test_split_views),
        cmocka_unit_test(test_split_errors),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
