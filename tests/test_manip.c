/* Tests for the shape manipulations of src/ops/manip.c: tile, repeat, pad,
 * roll, roll_axes, rot90, atleast_1d/2d/3d, meshgrid, tril and triu.
 *
 * Expected values come from NumPy 1.24: the comment above each table row
 * shows the expression, with a = np.arange(1, a.size + 1).reshape(shape).
 * Every row runs for every dtype (bool holds the parity of those values, so
 * that it sees both true and false) and for four layouts of the same values:
 * C-contiguous, transposed, negative strides and every-other-element. */
#include "nd_test.h"

#include <stdlib.h>

#include "nd_test_layouts.h"

typedef nd_array *(*case_fn)(const nd_array *a, const void *row);

/* Runs every row of a table through f for every dtype and layout. */
static void run_table(const void *rows, size_t nrows, size_t row_size, size_t res_offset, case_fn f,
                      bool view) {
    for (size_t i = 0; i < nrows; i++) {
        const char *row = (const char *)rows + i * row_size;
        const head *h = (const head *)row;
        const expect *e = (const expect *)(row + res_offset);
        double *vals = iota_vals(count_of(h->ndim, h->shape), 0);
        for (int d = 0; d < NUM_DT; d++) {
            for (int l = 0; l < L_COUNT; l++) {
                char ctx[512];
                snprintf(ctx, sizeof ctx, "%s [%s, %s]", h->expr, nd_dtype_name(all_dtypes[d]),
                         layout_names[l]);
                nd_array *a = make_input(all_dtypes[d], l, h->ndim, h->shape, vals);
                snap s = take(a);
                nd_clear_error();
                nd_array *r = f(a, row);
                check_result(ctx, r, all_dtypes[d], e);
                if (view) check_view(ctx, r, a);
                else check_copy(ctx, r, a);
                assert_int_equal(nd_last_status(), ND_OK);
                expect_same(a, &s);
                nd_free(r);
                nd_free(a);
            }
        }
        free(vals);
    }
}
#define RUN_TABLE(rows, type, f, view)                                                 \
    run_table(rows, sizeof rows / sizeof rows[0], sizeof rows[0], offsetof(type, res), f, view)

/* Asserts that call (an expression on a) fails with status st and a message
 * containing needle, and leaves a unchanged. */
