/* Principal component analysis of Fisher's iris data, run by `make pca`:
 * load a CSV with nd_loadtxt, centre the columns (nd_mean, nd_subtract),
 * take the thin SVD (nd_linalg_svd), and print the explained-variance
 * ratios and the first two principal axes with nd_print, next to the NumPy
 * it mirrors. Usage: pca [path/to/iris.csv] (default examples/data/iris.csv).
 *
 * Compared with NumPy 1.24 (np.loadtxt, X - X.mean(axis=0),
 * np.linalg.svd(Xc, full_matrices=False)) on the shipped CSV, libnd's
 * output matches NumPy's printout digit for digit:
 *   mean   array([5.84333333, 3.05733333, 3.758     , 1.19933333])
 *   s      array([25.09996044,  6.01314738,  3.41368064,  1.88452351])
 *   ratio  array([0.92461872, 0.05306648, 0.01710261, 0.00521218])
 *          (the well-known iris ratios 0.9246, 0.0531, 0.0171, 0.0052)
 *   axes   array([[ 0.36138659, -0.08452251,  0.85667061,  0.3582892 ],
 *                 [ 0.65658877,  0.73016143, -0.17337266, -0.07548102]])
 *   scores[:3] array([[-2.68412563,  0.31939725],
 *                     [-2.71414169, -0.17700123],
 *                     [-2.88899057, -0.14494943]])
 * A singular vector's sign is arbitrary (it depends on the LAPACK build),
 * so both sides flip each axis to make its largest component positive, as
 * scikit-learn's svd_flip does; NumPy's raw vt[1] is the negation of the
 * second axis above. */
#include <nd.h>

#include <stdio.h>

/* Shows the NumPy line this step mirrors. */
static void step(const char *numpy) { printf("\n>>> %s\n", numpy); }

/* Prints a as NumPy's repr, or the first error of the calls that made it
 * (a NULL argument passes the first error on). */
static void show(const nd_array *a) {
    if (nd_print(a, stdout) != ND_OK) printf("error: %s\n", nd_errmsg());
}

/* Gives each row of axes the sign that makes its largest-magnitude entry
 * positive, as scikit-learn's svd_flip: axes * sign(axes[i, argmax |axes[i]|]). */
static nd_array *flip_signs(const nd_array *axes) {
    nd_array *at_max = nd_take_along_axis(axes, nd_argmax(nd_abs(axes), 1, true), 1);
    return nd_multiply(axes, nd_sign(at_max));
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "examples/data/iris.csv";
    nd_scope *scope = nd_scope_begin(); /* owns every array below */

    step("X = np.loadtxt('examples/data/iris.csv', delimiter=','); X.shape");
    nd_loadtxt_options opts = nd_loadtxt_defaults();
    opts.delimiter = ',';
    nd_array *x = nd_loadtxt(path, &opts);
    if (!x) {
        fprintf(stderr, "pca: %s\n", nd_errmsg());
        nd_scope_end(scope);
        return 1;
    }
    printf("(%lld, %lld)\n", (long long)nd_shape(x)[0], (long long)nd_shape(x)[1]);

    step("mu = X.mean(axis=0); mu");
    nd_array *mu = nd_mean(x, 1, (const int[]){0}, false);
    show(mu);

    step("Xc = X - mu; u, s, vt = np.linalg.svd(Xc, full_matrices=False); s");
    nd_array *xc = nd_subtract(x, mu), *u = NULL, *s = NULL, *vt = NULL;
    nd_linalg_svd(xc, false, true, &u, &s, &vt);
    show(s);

    /* The variance along each axis is s**2 / (n - 1); its share of the
     * total needs no n. */
    step("s**2 / np.sum(s**2)   # explained-variance ratio");
    nd_array *s2 = nd_square(s);
    show(nd_divide(s2, nd_sum(s2, ND_ALL_AXES, NULL, false)));

    step("axes = vt[:2]   # the first two principal axes (signs made canonical)");
    nd_array *axes = flip_signs(nd_view(vt, ":2"));
    show(axes);

    step("(Xc @ axes.T)[:3]   # the first flowers in the plane of the two axes");
    show(nd_view(nd_matmul(xc, nd_transpose(axes, NULL)), ":3"));

    int rc = nd_last_status() == ND_OK ? 0 : 1;
    nd_scope_end(scope);
    return rc;
}
