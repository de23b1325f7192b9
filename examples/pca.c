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

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Shows the NumPy line this step mirrors. */
static void step(const char *numpy) { printf("\n>>> %s\n", numpy); }

static void show(const nd_array *a) {
    if (nd_print(a, stdout) != ND_OK) printf("error: %s\n", nd_errmsg());
}

/* Flips the sign of each row of axes whose largest-magnitude entry is
 * negative (axes is a view of vt, which is written through). */
static nd_status flip_signs(nd_array *axes) {
    int64_t rows = nd_shape(axes)[0], cols = nd_shape(axes)[1];
    for (int64_t i = 0; i < rows; i++) {
        double best = 0;
        for (int64_t j = 0; j < cols; j++) {
            double v;
            nd_status st = nd_get_f64(axes, (const int64_t[]){i, j}, &v);
            if (st != ND_OK) return st;
            if (fabs(v) > fabs(best)) best = v;
        }
        if (best >= 0) continue;
        nd_array *row = nd_index(axes, 0, i);
        nd_status st = row ? nd_negative_out(row, row) : nd_last_status();
        nd_free(row);
        if (st != ND_OK) return st;
    }
    return ND_OK;
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "examples/data/iris.csv";
    nd_array *x = NULL, *mu = NULL, *xc = NULL, *u = NULL, *s = NULL, *vt = NULL;
    nd_array *s2 = NULL, *total = NULL, *ratio = NULL, *axes = NULL, *axes_t = NULL;
    nd_array *scores = NULL, *head = NULL;
    int rc = 1;

    step("X = np.loadtxt('examples/data/iris.csv', delimiter=','); X.shape");
    nd_loadtxt_options opts = nd_loadtxt_defaults();
    opts.delimiter = ',';
    x = nd_loadtxt(path, &opts);
    if (!x) goto fail;
    printf("(%lld, %lld)\n", (long long)nd_shape(x)[0], (long long)nd_shape(x)[1]);

    step("mu = X.mean(axis=0); mu");
    mu = nd_mean(x, 1, (const int[]){0}, false);
    if (!mu) goto fail;
    show(mu);

    step("Xc = X - mu; u, s, vt = np.linalg.svd(Xc, full_matrices=False); s");
    xc = nd_subtract(x, mu);
    if (!xc || nd_linalg_svd(xc, false, true, &u, &s, &vt) != ND_OK) goto fail;
    show(s);

    /* The variance along each axis is s**2 / (n - 1); its share of the
     * total needs no n. */
    step("s**2 / np.sum(s**2)   # explained-variance ratio");
    s2 = nd_square(s);
    total = s2 ? nd_sum(s2, ND_ALL_AXES, NULL, false) : NULL;
    ratio = total ? nd_divide(s2, total) : NULL;
    if (!ratio) goto fail;
    show(ratio);

    step("axes = vt[:2]   # the first two principal axes (signs made canonical)");
    axes = nd_view(vt, ":2");
    if (!axes || flip_signs(axes) != ND_OK) goto fail;
    show(axes);

    step("(Xc @ axes.T)[:3]   # the first flowers in the plane of the two axes");
    axes_t = nd_transpose(axes, NULL);
    scores = axes_t ? nd_matmul(xc, axes_t) : NULL;
    head = scores ? nd_view(scores, ":3") : NULL;
    if (!head) goto fail;
    show(head);
    rc = 0;
    goto done;

fail:
    fprintf(stderr, "pca: %s\n", nd_errmsg());
done: {
    nd_array *all[] = {x, mu, xc, u, s, vt, s2, total, ratio, axes, axes_t, scores, head};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) nd_free(all[i]);
}
    return rc;
}