#define EXPECT_FAIL(a, call, st, needle)                                               \
    do {                                                                               \
        snap s_ = take(a);                                                             \
        nd_clear_error();                                                              \
        nd_array *r_ = (call);                                                         \
        if (r_) fail_msg("%s succeeded", #call);                                       \
        ND_ASSERT_ERROR(st, needle);                                                   \
        expect_same(a, &s_);                                                           \
    } while (0)

/* ------------------------------------------------------------ tables */

typedef struct tile_case {
    head in;
    int nreps;
    int64_t reps[4];
    expect res;
} tile_case;

typedef struct repeat_case {
    head in;
    int nrep;
    int64_t repeats[6];
    int axis;
    expect res;
} repeat_case;

typedef struct pad_case {
    head in;
    int64_t pad[6];
    nd_pad_mode mode;
    double value;
    expect res;
} pad_case;

typedef struct roll_case {
    head in;
    bool flat; /* axis=None */
    int n;
    int64_t shifts[5];
    int axes[5];
    expect res;
} roll_case;

typedef struct rot90_case {
    head in;
    int k, axis1, axis2;
    expect res;
} rot90_case;

typedef struct atleast_case {
    head in;
    int n;
    expect res;
} atleast_case;

typedef struct tri_case {
    head in;
    bool lower;
    int64_t k;
    expect res;
} tri_case;

typedef struct mesh_in {
    int ndim;
    int64_t shape[2];
} mesh_in;

typedef struct mesh_case {
    const char *expr;
    int n;
    mesh_in in[3];
    bool ij, sparse;
    expect res[3];
} mesh_case;

/* tile: a = np.arange(1, a.size + 1).reshape(shape) */
static const tile_case tile_cases[] = {
    /* np.tile(a, (2,)) with a of shape (2, 3) */
    {{"np.tile(a, (2,)) with a of shape (2, 3)", 2, {2, 3}}, 1, {2}, {2, {2, 6}, V(1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6)}},
    /* np.tile(a, (2, 1, 2)) with a of shape (2, 3) */
    {{"np.tile(a, (2, 1, 2)) with a of shape (2, 3)", 2, {2, 3}}, 3, {2, 1, 2}, {3, {2, 2, 6}, V(1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6, 1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6)}},
    /* np.tile(a, (1, 1)) with a of shape (2, 3) */
    {{"np.tile(a, (1, 1)) with a of shape (2, 3)", 2, {2, 3}}, 2, {1, 1}, {2, {2, 3}, V(1, 2, 3, 4, 5, 6)}},
    /* np.tile(a, (0, 2)) with a of shape (2, 3) */
    {{"np.tile(a, (0, 2)) with a of shape (2, 3)", 2, {2, 3}}, 2, {0, 2}, {2, {0, 6}, V(0)}},
    /* np.tile(a, (2, 2)) with a of shape (3,) */
    {{"np.tile(a, (2, 2)) with a of shape (3,)", 1, {3}}, 2, {2, 2}, {2, {2, 6}, V(1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3)}},
    /* np.tile(a, (3,)) with a of shape () */
    {{"np.tile(a, (3,)) with a of shape ()", 0, {0}}, 1, {3}, {1, {3}, V(1, 1, 1)}},
    /* np.tile(a, ()) with a of shape () */
    {{"np.tile(a, ()) with a of shape ()", 0, {0}}, 0, {0}, {0, {0}, V(1)}},
    /* np.tile(a, (2, 2)) with a of shape (0, 3) */
    {{"np.tile(a, (2, 2)) with a of shape (0, 3)", 2, {0, 3}}, 2, {2, 2}, {2, {0, 6}, V(0)}},
    /* np.tile(a, (1, 3, 1)) with a of shape (2, 1, 3) */
    {{"np.tile(a, (1, 3, 1)) with a of shape (2, 1, 3)", 3, {2, 1, 3}}, 3, {1, 3, 1}, {3, {2, 3, 3}, V(1, 2, 3, 1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6, 4, 5, 6)}},
    /* np.tile(a, (1, 2, 1, 2)) with a of shape (2, 2) */
    {{"np.tile(a, (1, 2, 1, 2)) with a of shape (2, 2)", 2, {2, 2}}, 4, {1, 2, 1, 2}, {4, {1, 2, 2, 4}, V(1, 2, 1, 2, 3, 4, 3, 4, 1, 2, 1, 2, 3, 4, 3, 4)}},
    /* np.tile(a, (3, 1)) with a of shape (2, 3) */
    {{"np.tile(a, (3, 1)) with a of shape (2, 3)", 2, {2, 3}}, 2, {3, 1}, {2, {6, 3}, V(1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6)}},
    /* np.tile(a, (4,)) with a of shape (1,) */
    {{"np.tile(a, (4,)) with a of shape (1,)", 1, {1}}, 1, {4}, {1, {4}, V(1, 1, 1, 1)}},
};
/* repeat: a = np.arange(1, a.size + 1).reshape(shape); axis NONE is axis=None */
static const repeat_case repeat_cases[] = {
    /* np.repeat(a, 2, axis=None) with a of shape (2, 3) */
    {{"np.repeat(a, 2, axis=None) with a of shape (2, 3)", 2, {2, 3}}, 1, {2}, ND_AXIS_NONE, {1, {12}, V(1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6)}},
    /* np.repeat(a, [1, 2], axis=0) with a of shape (2, 3) */
    {{"np.repeat(a, [1, 2], axis=0) with a of shape (2, 3)", 2, {2, 3}}, 2, {1, 2}, 0, {2, {3, 3}, V(1, 2, 3, 4, 5, 6, 4, 5, 6)}},
    /* np.repeat(a, [2, 0, 1], axis=1) with a of shape (2, 3) */
    {{"np.repeat(a, [2, 0, 1], axis=1) with a of shape (2, 3)", 2, {2, 3}}, 3, {2, 0, 1}, 1, {2, {2, 3}, V(1, 1, 3, 4, 4, 6)}},
    /* np.repeat(a, 3, axis=-1) with a of shape (2, 3) */
    {{"np.repeat(a, 3, axis=-1) with a of shape (2, 3)", 2, {2, 3}}, 1, {3}, -1, {2, {2, 9}, V(1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6)}},
    /* np.repeat(a, [2, 2, 3], axis=1) with a of shape (2, 3) */
    {{"np.repeat(a, [2, 2, 3], axis=1) with a of shape (2, 3)", 2, {2, 3}}, 3, {2, 2, 3}, 1, {2, {2, 7}, V(1, 1, 2, 2, 3, 3, 3, 4, 4, 5, 5, 6, 6, 6)}},
    /* np.repeat(a, 0, axis=0) with a of shape (2, 3) */
    {{"np.repeat(a, 0, axis=0) with a of shape (2, 3)", 2, {2, 3}}, 1, {0}, 0, {2, {0, 3}, V(0)}},
    /* np.repeat(a, 3, axis=None) with a of shape () */
    {{"np.repeat(a, 3, axis=None) with a of shape ()", 0, {0}}, 1, {3}, ND_AXIS_NONE, {1, {3}, V(1, 1, 1)}},
    /* np.repeat(a, 3, axis=0) with a of shape () */
    {{"np.repeat(a, 3, axis=0) with a of shape ()", 0, {0}}, 1, {3}, 0, {1, {3}, V(1, 1, 1)}},
    /* np.repeat(a, 2, axis=-1) with a of shape () */
    {{"np.repeat(a, 2, axis=-1) with a of shape ()", 0, {0}}, 1, {2}, -1, {1, {2}, V(1, 1)}},
    /* np.repeat(a, 2, axis=0) with a of shape (0, 3) */
    {{"np.repeat(a, 2, axis=0) with a of shape (0, 3)", 2, {0, 3}}, 1, {2}, 0, {2, {0, 3}, V(0)}},
    /* np.repeat(a, [1, 0, 2], axis=1) with a of shape (0, 3) */
    {{"np.repeat(a, [1, 0, 2], axis=1) with a of shape (0, 3)", 2, {0, 3}}, 3, {1, 0, 2}, 1, {2, {0, 3}, V(0)}},
    /* np.repeat(a, [1, 1, 2, 2], axis=0) with a of shape (4,) */
    {{"np.repeat(a, [1, 1, 2, 2], axis=0) with a of shape (4,)", 1, {4}}, 4, {1, 1, 2, 2}, 0, {1, {6}, V(1, 2, 3, 3, 4, 4)}},
    /* np.repeat(a, [2, 1], axis=1) with a of shape (2, 2, 2) */
    {{"np.repeat(a, [2, 1], axis=1) with a of shape (2, 2, 2)", 3, {2, 2, 2}}, 2, {2, 1}, 1, {3, {2, 3, 2}, V(1, 2, 1, 2, 3, 4, 5, 6, 5, 6, 7, 8)}},
    /* np.repeat(a, [1, 0, 2, 0, 1, 3], axis=None) with a of shape (2, 3) */
    {{"np.repeat(a, [1, 0, 2, 0, 1, 3], axis=None) with a of shape (2, 3)", 2, {2, 3}}, 6, {1, 0, 2, 0, 1, 3}, ND_AXIS_NONE, {1, {7}, V(1, 3, 3, 5, 6, 6, 6)}},
    /* np.repeat(a, [0, 0, 0], axis=0) with a of shape (3, 2) */
    {{"np.repeat(a, [0, 0, 0], axis=0) with a of shape (3, 2)", 2, {3, 2}}, 3, {0, 0, 0}, 0, {2, {0, 2}, V(0)}},
    /* np.repeat(a, 1, axis=1) with a of shape (2, 3) */
    {{"np.repeat(a, 1, axis=1) with a of shape (2, 3)", 2, {2, 3}}, 1, {1}, 1, {2, {2, 3}, V(1, 2, 3, 4, 5, 6)}},
    /* np.repeat(a, [2, 0, 1], axis=0) with a of shape (3, 4, 10) */
    {{"np.repeat(a, [2, 0, 1], axis=0) with a of shape (3, 4, 10)", 3, {3, 4, 10}}, 3, {2, 0, 1}, 0, {3, {3, 4, 10}, V(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120)}},
    /* np.repeat(a, [2, 1], axis=1) with a of shape (40, 2) */
    {{"np.repeat(a, [2, 1], axis=1) with a of shape (40, 2)", 2, {40, 2}}, 2, {2, 1}, 1, {2, {40, 3}, V(1, 1, 2, 3, 3, 4, 5, 5, 6, 7, 7, 8, 9, 9, 10, 11, 11, 12, 13, 13, 14, 15, 15, 16, 17, 17, 18, 19, 19, 20, 21, 21, 22, 23, 23, 24, 25, 25, 26, 27, 27, 28, 29, 29, 30, 31, 31, 32, 33, 33, 34, 35, 35, 36, 37, 37, 38, 39, 39, 40, 41, 41, 42, 43, 43, 44, 45, 45, 46, 47, 47, 48, 49, 49, 50, 51, 51, 52, 53, 53, 54, 55, 55, 56, 57, 57, 58, 59, 59, 60, 61, 61, 62, 63, 63, 64, 65, 65, 66, 67, 67, 68, 69, 69, 70, 71, 71, 72, 73, 73, 74, 75, 75, 76, 77, 77, 78, 79, 79, 80)}},
    /* np.repeat(a, [3, 0], axis=0) with a of shape (2, 40) */
    {{"np.repeat(a, [3, 0], axis=0) with a of shape (2, 40)", 2, {2, 40}}, 2, {3, 0}, 0, {2, {3, 40}, V(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40)}},
    /* np.repeat(a, [3, 3], axis=0) with a of shape (2, 40) */
    {{"np.repeat(a, [3, 3], axis=0) with a of shape (2, 40)", 2, {2, 40}}, 2, {3, 3}, 0, {2, {6, 40}, V(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80)}},
};
/* pad: a = np.arange(1, a.size + 1).reshape(shape) */
static const pad_case pad_cases[] = {
    /* np.pad(a, ((1, 2), (0, 3)), mode='constant', constant_values=9) with a of shape (2, 3) */
    {{"np.pad(a, ((1, 2), (0, 3)), mode='constant', constant_values=9) with a of shape (2, 3)", 2, {2, 3}}, {1, 2, 0, 3}, ND_PAD_CONSTANT, 9, {2, {5, 6}, V(9, 9, 9, 9, 9, 9, 1, 2, 3, 9, 9, 9, 4, 5, 6, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9)}},
    /* np.pad(a, ((1, 2), (0, 3)), mode='constant', constant_values=0) with a of shape (2, 3) */
    {{"np.pad(a, ((1, 2), (0, 3)), mode='constant', constant_values=0) with a of shape (2, 3)", 2, {2, 3}}, {1, 2, 0, 3}, ND_PAD_CONSTANT, 0, {2, {5, 6}, V(0, 0, 0, 0, 0, 0, 1, 2, 3, 0, 0, 0, 4, 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)}},
    /* np.pad(a, ((2, 1), (1, 3)), mode='edge') with a of shape (2, 3) */
    {{"np.pad(a, ((2, 1), (1, 3)), mode='edge') with a of shape (2, 3)", 2, {2, 3}}, {2, 1, 1, 3}, ND_PAD_EDGE, 0, {2, {5, 7}, V(1, 1, 2, 3, 3, 3, 3, 1, 1, 2, 3, 3, 3, 3, 1, 1, 2, 3, 3, 3, 3, 4, 4, 5, 6, 6, 6, 6, 4, 4, 5, 6, 6, 6, 6)}},
    /* np.pad(a, ((3, 4), (5, 2)), mode='edge') with a of shape (2, 3) */
    {{"np.pad(a, ((3, 4), (5, 2)), mode='edge') with a of shape (2, 3)", 2, {2, 3}}, {3, 4, 5, 2}, ND_PAD_EDGE, 0, {2, {9, 10}, V(1, 1, 1, 1, 1, 1, 2, 3, 3, 3, 1, 1, 1, 1, 1, 1, 2, 3, 3, 3, 1, 1, 1, 1, 1, 1, 2, 3, 3, 3, 1, 1, 1, 1, 1, 1, 2, 3, 3, 3, 4, 4, 4, 4, 4, 4, 5, 6, 6, 6, 4, 4, 4, 4, 4, 4, 5, 6, 6, 6, 4, 4, 4, 4, 4, 4, 5, 6, 6, 6, 4, 4, 4, 4, 4, 4, 5, 6, 6, 6, 4, 4, 4, 4, 4, 4, 5, 6, 6, 6)}},
    /* np.pad(a, ((2, 1), (1, 3)), mode='reflect') with a of shape (2, 3) */
    {{"np.pad(a, ((2, 1), (1, 3)), mode='reflect') with a of shape (2, 3)", 2, {2, 3}}, {2, 1, 1, 3}, ND_PAD_REFLECT, 0, {2, {5, 7}, V(2, 1, 2, 3, 2, 1, 2, 5, 4, 5, 6, 5, 4, 5, 2, 1, 2, 3, 2, 1, 2, 5, 4, 5, 6, 5, 4, 5, 2, 1, 2, 3, 2, 1, 2)}},
    /* np.pad(a, ((3, 4), (5, 2)), mode='reflect') with a of shape (2, 3) */
    {{"np.pad(a, ((3, 4), (5, 2)), mode='reflect') with a of shape (2, 3)", 2, {2, 3}}, {3, 4, 5, 2}, ND_PAD_REFLECT, 0, {2, {9, 10}, V(5, 4, 5, 6, 5, 4, 5, 6, 5, 4, 2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 5, 4, 5, 6, 5, 4, 5, 6, 5, 4, 2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 5, 4, 5, 6, 5, 4, 5, 6, 5, 4, 2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 5, 4, 5, 6, 5, 4, 5, 6, 5, 4, 2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 5, 4, 5, 6, 5, 4, 5, 6, 5, 4)}},
    /* np.pad(a, ((2, 1), (1, 3)), mode='symmetric') with a of shape (2, 3) */
    {{"np.pad(a, ((2, 1), (1, 3)), mode='symmetric') with a of shape (2, 3)", 2, {2, 3}}, {2, 1, 1, 3}, ND_PAD_SYMMETRIC, 0, {2, {5, 7}, V(4, 4, 5, 6, 6, 5, 4, 1, 1, 2, 3, 3, 2, 1, 1, 1, 2, 3, 3, 2, 1, 4, 4, 5, 6, 6, 5, 4, 4, 4, 5, 6, 6, 5, 4)}},
    /* np.pad(a, ((3, 4), (5, 2)), mode='symmetric') with a of shape (2, 3) */
    {{"np.pad(a, ((3, 4), (5, 2)), mode='symmetric') with a of shape (2, 3)", 2, {2, 3}}, {3, 4, 5, 2}, ND_PAD_SYMMETRIC, 0, {2, {9, 10}, V(5, 6, 6, 5, 4, 4, 5, 6, 6, 5, 5, 6, 6, 5, 4, 4, 5, 6, 6, 5, 2, 3, 3, 2, 1, 1, 2, 3, 3, 2, 2, 3, 3, 2, 1, 1, 2, 3, 3, 2, 5, 6, 6, 5, 4, 4, 5, 6, 6, 5, 5, 6, 6, 5, 4, 4, 5, 6, 6, 5, 2, 3, 3, 2, 1, 1, 2, 3, 3, 2, 2, 3, 3, 2, 1, 1, 2, 3, 3, 2, 5, 6, 6, 5, 4, 4, 5, 6, 6, 5)}},
    /* np.pad(a, ((2, 1), (1, 3)), mode='wrap') with a of shape (2, 3) */
    {{"np.pad(a, ((2, 1), (1, 3)), mode='wrap') with a of shape (2, 3)", 2, {2, 3}}, {2, 1, 1, 3}, ND_PAD_WRAP, 0, {2, {5, 7}, V(3, 1, 2, 3, 1, 2, 3, 6, 4, 5, 6, 4, 5, 6, 3, 1, 2, 3, 1, 2, 3, 6, 4, 5, 6, 4, 5, 6, 3, 1, 2, 3, 1, 2, 3)}},
    /* np.pad(a, ((3, 4), (5, 2)), mode='wrap') with a of shape (2, 3) */
    {{"np.pad(a, ((3, 4), (5, 2)), mode='wrap') with a of shape (2, 3)", 2, {2, 3}}, {3, 4, 5, 2}, ND_PAD_WRAP, 0, {2, {9, 10}, V(4, 5, 4, 5, 6, 4, 5, 6, 4, 5, 1, 2, 1, 2, 3, 1, 2, 3, 1, 2, 4, 5, 4, 5, 6, 4, 5, 6, 4, 5, 1, 2, 1, 2, 3, 1, 2, 3, 1, 2, 4, 5, 4, 5, 6, 4, 5, 6, 4, 5, 1, 2, 1, 2, 3, 1, 2, 3, 1, 2, 4, 5, 4, 5, 6, 4, 5, 6, 4, 5, 1, 2, 1, 2, 3, 1, 2, 3, 1, 2, 4, 5, 4, 5, 6, 4, 5, 6, 4, 5)}},
    /* np.pad(a, ((4, 9),), mode='constant', constant_values=7) with a of shape (3,) */
    {{"np.pad(a, ((4, 9),), mode='constant', constant_values=7) with a of shape (3,)", 1, {3}}, {4, 9}, ND_PAD_CONSTANT, 7, {1, {16}, V(7, 7, 7, 7, 1, 2, 3, 7, 7, 7, 7, 7, 7, 7, 7, 7)}},
    /* np.pad(a, ((4, 2),), mode='constant', constant_values=7) with a of shape (1,) */
    {{"np.pad(a, ((4, 2),), mode='constant', constant_values=7) with a of shape (1,)", 1, {1}}, {4, 2}, ND_PAD_CONSTANT, 7, {1, {7}, V(7, 7, 7, 7, 1, 7, 7)}},
    /* np.pad(a, ((1, 2), (2, 1), (0, 3)), mode='constant', constant_values=5) with a of shape (2, 2, 2) */
    {{"np.pad(a, ((1, 2), (2, 1), (0, 3)), mode='constant', constant_values=5) with a of shape (2, 2, 2)", 3, {2, 2, 2}}, {1, 2, 2, 1, 0, 3}, ND_PAD_CONSTANT, 5, {3, {5, 5, 5}, V(5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 1, 2, 5, 5, 5, 3, 4, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 6, 5, 5, 5, 7, 8, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5)}},
    /* np.pad(a, ((4, 9),), mode='edge') with a of shape (3,) */
    {{"np.pad(a, ((4, 9),), mode='edge') with a of shape (3,)", 1, {3}}, {4, 9}, ND_PAD_EDGE, 7, {1, {16}, V(1, 1, 1, 1, 1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3)}},
    /* np.pad(a, ((4, 2),), mode='edge') with a of shape (1,) */
    {{"np.pad(a, ((4, 2),), mode='edge') with a of shape (1,)", 1, {1}}, {4, 2}, ND_PAD_EDGE, 7, {1, {7}, V(1, 1, 1, 1, 1, 1, 1)}},
    /* np.pad(a, ((1, 2), (2, 1), (0, 3)), mode='edge') with a of shape (2, 2, 2) */
    {{"np.pad(a, ((1, 2), (2, 1), (0, 3)), mode='edge') with a of shape (2, 2, 2)", 3, {2, 2, 2}}, {1, 2, 2, 1, 0, 3}, ND_PAD_EDGE, 5, {3, {5, 5, 5}, V(1, 2, 2, 2, 2, 1, 2, 2, 2, 2, 1, 2, 2, 2, 2, 3, 4, 4, 4, 4, 3, 4, 4, 4, 4, 1, 2, 2, 2, 2, 1, 2, 2, 2, 2, 1, 2, 2, 2, 2, 3, 4, 4, 4, 4, 3, 4, 4, 4, 4, 5, 6, 6, 6, 6, 5, 6, 6, 6, 6, 5, 6, 6, 6, 6, 7, 8, 8, 8, 8, 7, 8, 8, 8, 8, 5, 6, 6, 6, 6, 5, 6, 6, 6, 6, 5, 6, 6, 6, 6, 7, 8, 8, 8, 8, 7, 8, 8, 8, 8, 5, 6, 6, 6, 6, 5, 6, 6, 6, 6, 5, 6, 6, 6, 6, 7, 8, 8, 8, 8, 7, 8, 8, 8, 8)}},
    /* np.pad(a, ((4, 9),), mode='reflect') with a of shape (3,) */
    {{"np.pad(a, ((4, 9),), mode='reflect') with a of shape (3,)", 1, {3}}, {4, 9}, ND_PAD_REFLECT, 7, {1, {16}, V(1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2)}},
    /* np.pad(a, ((4, 2),), mode='reflect') with a of shape (1,) */
    {{"np.pad(a, ((4, 2),), mode='reflect') with a of shape (1,)", 1, {1}}, {4, 2}, ND_PAD_REFLECT, 7, {1, {7}, V(1, 1, 1, 1, 1, 1, 1)}},
    /* np.pad(a, ((1, 2), (2, 1), (0, 3)), mode='reflect') with a of shape (2, 2, 2) */
    {{"np.pad(a, ((1, 2), (2, 1), (0, 3)), mode='reflect') with a of shape (2, 2, 2)", 3, {2, 2, 2}}, {1, 2, 2, 1, 0, 3}, ND_PAD_REFLECT, 5, {3, {5, 5, 5}, V(5, 6, 5, 6, 5, 7, 8, 7, 8, 7, 5, 6, 5, 6, 5, 7, 8, 7, 8, 7, 5, 6, 5, 6, 5, 1, 2, 1, 2, 1, 3, 4, 3, 4, 3, 1, 2, 1, 2, 1, 3, 4, 3, 4, 3, 1, 2, 1, 2, 1, 5, 6, 5, 6, 5, 7, 8, 7, 8, 7, 5, 6, 5, 6, 5, 7, 8, 7, 8, 7, 5, 6, 5, 6, 5, 1, 2, 1, 2, 1, 3, 4, 3, 4, 3, 1, 2, 1, 2, 1, 3, 4, 3, 4, 3, 1, 2, 1, 2, 1, 5, 6, 5, 6, 5, 7, 8, 7, 8, 7, 5, 6, 5, 6, 5, 7, 8, 7, 8, 7, 5, 6, 5, 6, 5)}},
    /* np.pad(a, ((4, 9),), mode='symmetric') with a of shape (3,) */
    {{"np.pad(a, ((4, 9),), mode='symmetric') with a of shape (3,)", 1, {3}}, {4, 9}, ND_PAD_SYMMETRIC, 7, {1, {16}, V(3, 3, 2, 1, 1, 2, 3, 3, 2, 1, 1, 2, 3, 3, 2, 1)}},
    /* np.pad(a, ((4, 2),), mode='symmetric') with a of shape (1,) */
    {{"np.pad(a, ((4, 2),), mode='symmetric') with a of shape (1,)", 1, {1}}, {4, 2}, ND_PAD_SYMMETRIC, 7, {1, {7}, V(1, 1, 1, 1, 1, 1, 1)}},
    /* np.pad(a, ((1, 2), (2, 1), (0, 3)), mode='symmetric') with a of shape (2, 2, 2) */
    {{"np.pad(a, ((1, 2), (2, 1), (0, 3)), mode='symmetric') with a of shape (2, 2, 2)", 3, {2, 2, 2}}, {1, 2, 2, 1, 0, 3}, ND_PAD_SYMMETRIC, 5, {3, {5, 5, 5}, V(3, 4, 4, 3, 3, 1, 2, 2, 1, 1, 1, 2, 2, 1, 1, 3, 4, 4, 3, 3, 3, 4, 4, 3, 3, 3, 4, 4, 3, 3, 1, 2, 2, 1, 1, 1, 2, 2, 1, 1, 3, 4, 4, 3, 3, 3, 4, 4, 3, 3, 7, 8, 8, 7, 7, 5, 6, 6, 5, 5, 5, 6, 6, 5, 5, 7, 8, 8, 7, 7, 7, 8, 8, 7, 7, 7, 8, 8, 7, 7, 5, 6, 6, 5, 5, 5, 6, 6, 5, 5, 7, 8, 8, 7, 7, 7, 8, 8, 7, 7, 3, 4, 4, 3, 3, 1, 2, 2, 1, 1, 1, 2, 2, 1, 1, 3, 4, 4, 3, 3, 3, 4, 4, 3, 3)}},
    /* np.pad(a, ((4, 9),), mode='wrap') with a of shape (3,) */
    {{"np.pad(a, ((4, 9),), mode='wrap') with a of shape (3,)", 1, {3}}, {4, 9}, ND_PAD_WRAP, 7, {1, {16}, V(3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3)}},
    /* np.pad(a, ((4, 2),), mode='wrap') with a of shape (1,) */
    {{"np.pad(a, ((4, 2),), mode='wrap') with a of shape (1,)", 1, {1}}, {4, 2}, ND_PAD_WRAP, 7, {1, {7}, V(1, 1, 1, 1, 1, 1, 1)}},
    /* np.pad(a, ((1, 2), (2, 1), (0, 3)), mode='wrap') with a of shape (2, 2, 2) */
    {{"np.pad(a, ((1, 2), (2, 1), (0, 3)), mode='wrap') with a of shape (2, 2, 2)", 3, {2, 2, 2}}, {1, 2, 2, 1, 0, 3}, ND_PAD_WRAP, 5, {3, {5, 5, 5}, V(5, 6, 5, 6, 5, 7, 8, 7, 8, 7, 5, 6, 5, 6, 5, 7, 8, 7, 8, 7, 5, 6, 5, 6, 5, 1, 2, 1, 2, 1, 3, 4, 3, 4, 3, 1, 2, 1, 2, 1, 3, 4, 3, 4, 3, 1, 2, 1, 2, 1, 5, 6, 5, 6, 5, 7, 8, 7, 8, 7, 5, 6, 5, 6, 5, 7, 8, 7, 8, 7, 5, 6, 5, 6, 5, 1, 2, 1, 2, 1, 3, 4, 3, 4, 3, 1, 2, 1, 2, 1, 3, 4, 3, 4, 3, 1, 2, 1, 2, 1, 5, 6, 5, 6, 5, 7, 8, 7, 8, 7, 5, 6, 5, 6, 5, 7, 8, 7, 8, 7, 5, 6, 5, 6, 5)}},
    /* np.pad(a, ((2, 2), (4, 4)), mode='reflect') with a of shape (1, 3) */
    {{"np.pad(a, ((2, 2), (4, 4)), mode='reflect') with a of shape (1, 3)", 2, {1, 3}}, {2, 2, 4, 4}, ND_PAD_REFLECT, 0, {2, {5, 11}, V(1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3)}},
    /* np.pad(a, ((2, 2), (4, 4)), mode='symmetric') with a of shape (1, 3) */
    {{"np.pad(a, ((2, 2), (4, 4)), mode='symmetric') with a of shape (1, 3)", 2, {1, 3}}, {2, 2, 4, 4}, ND_PAD_SYMMETRIC, 0, {2, {5, 11}, V(3, 3, 2, 1, 1, 2, 3, 3, 2, 1, 1, 3, 3, 2, 1, 1, 2, 3, 3, 2, 1, 1, 3, 3, 2, 1, 1, 2, 3, 3, 2, 1, 1, 3, 3, 2, 1, 1, 2, 3, 3, 2, 1, 1, 3, 3, 2, 1, 1, 2, 3, 3, 2, 1, 1)}},
    /* np.pad(a, ((7, 5),), mode='reflect') with a of shape (2,) */
    {{"np.pad(a, ((7, 5),), mode='reflect') with a of shape (2,)", 1, {2}}, {7, 5}, ND_PAD_REFLECT, 0, {1, {14}, V(2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1)}},
    /* np.pad(a, ((13, 11),), mode='symmetric') with a of shape (5,) */
    {{"np.pad(a, ((13, 11),), mode='symmetric') with a of shape (5,)", 1, {5}}, {13, 11}, ND_PAD_SYMMETRIC, 0, {1, {29}, V(3, 2, 1, 1, 2, 3, 4, 5, 5, 4, 3, 2, 1, 1, 2, 3, 4, 5, 5, 4, 3, 2, 1, 1, 2, 3, 4, 5, 5)}},
    /* np.pad(a, ((10, 10),), mode='wrap') with a of shape (4,) */
    {{"np.pad(a, ((10, 10),), mode='wrap') with a of shape (4,)", 1, {4}}, {10, 10}, ND_PAD_WRAP, 0, {1, {24}, V(3, 4, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2)}},
    /* np.pad(a, ((0, 9),), mode='wrap') with a of shape (4,) */
    {{"np.pad(a, ((0, 9),), mode='wrap') with a of shape (4,)", 1, {4}}, {0, 9}, ND_PAD_WRAP, 0, {1, {13}, V(1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4, 1)}},
    /* np.pad(a, ((9, 0),), mode='reflect') with a of shape (4,) */
    {{"np.pad(a, ((9, 0),), mode='reflect') with a of shape (4,)", 1, {4}}, {9, 0}, ND_PAD_REFLECT, 0, {1, {13}, V(4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3, 4)}},
    /* np.pad(a, ((0, 0),), mode='reflect') with a of shape (3,) */
    {{"np.pad(a, ((0, 0),), mode='reflect') with a of shape (3,)", 1, {3}}, {0, 0}, ND_PAD_REFLECT, 0, {1, {3}, V(1, 2, 3)}},
    /* np.pad(a, (), mode='reflect') with a of shape () */
    {{"np.pad(a, (), mode='reflect') with a of shape ()", 0, {0}}, {0}, ND_PAD_REFLECT, 0, {0, {0}, V(1)}},
    /* np.pad(a, (), mode='constant', constant_values=3) with a of shape () */
    {{"np.pad(a, (), mode='constant', constant_values=3) with a of shape ()", 0, {0}}, {0}, ND_PAD_CONSTANT, 3, {0, {0}, V(1)}},
    /* np.pad(a, ((1, 1), (1, 0)), mode='constant', constant_values=9) with a of shape (0, 2) */
    {{"np.pad(a, ((1, 1), (1, 0)), mode='constant', constant_values=9) with a of shape (0, 2)", 2, {0, 2}}, {1, 1, 1, 0}, ND_PAD_CONSTANT, 9, {2, {2, 3}, V(9, 9, 9, 9, 9, 9)}},
    /* np.pad(a, ((0, 0), (1, 1)), mode='edge') with a of shape (0, 3) */
    {{"np.pad(a, ((0, 0), (1, 1)), mode='edge') with a of shape (0, 3)", 2, {0, 3}}, {0, 0, 1, 1}, ND_PAD_EDGE, 0, {2, {0, 5}, V(0)}},
    /* np.pad(a, ((1, 1), (0, 0)), mode='reflect') with a of shape (2, 0) */
    {{"np.pad(a, ((1, 1), (0, 0)), mode='reflect') with a of shape (2, 0)", 2, {2, 0}}, {1, 1, 0, 0}, ND_PAD_REFLECT, 0, {2, {4, 0}, V(0)}},
    /* np.pad(a, ((2, 1),), mode='constant', constant_values=7) with a of shape (0,) */
    {{"np.pad(a, ((2, 1),), mode='constant', constant_values=7) with a of shape (0,)", 1, {0}}, {2, 1}, ND_PAD_CONSTANT, 7, {1, {3}, V(7, 7, 7)}},
    /* np.pad(a, ((1, 1), (2, 2)), mode='constant', constant_values=1) with a of shape (3, 0) */
    {{"np.pad(a, ((1, 1), (2, 2)), mode='constant', constant_values=1) with a of shape (3, 0)", 2, {3, 0}}, {1, 1, 2, 2}, ND_PAD_CONSTANT, 1, {2, {5, 4}, V(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)}},
};
/* roll: a = np.arange(1, a.size + 1).reshape(shape); flat means axis=None */
static const roll_case roll_cases[] = {
    /* np.roll(a, (2,), axis=(0,)) with a of shape (10,) */
    {{"np.roll(a, (2,), axis=(0,)) with a of shape (10,)", 1, {10}}, false, 1, {2}, {0}, {1, {10}, V(9, 10, 1, 2, 3, 4, 5, 6, 7, 8)}},
    /* np.roll(a, (-3,), axis=(0,)) with a of shape (10,) */
    {{"np.roll(a, (-3,), axis=(0,)) with a of shape (10,)", 1, {10}}, false, 1, {-3}, {0}, {1, {10}, V(4, 5, 6, 7, 8, 9, 10, 1, 2, 3)}},
    /* np.roll(a, (12,), axis=(0,)) with a of shape (10,) */
    {{"np.roll(a, (12,), axis=(0,)) with a of shape (10,)", 1, {10}}, false, 1, {12}, {0}, {1, {10}, V(9, 10, 1, 2, 3, 4, 5, 6, 7, 8)}},
    /* np.roll(a, (0,), axis=(0,)) with a of shape (10,) */
    {{"np.roll(a, (0,), axis=(0,)) with a of shape (10,)", 1, {10}}, false, 1, {0}, {0}, {1, {10}, V(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)}},
    /* np.roll(a, (-9223372036854775808,), axis=(0,)) with a of shape (10,) */
    {{"np.roll(a, (-9223372036854775808,), axis=(0,)) with a of shape (10,)", 1, {10}}, false, 1, {INT64_MIN}, {0}, {1, {10}, V(9, 10, 1, 2, 3, 4, 5, 6, 7, 8)}},
    /* np.roll(a, (9223372036854775807,), axis=(0,)) with a of shape (10,) */
    {{"np.roll(a, (9223372036854775807,), axis=(0,)) with a of shape (10,)", 1, {10}}, false, 1, {INT64_MAX}, {0}, {1, {10}, V(4, 5, 6, 7, 8, 9, 10, 1, 2, 3)}},
    /* np.roll(a, (-1000000000000000,), axis=(-1,)) with a of shape (10,) */
    {{"np.roll(a, (-1000000000000000,), axis=(-1,)) with a of shape (10,)", 1, {10}}, false, 1, {-1000000000000000}, {-1}, {1, {10}, V(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)}},
    /* np.roll(a, 1) with a of shape (2, 5) */
    {{"np.roll(a, 1) with a of shape (2, 5)", 2, {2, 5}}, true, 1, {1}, {0}, {2, {2, 5}, V(10, 1, 2, 3, 4, 5, 6, 7, 8, 9)}},
    /* np.roll(a, 7) with a of shape (2, 5) */
    {{"np.roll(a, 7) with a of shape (2, 5)", 2, {2, 5}}, true, 1, {7}, {0}, {2, {2, 5}, V(4, 5, 6, 7, 8, 9, 10, 1, 2, 3)}},
    /* np.roll(a, -13) with a of shape (2, 5) */
    {{"np.roll(a, -13) with a of shape (2, 5)", 2, {2, 5}}, true, 1, {-13}, {0}, {2, {2, 5}, V(4, 5, 6, 7, 8, 9, 10, 1, 2, 3)}},
    /* np.roll(a, (1,), axis=(1,)) with a of shape (2, 5) */
    {{"np.roll(a, (1,), axis=(1,)) with a of shape (2, 5)", 2, {2, 5}}, false, 1, {1}, {1}, {2, {2, 5}, V(5, 1, 2, 3, 4, 10, 6, 7, 8, 9)}},
    /* np.roll(a, (-1,), axis=(0,)) with a of shape (2, 5) */
    {{"np.roll(a, (-1,), axis=(0,)) with a of shape (2, 5)", 2, {2, 5}}, false, 1, {-1}, {0}, {2, {2, 5}, V(6, 7, 8, 9, 10, 1, 2, 3, 4, 5)}},
    /* np.roll(a, (1, 2), axis=(0, 1)) with a of shape (2, 5) */
    {{"np.roll(a, (1, 2), axis=(0, 1)) with a of shape (2, 5)", 2, {2, 5}}, false, 2, {1, 2}, {0, 1}, {2, {2, 5}, V(9, 10, 6, 7, 8, 4, 5, 1, 2, 3)}},
    /* np.roll(a, (1, 1), axis=(1, 1)) with a of shape (2, 5) */
    {{"np.roll(a, (1, 1), axis=(1, 1)) with a of shape (2, 5)", 2, {2, 5}}, false, 2, {1, 1}, {1, 1}, {2, {2, 5}, V(4, 5, 1, 2, 3, 9, 10, 6, 7, 8)}},
    /* np.roll(a, (3, -1), axis=(1, -1)) with a of shape (2, 5) */
    {{"np.roll(a, (3, -1), axis=(1, -1)) with a of shape (2, 5)", 2, {2, 5}}, false, 2, {3, -1}, {1, -1}, {2, {2, 5}, V(4, 5, 1, 2, 3, 9, 10, 6, 7, 8)}},
    /* np.roll(a, (), axis=()) with a of shape (2, 5) */
    {{"np.roll(a, (), axis=()) with a of shape (2, 5)", 2, {2, 5}}, false, 0, {0}, {0}, {2, {2, 5}, V(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)}},
    /* np.roll(a, 3) with a of shape () */
    {{"np.roll(a, 3) with a of shape ()", 0, {0}}, true, 1, {3}, {0}, {0, {0}, V(1)}},
    /* np.roll(a, (3,), axis=(0,)) with a of shape (0,) */
    {{"np.roll(a, (3,), axis=(0,)) with a of shape (0,)", 1, {0}}, false, 1, {3}, {0}, {1, {0}, V(0)}},
    /* np.roll(a, (1,), axis=(1,)) with a of shape (0, 3) */
    {{"np.roll(a, (1,), axis=(1,)) with a of shape (0, 3)", 2, {0, 3}}, false, 1, {1}, {1}, {2, {0, 3}, V(0)}},
    /* np.roll(a, 2) with a of shape (0, 3) */
    {{"np.roll(a, 2) with a of shape (0, 3)", 2, {0, 3}}, true, 1, {2}, {0}, {2, {0, 3}, V(0)}},
    /* np.roll(a, (1, 2), axis=(0, 1)) with a of shape (0, 3) */
    {{"np.roll(a, (1, 2), axis=(0, 1)) with a of shape (0, 3)", 2, {0, 3}}, false, 2, {1, 2}, {0, 1}, {2, {0, 3}, V(0)}},
    /* np.roll(a, (1, 1, 1, 1, 1), axis=(0, 1, 2, 3, 4)) with a of shape (2, 3, 2, 2, 2) */
    {{"np.roll(a, (1, 1, 1, 1, 1), axis=(0, 1, 2, 3, 4)) with a of shape (2, 3, 2, 2, 2)", 5, {2, 3, 2, 2, 2}}, false, 5, {1, 1, 1, 1, 1}, {0, 1, 2, 3, 4}, {5, {2, 3, 2, 2, 2}, V(48, 47, 46, 45, 44, 43, 42, 41, 32, 31, 30, 29, 28, 27, 26, 25, 40, 39, 38, 37, 36, 35, 34, 33, 24, 23, 22, 21, 20, 19, 18, 17, 8, 7, 6, 5, 4, 3, 2, 1, 16, 15, 14, 13, 12, 11, 10, 9)}},
    /* np.roll(a, (1, -1, 1, 3, 1), axis=(4, 1, 0, 2, 3)) with a of shape (2, 3, 2, 2, 2) */
    {{"np.roll(a, (1, -1, 1, 3, 1), axis=(4, 1, 0, 2, 3)) with a of shape (2, 3, 2, 2, 2)", 5, {2, 3, 2, 2, 2}}, false, 5, {1, -1, 1, 3, 1}, {4, 1, 0, 2, 3}, {5, {2, 3, 2, 2, 2}, V(40, 39, 38, 37, 36, 35, 34, 33, 48, 47, 46, 45, 44, 43, 42, 41, 32, 31, 30, 29, 28, 27, 26, 25, 16, 15, 14, 13, 12, 11, 10, 9, 24, 23, 22, 21, 20, 19, 18, 17, 8, 7, 6, 5, 4, 3, 2, 1)}},
    /* np.roll(a, (1, 2, 3), axis=(0, 1, 0)) with a of shape (3, 4) */
    {{"np.roll(a, (1, 2, 3), axis=(0, 1, 0)) with a of shape (3, 4)", 2, {3, 4}}, false, 3, {1, 2, 3}, {0, 1, 0}, {2, {3, 4}, V(11, 12, 9, 10, 3, 4, 1, 2, 7, 8, 5, 6)}},
    /* np.roll(a, (1, 1), axis=(0, 2)) with a of shape (2, 3, 4) */
    {{"np.roll(a, (1, 1), axis=(0, 2)) with a of shape (2, 3, 4)", 3, {2, 3, 4}}, false, 2, {1, 1}, {0, 2}, {3, {2, 3, 4}, V(16, 13, 14, 15, 20, 17, 18, 19, 24, 21, 22, 23, 4, 1, 2, 3, 8, 5, 6, 7, 12, 9, 10, 11)}},
    /* np.roll(a, (2 * (2**63 - 1)) % 3, axis=1) with a of shape (2, 3, 4): the exact sum of the shifts */
    {{"np.roll(a, (2 * (2**63 - 1)) % 3, axis=1) with a of shape (2, 3, 4): the exact sum of the shifts", 3, {2, 3, 4}}, false, 2, {INT64_MAX, INT64_MAX}, {1, 1}, {3, {2, 3, 4}, V(5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 17, 18, 19, 20, 21, 22, 23, 24, 13, 14, 15, 16)}},
};
/* rot90: a = np.arange(1, a.size + 1).reshape(shape) */
static const rot90_case rot90_cases[] = {
    /* np.rot90(a, 0, axes=(0, 1)) with a of shape (2, 3) */
    {{"np.rot90(a, 0, axes=(0, 1)) with a of shape (2, 3)", 2, {2, 3}}, 0, 0, 1, {2, {2, 3}, V(1, 2, 3, 4, 5, 6)}},
    /* np.rot90(a, 1, axes=(0, 1)) with a of shape (2, 3) */
    {{"np.rot90(a, 1, axes=(0, 1)) with a of shape (2, 3)", 2, {2, 3}}, 1, 0, 1, {2, {3, 2}, V(3, 6, 2, 5, 1, 4)}},
    /* np.rot90(a, 2, axes=(0, 1)) with a of shape (2, 3) */
    {{"np.rot90(a, 2, axes=(0, 1)) with a of shape (2, 3)", 2, {2, 3}}, 2, 0, 1, {2, {2, 3}, V(6, 5, 4, 3, 2, 1)}},
    /* np.rot90(a, 3, axes=(0, 1)) with a of shape (2, 3) */
    {{"np.rot90(a, 3, axes=(0, 1)) with a of shape (2, 3)", 2, {2, 3}}, 3, 0, 1, {2, {3, 2}, V(4, 1, 5, 2, 6, 3)}},
    /* np.rot90(a, -1, axes=(0, 1)) with a of shape (2, 3) */
    {{"np.rot90(a, -1, axes=(0, 1)) with a of shape (2, 3)", 2, {2, 3}}, -1, 0, 1, {2, {3, 2}, V(4, 1, 5, 2, 6, 3)}},
    /* np.rot90(a, 5, axes=(0, 1)) with a of shape (2, 3) */
    {{"np.rot90(a, 5, axes=(0, 1)) with a of shape (2, 3)", 2, {2, 3}}, 5, 0, 1, {2, {3, 2}, V(3, 6, 2, 5, 1, 4)}},
    /* np.rot90(a, -6, axes=(0, 1)) with a of shape (2, 3) */
    {{"np.rot90(a, -6, axes=(0, 1)) with a of shape (2, 3)", 2, {2, 3}}, -6, 0, 1, {2, {2, 3}, V(6, 5, 4, 3, 2, 1)}},
    /* np.rot90(a, 1, axes=(1, 0)) with a of shape (2, 3) */
    {{"np.rot90(a, 1, axes=(1, 0)) with a of shape (2, 3)", 2, {2, 3}}, 1, 1, 0, {2, {3, 2}, V(4, 1, 5, 2, 6, 3)}},
    /* np.rot90(a, 1, axes=(-1, -2)) with a of shape (2, 3) */
    {{"np.rot90(a, 1, axes=(-1, -2)) with a of shape (2, 3)", 2, {2, 3}}, 1, -1, -2, {2, {3, 2}, V(4, 1, 5, 2, 6, 3)}},
    /* np.rot90(a, 1, axes=(0, 2)) with a of shape (2, 3, 4) */
    {{"np.rot90(a, 1, axes=(0, 2)) with a of shape (2, 3, 4)", 3, {2, 3, 4}}, 1, 0, 2, {3, {4, 3, 2}, V(4, 16, 8, 20, 12, 24, 3, 15, 7, 19, 11, 23, 2, 14, 6, 18, 10, 22, 1, 13, 5, 17, 9, 21)}},
    /* np.rot90(a, 3, axes=(2, 0)) with a of shape (2, 3, 4) */
    {{"np.rot90(a, 3, axes=(2, 0)) with a of shape (2, 3, 4)", 3, {2, 3, 4}}, 3, 2, 0, {3, {4, 3, 2}, V(4, 16, 8, 20, 12, 24, 3, 15, 7, 19, 11, 23, 2, 14, 6, 18, 10, 22, 1, 13, 5, 17, 9, 21)}},
    /* np.rot90(a, 2, axes=(-1, -3)) with a of shape (2, 3, 4) */
    {{"np.rot90(a, 2, axes=(-1, -3)) with a of shape (2, 3, 4)", 3, {2, 3, 4}}, 2, -1, -3, {3, {2, 3, 4}, V(16, 15, 14, 13, 20, 19, 18, 17, 24, 23, 22, 21, 4, 3, 2, 1, 8, 7, 6, 5, 12, 11, 10, 9)}},
    /* np.rot90(a, 1, axes=(1, 2)) with a of shape (2, 3, 4) */
    {{"np.rot90(a, 1, axes=(1, 2)) with a of shape (2, 3, 4)", 3, {2, 3, 4}}, 1, 1, 2, {3, {2, 4, 3}, V(4, 8, 12, 3, 7, 11, 2, 6, 10, 1, 5, 9, 16, 20, 24, 15, 19, 23, 14, 18, 22, 13, 17, 21)}},
    /* np.rot90(a, 1, axes=(0, 1)) with a of shape (0, 3) */
    {{"np.rot90(a, 1, axes=(0, 1)) with a of shape (0, 3)", 2, {0, 3}}, 1, 0, 1, {2, {3, 0}, V(0)}},
    /* np.rot90(a, 3, axes=(0, 1)) with a of shape (3, 0) */
    {{"np.rot90(a, 3, axes=(0, 1)) with a of shape (3, 0)", 2, {3, 0}}, 3, 0, 1, {2, {0, 3}, V(0)}},
    /* np.rot90(a, 1, axes=(0, 1)) with a of shape (1, 1) */
    {{"np.rot90(a, 1, axes=(0, 1)) with a of shape (1, 1)", 2, {1, 1}}, 1, 0, 1, {2, {1, 1}, V(1)}},
};
/* atleast_nd: a = np.arange(1, a.size + 1).reshape(shape) */
static const atleast_case atleast_cases[] = {
    /* np.atleast_1d(a) with a of shape () */
    {{"np.atleast_1d(a) with a of shape ()", 0, {0}}, 1, {1, {1}, V(1)}},
    /* np.atleast_2d(a) with a of shape () */
    {{"np.atleast_2d(a) with a of shape ()", 0, {0}}, 2, {2, {1, 1}, V(1)}},
    /* np.atleast_3d(a) with a of shape () */
    {{"np.atleast_3d(a) with a of shape ()", 0, {0}}, 3, {3, {1, 1, 1}, V(1)}},
    /* np.atleast_1d(a) with a of shape (3,) */
    {{"np.atleast_1d(a) with a of shape (3,)", 1, {3}}, 1, {1, {3}, V(1, 2, 3)}},
    /* np.atleast_2d(a) with a of shape (3,) */
    {{"np.atleast_2d(a) with a of shape (3,)", 1, {3}}, 2, {2, {1, 3}, V(1, 2, 3)}},
    /* np.atleast_3d(a) with a of shape (3,) */
    {{"np.atleast_3d(a) with a of shape (3,)", 1, {3}}, 3, {3, {1, 3, 1}, V(1, 2, 3)}},
    /* np.atleast_1d(a) with a of shape (2, 3) */
    {{"np.atleast_1d(a) with a of shape (2, 3)", 2, {2, 3}}, 1, {2, {2, 3}, V(1, 2, 3, 4, 5, 6)}},
    /* np.atleast_2d(a) with a of shape (2, 3) */
    {{"np.atleast_2d(a) with a of shape (2, 3)", 2, {2, 3}}, 2, {2, {2, 3}, V(1, 2, 3, 4, 5, 6)}},
    /* np.atleast_3d(a) with a of shape (2, 3) */
    {{"np.atleast_3d(a) with a of shape (2, 3)", 2, {2, 3}}, 3, {3, {2, 3, 1}, V(1, 2, 3, 4, 5, 6)}},
    /* np.atleast_1d(a) with a of shape (2, 3, 4) */
    {{"np.atleast_1d(a) with a of shape (2, 3, 4)", 3, {2, 3, 4}}, 1, {3, {2, 3, 4}, V(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24)}},
    /* np.atleast_2d(a) with a of shape (2, 3, 4) */
    {{"np.atleast_2d(a) with a of shape (2, 3, 4)", 3, {2, 3, 4}}, 2, {3, {2, 3, 4}, V(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24)}},
    /* np.atleast_3d(a) with a of shape (2, 3, 4) */
    {{"np.atleast_3d(a) with a of shape (2, 3, 4)", 3, {2, 3, 4}}, 3, {3, {2, 3, 4}, V(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24)}},
    /* np.atleast_1d(a) with a of shape (1, 2, 1, 3) */
    {{"np.atleast_1d(a) with a of shape (1, 2, 1, 3)", 4, {1, 2, 1, 3}}, 1, {4, {1, 2, 1, 3}, V(1, 2, 3, 4, 5, 6)}},
    /* np.atleast_2d(a) with a of shape (1, 2, 1, 3) */
    {{"np.atleast_2d(a) with a of shape (1, 2, 1, 3)", 4, {1, 2, 1, 3}}, 2, {4, {1, 2, 1, 3}, V(1, 2, 3, 4, 5, 6)}},
    /* np.atleast_3d(a) with a of shape (1, 2, 1, 3) */
    {{"np.atleast_3d(a) with a of shape (1, 2, 1, 3)", 4, {1, 2, 1, 3}}, 3, {4, {1, 2, 1, 3}, V(1, 2, 3, 4, 5, 6)}},
    /* np.atleast_1d(a) with a of shape (0,) */
    {{"np.atleast_1d(a) with a of shape (0,)", 1, {0}}, 1, {1, {0}, V(0)}},
    /* np.atleast_2d(a) with a of shape (0,) */
    {{"np.atleast_2d(a) with a of shape (0,)", 1, {0}}, 2, {2, {1, 0}, V(0)}},
    /* np.atleast_3d(a) with a of shape (0,) */
    {{"np.atleast_3d(a) with a of shape (0,)", 1, {0}}, 3, {3, {1, 0, 1}, V(0)}},
    /* np.atleast_1d(a) with a of shape (2, 0) */
    {{"np.atleast_1d(a) with a of shape (2, 0)", 2, {2, 0}}, 1, {2, {2, 0}, V(0)}},
    /* np.atleast_2d(a) with a of shape (2, 0) */
    {{"np.atleast_2d(a) with a of shape (2, 0)", 2, {2, 0}}, 2, {2, {2, 0}, V(0)}},
    /* np.atleast_3d(a) with a of shape (2, 0) */
    {{"np.atleast_3d(a) with a of shape (2, 0)", 2, {2, 0}}, 3, {3, {2, 0, 1}, V(0)}},
};
/* tril/triu: a = np.arange(1, a.size + 1).reshape(shape) */
static const tri_case tri_cases[] = {
    /* np.tril(a, 0) with a of shape (3, 4) */
    {{"np.tril(a, 0) with a of shape (3, 4)", 2, {3, 4}}, true, 0, {2, {3, 4}, V(1, 0, 0, 0, 5, 6, 0, 0, 9, 10, 11, 0)}},
    /* np.triu(a, 0) with a of shape (3, 4) */
    {{"np.triu(a, 0) with a of shape (3, 4)", 2, {3, 4}}, false, 0, {2, {3, 4}, V(1, 2, 3, 4, 0, 6, 7, 8, 0, 0, 11, 12)}},
    /* np.tril(a, 1) with a of shape (3, 4) */
    {{"np.tril(a, 1) with a of shape (3, 4)", 2, {3, 4}}, true, 1, {2, {3, 4}, V(1, 2, 0, 0, 5, 6, 7, 0, 9, 10, 11, 12)}},
    /* np.triu(a, 1) with a of shape (3, 4) */
    {{"np.triu(a, 1) with a of shape (3, 4)", 2, {3, 4}}, false, 1, {2, {3, 4}, V(0, 2, 3, 4, 0, 0, 7, 8, 0, 0, 0, 12)}},
    /* np.tril(a, -1) with a of shape (3, 4) */
    {{"np.tril(a, -1) with a of shape (3, 4)", 2, {3, 4}}, true, -1, {2, {3, 4}, V(0, 0, 0, 0, 5, 0, 0, 0, 9, 10, 0, 0)}},
    /* np.triu(a, -1) with a of shape (3, 4) */
    {{"np.triu(a, -1) with a of shape (3, 4)", 2, {3, 4}}, false, -1, {2, {3, 4}, V(1, 2, 3, 4, 5, 6, 7, 8, 0, 10, 11, 12)}},
    /* np.tril(a, 5) with a of shape (3, 4) */
    {{"np.tril(a, 5) with a of shape (3, 4)", 2, {3, 4}}, true, 5, {2, {3, 4}, V(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)}},
    /* np.triu(a, 5) with a of shape (3, 4) */
    {{"np.triu(a, 5) with a of shape (3, 4)", 2, {3, 4}}, false, 5, {2, {3, 4}, V(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)}},
    /* np.tril(a, -5) with a of shape (3, 4) */
    {{"np.tril(a, -5) with a of shape (3, 4)", 2, {3, 4}}, true, -5, {2, {3, 4}, V(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)}},
    /* np.triu(a, -5) with a of shape (3, 4) */
    {{"np.triu(a, -5) with a of shape (3, 4)", 2, {3, 4}}, false, -5, {2, {3, 4}, V(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)}},
    /* np.tril(a, INT64_MAX) with a of shape (3, 4) */
    {{"np.tril(a, INT64_MAX) with a of shape (3, 4)", 2, {3, 4}}, true, INT64_MAX, {2, {3, 4}, V(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)}},
    /* np.triu(a, INT64_MAX) with a of shape (3, 4) */
    {{"np.triu(a, INT64_MAX) with a of shape (3, 4)", 2, {3, 4}}, false, INT64_MAX, {2, {3, 4}, V(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)}},
    /* np.tril(a, INT64_MIN) with a of shape (3, 4) */
    {{"np.tril(a, INT64_MIN) with a of shape (3, 4)", 2, {3, 4}}, true, INT64_MIN, {2, {3, 4}, V(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)}},
    /* np.triu(a, INT64_MIN) with a of shape (3, 4) */
    {{"np.triu(a, INT64_MIN) with a of shape (3, 4)", 2, {3, 4}}, false, INT64_MIN, {2, {3, 4}, V(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)}},
    /* np.tril(a, 0) with a of shape (4, 3) */
    {{"np.tril(a, 0) with a of shape (4, 3)", 2, {4, 3}}, true, 0, {2, {4, 3}, V(1, 0, 0, 4, 5, 0, 7, 8, 9, 10, 11, 12)}},
    /* np.triu(a, 0) with a of shape (4, 3) */
    {{"np.triu(a, 0) with a of shape (4, 3)", 2, {4, 3}}, false, 0, {2, {4, 3}, V(1, 2, 3, 0, 5, 6, 0, 0, 9, 0, 0, 0)}},
    /* np.tril(a, 1) with a of shape (4, 3) */
    {{"np.tril(a, 1) with a of shape (4, 3)", 2, {4, 3}}, true, 1, {2, {4, 3}, V(1, 2, 0, 4, 5, 6, 7, 8, 9, 10, 11, 12)}},
    /* np.triu(a, 1) with a of shape (4, 3) */
    {{"np.triu(a, 1) with a of shape (4, 3)", 2, {4, 3}}, false, 1, {2, {4, 3}, V(0, 2, 3, 0, 0, 6, 0, 0, 0, 0, 0, 0)}},
    /* np.tril(a, -2) with a of shape (4, 3) */
    {{"np.tril(a, -2) with a of shape (4, 3)", 2, {4, 3}}, true, -2, {2, {4, 3}, V(0, 0, 0, 0, 0, 0, 7, 0, 0, 10, 11, 0)}},
    /* np.triu(a, -2) with a of shape (4, 3) */
    {{"np.triu(a, -2) with a of shape (4, 3)", 2, {4, 3}}, false, -2, {2, {4, 3}, V(1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 11, 12)}},
    /* np.tril(a, 3) with a of shape (4, 3) */
    {{"np.tril(a, 3) with a of shape (4, 3)", 2, {4, 3}}, true, 3, {2, {4, 3}, V(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)}},
    /* np.triu(a, 3) with a of shape (4, 3) */
    {{"np.triu(a, 3) with a of shape (4, 3)", 2, {4, 3}}, false, 3, {2, {4, 3}, V(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)}},
    /* np.tril(a, 0) with a of shape (2, 3, 3) */
    {{"np.tril(a, 0) with a of shape (2, 3, 3)", 3, {2, 3, 3}}, true, 0, {3, {2, 3, 3}, V(1, 0, 0, 4, 5, 0, 7, 8, 9, 10, 0, 0, 13, 14, 0, 16, 17, 18)}},
    /* np.triu(a, 0) with a of shape (2, 3, 3) */
    {{"np.triu(a, 0) with a of shape (2, 3, 3)", 3, {2, 3, 3}}, false, 0, {3, {2, 3, 3}, V(1, 2, 3, 0, 5, 6, 0, 0, 9, 10, 11, 12, 0, 14, 15, 0, 0, 18)}},
    /* np.tril(a, -1) with a of shape (2, 3, 3) */
    {{"np.tril(a, -1) with a of shape (2, 3, 3)", 3, {2, 3, 3}}, true, -1, {3, {2, 3, 3}, V(0, 0, 0, 4, 0, 0, 7, 8, 0, 0, 0, 0, 13, 0, 0, 16, 17, 0)}},
    /* np.triu(a, -1) with a of shape (2, 3, 3) */
    {{"np.triu(a, -1) with a of shape (2, 3, 3)", 3, {2, 3, 3}}, false, -1, {3, {2, 3, 3}, V(1, 2, 3, 4, 5, 6, 0, 8, 9, 10, 11, 12, 13, 14, 15, 0, 17, 18)}},
    /* np.tril(a, 0) with a of shape (3,) */
    {{"np.tril(a, 0) with a of shape (3,)", 1, {3}}, true, 0, {2, {3, 3}, V(1, 0, 0, 1, 2, 0, 1, 2, 3)}},
    /* np.triu(a, 0) with a of shape (3,) */
    {{"np.triu(a, 0) with a of shape (3,)", 1, {3}}, false, 0, {2, {3, 3}, V(1, 2, 3, 0, 2, 3, 0, 0, 3)}},
    /* np.tril(a, 1) with a of shape (3,) */
    {{"np.tril(a, 1) with a of shape (3,)", 1, {3}}, true, 1, {2, {3, 3}, V(1, 2, 0, 1, 2, 3, 1, 2, 3)}},
    /* np.triu(a, 1) with a of shape (3,) */
    {{"np.triu(a, 1) with a of shape (3,)", 1, {3}}, false, 1, {2, {3, 3}, V(0, 2, 3, 0, 0, 3, 0, 0, 0)}},
    /* np.tril(a, -1) with a of shape (3,) */
    {{"np.tril(a, -1) with a of shape (3,)", 1, {3}}, true, -1, {2, {3, 3}, V(0, 0, 0, 1, 0, 0, 1, 2, 0)}},
    /* np.triu(a, -1) with a of shape (3,) */
    {{"np.triu(a, -1) with a of shape (3,)", 1, {3}}, false, -1, {2, {3, 3}, V(1, 2, 3, 1, 2, 3, 0, 2, 3)}},
    /* np.tril(a, 0) with a of shape (0, 3) */
    {{"np.tril(a, 0) with a of shape (0, 3)", 2, {0, 3}}, true, 0, {2, {0, 3}, V(0)}},
    /* np.triu(a, 0) with a of shape (0, 3) */
    {{"np.triu(a, 0) with a of shape (0, 3)", 2, {0, 3}}, false, 0, {2, {0, 3}, V(0)}},
    /* np.tril(a, 1) with a of shape (2, 0, 3) */
    {{"np.tril(a, 1) with a of shape (2, 0, 3)", 3, {2, 0, 3}}, true, 1, {3, {2, 0, 3}, V(0)}},
    /* np.triu(a, 1) with a of shape (2, 0, 3) */
    {{"np.triu(a, 1) with a of shape (2, 0, 3)", 3, {2, 0, 3}}, false, 1, {3, {2, 0, 3}, V(0)}},
    /* np.tril(a, 0) with a of shape (1, 1) */
    {{"np.tril(a, 0) with a of shape (1, 1)", 2, {1, 1}}, true, 0, {2, {1, 1}, V(1)}},
    /* np.triu(a, 0) with a of shape (1, 1) */
    {{"np.triu(a, 0) with a of shape (1, 1)", 2, {1, 1}}, false, 0, {2, {1, 1}, V(1)}},
    /* np.tril(a, -1) with a of shape (1, 1) */
    {{"np.tril(a, -1) with a of shape (1, 1)", 2, {1, 1}}, true, -1, {2, {1, 1}, V(0)}},
    /* np.triu(a, -1) with a of shape (1, 1) */
    {{"np.triu(a, -1) with a of shape (1, 1)", 2, {1, 1}}, false, -1, {2, {1, 1}, V(1)}},
    /* np.tril(a, -1) with a of shape (5, 2) */
    {{"np.tril(a, -1) with a of shape (5, 2)", 2, {5, 2}}, true, -1, {2, {5, 2}, V(0, 0, 3, 0, 5, 6, 7, 8, 9, 10)}},
    /* np.triu(a, -1) with a of shape (5, 2) */
    {{"np.triu(a, -1) with a of shape (5, 2)", 2, {5, 2}}, false, -1, {2, {5, 2}, V(1, 2, 3, 4, 0, 6, 0, 0, 0, 0)}},
    /* np.tril(a, 2) with a of shape (2, 5) */
    {{"np.tril(a, 2) with a of shape (2, 5)", 2, {2, 5}}, true, 2, {2, {2, 5}, V(1, 2, 3, 0, 0, 6, 7, 8, 9, 0)}},
    /* np.triu(a, 2) with a of shape (2, 5) */
    {{"np.triu(a, 2) with a of shape (2, 5)", 2, {2, 5}}, false, 2, {2, {2, 5}, V(0, 0, 3, 4, 5, 0, 0, 0, 9, 10)}},
    /* np.tril(a, 0) with a of shape (2, 1, 3, 2) */
    {{"np.tril(a, 0) with a of shape (2, 1, 3, 2)", 4, {2, 1, 3, 2}}, true, 0, {4, {2, 1, 3, 2}, V(1, 0, 3, 4, 5, 6, 7, 0, 9, 10, 11, 12)}},
    /* np.triu(a, 0) with a of shape (2, 1, 3, 2) */
    {{"np.triu(a, 0) with a of shape (2, 1, 3, 2)", 4, {2, 1, 3, 2}}, false, 0, {4, {2, 1, 3, 2}, V(1, 2, 0, 4, 0, 0, 7, 8, 0, 10, 0, 0)}},
};
/* broadcast inputs (stride 0 along the first axis) */
static const tile_case tile_bcast[] = {
    /* np.tile(b, (2, 2)), b = np.broadcast_to(np.arange(1, 4), (2, 3)) */
    {{"np.tile(b, (2, 2)), b = np.broadcast_to(np.arange(1, 4), (2, 3))", 2, {2, 3}}, 2, {2, 2}, {2, {4, 6}, V(1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3)}},
    /* np.tile(b, (1, 3)), b = np.broadcast_to(np.arange(1, 3), (3, 2)) */
    {{"np.tile(b, (1, 3)), b = np.broadcast_to(np.arange(1, 3), (3, 2))", 2, {3, 2}}, 2, {1, 3}, {2, {3, 6}, V(1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2)}},
};
static const repeat_case repeat_bcast[] = {
    /* np.repeat(b, [1, 2], axis=0), b = np.broadcast_to(np.arange(1, 4), (2, 3)) */
    {{"np.repeat(b, [1, 2], axis=0), b = np.broadcast_to(np.arange(1, 4), (2, 3))", 2, {2, 3}}, 2, {1, 2}, 0, {2, {3, 3}, V(1, 2, 3, 1, 2, 3, 1, 2, 3)}},
    /* np.repeat(b, 2, axis=None), b = np.broadcast_to(np.arange(1, 4), (2, 3)) */
    {{"np.repeat(b, 2, axis=None), b = np.broadcast_to(np.arange(1, 4), (2, 3))", 2, {2, 3}}, 1, {2}, ND_AXIS_NONE, {1, {12}, V(1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3)}},
    /* np.repeat(b, [0, 1, 3], axis=1), b = np.broadcast_to(np.arange(1, 4), (2, 3)) */
    {{"np.repeat(b, [0, 1, 3], axis=1), b = np.broadcast_to(np.arange(1, 4), (2, 3))", 2, {2, 3}}, 3, {0, 1, 3}, 1, {2, {2, 4}, V(2, 3, 3, 3, 2, 3, 3, 3)}},
};
static const pad_case pad_bcast[] = {
    /* np.pad(b, ((1, 0), (2, 1)), mode='reflect'), b = np.broadcast_to(np.arange(1, 4), (2, 3)) */
    {{"np.pad(b, ((1, 0), (2, 1)), mode='reflect'), b = np.broadcast_to(np.arange(1, 4), (2, 3))", 2, {2, 3}}, {1, 0, 2, 1}, ND_PAD_REFLECT, 9, {2, {3, 6}, V(3, 2, 1, 2, 3, 2, 3, 2, 1, 2, 3, 2, 3, 2, 1, 2, 3, 2)}},
    /* np.pad(b, ((3, 3), (4, 5)), mode='wrap'), b = np.broadcast_to(np.arange(1, 4), (2, 3)) */
    {{"np.pad(b, ((3, 3), (4, 5)), mode='wrap'), b = np.broadcast_to(np.arange(1, 4), (2, 3))", 2, {2, 3}}, {3, 3, 4, 5}, ND_PAD_WRAP, 9, {2, {8, 12}, V(3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2)}},
    /* np.pad(b, ((1, 2), (1, 1)), mode='symmetric'), b = np.broadcast_to(np.arange(1, 4), (2, 3)) */
    {{"np.pad(b, ((1, 2), (1, 1)), mode='symmetric'), b = np.broadcast_to(np.arange(1, 4), (2, 3))", 2, {2, 3}}, {1, 2, 1, 1}, ND_PAD_SYMMETRIC, 9, {2, {5, 5}, V(1, 1, 2, 3, 3, 1, 1, 2, 3, 3, 1, 1, 2, 3, 3, 1, 1, 2, 3, 3, 1, 1, 2, 3, 3)}},
    /* np.pad(b, ((1, 1), (1, 1)), mode='edge'), b = np.broadcast_to(np.arange(1, 4), (2, 3)) */
    {{"np.pad(b, ((1, 1), (1, 1)), mode='edge'), b = np.broadcast_to(np.arange(1, 4), (2, 3))", 2, {2, 3}}, {1, 1, 1, 1}, ND_PAD_EDGE, 9, {2, {4, 5}, V(1, 1, 2, 3, 3, 1, 1, 2, 3, 3, 1, 1, 2, 3, 3, 1, 1, 2, 3, 3)}},
    /* np.pad(b, ((1, 1), (1, 1)), mode='constant', constant_values=9), b = np.broadcast_to(np.arange(1, 4), (2, 3)) */
    {{"np.pad(b, ((1, 1), (1, 1)), mode='constant', constant_values=9), b = np.broadcast_to(np.arange(1, 4), (2, 3))", 2, {2, 3}}, {1, 1, 1, 1}, ND_PAD_CONSTANT, 9, {2, {4, 5}, V(9, 9, 9, 9, 9, 9, 1, 2, 3, 9, 9, 1, 2, 3, 9, 9, 9, 9, 9, 9)}},
};
static const roll_case roll_bcast[] = {
    /* np.roll(b, (1,), axis=(1,)), b = np.broadcast_to(np.arange(1, 4), (2, 3)) */
    {{"np.roll(b, (1,), axis=(1,)), b = np.broadcast_to(np.arange(1, 4), (2, 3))", 2, {2, 3}}, false, 1, {1}, {1}, {2, {2, 3}, V(3, 1, 2, 3, 1, 2)}},
    /* np.roll(b, 2), b = np.broadcast_to(np.arange(1, 4), (2, 3)) */
    {{"np.roll(b, 2), b = np.broadcast_to(np.arange(1, 4), (2, 3))", 2, {2, 3}}, true, 1, {2}, {0}, {2, {2, 3}, V(2, 3, 1, 2, 3, 1)}},
    /* np.roll(b, (1, -1), axis=(0, 1)), b = np.broadcast_to(np.arange(1, 4), (2, 3)) */
    {{"np.roll(b, (1, -1), axis=(0, 1)), b = np.broadcast_to(np.arange(1, 4), (2, 3))", 2, {2, 3}}, false, 2, {1, -1}, {0, 1}, {2, {2, 3}, V(2, 3, 1, 2, 3, 1)}},
};
static const rot90_case rot90_bcast[] = {
    /* np.rot90(b, 1), b = np.broadcast_to(np.arange(1, 4), (2, 3)) */
    {{"np.rot90(b, 1), b = np.broadcast_to(np.arange(1, 4), (2, 3))", 2, {2, 3}}, 1, 0, 1, {2, {3, 2}, V(3, 3, 2, 2, 1, 1)}},
    /* np.rot90(b, 2), b = np.broadcast_to(np.arange(1, 4), (2, 3)) */
    {{"np.rot90(b, 2), b = np.broadcast_to(np.arange(1, 4), (2, 3))", 2, {2, 3}}, 2, 0, 1, {2, {2, 3}, V(3, 2, 1, 3, 2, 1)}},
    /* np.rot90(b, 3), b = np.broadcast_to(np.arange(1, 4), (2, 3)) */
    {{"np.rot90(b, 3), b = np.broadcast_to(np.arange(1, 4), (2, 3))", 2, {2, 3}}, 3, 0, 1, {2, {3, 2}, V(1, 1, 2, 2, 3, 3)}},
};
static const atleast_case atleast_bcast[] = {
    /* np.atleast_3d(b), b = np.broadcast_to(np.arange(1, 4), (2, 3)) */
    {{"np.atleast_3d(b), b = np.broadcast_to(np.arange(1, 4), (2, 3))", 2, {2, 3}}, 3, {3, {2, 3, 1}, V(1, 2, 3, 1, 2, 3)}},
    /* np.atleast_2d(b), b = np.broadcast_to(np.arange(1, 4), (2, 3)) */
    {{"np.atleast_2d(b), b = np.broadcast_to(np.arange(1, 4), (2, 3))", 2, {2, 3}}, 2, {2, {2, 3}, V(1, 2, 3, 1, 2, 3)}},
};
static const tri_case tri_bcast[] = {
    /* np.tril(b, 0), b = np.broadcast_to(np.arange(1, 4), (3, 3)) */
    {{"np.tril(b, 0), b = np.broadcast_to(np.arange(1, 4), (3, 3))", 2, {3, 3}}, true, 0, {2, {3, 3}, V(1, 0, 0, 1, 2, 0, 1, 2, 3)}},
    /* np.triu(b, 1), b = np.broadcast_to(np.arange(1, 4), (3, 3)) */
    {{"np.triu(b, 1), b = np.broadcast_to(np.arange(1, 4), (3, 3))", 2, {3, 3}}, false, 1, {2, {3, 3}, V(0, 2, 3, 0, 0, 3, 0, 0, 0)}},
    /* np.tril(b, -1), b = np.broadcast_to(np.arange(1, 5), (2, 3, 4)) */
    {{"np.tril(b, -1), b = np.broadcast_to(np.arange(1, 5), (2, 3, 4))", 3, {2, 3, 4}}, true, -1, {3, {2, 3, 4}, V(0, 0, 0, 0, 1, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 2, 0, 0)}},
    /* np.triu(b, 0), b = np.broadcast_to(np.arange(1, 5), (2, 3, 4)) */
    {{"np.triu(b, 0), b = np.broadcast_to(np.arange(1, 5), (2, 3, 4))", 3, {2, 3, 4}}, false, 0, {3, {2, 3, 4}, V(1, 2, 3, 4, 0, 2, 3, 4, 0, 0, 3, 4, 1, 2, 3, 4, 0, 2, 3, 4, 0, 0, 3, 4)}},
};
/* 1-D pads of every width relation, a = np.arange(1, n + 1) */
static const pad_case pad_1d_cases[] = {
    /* np.pad(a, (0, 1), mode='edge') with a of shape (1,) */
    {{"np.pad(a, (0, 1), mode='edge') with a of shape (1,)", 1, {1}}, {0, 1}, ND_PAD_EDGE, 0, {1, {2}, V(1, 1)}},
    /* np.pad(a, (0, 1), mode='reflect') with a of shape (1,) */
    {{"np.pad(a, (0, 1), mode='reflect') with a of shape (1,)", 1, {1}}, {0, 1}, ND_PAD_REFLECT, 0, {1, {2}, V(1, 1)}},
    /* np.pad(a, (0, 1), mode='symmetric') with a of shape (1,) */
    {{"np.pad(a, (0, 1), mode='symmetric') with a of shape (1,)", 1, {1}}, {0, 1}, ND_PAD_SYMMETRIC, 0, {1, {2}, V(1, 1)}},
    /* np.pad(a, (0, 1), mode='wrap') with a of shape (1,) */
    {{"np.pad(a, (0, 1), mode='wrap') with a of shape (1,)", 1, {1}}, {0, 1}, ND_PAD_WRAP, 0, {1, {2}, V(1, 1)}},
    /* np.pad(a, (1, 0), mode='edge') with a of shape (1,) */
    {{"np.pad(a, (1, 0), mode='edge') with a of shape (1,)", 1, {1}}, {1, 0}, ND_PAD_EDGE, 0, {1, {2}, V(1, 1)}},
    /* np.pad(a, (1, 0), mode='reflect') with a of shape (1,) */
    {{"np.pad(a, (1, 0), mode='reflect') with a of shape (1,)", 1, {1}}, {1, 0}, ND_PAD_REFLECT, 0, {1, {2}, V(1, 1)}},
    /* np.pad(a, (1, 0), mode='symmetric') with a of shape (1,) */
    {{"np.pad(a, (1, 0), mode='symmetric') with a of shape (1,)", 1, {1}}, {1, 0}, ND_PAD_SYMMETRIC, 0, {1, {2}, V(1, 1)}},
    /* np.pad(a, (1, 0), mode='wrap') with a of shape (1,) */
    {{"np.pad(a, (1, 0), mode='wrap') with a of shape (1,)", 1, {1}}, {1, 0}, ND_PAD_WRAP, 0, {1, {2}, V(1, 1)}},
    /* np.pad(a, (2, 7), mode='edge') with a of shape (1,) */
    {{"np.pad(a, (2, 7), mode='edge') with a of shape (1,)", 1, {1}}, {2, 7}, ND_PAD_EDGE, 0, {1, {10}, V(1, 1, 1, 1, 1, 1, 1, 1, 1, 1)}},
    /* np.pad(a, (2, 7), mode='reflect') with a of shape (1,) */
    {{"np.pad(a, (2, 7), mode='reflect') with a of shape (1,)", 1, {1}}, {2, 7}, ND_PAD_REFLECT, 0, {1, {10}, V(1, 1, 1, 1, 1, 1, 1, 1, 1, 1)}},
    /* np.pad(a, (2, 7), mode='symmetric') with a of shape (1,) */
    {{"np.pad(a, (2, 7), mode='symmetric') with a of shape (1,)", 1, {1}}, {2, 7}, ND_PAD_SYMMETRIC, 0, {1, {10}, V(1, 1, 1, 1, 1, 1, 1, 1, 1, 1)}},
    /* np.pad(a, (2, 7), mode='wrap') with a of shape (1,) */
    {{"np.pad(a, (2, 7), mode='wrap') with a of shape (1,)", 1, {1}}, {2, 7}, ND_PAD_WRAP, 0, {1, {10}, V(1, 1, 1, 1, 1, 1, 1, 1, 1, 1)}},
    /* np.pad(a, (7, 2), mode='edge') with a of shape (1,) */
    {{"np.pad(a, (7, 2), mode='edge') with a of shape (1,)", 1, {1}}, {7, 2}, ND_PAD_EDGE, 0, {1, {10}, V(1, 1, 1, 1, 1, 1, 1, 1, 1, 1)}},
    /* np.pad(a, (7, 2), mode='reflect') with a of shape (1,) */
    {{"np.pad(a, (7, 2), mode='reflect') with a of shape (1,)", 1, {1}}, {7, 2}, ND_PAD_REFLECT, 0, {1, {10}, V(1, 1, 1, 1, 1, 1, 1, 1, 1, 1)}},
    /* np.pad(a, (7, 2), mode='symmetric') with a of shape (1,) */
    {{"np.pad(a, (7, 2), mode='symmetric') with a of shape (1,)", 1, {1}}, {7, 2}, ND_PAD_SYMMETRIC, 0, {1, {10}, V(1, 1, 1, 1, 1, 1, 1, 1, 1, 1)}},
    /* np.pad(a, (7, 2), mode='wrap') with a of shape (1,) */
    {{"np.pad(a, (7, 2), mode='wrap') with a of shape (1,)", 1, {1}}, {7, 2}, ND_PAD_WRAP, 0, {1, {10}, V(1, 1, 1, 1, 1, 1, 1, 1, 1, 1)}},
    /* np.pad(a, (11, 11), mode='edge') with a of shape (1,) */
    {{"np.pad(a, (11, 11), mode='edge') with a of shape (1,)", 1, {1}}, {11, 11}, ND_PAD_EDGE, 0, {1, {23}, V(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)}},
    /* np.pad(a, (11, 11), mode='reflect') with a of shape (1,) */
    {{"np.pad(a, (11, 11), mode='reflect') with a of shape (1,)", 1, {1}}, {11, 11}, ND_PAD_REFLECT, 0, {1, {23}, V(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)}},
    /* np.pad(a, (11, 11), mode='symmetric') with a of shape (1,) */
    {{"np.pad(a, (11, 11), mode='symmetric') with a of shape (1,)", 1, {1}}, {11, 11}, ND_PAD_SYMMETRIC, 0, {1, {23}, V(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)}},
    /* np.pad(a, (11, 11), mode='wrap') with a of shape (1,) */
    {{"np.pad(a, (11, 11), mode='wrap') with a of shape (1,)", 1, {1}}, {11, 11}, ND_PAD_WRAP, 0, {1, {23}, V(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)}},
    /* np.pad(a, (6, 13), mode='edge') with a of shape (1,) */
    {{"np.pad(a, (6, 13), mode='edge') with a of shape (1,)", 1, {1}}, {6, 13}, ND_PAD_EDGE, 0, {1, {20}, V(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)}},
    /* np.pad(a, (6, 13), mode='reflect') with a of shape (1,) */
    {{"np.pad(a, (6, 13), mode='reflect') with a of shape (1,)", 1, {1}}, {6, 13}, ND_PAD_REFLECT, 0, {1, {20}, V(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)}},
    /* np.pad(a, (6, 13), mode='symmetric') with a of shape (1,) */
    {{"np.pad(a, (6, 13), mode='symmetric') with a of shape (1,)", 1, {1}}, {6, 13}, ND_PAD_SYMMETRIC, 0, {1, {20}, V(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)}},
    /* np.pad(a, (6, 13), mode='wrap') with a of shape (1,) */
    {{"np.pad(a, (6, 13), mode='wrap') with a of shape (1,)", 1, {1}}, {6, 13}, ND_PAD_WRAP, 0, {1, {20}, V(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)}},
    /* np.pad(a, (0, 0), mode='edge') with a of shape (1,) */
    {{"np.pad(a, (0, 0), mode='edge') with a of shape (1,)", 1, {1}}, {0, 0}, ND_PAD_EDGE, 0, {1, {1}, V(1)}},
    /* np.pad(a, (0, 0), mode='reflect') with a of shape (1,) */
    {{"np.pad(a, (0, 0), mode='reflect') with a of shape (1,)", 1, {1}}, {0, 0}, ND_PAD_REFLECT, 0, {1, {1}, V(1)}},
    /* np.pad(a, (0, 0), mode='symmetric') with a of shape (1,) */
    {{"np.pad(a, (0, 0), mode='symmetric') with a of shape (1,)", 1, {1}}, {0, 0}, ND_PAD_SYMMETRIC, 0, {1, {1}, V(1)}},
    /* np.pad(a, (0, 0), mode='wrap') with a of shape (1,) */
    {{"np.pad(a, (0, 0), mode='wrap') with a of shape (1,)", 1, {1}}, {0, 0}, ND_PAD_WRAP, 0, {1, {1}, V(1)}},
    /* np.pad(a, (0, 1), mode='edge') with a of shape (2,) */
    {{"np.pad(a, (0, 1), mode='edge') with a of shape (2,)", 1, {2}}, {0, 1}, ND_PAD_EDGE, 0, {1, {3}, V(1, 2, 2)}},
    /* np.pad(a, (0, 1), mode='reflect') with a of shape (2,) */
    {{"np.pad(a, (0, 1), mode='reflect') with a of shape (2,)", 1, {2}}, {0, 1}, ND_PAD_REFLECT, 0, {1, {3}, V(1, 2, 1)}},
    /* np.pad(a, (0, 1), mode='symmetric') with a of shape (2,) */
    {{"np.pad(a, (0, 1), mode='symmetric') with a of shape (2,)", 1, {2}}, {0, 1}, ND_PAD_SYMMETRIC, 0, {1, {3}, V(1, 2, 2)}},
    /* np.pad(a, (0, 1), mode='wrap') with a of shape (2,) */
    {{"np.pad(a, (0, 1), mode='wrap') with a of shape (2,)", 1, {2}}, {0, 1}, ND_PAD_WRAP, 0, {1, {3}, V(1, 2, 1)}},
    /* np.pad(a, (1, 0), mode='edge') with a of shape (2,) */
    {{"np.pad(a, (1, 0), mode='edge') with a of shape (2,)", 1, {2}}, {1, 0}, ND_PAD_EDGE, 0, {1, {3}, V(1, 1, 2)}},
    /* np.pad(a, (1, 0), mode='reflect') with a of shape (2,) */
    {{"np.pad(a, (1, 0), mode='reflect') with a of shape (2,)", 1, {2}}, {1, 0}, ND_PAD_REFLECT, 0, {1, {3}, V(2, 1, 2)}},
    /* np.pad(a, (1, 0), mode='symmetric') with a of shape (2,) */
    {{"np.pad(a, (1, 0), mode='symmetric') with a of shape (2,)", 1, {2}}, {1, 0}, ND_PAD_SYMMETRIC, 0, {1, {3}, V(1, 1, 2)}},
    /* np.pad(a, (1, 0), mode='wrap') with a of shape (2,) */
    {{"np.pad(a, (1, 0), mode='wrap') with a of shape (2,)", 1, {2}}, {1, 0}, ND_PAD_WRAP, 0, {1, {3}, V(2, 1, 2)}},
    /* np.pad(a, (2, 7), mode='edge') with a of shape (2,) */
    {{"np.pad(a, (2, 7), mode='edge') with a of shape (2,)", 1, {2}}, {2, 7}, ND_PAD_EDGE, 0, {1, {11}, V(1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2)}},
    /* np.pad(a, (2, 7), mode='reflect') with a of shape (2,) */
    {{"np.pad(a, (2, 7), mode='reflect') with a of shape (2,)", 1, {2}}, {2, 7}, ND_PAD_REFLECT, 0, {1, {11}, V(1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1)}},
    /* np.pad(a, (2, 7), mode='symmetric') with a of shape (2,) */
    {{"np.pad(a, (2, 7), mode='symmetric') with a of shape (2,)", 1, {2}}, {2, 7}, ND_PAD_SYMMETRIC, 0, {1, {11}, V(2, 1, 1, 2, 2, 1, 1, 2, 2, 1, 1)}},
    /* np.pad(a, (2, 7), mode='wrap') with a of shape (2,) */
    {{"np.pad(a, (2, 7), mode='wrap') with a of shape (2,)", 1, {2}}, {2, 7}, ND_PAD_WRAP, 0, {1, {11}, V(1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1)}},
    /* np.pad(a, (7, 2), mode='edge') with a of shape (2,) */
    {{"np.pad(a, (7, 2), mode='edge') with a of shape (2,)", 1, {2}}, {7, 2}, ND_PAD_EDGE, 0, {1, {11}, V(1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2)}},
    /* np.pad(a, (7, 2), mode='reflect') with a of shape (2,) */
    {{"np.pad(a, (7, 2), mode='reflect') with a of shape (2,)", 1, {2}}, {7, 2}, ND_PAD_REFLECT, 0, {1, {11}, V(2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2)}},
    /* np.pad(a, (7, 2), mode='symmetric') with a of shape (2,) */
    {{"np.pad(a, (7, 2), mode='symmetric') with a of shape (2,)", 1, {2}}, {7, 2}, ND_PAD_SYMMETRIC, 0, {1, {11}, V(2, 2, 1, 1, 2, 2, 1, 1, 2, 2, 1)}},
    /* np.pad(a, (7, 2), mode='wrap') with a of shape (2,) */
    {{"np.pad(a, (7, 2), mode='wrap') with a of shape (2,)", 1, {2}}, {7, 2}, ND_PAD_WRAP, 0, {1, {11}, V(2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2)}},
    /* np.pad(a, (11, 11), mode='edge') with a of shape (2,) */
    {{"np.pad(a, (11, 11), mode='edge') with a of shape (2,)", 1, {2}}, {11, 11}, ND_PAD_EDGE, 0, {1, {24}, V(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2)}},
    /* np.pad(a, (11, 11), mode='reflect') with a of shape (2,) */
    {{"np.pad(a, (11, 11), mode='reflect') with a of shape (2,)", 1, {2}}, {11, 11}, ND_PAD_REFLECT, 0, {1, {24}, V(2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1)}},
    /* np.pad(a, (11, 11), mode='symmetric') with a of shape (2,) */
    {{"np.pad(a, (11, 11), mode='symmetric') with a of shape (2,)", 1, {2}}, {11, 11}, ND_PAD_SYMMETRIC, 0, {1, {24}, V(2, 2, 1, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2, 2, 1, 1)}},
    /* np.pad(a, (11, 11), mode='wrap') with a of shape (2,) */
    {{"np.pad(a, (11, 11), mode='wrap') with a of shape (2,)", 1, {2}}, {11, 11}, ND_PAD_WRAP, 0, {1, {24}, V(2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1)}},
    /* np.pad(a, (6, 13), mode='edge') with a of shape (2,) */
    {{"np.pad(a, (6, 13), mode='edge') with a of shape (2,)", 1, {2}}, {6, 13}, ND_PAD_EDGE, 0, {1, {21}, V(1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2)}},
    /* np.pad(a, (6, 13), mode='reflect') with a of shape (2,) */
    {{"np.pad(a, (6, 13), mode='reflect') with a of shape (2,)", 1, {2}}, {6, 13}, ND_PAD_REFLECT, 0, {1, {21}, V(1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1)}},
    /* np.pad(a, (6, 13), mode='symmetric') with a of shape (2,) */
    {{"np.pad(a, (6, 13), mode='symmetric') with a of shape (2,)", 1, {2}}, {6, 13}, ND_PAD_SYMMETRIC, 0, {1, {21}, V(2, 1, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2, 2)}},
    /* np.pad(a, (6, 13), mode='wrap') with a of shape (2,) */
    {{"np.pad(a, (6, 13), mode='wrap') with a of shape (2,)", 1, {2}}, {6, 13}, ND_PAD_WRAP, 0, {1, {21}, V(1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1)}},
    /* np.pad(a, (0, 0), mode='edge') with a of shape (2,) */
    {{"np.pad(a, (0, 0), mode='edge') with a of shape (2,)", 1, {2}}, {0, 0}, ND_PAD_EDGE, 0, {1, {2}, V(1, 2)}},
    /* np.pad(a, (0, 0), mode='reflect') with a of shape (2,) */
    {{"np.pad(a, (0, 0), mode='reflect') with a of shape (2,)", 1, {2}}, {0, 0}, ND_PAD_REFLECT, 0, {1, {2}, V(1, 2)}},
    /* np.pad(a, (0, 0), mode='symmetric') with a of shape (2,) */
    {{"np.pad(a, (0, 0), mode='symmetric') with a of shape (2,)", 1, {2}}, {0, 0}, ND_PAD_SYMMETRIC, 0, {1, {2}, V(1, 2)}},
    /* np.pad(a, (0, 0), mode='wrap') with a of shape (2,) */
    {{"np.pad(a, (0, 0), mode='wrap') with a of shape (2,)", 1, {2}}, {0, 0}, ND_PAD_WRAP, 0, {1, {2}, V(1, 2)}},
    /* np.pad(a, (0, 1), mode='edge') with a of shape (3,) */
    {{"np.pad(a, (0, 1), mode='edge') with a of shape (3,)", 1, {3}}, {0, 1}, ND_PAD_EDGE, 0, {1, {4}, V(1, 2, 3, 3)}},
    /* np.pad(a, (0, 1), mode='reflect') with a of shape (3,) */
    {{"np.pad(a, (0, 1), mode='reflect') with a of shape (3,)", 1, {3}}, {0, 1}, ND_PAD_REFLECT, 0, {1, {4}, V(1, 2, 3, 2)}},
    /* np.pad(a, (0, 1), mode='symmetric') with a of shape (3,) */
    {{"np.pad(a, (0, 1), mode='symmetric') with a of shape (3,)", 1, {3}}, {0, 1}, ND_PAD_SYMMETRIC, 0, {1, {4}, V(1, 2, 3, 3)}},
    /* np.pad(a, (0, 1), mode='wrap') with a of shape (3,) */
    {{"np.pad(a, (0, 1), mode='wrap') with a of shape (3,)", 1, {3}}, {0, 1}, ND_PAD_WRAP, 0, {1, {4}, V(1, 2, 3, 1)}},
    /* np.pad(a, (1, 0), mode='edge') with a of shape (3,) */
    {{"np.pad(a, (1, 0), mode='edge') with a of shape (3,)", 1, {3}}, {1, 0}, ND_PAD_EDGE, 0, {1, {4}, V(1, 1, 2, 3)}},
    /* np.pad(a, (1, 0), mode='reflect') with a of shape (3,) */
    {{"np.pad(a, (1, 0), mode='reflect') with a of shape (3,)", 1, {3}}, {1, 0}, ND_PAD_REFLECT, 0, {1, {4}, V(2, 1, 2, 3)}},
    /* np.pad(a, (1, 0), mode='symmetric') with a of shape (3,) */
    {{"np.pad(a, (1, 0), mode='symmetric') with a of shape (3,)", 1, {3}}, {1, 0}, ND_PAD_SYMMETRIC, 0, {1, {4}, V(1, 1, 2, 3)}},
    /* np.pad(a, (1, 0), mode='wrap') with a of shape (3,) */
    {{"np.pad(a, (1, 0), mode='wrap') with a of shape (3,)", 1, {3}}, {1, 0}, ND_PAD_WRAP, 0, {1, {4}, V(3, 1, 2, 3)}},
    /* np.pad(a, (2, 7), mode='edge') with a of shape (3,) */
    {{"np.pad(a, (2, 7), mode='edge') with a of shape (3,)", 1, {3}}, {2, 7}, ND_PAD_EDGE, 0, {1, {12}, V(1, 1, 1, 2, 3, 3, 3, 3, 3, 3, 3, 3)}},
    /* np.pad(a, (2, 7), mode='reflect') with a of shape (3,) */
    {{"np.pad(a, (2, 7), mode='reflect') with a of shape (3,)", 1, {3}}, {2, 7}, ND_PAD_REFLECT, 0, {1, {12}, V(3, 2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2)}},
    /* np.pad(a, (2, 7), mode='symmetric') with a of shape (3,) */
    {{"np.pad(a, (2, 7), mode='symmetric') with a of shape (3,)", 1, {3}}, {2, 7}, ND_PAD_SYMMETRIC, 0, {1, {12}, V(2, 1, 1, 2, 3, 3, 2, 1, 1, 2, 3, 3)}},
    /* np.pad(a, (2, 7), mode='wrap') with a of shape (3,) */
    {{"np.pad(a, (2, 7), mode='wrap') with a of shape (3,)", 1, {3}}, {2, 7}, ND_PAD_WRAP, 0, {1, {12}, V(2, 3, 1, 2, 3, 1, 2, 3, 2, 3, 1, 2)}},
    /* np.pad(a, (7, 2), mode='edge') with a of shape (3,) */
    {{"np.pad(a, (7, 2), mode='edge') with a of shape (3,)", 1, {3}}, {7, 2}, ND_PAD_EDGE, 0, {1, {12}, V(1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 3, 3)}},
    /* np.pad(a, (7, 2), mode='reflect') with a of shape (3,) */
    {{"np.pad(a, (7, 2), mode='reflect') with a of shape (3,)", 1, {3}}, {7, 2}, ND_PAD_REFLECT, 0, {1, {12}, V(2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2, 1)}},
    /* np.pad(a, (7, 2), mode='symmetric') with a of shape (3,) */
    {{"np.pad(a, (7, 2), mode='symmetric') with a of shape (3,)", 1, {3}}, {7, 2}, ND_PAD_SYMMETRIC, 0, {1, {12}, V(1, 1, 2, 3, 3, 2, 1, 1, 2, 3, 3, 2)}},
    /* np.pad(a, (7, 2), mode='wrap') with a of shape (3,) */
    {{"np.pad(a, (7, 2), mode='wrap') with a of shape (3,)", 1, {3}}, {7, 2}, ND_PAD_WRAP, 0, {1, {12}, V(2, 3, 1, 2, 1, 2, 3, 1, 2, 3, 1, 2)}},
    /* np.pad(a, (11, 11), mode='edge') with a of shape (3,) */
    {{"np.pad(a, (11, 11), mode='edge') with a of shape (3,)", 1, {3}}, {11, 11}, ND_PAD_EDGE, 0, {1, {25}, V(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3)}},
    /* np.pad(a, (11, 11), mode='reflect') with a of shape (3,) */
    {{"np.pad(a, (11, 11), mode='reflect') with a of shape (3,)", 1, {3}}, {11, 11}, ND_PAD_REFLECT, 0, {1, {25}, V(2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2)}},
    /* np.pad(a, (11, 11), mode='symmetric') with a of shape (3,) */
    {{"np.pad(a, (11, 11), mode='symmetric') with a of shape (3,)", 1, {3}}, {11, 11}, ND_PAD_SYMMETRIC, 0, {1, {25}, V(2, 3, 3, 2, 1, 1, 2, 3, 3, 2, 1, 1, 2, 3, 3, 2, 1, 1, 2, 3, 3, 2, 1, 1, 2)}},
    /* np.pad(a, (11, 11), mode='wrap') with a of shape (3,) */
    {{"np.pad(a, (11, 11), mode='wrap') with a of shape (3,)", 1, {3}}, {11, 11}, ND_PAD_WRAP, 0, {1, {25}, V(2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2)}},
    /* np.pad(a, (6, 13), mode='edge') with a of shape (3,) */
    {{"np.pad(a, (6, 13), mode='edge') with a of shape (3,)", 1, {3}}, {6, 13}, ND_PAD_EDGE, 0, {1, {22}, V(1, 1, 1, 1, 1, 1, 1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3)}},
    /* np.pad(a, (6, 13), mode='reflect') with a of shape (3,) */
    {{"np.pad(a, (6, 13), mode='reflect') with a of shape (3,)", 1, {3}}, {6, 13}, ND_PAD_REFLECT, 0, {1, {22}, V(3, 2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2)}},
    /* np.pad(a, (6, 13), mode='symmetric') with a of shape (3,) */
    {{"np.pad(a, (6, 13), mode='symmetric') with a of shape (3,)", 1, {3}}, {6, 13}, ND_PAD_SYMMETRIC, 0, {1, {22}, V(1, 2, 3, 3, 2, 1, 1, 2, 3, 3, 2, 1, 1, 2, 3, 3, 2, 1, 1, 2, 3, 3)}},
    /* np.pad(a, (6, 13), mode='wrap') with a of shape (3,) */
    {{"np.pad(a, (6, 13), mode='wrap') with a of shape (3,)", 1, {3}}, {6, 13}, ND_PAD_WRAP, 0, {1, {22}, V(1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1)}},
    /* np.pad(a, (0, 0), mode='edge') with a of shape (3,) */
    {{"np.pad(a, (0, 0), mode='edge') with a of shape (3,)", 1, {3}}, {0, 0}, ND_PAD_EDGE, 0, {1, {3}, V(1, 2, 3)}},
    /* np.pad(a, (0, 0), mode='reflect') with a of shape (3,) */
    {{"np.pad(a, (0, 0), mode='reflect') with a of shape (3,)", 1, {3}}, {0, 0}, ND_PAD_REFLECT, 0, {1, {3}, V(1, 2, 3)}},
    /* np.pad(a, (0, 0), mode='symmetric') with a of shape (3,) */
    {{"np.pad(a, (0, 0), mode='symmetric') with a of shape (3,)", 1, {3}}, {0, 0}, ND_PAD_SYMMETRIC, 0, {1, {3}, V(1, 2, 3)}},
    /* np.pad(a, (0, 0), mode='wrap') with a of shape (3,) */
    {{"np.pad(a, (0, 0), mode='wrap') with a of shape (3,)", 1, {3}}, {0, 0}, ND_PAD_WRAP, 0, {1, {3}, V(1, 2, 3)}},
    /* np.pad(a, (0, 1), mode='edge') with a of shape (5,) */
    {{"np.pad(a, (0, 1), mode='edge') with a of shape (5,)", 1, {5}}, {0, 1}, ND_PAD_EDGE, 0, {1, {6}, V(1, 2, 3, 4, 5, 5)}},
    /* np.pad(a, (0, 1), mode='reflect') with a of shape (5,) */
    {{"np.pad(a, (0, 1), mode='reflect') with a of shape (5,)", 1, {5}}, {0, 1}, ND_PAD_REFLECT, 0, {1, {6}, V(1, 2, 3, 4, 5, 4)}},
    /* np.pad(a, (0, 1), mode='symmetric') with a of shape (5,) */
    {{"np.pad(a, (0, 1), mode='symmetric') with a of shape (5,)", 1, {5}}, {0, 1}, ND_PAD_SYMMETRIC, 0, {1, {6}, V(1, 2, 3, 4, 5, 5)}},
    /* np.pad(a, (0, 1), mode='wrap') with a of shape (5,) */
    {{"np.pad(a, (0, 1), mode='wrap') with a of shape (5,)", 1, {5}}, {0, 1}, ND_PAD_WRAP, 0, {1, {6}, V(1, 2, 3, 4, 5, 1)}},
    /* np.pad(a, (1, 0), mode='edge') with a of shape (5,) */
    {{"np.pad(a, (1, 0), mode='edge') with a of shape (5,)", 1, {5}}, {1, 0}, ND_PAD_EDGE, 0, {1, {6}, V(1, 1, 2, 3, 4, 5)}},
    /* np.pad(a, (1, 0), mode='reflect') with a of shape (5,) */
    {{"np.pad(a, (1, 0), mode='reflect') with a of shape (5,)", 1, {5}}, {1, 0}, ND_PAD_REFLECT, 0, {1, {6}, V(2, 1, 2, 3, 4, 5)}},
    /* np.pad(a, (1, 0), mode='symmetric') with a of shape (5,) */
    {{"np.pad(a, (1, 0), mode='symmetric') with a of shape (5,)", 1, {5}}, {1, 0}, ND_PAD_SYMMETRIC, 0, {1, {6}, V(1, 1, 2, 3, 4, 5)}},
    /* np.pad(a, (1, 0), mode='wrap') with a of shape (5,) */
    {{"np.pad(a, (1, 0), mode='wrap') with a of shape (5,)", 1, {5}}, {1, 0}, ND_PAD_WRAP, 0, {1, {6}, V(5, 1, 2, 3, 4, 5)}},
    /* np.pad(a, (2, 7), mode='edge') with a of shape (5,) */
    {{"np.pad(a, (2, 7), mode='edge') with a of shape (5,)", 1, {5}}, {2, 7}, ND_PAD_EDGE, 0, {1, {14}, V(1, 1, 1, 2, 3, 4, 5, 5, 5, 5, 5, 5, 5, 5)}},
    /* np.pad(a, (2, 7), mode='reflect') with a of shape (5,) */
    {{"np.pad(a, (2, 7), mode='reflect') with a of shape (5,)", 1, {5}}, {2, 7}, ND_PAD_REFLECT, 0, {1, {14}, V(3, 2, 1, 2, 3, 4, 5, 4, 3, 2, 1, 2, 3, 4)}},
    /* np.pad(a, (2, 7), mode='symmetric') with a of shape (5,) */
    {{"np.pad(a, (2, 7), mode='symmetric') with a of shape (5,)", 1, {5}}, {2, 7}, ND_PAD_SYMMETRIC, 0, {1, {14}, V(2, 1, 1, 2, 3, 4, 5, 5, 4, 3, 2, 1, 1, 2)}},
    /* np.pad(a, (2, 7), mode='wrap') with a of shape (5,) */
    {{"np.pad(a, (2, 7), mode='wrap') with a of shape (5,)", 1, {5}}, {2, 7}, ND_PAD_WRAP, 0, {1, {14}, V(4, 5, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 4, 5)}},
    /* np.pad(a, (7, 2), mode='edge') with a of shape (5,) */
    {{"np.pad(a, (7, 2), mode='edge') with a of shape (5,)", 1, {5}}, {7, 2}, ND_PAD_EDGE, 0, {1, {14}, V(1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 5, 5)}},
    /* np.pad(a, (7, 2), mode='reflect') with a of shape (5,) */
    {{"np.pad(a, (7, 2), mode='reflect') with a of shape (5,)", 1, {5}}, {7, 2}, ND_PAD_REFLECT, 0, {1, {14}, V(2, 3, 4, 5, 4, 3, 2, 1, 2, 3, 4, 5, 4, 3)}},
    /* np.pad(a, (7, 2), mode='symmetric') with a of shape (5,) */
    {{"np.pad(a, (7, 2), mode='symmetric') with a of shape (5,)", 1, {5}}, {7, 2}, ND_PAD_SYMMETRIC, 0, {1, {14}, V(4, 5, 5, 4, 3, 2, 1, 1, 2, 3, 4, 5, 5, 4)}},
    /* np.pad(a, (7, 2), mode='wrap') with a of shape (5,) */
    {{"np.pad(a, (7, 2), mode='wrap') with a of shape (5,)", 1, {5}}, {7, 2}, ND_PAD_WRAP, 0, {1, {14}, V(1, 2, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2)}},
    /* np.pad(a, (11, 11), mode='edge') with a of shape (5,) */
    {{"np.pad(a, (11, 11), mode='edge') with a of shape (5,)", 1, {5}}, {11, 11}, ND_PAD_EDGE, 0, {1, {27}, V(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5)}},
    /* np.pad(a, (11, 11), mode='reflect') with a of shape (5,) */
    {{"np.pad(a, (11, 11), mode='reflect') with a of shape (5,)", 1, {5}}, {11, 11}, ND_PAD_REFLECT, 0, {1, {27}, V(4, 3, 2, 1, 2, 3, 4, 5, 4, 3, 2, 1, 2, 3, 4, 5, 4, 3, 2, 1, 2, 3, 4, 5, 4, 3, 2)}},
    /* np.pad(a, (11, 11), mode='symmetric') with a of shape (5,) */
    {{"np.pad(a, (11, 11), mode='symmetric') with a of shape (5,)", 1, {5}}, {11, 11}, ND_PAD_SYMMETRIC, 0, {1, {27}, V(1, 1, 2, 3, 4, 5, 5, 4, 3, 2, 1, 1, 2, 3, 4, 5, 5, 4, 3, 2, 1, 1, 2, 3, 4, 5, 5)}},
    /* np.pad(a, (11, 11), mode='wrap') with a of shape (5,) */
    {{"np.pad(a, (11, 11), mode='wrap') with a of shape (5,)", 1, {5}}, {11, 11}, ND_PAD_WRAP, 0, {1, {27}, V(5, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1)}},
    /* np.pad(a, (6, 13), mode='edge') with a of shape (5,) */
    {{"np.pad(a, (6, 13), mode='edge') with a of shape (5,)", 1, {5}}, {6, 13}, ND_PAD_EDGE, 0, {1, {24}, V(1, 1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5)}},
    /* np.pad(a, (6, 13), mode='reflect') with a of shape (5,) */
    {{"np.pad(a, (6, 13), mode='reflect') with a of shape (5,)", 1, {5}}, {6, 13}, ND_PAD_REFLECT, 0, {1, {24}, V(3, 4, 5, 4, 3, 2, 1, 2, 3, 4, 5, 4, 3, 2, 1, 2, 3, 4, 5, 4, 3, 2, 1, 2)}},
    /* np.pad(a, (6, 13), mode='symmetric') with a of shape (5,) */
    {{"np.pad(a, (6, 13), mode='symmetric') with a of shape (5,)", 1, {5}}, {6, 13}, ND_PAD_SYMMETRIC, 0, {1, {24}, V(5, 5, 4, 3, 2, 1, 1, 2, 3, 4, 5, 5, 4, 3, 2, 1, 1, 2, 3, 4, 5, 5, 4, 3)}},
    /* np.pad(a, (6, 13), mode='wrap') with a of shape (5,) */
    {{"np.pad(a, (6, 13), mode='wrap') with a of shape (5,)", 1, {5}}, {6, 13}, ND_PAD_WRAP, 0, {1, {24}, V(5, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3)}},
    /* np.pad(a, (0, 0), mode='edge') with a of shape (5,) */
    {{"np.pad(a, (0, 0), mode='edge') with a of shape (5,)", 1, {5}}, {0, 0}, ND_PAD_EDGE, 0, {1, {5}, V(1, 2, 3, 4, 5)}},
    /* np.pad(a, (0, 0), mode='reflect') with a of shape (5,) */
    {{"np.pad(a, (0, 0), mode='reflect') with a of shape (5,)", 1, {5}}, {0, 0}, ND_PAD_REFLECT, 0, {1, {5}, V(1, 2, 3, 4, 5)}},
    /* np.pad(a, (0, 0), mode='symmetric') with a of shape (5,) */
    {{"np.pad(a, (0, 0), mode='symmetric') with a of shape (5,)", 1, {5}}, {0, 0}, ND_PAD_SYMMETRIC, 0, {1, {5}, V(1, 2, 3, 4, 5)}},
    /* np.pad(a, (0, 0), mode='wrap') with a of shape (5,) */
    {{"np.pad(a, (0, 0), mode='wrap') with a of shape (5,)", 1, {5}}, {0, 0}, ND_PAD_WRAP, 0, {1, {5}, V(1, 2, 3, 4, 5)}},
};
/* meshgrid: input i is np.arange(1, size + 1).reshape(shape) + 10 * i */
static const mesh_case mesh_cases[] = {
    /* np.meshgrid(x0, x1, indexing='xy', sparse=False) with inputs of shapes (3,), (2,) */
    {"np.meshgrid(x0, x1, indexing='xy', sparse=False) with inputs of shapes (3,), (2,)", 2, {{1, {3}}, {1, {2}}}, false, false, {{2, {2, 3}, V(1, 2, 3, 1, 2, 3)}, {2, {2, 3}, V(11, 11, 11, 12, 12, 12)}}},
    /* np.meshgrid(x0, x1, indexing='ij', sparse=False) with inputs of shapes (3,), (2,) */
    {"np.meshgrid(x0, x1, indexing='ij', sparse=False) with inputs of shapes (3,), (2,)", 2, {{1, {3}}, {1, {2}}}, true, false, {{2, {3, 2}, V(1, 1, 2, 2, 3, 3)}, {2, {3, 2}, V(11, 12, 11, 12, 11, 12)}}},
    /* np.meshgrid(x0, x1, indexing='xy', sparse=True) with inputs of shapes (3,), (2,) */
    {"np.meshgrid(x0, x1, indexing='xy', sparse=True) with inputs of shapes (3,), (2,)", 2, {{1, {3}}, {1, {2}}}, false, true, {{2, {1, 3}, V(1, 2, 3)}, {2, {2, 1}, V(11, 12)}}},
    /* np.meshgrid(x0, x1, indexing='ij', sparse=True) with inputs of shapes (3,), (2,) */
    {"np.meshgrid(x0, x1, indexing='ij', sparse=True) with inputs of shapes (3,), (2,)", 2, {{1, {3}}, {1, {2}}}, true, true, {{2, {3, 1}, V(1, 2, 3)}, {2, {1, 2}, V(11, 12)}}},
    /* np.meshgrid(x0, x1, x2, indexing='xy', sparse=False) with inputs of shapes (2,), (3,), (2,) */
    {"np.meshgrid(x0, x1, x2, indexing='xy', sparse=False) with inputs of shapes (2,), (3,), (2,)", 3, {{1, {2}}, {1, {3}}, {1, {2}}}, false, false, {{3, {3, 2, 2}, V(1, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2, 2)}, {3, {3, 2, 2}, V(11, 11, 11, 11, 12, 12, 12, 12, 13, 13, 13, 13)}, {3, {3, 2, 2}, V(21, 22, 21, 22, 21, 22, 21, 22, 21, 22, 21, 22)}}},
    /* np.meshgrid(x0, x1, x2, indexing='ij', sparse=True) with inputs of shapes (2,), (3,), (2,) */
    {"np.meshgrid(x0, x1, x2, indexing='ij', sparse=True) with inputs of shapes (2,), (3,), (2,)", 3, {{1, {2}}, {1, {3}}, {1, {2}}}, true, true, {{3, {2, 1, 1}, V(1, 2)}, {3, {1, 3, 1}, V(11, 12, 13)}, {3, {1, 1, 2}, V(21, 22)}}},
    /* np.meshgrid(x0, x1, x2, indexing='xy', sparse=True) with inputs of shapes (2,), (3,), (2,) */
    {"np.meshgrid(x0, x1, x2, indexing='xy', sparse=True) with inputs of shapes (2,), (3,), (2,)", 3, {{1, {2}}, {1, {3}}, {1, {2}}}, false, true, {{3, {1, 2, 1}, V(1, 2)}, {3, {3, 1, 1}, V(11, 12, 13)}, {3, {1, 1, 2}, V(21, 22)}}},
    /* np.meshgrid(x0, indexing='xy', sparse=False) with inputs of shapes (4,) */
    {"np.meshgrid(x0, indexing='xy', sparse=False) with inputs of shapes (4,)", 1, {{1, {4}}}, false, false, {{1, {4}, V(1, 2, 3, 4)}}},
    /* np.meshgrid(x0, indexing='ij', sparse=True) with inputs of shapes (4,) */
    {"np.meshgrid(x0, indexing='ij', sparse=True) with inputs of shapes (4,)", 1, {{1, {4}}}, true, true, {{1, {4}, V(1, 2, 3, 4)}}},
    /* np.meshgrid(x0, x1, indexing='xy', sparse=False) with inputs of shapes (2, 2), (3,) */
    {"np.meshgrid(x0, x1, indexing='xy', sparse=False) with inputs of shapes (2, 2), (3,)", 2, {{2, {2, 2}}, {1, {3}}}, false, false, {{2, {3, 4}, V(1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4)}, {2, {3, 4}, V(11, 11, 11, 11, 12, 12, 12, 12, 13, 13, 13, 13)}}},
    /* np.meshgrid(x0, x1, indexing='ij', sparse=False) with inputs of shapes (), (2,) */
    {"np.meshgrid(x0, x1, indexing='ij', sparse=False) with inputs of shapes (), (2,)", 2, {{0, {0}}, {1, {2}}}, true, false, {{2, {1, 2}, V(1, 1)}, {2, {1, 2}, V(11, 12)}}},
    /* np.meshgrid(x0, x1, indexing='xy', sparse=False) with inputs of shapes (0,), (2,) */
    {"np.meshgrid(x0, x1, indexing='xy', sparse=False) with inputs of shapes (0,), (2,)", 2, {{1, {0}}, {1, {2}}}, false, false, {{2, {2, 0}, V(0)}, {2, {2, 0}, V(0)}}},
    /* np.meshgrid(x0, x1, indexing='ij', sparse=True) with inputs of shapes (2,), (0,) */
    {"np.meshgrid(x0, x1, indexing='ij', sparse=True) with inputs of shapes (2,), (0,)", 2, {{1, {2}}, {1, {0}}}, true, true, {{2, {2, 1}, V(1, 2)}, {2, {1, 0}, V(0)}}},
    /* np.meshgrid(x0, x1, indexing='ij', sparse=False) with inputs of shapes (1, 3), (2, 1) */
    {"np.meshgrid(x0, x1, indexing='ij', sparse=False) with inputs of shapes (1, 3), (2, 1)", 2, {{2, {1, 3}}, {2, {2, 1}}}, true, false, {{2, {3, 2}, V(1, 1, 2, 2, 3, 3)}, {2, {3, 2}, V(11, 12, 11, 12, 11, 12)}}},
};

/* ------------------------------------------------------------ broadcast inputs */

/* The table rows of *_bcast: b = np.broadcast_to(np.arange(1, n + 1), shape),
 * a read-only input with stride 0 on every axis but the last. */
static void run_bcast_table(const void *rows, size_t nrows, size_t row_size, size_t res_offset,
                            case_fn f, bool view) {
    for (size_t i = 0; i < nrows; i++) {
        const char *row = (const char *)rows + i * row_size;
        const head *h = (const head *)row;
        const expect *e = (const expect *)(row + res_offset);
        int64_t last = h->shape[h->ndim - 1];
        double *vals = iota_vals(last, 0);
        for (int d = 0; d < NUM_DT; d++) {
            char ctx[512];
            snprintf(ctx, sizeof ctx, "%s [%s]", h->expr, nd_dtype_name(all_dtypes[d]));
            nd_array *base = make_input(all_dtypes[d], L_CONTIG, 1, &last, vals);
            nd_array *a = nd_broadcast_to(base, h->ndim, h->shape);
            ND_ASSERT_ARRAY(a);
            assert_int_equal(nd_strides(a)[0], 0);
            snap s = take(a);
            nd_array *r = f(a, row);
            check_result(ctx, r, all_dtypes[d], e);
            if (view) check_view(ctx, r, a);
            else check_copy(ctx, r, a);
            expect_same(a, &s);
            nd_free(r);
            nd_free(a);
            nd_free(base);
        }
        free(vals);
    }
}
#define RUN_BCAST(rows, type, f, view)                                                 \
    run_bcast_table(rows, sizeof rows / sizeof rows[0], sizeof rows[0], offsetof(type, res), f, view)

/* A float64 array 1, 2, ..., n in the given shape. */
static nd_array *iota_f64(int ndim, const int64_t *shape) {
    double *v = iota_vals(count_of(ndim, shape), 0);
    nd_array *a = nd_test_array(ND_FLOAT64, ndim, shape, v);
    free(v);
    ND_ASSERT_ARRAY(a);
    return a;
}

/* ------------------------------------------------------------ tile */

static nd_array *do_tile(const nd_array *a, const void *row) {
    const tile_case *c = row;
    return nd_tile(a, c->nreps, c->reps);
}

static void test_tile(void **state) {
    (void)state;
    RUN_TABLE(tile_cases, tile_case, do_tile, false);
    RUN_BCAST(tile_bcast, tile_case, do_tile, false);
}

/* 32 axes in, 64 axes of geometry before the length-1 ones are dropped. */
static void test_tile_max_dims(void **state) {
    (void)state;
    int64_t shape[ND_MAX_DIMS], reps[ND_MAX_DIMS];
    for (int i = 0; i < ND_MAX_DIMS; i++) shape[i] = reps[i] = 1;
    shape[0] = reps[0] = reps[ND_MAX_DIMS - 1] = 2;
    shape[ND_MAX_DIMS - 1] = 3;
    nd_array *a = iota_f64(ND_MAX_DIMS, shape);
    nd_array *r = nd_tile(a, ND_MAX_DIMS, reps);
    ND_ASSERT_ARRAY(r);
    /* np.tile(np.arange(1, 7).reshape((2,) + (1,) * 30 + (3,)), (2,) + (1,) * 30 + (2,)) */
    assert_int_equal(nd_ndim(r), ND_MAX_DIMS);
    assert_int_equal(nd_shape(r)[0], 4);
    assert_int_equal(nd_shape(r)[ND_MAX_DIMS - 1], 6);
    nd_test_expect(r, V(1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6, 1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6), 0);
    nd_free(r);
    /* one more repetition count than ND_MAX_DIMS */
    int64_t many[ND_MAX_DIMS + 1];
    for (int i = 0; i <= ND_MAX_DIMS; i++) many[i] = 1;
    EXPECT_FAIL(a, nd_tile(a, ND_MAX_DIMS + 1, many), ND_ERR_VALUE, "repetition counts");
    nd_free(a);
}

static void test_tile_errors(void **state) {
    (void)state;
    nd_array *a = iota_f64(2, SH(2, 2));
    nd_clear_error();
    assert_null(nd_tile(NULL, 1, SH(2)));
    ND_ASSERT_ERROR(ND_ERR_NULL, "'a'");
    EXPECT_FAIL(a, nd_tile(a, 2, NULL), ND_ERR_NULL, "'reps'");
    EXPECT_FAIL(a, nd_tile(a, -1, SH(2)), ND_ERR_VALUE, "repetition counts");
    /* np.tile(a, (2, -1)): negative dimensions are not allowed */
    EXPECT_FAIL(a, nd_tile(a, 2, SH(2, -1)), ND_ERR_VALUE, "negative dimensions are not allowed");
    EXPECT_FAIL(a, nd_tile(a, 1, SH(INT64_MAX)), ND_ERR_OVERFLOW, "overflows");
    EXPECT_FAIL(a, nd_tile(a, 2, SH(INT64_C(1) << 40, INT64_C(1) << 40)), ND_ERR_OVERFLOW, "too large");
    pending_error();
    assert_null(nd_tile(NULL, 1, SH(2)));
    ND_ASSERT_ERROR(ND_ERR_VALUE, PENDING_MSG);
    nd_free(a);
}

/* ------------------------------------------------------------ repeat */

static nd_array *do_repeat(const nd_array *a, const void *row) {
    const repeat_case *c = row;
    return nd_repeat(a, c->nrep, c->repeats, c->axis);
}

static void test_repeat(void **state) {
    (void)state;
    RUN_TABLE(repeat_cases, repeat_case, do_repeat, false);
    RUN_BCAST(repeat_bcast, repeat_case, do_repeat, false);
}

static void test_repeat_max_dims(void **state) {
    (void)state;
    int64_t shape[ND_MAX_DIMS];
    for (int i = 0; i < ND_MAX_DIMS; i++) shape[i] = 1;
    shape[0] = 2;
    shape[ND_MAX_DIMS - 1] = 3;
    nd_array *a = iota_f64(ND_MAX_DIMS, shape);
    /* np.repeat(np.arange(1, 7).reshape((2,) + (1,) * 30 + (3,)), 2, axis=31) */
    nd_array *r = nd_repeat(a, 1, SH(2), ND_MAX_DIMS - 1);
    ND_ASSERT_ARRAY(r);
    assert_int_equal(nd_shape(r)[ND_MAX_DIMS - 1], 6);
    nd_test_expect(r, V(1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6), 0);
    nd_free(r);
    /* np.repeat(the same, [1, 3], axis=0) */
    r = nd_repeat(a, 2, SH(1, 3), 0);
    ND_ASSERT_ARRAY(r);
    assert_int_equal(nd_shape(r)[0], 4);
    nd_test_expect(r, V(1, 2, 3, 4, 5, 6, 4, 5, 6, 4, 5, 6), 0);
    nd_free(r);
    nd_free(a);
}

static void test_repeat_errors(void **state) {
    (void)state;
    nd_array *a = iota_f64(2, SH(2, 3));
    nd_array *z = iota_f64(0, NULL);
    nd_clear_error();
    assert_null(nd_repeat(NULL, 1, SH(2), 0));
    ND_ASSERT_ERROR(ND_ERR_NULL, "'a'");
    EXPECT_FAIL(a, nd_repeat(a, 3, NULL, 1), ND_ERR_NULL, "'repeats'");
    EXPECT_FAIL(a, nd_repeat(a, -1, SH(1), 1), ND_ERR_VALUE, "negative repeat count");
    EXPECT_FAIL(a, nd_repeat(a, 1, SH(2), 2), ND_ERR_INDEX, "axis 2 is out of bounds for array of dimension 2");
    EXPECT_FAIL(a, nd_repeat(a, 1, SH(2), -3), ND_ERR_INDEX, "axis -3 is out of bounds");
    /* np.repeat(np.array(3), 2, axis=1): axis 1 is out of bounds for array of dimension 1 */
    EXPECT_FAIL(z, nd_repeat(z, 1, SH(2), 1), ND_ERR_INDEX, "out of bounds for array of dimension 1");
    /* np.repeat(a, [1, 2], axis=1): operands could not be broadcast together with shape (3,) (2,) */
    EXPECT_FAIL(a, nd_repeat(a, 2, SH(1, 2), 1), ND_ERR_SHAPE,
                "operands could not be broadcast together with shape (3,) (2,)");
    EXPECT_FAIL(a, nd_repeat(a, 0, NULL, 1), ND_ERR_SHAPE, "shape (3,) (0,)");
    EXPECT_FAIL(a, nd_repeat(a, 3, SH(1, 1, 1), ND_AXIS_NONE), ND_ERR_SHAPE, "shape (6,) (3,)");
    /* np.repeat(a, [1, -1, 1], axis=1): repeats may not contain negative values */
    EXPECT_FAIL(a, nd_repeat(a, 3, SH(1, -1, 1), 1), ND_ERR_VALUE, "repeats may not contain negative values");
    EXPECT_FAIL(a, nd_repeat(a, 1, SH(-1), 0), ND_ERR_VALUE, "repeats may not contain negative values");
    EXPECT_FAIL(a, nd_repeat(a, 1, SH(INT64_MAX), 1), ND_ERR_OVERFLOW, "overflows");
    EXPECT_FAIL(a, nd_repeat(a, 3, SH(1, INT64_MAX, 1), 1), ND_ERR_OVERFLOW, "overflows");
    EXPECT_FAIL(a, nd_repeat(a, 1, SH(INT64_C(1) << 61), 1), ND_ERR_OVERFLOW, "too large");
    pending_error();
    assert_null(nd_repeat(NULL, 1, SH(2), 0));
    ND_ASSERT_ERROR(ND_ERR_VALUE, PENDING_MSG);
    nd_free(a);
    nd_free(z);
}

/* ------------------------------------------------------------ pad */

static nd_array *do_pad(const nd_array *a, const void *row) {
    const pad_case *c = row;
    return nd_pad(a, c->in.ndim ? c->pad : NULL, c->mode, c->value);
}

static void test_pad(void **state) {
    (void)state;
    RUN_TABLE(pad_cases, pad_case, do_pad, false);
    RUN_TABLE(pad_1d_cases, pad_case, do_pad, false);
    RUN_BCAST(pad_bcast, pad_case, do_pad, false);
}

/* The constant is converted as astype converts it, as NumPy assigns it. */
static void test_pad_constant_conversion(void **state) {
    (void)state;
    nd_array *a = nd_arange(0, 3, 1, ND_UINT8);
    /* np.pad(np.arange(3, dtype=np.uint8), 1, constant_values=-1) */
    nd_array *r = nd_pad(a, SH(1, 1), ND_PAD_CONSTANT, -1);
    ND_ASSERT_ARRAY(r);
    nd_test_expect(r, V(255, 0, 1, 2, 255), 0);
    nd_free(r);
    nd_free(a);
    a = nd_arange(0, 3, 1, ND_INT16);
    /* np.pad(np.arange(3, dtype=np.int16), (1, 0), constant_values=-7.9) */
    r = nd_pad(a, SH(1, 0), ND_PAD_CONSTANT, -7.9);
    ND_ASSERT_ARRAY(r);
    nd_test_expect(r, V(-7, 0, 1, 2), 0);
    nd_free(r);
    nd_free(a);
    a = nd_arange(0, 3, 1, ND_FLOAT32);
    /* np.pad(np.arange(3, dtype=np.float32), 1, constant_values=np.nan) */
    r = nd_pad(a, SH(1, 1), ND_PAD_CONSTANT, NAN);
    ND_ASSERT_ARRAY(r);
    assert_int_equal(nd_dtype_of(r), ND_FLOAT32);
    nd_test_expect(r, V(NAN, 0, 1, 2, NAN), 0);
    nd_free(r);
    nd_free(a);
    a = nd_test_array(ND_BOOL, 1, SH(2), V(1, 0));
    /* np.pad(np.array([True, False]), 1, constant_values=0.5) */
    r = nd_pad(a, SH(1, 1), ND_PAD_CONSTANT, 0.5);
    ND_ASSERT_ARRAY(r);
    nd_test_expect(r, V(1, 1, 0, 1), 0);
    nd_free(r);
    nd_free(a);
}

static void test_pad_errors(void **state) {
    (void)state;
    nd_array *a = iota_f64(2, SH(2, 3));
    nd_array *e = iota_f64(2, SH(0, 3));
    nd_clear_error();
    assert_null(nd_pad(NULL, SH(1, 1, 1, 1), ND_PAD_EDGE, 0));
    ND_ASSERT_ERROR(ND_ERR_NULL, "'a'");
    EXPECT_FAIL(a, nd_pad(a, NULL, ND_PAD_EDGE, 0), ND_ERR_NULL, "'pad_width'");
    /* np.pad(a, ((0, 0), (-1, 0))): index can't contain negative values */
    EXPECT_FAIL(a, nd_pad(a, SH(0, 0, -1, 0), ND_PAD_CONSTANT, 0), ND_ERR_VALUE,
                "index can't contain negative values");
    EXPECT_FAIL(a, nd_pad(a, SH(0, -5, 0, 0), ND_PAD_WRAP, 0), ND_ERR_VALUE, "pad_width[1] is -5");
    EXPECT_FAIL(a, nd_pad(a, SH(1, 1, 1, 1), (nd_pad_mode)5, 0), ND_ERR_VALUE, "mode 5 is not supported");
    EXPECT_FAIL(a, nd_pad(a, SH(1, 1, 1, 1), (nd_pad_mode)-1, 0), ND_ERR_VALUE, "not supported");
    /* np.pad(np.zeros((0, 3)), 1, mode='edge'): can't extend empty axis 0 using modes other than 'constant' */
    for (nd_pad_mode m = ND_PAD_EDGE; m <= ND_PAD_WRAP; m++) {
        EXPECT_FAIL(e, nd_pad(e, SH(1, 1, 1, 1), m, 0), ND_ERR_VALUE, "can't extend empty axis 0");
        EXPECT_FAIL(e, nd_pad(e, SH(0, 1, 0, 0), m, 0), ND_ERR_VALUE, "can't extend empty axis 0");
    }
    EXPECT_FAIL(a, nd_pad(a, SH(0, 0, INT64_MAX, 0), ND_PAD_CONSTANT, 0), ND_ERR_OVERFLOW, "overflows");
    EXPECT_FAIL(a, nd_pad(a, SH(0, 0, INT64_MAX - 3, 1), ND_PAD_CONSTANT, 0), ND_ERR_OVERFLOW, "overflows");
    EXPECT_FAIL(a, nd_pad(a, SH(0, 0, INT64_C(1) << 61, 0), ND_PAD_EDGE, 0), ND_ERR_OVERFLOW, "too large");
    pending_error();
    assert_null(nd_pad(NULL, SH(1, 1), ND_PAD_EDGE, 0));
    ND_ASSERT_ERROR(ND_ERR_VALUE, PENDING_MSG);
    nd_free(a);
    nd_free(e);
}

/* ------------------------------------------------------------ roll */

/* nd_roll for single-axis and flat rows, nd_roll_axes for the others. */
static nd_array *do_roll(const nd_array *a, const void *row) {
    const roll_case *c = row;
    if (c->flat) return nd_roll(a, c->shifts[0], ND_AXIS_NONE);
    if (c->n == 1) return nd_roll(a, c->shifts[0], c->axes[0]);
    return nd_roll_axes(a, c->n, c->shifts, c->axes);
}

/* nd_roll_axes for every row that names its axes. */
static nd_array *do_roll_axes(const nd_array *a, const void *row) {
    const roll_case *c = row;
    if (c->flat) return nd_roll(a, c->shifts[0], ND_AXIS_NONE);
    return nd_roll_axes(a, c->n, c->n ? c->shifts : NULL, c->n ? c->axes : NULL);
}

static void test_roll(void **state) {
    (void)state;
    RUN_TABLE(roll_cases, roll_case, do_roll, false);
    RUN_TABLE(roll_cases, roll_case, do_roll_axes, false);
    RUN_BCAST(roll_bcast, roll_case, do_roll, false);
}

/* More rolled axes than one pass takes: 8 axes (two passes) and 9 (three).
 * Rolling a length-2 axis by 1 reverses it, so
 * np.roll(np.arange(1, 2**n + 1).reshape((2,) * n), (1,) * n, axis=tuple(range(n)))
 * is np.arange(2**n, 0, -1) (checked with NumPy for n = 8 and 9). */
static void test_roll_many_axes(void **state) {
    (void)state;
    for (int n = 8; n <= 9; n++) {
        int64_t shape[9], shifts[9];
        int axes[9];
        for (int i = 0; i < n; i++) {
            shape[i] = 2;
            shifts[i] = 1;
            axes[i] = n - 1 - i;
        }
        for (int l = 0; l < L_COUNT; l++) {
            int64_t size = count_of(n, shape);
            double *v = iota_vals(size, 0), *want = iota_vals(size, 0);
            for (int64_t i = 0; i < size; i++) want[i] = (double)(size - i);
            nd_array *a = make_input(ND_INT32, l, n, shape, v);
            nd_array *r = nd_roll_axes(a, n, shifts, axes);
            ND_ASSERT_ARRAY(r);
            nd_test_expect(r, want, 0);
            nd_free(r);
            nd_free(a);
            free(v);
            free(want);
        }
    }
}

static void test_roll_errors(void **state) {
    (void)state;
    nd_array *a = iota_f64(2, SH(2, 3));
    nd_array *z = iota_f64(0, NULL);
    nd_clear_error();
    assert_null(nd_roll(NULL, 1, 0));
    ND_ASSERT_ERROR(ND_ERR_NULL, "'a'");
    assert_null(nd_roll_axes(NULL, 1, SH(1), (const int[]){0}));
    ND_ASSERT_ERROR(ND_ERR_NULL, "'a'");
    EXPECT_FAIL(a, nd_roll(a, 1, 2), ND_ERR_INDEX, "axis 2 is out of bounds for array of dimension 2");
    EXPECT_FAIL(a, nd_roll(a, 1, -3), ND_ERR_INDEX, "axis -3 is out of bounds");
    /* np.roll(np.array(5), 3, axis=0): axis 0 is out of bounds for array of dimension 0 */
    EXPECT_FAIL(z, nd_roll(z, 3, 0), ND_ERR_INDEX, "axis 0 is out of bounds for array of dimension 0");
    EXPECT_FAIL(a, nd_roll_axes(a, -1, SH(1), (const int[]){0}), ND_ERR_VALUE, "negative axis count");
    EXPECT_FAIL(a, nd_roll_axes(a, 1, NULL, (const int[]){0}), ND_ERR_NULL, "'shifts'");
    EXPECT_FAIL(a, nd_roll_axes(a, 1, SH(1), NULL), ND_ERR_NULL, "'axes'");
    EXPECT_FAIL(a, nd_roll_axes(a, 3, SH(1, 1, 1), ((const int[]){0, 1, 5})), ND_ERR_INDEX,
                "axis 5 is out of bounds");
    pending_error();
    assert_null(nd_roll(NULL, 1, 0));
    ND_ASSERT_ERROR(ND_ERR_VALUE, PENDING_MSG);
    pending_error();
    assert_null(nd_roll_axes(a, 1, NULL, (const int[]){0}));
    ND_ASSERT_ERROR(ND_ERR_VALUE, PENDING_MSG);
    nd_free(a);
    nd_free(z);
}

/* ------------------------------------------------------------ rot90 */

static nd_array *do_rot90(const nd_array *a, const void *row) {
    const rot90_case *c = row;
    return nd_rot90(a, c->k, c->axis1, c->axis2);
}

static void test_rot90(void **state) {
    (void)state;
    RUN_TABLE(rot90_cases, rot90_case, do_rot90, true);
    RUN_BCAST(rot90_bcast, rot90_case, do_rot90, true);
}

/* Writing through the rotated view changes the base: np.rot90(a, k)[0, 0]
 * is a[0, -1] for k = 1, a[-1, -1] for k = 2, a[-1, 0] for k = 3. */
static void test_rot90_is_view(void **state) {
    (void)state;
    static const int64_t corner[4][2] = {{0, 0}, {0, 2}, {1, 2}, {1, 0}};
    for (int k = 0; k < 4; k++) {
        nd_array *a = iota_f64(2, SH(2, 3));
        nd_array *v = nd_rot90(a, k, 0, 1);
        ND_ASSERT_ARRAY(v);
        ND_ASSERT_OK(nd_set_f64(v, SH(0, 0), -5));
        double got;
        ND_ASSERT_OK(nd_get_f64(a, corner[k], &got));
        assert_true(got == -5);
        /* the view keeps the memory alive once the parent is gone */
        nd_free(a);
        ND_ASSERT_OK(nd_get_f64(v, SH(0, 0), &got));
        assert_true(got == -5);
        nd_free(v);
    }
    /* and through a view of a view: the base's own memory */
    nd_array *a = iota_f64(3, SH(2, 3, 4));
    nd_array *v = nd_rot90(a, 1, 0, 2);
    ND_ASSERT_ARRAY(v);
    /* np.rot90(a, 1, axes=(0, 2))[1, 2, 0] is a[0, 2, 2] */
    ND_ASSERT_OK(nd_set_f64(v, SH(1, 2, 0), 100));
    double got;
    ND_ASSERT_OK(nd_get_f64(a, SH(0, 2, 2), &got));
    assert_true(got == 100);
    nd_free(v);
    nd_free(a);
}

static void test_rot90_errors(void **state) {
    (void)state;
    nd_array *a = iota_f64(2, SH(2, 3));
    nd_array *a3 = iota_f64(3, SH(2, 2, 2));
    nd_array *v = iota_f64(1, SH(3));
    nd_array *z = iota_f64(0, NULL);
    nd_clear_error();
    assert_null(nd_rot90(NULL, 1, 0, 1));
    ND_ASSERT_ERROR(ND_ERR_NULL, "'a'");
    /* np.rot90(a, axes=(0, 0)), (1, -1), (0, -2): Axes must be different. */
    EXPECT_FAIL(a, nd_rot90(a, 1, 0, 0), ND_ERR_VALUE, "Axes must be different");
    EXPECT_FAIL(a, nd_rot90(a, 1, 1, -1), ND_ERR_VALUE, "Axes must be different");
    EXPECT_FAIL(a, nd_rot90(a, 1, 0, -2), ND_ERR_VALUE, "Axes must be different");
    /* np.rot90(np.zeros(3)): Axes must be different (axes (0, 1) are 1 apart in 1-D) */
    EXPECT_FAIL(v, nd_rot90(v, 1, 0, 1), ND_ERR_VALUE, "Axes must be different");
    /* np.rot90(np.zeros((2, 2, 2)), axes=(0, 3)): Axes must be different (NumPy's order of checks) */
    EXPECT_FAIL(a3, nd_rot90(a3, 1, 0, 3), ND_ERR_VALUE, "Axes must be different");
    /* np.rot90(np.zeros((2, 2, 2)), axes=(0, 4)): Axes=(0, 4) out of range for array of ndim=3. */
    EXPECT_FAIL(a3, nd_rot90(a3, 1, 0, 4), ND_ERR_INDEX, "axes (0,4) out of range for array of dimension 3");
    EXPECT_FAIL(a3, nd_rot90(a3, 1, -4, 1), ND_ERR_INDEX, "out of range");
    EXPECT_FAIL(z, nd_rot90(z, 1, 0, 1), ND_ERR_INDEX, "out of range for array of dimension 0");
    pending_error();
    assert_null(nd_rot90(NULL, 1, 0, 1));
    ND_ASSERT_ERROR(ND_ERR_VALUE, PENDING_MSG);
    nd_free(a);
    nd_free(a3);
    nd_free(v);
    nd_free(z);
}

/* ------------------------------------------------------------ atleast_nd */

static nd_array *do_atleast(const nd_array *a, const void *row) {
    const atleast_case *c = row;
    return c->n == 1 ? nd_atleast_1d(a) : c->n == 2 ? nd_atleast_2d(a) : nd_atleast_3d(a);
}

static void test_atleast(void **state) {
    (void)state;
    RUN_TABLE(atleast_cases, atleast_case, do_atleast, true);
    RUN_BCAST(atleast_bcast, atleast_case, do_atleast, true);
}

static void test_atleast_is_view(void **state) {
    (void)state;
    nd_array *a = iota_f64(1, SH(3));
    nd_array *v3 = nd_atleast_3d(a), *v2 = nd_atleast_2d(a), *v1 = nd_atleast_1d(a);
    ND_ASSERT_ARRAY(v3);
    ND_ASSERT_ARRAY(v2);
    ND_ASSERT_ARRAY(v1);
    nd_free(a);
    ND_ASSERT_OK(nd_set_f64(v3, SH(0, 2, 0), -1));
    double got;
    ND_ASSERT_OK(nd_get_f64(v2, SH(0, 2), &got));
    assert_true(got == -1);
    ND_ASSERT_OK(nd_get_f64(v1, SH(2), &got));
    assert_true(got == -1);
    nd_free(v1);
    nd_free(v2);
    nd_free(v3);
    nd_array *z = iota_f64(0, NULL);
    nd_array *w = nd_atleast_2d(z);
    ND_ASSERT_ARRAY(w);
    ND_ASSERT_OK(nd_set_f64(w, SH(0, 0), 42));
    ND_ASSERT_OK(nd_get_f64(z, NULL, &got));
    assert_true(got == 42);
    nd_free(w);
    nd_free(z);
    nd_clear_error();
    assert_null(nd_atleast_1d(NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "'a'");
    assert_null(nd_atleast_2d(NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "'a'");
    pending_error();
    assert_null(nd_atleast_3d(NULL));
    ND_ASSERT_ERROR(ND_ERR_VALUE, PENDING_MSG);
}

/* ------------------------------------------------------------ meshgrid */

static void test_meshgrid(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof mesh_cases / sizeof mesh_cases[0]; i++) {
        const mesh_case *c = &mesh_cases[i];
        for (int d = 0; d < NUM_DT; d++) {
            for (int l = 0; l < L_COUNT; l++) {
                char ctx[512];
                snprintf(ctx, sizeof ctx, "%s [%s, %s]", c->expr, nd_dtype_name(all_dtypes[d]),
                         layout_names[l]);
                nd_array *xs[3] = {0};
                snap s[3];
                for (int k = 0; k < c->n; k++) {
                    /* each input its own dtype: the outputs keep them */
                    nd_dtype dt = all_dtypes[(d + k) % NUM_DT];
                    double *v = iota_vals(count_of(c->in[k].ndim, c->in[k].shape), 10.0 * k);
                    xs[k] = make_input(dt, l, c->in[k].ndim, c->in[k].shape, v);
                    free(v);
                    s[k] = take(xs[k]);
                }
                nd_array *out[3] = {0};
                ND_ASSERT_OK(nd_meshgrid(c->n, (const nd_array *const *)xs, c->ij, c->sparse, out));
                for (int k = 0; k < c->n; k++) {
                    check_result(ctx, out[k], all_dtypes[(d + k) % NUM_DT], &c->res[k]);
                    check_copy(ctx, out[k], xs[k]);
                    expect_same(xs[k], &s[k]);
                    nd_free(out[k]);
                    nd_free(xs[k]);
                }
            }
        }
    }
}

static void test_meshgrid_edge_cases(void **state) {
    (void)state;
    /* np.meshgrid() is [] */
    nd_array *sentinel = (nd_array *)&sentinel;
    nd_array *out[3] = {sentinel, sentinel, sentinel};
    ND_ASSERT_OK(nd_meshgrid(0, NULL, false, false, NULL));
    ND_ASSERT_OK(nd_meshgrid(0, NULL, true, true, out));
    assert_ptr_equal(out[0], sentinel);
    /* broadcast inputs: np.meshgrid(np.broadcast_to(7, (2,)), [1, 2, 3]) */
    nd_array *seven = nd_scalar(7, ND_INT64);
    nd_array *b = nd_broadcast_to(seven, 1, SH(2));
    nd_array *x = iota_f64(1, SH(3));
    const nd_array *xs[2] = {b, x};
    ND_ASSERT_OK(nd_meshgrid(2, xs, false, false, out));
    nd_test_shape(out[0], 2, SH(3, 2));
    nd_test_expect(out[0], V(7, 7, 7, 7, 7, 7), 0);
    nd_test_expect(out[1], V(1, 1, 2, 2, 3, 3), 0);
    assert_true(nd_is_writeable(out[0]));
    /* the outputs are copies: writing one leaves the input alone */
    ND_ASSERT_OK(nd_set_f64(out[1], SH(0, 0), -1));
    double got;
    ND_ASSERT_OK(nd_get_f64(x, SH(0), &got));
    assert_true(got == 1);
    nd_free(out[0]);
    nd_free(out[1]);
    nd_free(b);
    nd_free(seven);
    nd_free(x);
}

static void test_meshgrid_errors(void **state) {
    (void)state;
    nd_array *x = iota_f64(1, SH(3));
    nd_array *sentinel = (nd_array *)&sentinel;
    nd_array *out[ND_MAX_DIMS + 1];
    for (int i = 0; i <= ND_MAX_DIMS; i++) out[i] = sentinel;
    const nd_array *xs[ND_MAX_DIMS + 1];
    for (int i = 0; i <= ND_MAX_DIMS; i++) xs[i] = x;
    nd_clear_error();
    assert_int_equal(nd_meshgrid(-1, xs, false, false, out), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "-1 arrays given");
    assert_int_equal(nd_meshgrid(ND_MAX_DIMS + 1, xs, false, false, out), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "33 arrays given");
    assert_int_equal(nd_meshgrid(2, NULL, false, false, out), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "'xs'");
    const nd_array *with_null[3] = {x, NULL, x};
    assert_int_equal(nd_meshgrid(3, with_null, false, false, out), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "'xs[1]'");
    assert_int_equal(nd_meshgrid(2, xs, false, false, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "'out'");
    /* three axes of 2^22: the full result has 2^66 elements */
    nd_array *one = nd_scalar(1, ND_UINT8);
    nd_array *big = nd_broadcast_to(one, 1, SH(INT64_C(1) << 22));
    const nd_array *bigs[3] = {big, big, big};
    assert_int_equal(nd_meshgrid(3, bigs, true, false, out), ND_ERR_OVERFLOW);
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "too large");
    /* the first output succeeds before the second fails: nothing is handed out */
    const nd_array *mixed[2] = {x, big};
    /* (a float64 view of 2^62 elements is itself too big, as in NumPy, so
     * the second output fails for want of memory: 2^62 bytes. The allocator
     * refuses it as a machine without that memory would, so that the
     * system's allocator, or ASan's, is never asked and warns of nothing.) */
    nd_array *onef = nd_scalar(1, ND_UINT8);
    nd_array *huge = nd_broadcast_to(onef, 1, SH(INT64_C(1) << 62));
    mixed[1] = huge;
    const nd_allocator small_machine = {refuse_huge_alloc, plain_free, NULL};
    ND_ASSERT_OK(nd_set_allocator(&small_machine));
    nd_status st = nd_meshgrid(2, mixed, true, true, out);
    ND_ASSERT_OK(nd_set_allocator(NULL));
    assert_int_equal(st, ND_ERR_NOMEM);
    ND_ASSERT_ERROR(ND_ERR_NOMEM, "out of memory");
    for (int i = 0; i <= ND_MAX_DIMS; i++) assert_ptr_equal(out[i], sentinel);
    pending_error();
    assert_int_equal(nd_meshgrid(3, with_null, false, false, out), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_VALUE, PENDING_MSG);
    nd_free(huge);
    nd_free(onef);
    nd_free(big);
    nd_free(one);
    nd_free(x);
}

/* ------------------------------------------------------------ tril, triu */

static nd_array *do_tri(const nd_array *a, const void *row) {
    const tri_case *c = row;
    return c->lower ? nd_tril(a, c->k) : nd_triu(a, c->k);
}

static void test_tril_triu(void **state) {
    (void)state;
    RUN_TABLE(tri_cases, tri_case, do_tri, false);
    RUN_BCAST(tri_bcast, tri_case, do_tri, false);
}

static void test_tril_triu_errors(void **state) {
    (void)state;
    nd_array *z = iota_f64(0, NULL);
    nd_clear_error();
    assert_null(nd_tril(NULL, 0));
    ND_ASSERT_ERROR(ND_ERR_NULL, "'a'");
    assert_null(nd_triu(NULL, 0));
    ND_ASSERT_ERROR(ND_ERR_NULL, "'a'");
    /* np.tril(np.array(3)): tri() missing 1 required positional argument: 'N' */
    EXPECT_FAIL(z, nd_tril(z, 0), ND_ERR_VALUE, "at least one dimension");
    EXPECT_FAIL(z, nd_triu(z, 0), ND_ERR_VALUE, "at least one dimension");
    /* a 1-D input of 2^33 becomes 2^33 x 2^33 */
    nd_array *one = nd_scalar(1, ND_UINT8);
    nd_array *big = nd_broadcast_to(one, 1, SH(INT64_C(1) << 33));
    assert_null(nd_tril(big, 0));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "too large");
    assert_null(nd_triu(big, -3));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "too large");
    pending_error();
    assert_null(nd_triu(NULL, 0));
    ND_ASSERT_ERROR(ND_ERR_VALUE, PENDING_MSG);
    nd_free(big);
    nd_free(one);
    nd_free(z);
}

