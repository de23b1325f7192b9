/* A short tour of libnd's core, run by `make demo`: creation, views,
 * broadcasting, an _out operation, casting and an error message. Each step
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

/* ---------------------------------------------------------------- the tour */

int main(void) {
    printf("libnd %s: the core at work, next to the NumPy it mirrors\n", nd_version());

    /* Creation. Every function that makes an array returns a handle, or
     * NULL with a message in nd_errmsg(); each handle is freed with nd_free. */
    step("a = np.arange(12, dtype=np.float32).reshape(3, 4); a");
    nd_array *r = nd_arange(0, 12, 1, ND_FLOAT32);
    nd_array *a = nd_reshape(r, 2, (const int64_t[]){3, 4});
    nd_free(r); /* a keeps the memory alive */
    show(a);

    step("np.zeros((2, 3), dtype=np.int32)");
    nd_array *z = nd_zeros(2, (const int64_t[]){2, 3}, ND_INT32);
    show(z);

    /* Views share a's memory: no copy, O(1). */
    step("a[1:, ::2]");
    nd_array *s = nd_view(a, "1:, ::2");
    show(s);

    step("a.T");
    nd_array *t = nd_transpose(a, NULL);
    show(t);

    /* Broadcasting: (3,4) + (4,) stretches the row over every row of a. */
    step("row = np.arange(0, 40, 10, dtype=np.float32); a + row");
    nd_array *row = nd_arange(0, 40, 10, ND_FLOAT32);
    nd_array *sum = nd_add(a, row);
    show(sum);

    /* _out: write into an existing array, here a view, so a changes too. */
    step("col = a[:, 0]; np.negative(col, out=col); a");
    nd_array *col = nd_view(a, ":, 0");
    if (nd_negative_out(col, col) != ND_OK) printf("error: %s\n", nd_errmsg());
    show(a);

    /* Casting: float to int truncates toward zero, as NumPy's astype. */
    step("x = np.array([-1.7, 0.5, 2.9]); x.astype(np.int32)");
    nd_array *x = nd_from_data((const double[]){-1.7, 0.5, 2.9}, 1, (const int64_t[]){3},
                               ND_FLOAT64);
    nd_array *xi = nd_astype(x, ND_INT32);
    show(xi);

    /* Promotion as NumPy's: int32 with float32 computes in float64. */
    step("np.arange(3, dtype=np.int32) + np.ones(3, dtype=np.float32)");
    nd_array *i3 = nd_arange(0, 3, 1, ND_INT32);
    nd_array *o3 = nd_ones(1, (const int64_t[]){3}, ND_FLOAT32);
    nd_array *mixed = nd_add(i3, o3);
    show(mixed);

    /* Errors: NULL, and a message naming the function and the shapes. */
    step("a + np.ones(3)");
    nd_array *o = nd_ones(1, (const int64_t[]){3}, ND_FLOAT64);
    nd_array *bad = nd_add(a, o);
    if (!bad) printf("error: %s\n", nd_errmsg());
    nd_clear_error();

    nd_array *all[] = {a, z, s, t, row, sum, col, x, xi, i3, o3, mixed, o, bad};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) nd_free(all[i]);
    return 0;
}
