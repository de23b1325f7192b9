/* k-means clustering of Fisher's iris data, run by `make demo` and checked
 * against scikit-learn in `make check`: k-means++ seeding (nd_random_choice
 * with weights), Lloyd's iterations on matrix products, the best of ten
 * seeded runs. Usage: kmeans [path/to/iris.csv]
 *
 * The scikit-learn it mirrors (examples/data/gen_reference.py):
 *   X = np.loadtxt("iris.csv", delimiter=",")
 *   km = KMeans(n_clusters=3, init="k-means++", n_init=10).fit(X)
 *   km.inertia_                     # 78.851441...
 *   km.labels_                      # the same partition of the 150 flowers
 */
#include <nd.h>
#include <math.h>
#include <stdio.h>

enum { K = 3, N_INIT = 10, MAX_ITER = 300 };

/* Squared distances (n, k) of every row of X to every centre:
 * |x|^2 - 2 x.c + |c|^2, one matrix product instead of n*k loops. */
static nd_array *sq_distances(const nd_array *X, const nd_array *centres) {
    nd_array *x2 = nd_sum(nd_square(X), 1, (int[]){1}, true);        /* (n, 1) */
    nd_array *c2 = nd_sum(nd_square(centres), 1, (int[]){1}, false); /* (k,) */
    nd_array *xc = nd_matmul(X, nd_transpose(centres, NULL));       /* (n, k) */
    nd_array *d = nd_add(nd_subtract(x2, nd_multiply_scalar(xc, 2)), c2);
    return nd_maximum_scalar(d, 0); /* rounding can dip below zero */
}

/* k-means++: the first centre uniformly at random, each next one with
 * probability proportional to its squared distance to the nearest centre. */
static nd_array *kmeans_plus_plus(nd_rng *rng, const nd_array *X) {
    nd_array *centres = nd_random_choice(rng, X, 1, (int64_t[]){1}, true, NULL); /* (1, 4) */
    for (int j = 1; j < K; j++) {
        nd_array *d = nd_min(sq_distances(X, centres), 1, (int[]){1}, false);
        nd_array *p = nd_divide(d, nd_sum(d, ND_ALL_AXES, NULL, false));
        nd_array *next = nd_random_choice(rng, X, 1, (int64_t[]){1}, true, p);
        centres = nd_concatenate(2, (const nd_array *[]){centres, next}, 0);
    }
    return centres;
}

/* Lloyd's algorithm from the given centres until the labels stop changing.
 * Returns the labels; *inertia receives the sum of squared distances. */
static nd_array *lloyd(const nd_array *X, nd_array *centres, double *inertia) {
    nd_array *labels = NULL;
    for (int iter = 0; iter < MAX_ITER; iter++) {
        nd_array *new_labels = nd_argmin(sq_distances(X, centres), 1, false);
        bool same = false;
        if (labels && nd_array_equal(labels, new_labels, false, &same) == ND_OK && same)
            break;
        labels = new_labels;
        for (int j = 0; j < K; j++) { /* each centre moves to the mean of its rows */
            nd_array *members = nd_compress(nd_equal_scalar_i64(labels, j), X, 0);
            if (members && nd_shape(members)[0] > 0)
                nd_copyto(nd_index(centres, 0, j), nd_mean(members, 1, (int[]){0}, false));
        }
    }
    nd_array *d = nd_min(sq_distances(X, centres), 1, (int[]){1}, false);
    if (nd_item(nd_sum(d, ND_ALL_AXES, NULL, false), inertia) != ND_OK)
        return NULL;
    return labels;
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "examples/data/iris.csv";
    nd_scope *scope = nd_scope_begin();
    nd_loadtxt_options opts = nd_loadtxt_defaults();
    opts.delimiter = ',';
    nd_array *X = nd_loadtxt(path, &opts);

    nd_rng rng;
    nd_rng_seed(&rng, 0);
    double best = INFINITY;
    nd_array *best_labels = NULL, *best_centres = NULL;
    for (int run = 0; run < N_INIT; run++) {
        nd_scope *trial = nd_scope_begin(); /* each run's arrays go in one call */
        double inertia = NAN;
        nd_array *centres = kmeans_plus_plus(&rng, X);
        nd_array *labels = lloyd(X, centres, &inertia);
        if (!labels) {
            fprintf(stderr, "kmeans: %s\n", nd_errmsg());
            nd_scope_end(trial);
            nd_scope_end(scope);
            return 1;
        }
        printf("run %2d: inertia %.6f\n", run, inertia);
        if (inertia < best) {
            best = inertia;
            best_labels = nd_keep(labels); /* out of this run's scope */
            best_centres = nd_keep(centres);
        }
        nd_scope_end(trial);
    }
    printf("best inertia = %.6f\ncentres = ", best);
    nd_print(best_centres, stdout);
    printf("labels = ");
    nd_print(best_labels, stdout);
    /* How the clusters meet the species (50 rows each, in order). */
    for (int s = 0; s < 3; s++) {
        nd_array *counts = nd_bincount(nd_view(best_labels, s == 0 ? ":50" : s == 1 ? "50:100"
                                                                                   : "100:"),
                                       NULL, K);
        printf("species %d by cluster: ", s);
        nd_print(counts, stdout);
    }
    nd_scope_end(scope);
    return 0;
}
