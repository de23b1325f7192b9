/* A small program using libnd through its installed header and library, as
 * a user's would; scripts/install-test.sh builds it shared and static via
 * pkg-config, runs both and compares their output. */
#include <nd.h>

#include <stdio.h>
#include <string.h>

int main(void) {
    int rc = 0;
    printf("libnd %s\n", nd_version());

    /* a = arange(6).reshape(2, 3); b = ones(3); c = a + b */
    const int64_t shape[2] = {2, 3}, bshape[1] = {3};
    nd_array *r = nd_arange(0, 6, 1, ND_FLOAT64);
    nd_array *a = nd_reshape(r, 2, shape);
    nd_array *b = nd_ones(1, bshape, ND_FLOAT64);
    nd_array *c = nd_add(a, b);
    /* v = c[1, ::-1], a view */
    nd_array *v = nd_view(c, "1, ::-1");
    double x = 0;
    if (!v || nd_get_f64(v, (const int64_t[]){0}, &x) != ND_OK) {
        printf("failed: %s\n", nd_errmsg());
        rc = 1;
    } else {
        printf("c[1, ::-1] has shape (%lld,), first value %g\n", (long long)nd_shape(v)[0], x);
    }

    /* a + ones(2) cannot broadcast: NULL and a message naming the shapes */
    const int64_t wshape[1] = {2};
    nd_array *w = nd_ones(1, wshape, ND_FLOAT64);
    nd_array *bad = nd_add(a, w);
    if (bad || !strstr(nd_errmsg(), "(2,3) (2,)")) {
        printf("expected a broadcast error, got: '%s'\n", nd_errmsg());
        rc = 1;
    } else {
        printf("error: %s\n", nd_errmsg());
    }
    nd_clear_error();

    nd_free(bad);
    nd_free(w);
    nd_free(v);
    nd_free(c);
    nd_free(b);
    nd_free(a);
    nd_free(r);
    return rc;
}
