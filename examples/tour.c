/* A short tour of libnd's core, run by `make demo`: creation, views,
 * broadcasting, scalars, in-place updates, an _out operation, casting, a
 * scope that frees every intermediate result, and an error message. Each step
 * prints the NumPy expression it mirrors and the result as NumPy prints it
 * (nd_print gives NumPy's repr). */
#include <nd.h>

#include <stdio.h>

/* Prints a as NumPy's repr would (nd_print), or the error that made it NULL. */
static void show(const nd_array *a) {
    if (!a) {
        printf("(NULL: %s)\n", nd_errmsg());
        return;
    }
    if (nd_print(a, stdout) != ND_OK) printf("(print failed: %s)\n", nd_errmsg());
}

/* Shows the NumPy line this step mirrors. */
static void step(const char *numpy) { printf("\n>>> %s\n", numpy); }

/* (m - m.mean(axis=0)) / m.std(axis=0), written as the formula: the scope
 * owns the means, the differences and the deviations, and frees them; only
 * the result is kept, into the caller's scope. A failure anywhere gives
 * NULL (each call passes a NULL argument on, with the first error). */
static nd_array *standardize(const nd_array *m) {
    nd_scope *scope = nd_scope_begin();
    if (!scope) return NULL;
    const int rows = 0;
    nd_array *z = nd_keep(nd_divide(nd_subtract(m, nd_mean(m, 1, &rows, true)),
                                    nd_std(m, 1, &rows, true, 0)));
    nd_scope_end(scope);
    return z;
}

/* ---------------------------------------------------------------- the tour */

int main(void) {
    printf("libnd %s: the core at work, next to the NumPy it mirrors\n", nd_version());

    /* Every function that makes an array returns a handle, or NULL with a
     * message in nd_errmsg(). The scope owns every handle made until it
     * ends, so results can be nested and none is freed by hand (without a
     * scope, each handle is freed with nd_free). */
    nd_scope *scope = nd_scope_begin();
    if (!scope) {
        printf("error: %s\n", nd_errmsg());
        return 1;
    }

    /* Creation. */
    step("a = np.arange(12, dtype=np.float32).reshape(3, 4); a");
    nd_array *a = nd_reshape(nd_arange(0, 12, 1, ND_FLOAT32), 2, (const int64_t[]){3, 4});
    show(a);

    step("np.zeros((2, 3), dtype=np.int32)");
    show(nd_zeros(2, (const int64_t[]){2, 3}, ND_INT32));

    /* Views share a's memory: no copy, O(1). */
    step("a[1:, ::2]");
    show(nd_view(a, "1:, ::2"));

    step("a.T");
    show(nd_transpose(a, NULL));

    /* Broadcasting: (3,4) + (4,) stretches the row over every row of a. */
    step("a + np.arange(0, 40, 10, dtype=np.float32)");
    show(nd_add(a, nd_arange(0, 40, 10, ND_FLOAT32)));

    /* C numbers are NumPy's Python scalars (NEP 50): the array's dtype wins,
     * so float32 stays float32. */
    step("a * 0.5 + 1");
    show(nd_add_scalar(nd_multiply_scalar(a, 0.5), 1));

    /* In place, without a temporary: b *= 2; b -= a. */
    step("b = a.copy(); b *= 2; b -= a; np.array_equal(b, a), float(b.sum())");
    nd_array *b = nd_copy(a);
    nd_multiply_scalar_inplace(b, 2);
    nd_subtract_inplace(b, a);
    bool same = false;
    double total = 0;
    if (nd_array_equal(b, a, false, &same) != ND_OK ||
        nd_item(nd_sum(b, ND_ALL_AXES, NULL, false), &total) != ND_OK)
        printf("error: %s\n", nd_errmsg());
    printf("(%s, %.1f)\n", same ? "True" : "False", total);

    /* _out: write into an existing array, here a view, so a changes too. */
    step("col = a[:, 0]; np.negative(col, out=col); a");
    nd_array *col = nd_view(a, ":, 0");
    if (nd_negative_out(col, col) != ND_OK) printf("error: %s\n", nd_errmsg());
    show(a);

    /* Casting: float to int truncates toward zero, as NumPy's astype. */
    step("x = np.array([-1.7, 0.5, 2.9]); x.astype(np.int32)");
    nd_array *x = nd_from_data((const double[]){-1.7, 0.5, 2.9}, 1, (const int64_t[]){3},
                               ND_FLOAT64);
    show(nd_astype(x, ND_INT32));

    /* Promotion as NumPy's: int32 with float32 computes in float64. */
    step("np.arange(3, dtype=np.int32) + np.ones(3, dtype=np.float32)");
    show(nd_add(nd_arange(0, 3, 1, ND_INT32), nd_ones(1, (const int64_t[]){3}, ND_FLOAT32)));

    /* A formula in a function of its own, with its own scope. */
    step("(a - a.mean(axis=0)) / a.std(axis=0)");
    show(standardize(a));

    /* Errors: NULL, and a message naming the function and the shapes. */
    step("a + np.ones(3)");
    if (!nd_add(a, nd_ones(1, (const int64_t[]){3}, ND_FLOAT64))) printf("error: %s\n", nd_errmsg());
    nd_clear_error();

    nd_scope_end(scope); /* frees every handle above */
    return 0;
}