/* ------------------------------------------------------------ out of memory */

static nd_status f_tile(const nd_array *a) { return status_of(nd_tile(a, 2, SH(2, 2))); }
static nd_status f_repeat_gather(const nd_array *a) { return status_of(nd_repeat(a, 3, SH(1, 0, 2), 1)); }
static nd_status f_repeat_flat(const nd_array *a) { return status_of(nd_repeat(a, 12, SH(1, 0, 2, 1, 1, 1, 1, 1, 1, 1, 1, 3), ND_AXIS_NONE)); }
static nd_status f_repeat_runs(const nd_array *a) { return status_of(nd_repeat(a, 3, SH(2, 0, 2), 0)); }
static nd_status f_pad_reflect(const nd_array *a) { return status_of(nd_pad(a, SH(4, 5, 7, 3), ND_PAD_REFLECT, 0)); }
static nd_status f_pad_wrap(const nd_array *a) { return status_of(nd_pad(a, SH(4, 5, 7, 3), ND_PAD_WRAP, 0)); }
static nd_status f_pad_edge(const nd_array *a) { return status_of(nd_pad(a, SH(1, 2, 3, 1), ND_PAD_EDGE, 0)); }
static nd_status f_pad_const(const nd_array *a) { return status_of(nd_pad(a, SH(1, 2, 3, 1), ND_PAD_CONSTANT, 4)); }
static nd_status f_roll_flat(const nd_array *a) { return status_of(nd_roll(a, 5, ND_AXIS_NONE)); }
static nd_status f_roll_axes(const nd_array *a) { return status_of(nd_roll_axes(a, 2, SH(1, 1), ((const int[]){0, 1}))); }
static nd_status f_rot90(const nd_array *a) { return status_of(nd_rot90(a, 1, 0, 1)); }
static nd_status f_atleast(const nd_array *a) { return status_of(nd_atleast_3d(a)); }
static nd_status f_tril(const nd_array *a) { return status_of(nd_tril(a, 0)); }
static nd_status f_triu_1d(const nd_array *a) {
    nd_array *row = nd_index(a, 0, 1);
    if (!row) return nd_last_status();
    nd_status st = status_of(nd_triu(row, 1));
    nd_free(row);
    return st;
}
static nd_status f_meshgrid(const nd_array *a) {
    nd_array *sentinel = (nd_array *)&sentinel;
    nd_array *out[3] = {sentinel, sentinel, sentinel};
    const nd_array *xs[3] = {a, a, a};
    nd_status st = nd_meshgrid(3, xs, false, false, out);
    for (int i = 0; i < 3; i++) {
        if (st == ND_OK) nd_free(out[i]);
        else assert_ptr_equal(out[i], sentinel);
    }
    return st;
}

