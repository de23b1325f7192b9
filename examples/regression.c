/* Linear regression on the diabetes data that scikit-learn ships, run by
 * `make demo` and checked against scikit-learn in `make check`: ordinary
 * least squares (nd_linalg_lstsq) and ridge regression (the normal
 * equations, nd_linalg_solve) fitted on a seeded 80/20 train/test split and
 * scored by R^2 on the test rows. Usage: regression [path/to/diabetes.csv.gz]
 *
 * The NumPy and scikit-learn it mirrors (examples/data/gen_reference.py):
 *   d = np.loadtxt("diabetes.csv.gz", delimiter=",")
 *   X, y = d[:, :10], d[:, 10]
 *   X = (X - X.mean(0)) / (X.std(0) * np.sqrt(len(X)))   # load_diabetes()
 *   test, train = perm[:88], perm[88:]                    # perm: a seeded permutation
 *   for model in LinearRegression(), Ridge(alpha=0.1):
 *       model.fit(X[train], y[train]).score(X[test], y[test])
 */
#include <nd.h>
#include <math.h>
#include <stdio.h>

static double scalar_of(const nd_array *a) {
    double v = NAN;
    nd_item(a, &v);
    return v;
}

/* R^2 = 1 - sum((y - p)^2) / sum((y - mean(y))^2), as sklearn's r2_score. */
static double r2_score(const nd_array *y, const nd_array *pred) {
    nd_scope *scope = nd_scope_begin();
    nd_array *ss_res = nd_sum(nd_square(nd_subtract(y, pred)), ND_ALL_AXES, NULL, false);
    nd_array *ss_tot = nd_sum(nd_square(nd_subtract(y, nd_mean(y, ND_ALL_AXES, NULL, false))),
                              ND_ALL_AXES, NULL, false);
    double r2 = 1 - scalar_of(ss_res) / scalar_of(ss_tot);
    nd_scope_end(scope);
    return r2;
}

/* Fits y ~ X w + b with an intercept, as sklearn does: centre X and y, then
 * least squares (alpha 0) or ridge, min |Xc w - yc|^2 + alpha |w|^2. Prints
 * the fit and its R^2 on the test rows. */
static void fit_and_score(const char *name, double alpha, const nd_array *X, const nd_array *y,
                          const nd_array *X_test, const nd_array *y_test) {
    nd_scope *scope = nd_scope_begin();
    nd_array *x_mean = nd_mean(X, 1, (int[]){0}, false);
    nd_array *y_mean = nd_mean(y, ND_ALL_AXES, NULL, false);
    nd_array *Xc = nd_subtract(X, x_mean), *yc = nd_subtract(y, y_mean);
    nd_array *w = NULL;
    if (alpha == 0) {
        nd_linalg_lstsq(Xc, yc, -1, &w, NULL, NULL, NULL);
    } else {
        /* (Xc^T Xc + alpha I) w = Xc^T yc */
        nd_array *gram = nd_matmul(nd_transpose(Xc, NULL), Xc);
        nd_array *eye = nd_eye(nd_shape(X)[1], -1, 0, ND_FLOAT64);
        nd_axpy_inplace(gram, alpha, eye);
        w = nd_linalg_solve(gram, nd_matmul(nd_transpose(Xc, NULL), yc));
    }
    nd_array *b = nd_subtract(y_mean, nd_matmul(x_mean, w)); /* b = mean(y) - mean(X) . w */
    nd_array *pred = nd_add(nd_matmul(X_test, w), b);
    double r2 = r2_score(y_test, pred);
    if (isnan(r2)) {
        fprintf(stderr, "regression: %s\n", nd_errmsg());
        nd_scope_end(scope);
        return;
    }
    printf("%s:\n  R^2 on the test rows = %.6f\n  intercept = %.6f\n  coef = ", name, r2,
           scalar_of(b));
    nd_print(w, stdout);
    nd_scope_end(scope);
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "examples/data/diabetes.csv.gz";
    nd_scope *scope = nd_scope_begin();
    nd_loadtxt_options opts = nd_loadtxt_defaults();
    opts.delimiter = ',';
    nd_array *data = nd_loadtxt(path, &opts); /* reads the .gz directly */
    nd_array *X = nd_view(data, ":, :10"), *y = nd_view(data, ":, 10");

    /* Scale the features as sklearn's load_diabetes(): mean 0, sum of squares 1. */
    int64_t n = data ? nd_shape(data)[0] : 0;
    nd_array *scale = nd_multiply_scalar(nd_std(X, 1, (int[]){0}, false, 0), sqrt((double)n));
    X = nd_divide(nd_subtract(X, nd_mean(X, 1, (int[]){0}, false)), scale);

    /* A seeded split: the first fifth of a permutation of the rows is the test set. */
    nd_rng rng;
    nd_rng_seed(&rng, 42);
    nd_array *perm = nd_random_permutation(&rng, n);
    int64_t n_test = n / 5;
    nd_array *test = nd_slice_axis(perm, 0, 0, n_test, 1);
    nd_array *train = nd_slice_axis(perm, 0, n_test, n, 1);
    nd_array *X_train = nd_take(X, train, 0), *y_train = nd_take(y, train, 0);
    nd_array *X_test = nd_take(X, test, 0), *y_test = nd_take(y, test, 0);
    if (!X_test || !y_test) {
        fprintf(stderr, "regression: %s\n", nd_errmsg());
        nd_scope_end(scope);
        return 1;
    }
    printf("diabetes: %lld patients, %lld features; %lld train rows, %lld test rows\n",
           (long long)n, (long long)nd_shape(X)[1], (long long)(n - n_test), (long long)n_test);

    fit_and_score("least squares", 0, X_train, y_train, X_test, y_test);
    fit_and_score("ridge (alpha = 0.1)", 0.1, X_train, y_train, X_test, y_test);
    nd_scope_end(scope);
    return 0;
}
