/* A short tour of libnd's core, run by `make demo`: creation, views,
 * broadcasting, an _out operation, casting and an error message. Each step
 * prints the NumPy expression it mirrors and the result as NumPy prints it.
 * The printing helper below is local to this example (a small part of
 * NumPy's repr: no line wrapping, no scientific notation); the library's own
 * nd_print comes with the I/O work. */
#include <nd.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- printing */

#define CELL 40

/* The shortest decimal with at most 8 fractional digits that reads back as
 * v in the array's float type (NumPy's default "maxprec" mode). */
static void format_float(char *out, double v, nd_dtype dt) {
    if (v != v) { strcpy(out, "nan"); return; }
    if (v > 1e308 || v < -1e308) { strcpy(out, v > 0 ? "inf" : "-inf"); return; }
    for (int p = 0; p <= 8; p++) {
        snprintf(out, CELL, "%.*f", p, v);
        double back = strtod(out, NULL);
        if (dt == ND_FLOAT32 ? (float)back == (float)v : back == v) break;
    }
    if (!strchr(out, '.')) strcat(out, ".");
    size_t n = strlen(out); /* "%.8f" may leave trailing zeros */
    while (n > 2 && out[n - 1] == '0' && out[n - 2] != '.') out[--n] = '\0';
    if (n > 1 && out[n - 1] == '0' && out[n - 2] == '.') out[n - 1] = '\0';
}

typedef struct printer {
    char (*cell)[CELL];
    const int64_t *shape;
    int ndim;
    int left, right; /* float columns: widths before and after the '.' */
    int width;       /* every cell is padded to this */
    bool is_float;
} printer;

static void print_cell(const printer *p, const char *s) {
    const char *dot = p->is_float ? strchr(s, '.') : NULL;
    if (!dot) { /* integers, bools, nan, inf: right-aligned */
        printf("%*s", p->width, s);
        return;
    }
    int l = (int)(dot - s), r = (int)strlen(dot + 1);
    printf("%*s%.*s%s%*s", p->left - l, "", l + 1, s, dot + 1, p->right - r, "");
}

static int64_t print_block(const printer *p, int dim, int64_t k, int indent) {
    if (dim == p->ndim) {
        print_cell(p, p->cell[k]);
        return k + 1;
    }
    putchar('[');
    for (int64_t i = 0; i < p->shape[dim]; i++) {
        if (i > 0) {
            putchar(',');
            if (dim == p->ndim - 1) {
                putchar(' ');
            } else {
                for (int j = dim; j < p->ndim - 1; j++) putchar('\n');
                printf("%*s", indent + dim + 1, "");
            }
        }
        k = print_block(p, dim + 1, k, indent);
    }
    putchar(']');
    return k;
}

/* Prints a as NumPy's repr would, e.g. array([[0., 1.], [2., 3.]]) laid out
 * over lines, with the dtype named unless it is float64, int64 or bool. */
static void show(const nd_array *a) {
    if (!a) {
        printf("(NULL: %s)\n", nd_errmsg());
        return;
    }
    nd_dtype dt = nd_dtype_of(a);
    int64_t n = nd_size(a);
    nd_array *f = nd_astype(a, ND_FLOAT64); /* a C-ordered copy */
    const double *v = f ? (const double *)nd_data(f) : NULL;
    printer p = {calloc((size_t)(n ? n : 1), CELL), nd_shape(a), nd_ndim(a), 0, 0, 0,
                 nd_dtype_is_float(dt)};
    if (!f || !p.cell) {
        printf("(out of memory)\n");
        nd_free(f);
        free(p.cell);
        return;
    }
    for (int64_t i = 0; i < n; i++) {
        char *c = p.cell[i];
        if (dt == ND_BOOL) strcpy(c, v[i] != 0 ? "True" : "False");
        else if (p.is_float) format_float(c, v[i], dt);
        else snprintf(c, CELL, "%lld", (long long)v[i]);
        const char *dot = p.is_float ? strchr(c, '.') : NULL;
        if (dot) {
            int l = (int)(dot - c), r = (int)strlen(dot + 1);
            if (l > p.left) p.left = l;
            if (r > p.right) p.right = r;
        }
    }
    if (p.is_float) p.width = p.left + 1 + p.right;
    for (int64_t i = 0; i < n; i++) {
        int w = (int)strlen(p.cell[i]);
        if (w > p.width) p.width = w;
    }
    if (p.is_float && p.width > p.left + 1 + p.right) p.left = p.width - 1 - p.right;

    printf("array(");
    if (n == 0) printf("[]");
    else print_block(&p, 0, 0, (int)strlen("array("));
    if (dt != ND_FLOAT64 && dt != ND_INT64 && dt != ND_BOOL)
        printf(", dtype=%s", nd_dtype_name(dt));
    printf(")\n");
    free(p.cell);
    nd_free(f);
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