/* 5 rolled axes: two passes through a scratch array */
static nd_status f_roll_passes(const nd_array *a) {
    nd_array *b = nd_reshape(a, 5, SH(1, 3, 2, 2, 1));
    if (!b) return nd_last_status();
    nd_array *c = nd_tile(b, 5, SH(2, 1, 1, 1, 2));
    nd_free(b);
    if (!c) return nd_last_status();
    nd_status st = status_of(nd_roll_axes(c, 5, SH(1, 1, 1, 1, 1), ((const int[]){0, 1, 2, 3, 4})));
    nd_free(c);
    return st;
}

static void test_out_of_memory(void **state) {
    (void)state;
    /* transposed (4,3), so that flattening copies */
    nd_array *t = make_input(ND_FLOAT64, L_TRANSPOSED, 2, SH(4, 3), V(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
    double *v = iota_vals(120, 0);
    nd_array *wide = make_input(ND_INT16, L_NEGATIVE, 2, SH(3, 40), v);
    free(v);
    run_with_faults("tile", f_tile, t);
    run_with_faults("repeat (gather)", f_repeat_gather, t);
    run_with_faults("repeat (flat)", f_repeat_flat, t);
    run_with_faults("repeat (runs)", f_repeat_runs, wide);
    run_with_faults("pad reflect", f_pad_reflect, t);
    run_with_faults("pad wrap", f_pad_wrap, t);
    run_with_faults("pad edge", f_pad_edge, t);
    run_with_faults("pad constant", f_pad_const, t);
    run_with_faults("roll flat", f_roll_flat, t);
    run_with_faults("roll axes", f_roll_axes, t);
    run_with_faults("roll passes", f_roll_passes, t);
    run_with_faults("rot90", f_rot90, t);
    run_with_faults("atleast_3d", f_atleast, t);
    run_with_faults("tril", f_tril, t);
    run_with_faults("triu 1-D", f_triu_1d, t);
    run_with_faults("meshgrid", f_meshgrid, t);
    nd_free(wide);
    nd_free(t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tile),          cmocka_unit_test(test_tile_max_dims),
        cmocka_unit_test(test_tile_errors),   cmocka_unit_test(test_repeat),
        cmocka_unit_test(test_repeat_max_dims), cmocka_unit_test(test_repeat_errors),
        cmocka_unit_test(test_pad),           cmocka_unit_test(test_pad_constant_conversion),
        cmocka_unit_test(test_pad_errors),    cmocka_unit_test(test_roll),
        cmocka_unit_test(test_roll_many_axes), cmocka_unit_test(test_roll_errors),
        cmocka_unit_test(test_rot90),         cmocka_unit_test(test_rot90_is_view),
        cmocka_unit_test(test_rot90_errors),  cmocka_unit_test(test_atleast),
        cmocka_unit_test(test_atleast_is_view), cmocka_unit_test(test_meshgrid),
        cmocka_unit_test(test_meshgrid_edge_cases), cmocka_unit_test(test_meshgrid_errors),
        cmocka_unit_test(test_tril_triu),     cmocka_unit_test(test_tril_triu_errors),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
