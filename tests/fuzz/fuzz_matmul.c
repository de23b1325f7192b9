/* libFuzzer target: nd_matmul and nd_matmul_out over fuzzed shapes (0-d to
 * 4-d, 1-D operands, broadcasting batches, mismatched core lengths),
 * dtypes and layouts (transposed, reversed, strided, broadcast), and an out
 * array of a fuzzed shape and dtype that may be wrong, read-only or
 * overlapping an input. Checks every result against a naive float64
 * product (exact: the operands hold small values), that the shape and
 * dtype follow np.matmul's rules, that a refused call returns NULL with an
 * error status, and that a failed _out call leaves out untouched. Built and
 * run by `make fuzz`. */
#include "fuzz_operands.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* np.matmul's result shape of a and b (0-d refused), or -1 */
static int matmul_shape(const nd_array *a, const nd_array *b, int64_t *shape) {
    int na = nd_ndim(a), nb = nd_ndim(b);
    if (na == 0 || nb == 0) return -1;
    const int64_t *sa = nd_shape(a), *sb = nd_shape(b);
    int64_t k = sa[na - 1], kb = nb == 1 ? sb[0] : sb[nb - 2];
    if (k != kb) return -1;
    int ba = na > 2 ? na - 2 : 0, bb = nb > 2 ? nb - 2 : 0, bn = ba > bb ? ba : bb;
    for (int i = 0; i < bn; i++) {
        int64_t x = i - (bn - ba) >= 0 ? sa[i - (bn - ba)] : 1;
        int64_t y = i - (bn - bb) >= 0 ? sb[i - (bn - bb)] : 1;
        if (x != y && x != 1 && y != 1) return -1;
        shape[i] = x == 1 ? y : x;
    }
    int nd = bn;
    if (na > 1) shape[nd++] = sa[na - 2];
    if (nb > 1) shape[nd++] = sb[nb - 1];
    return nd;
}

/* the naive product into ref (the result's C order) */
static void naive(const nd_array *a, const double *va, const nd_array *b, const double *vb,
                  int nd, const int64_t *shape, double *ref, bool logical) {
    int na = nd_ndim(a), nb = nd_ndim(b);
    const int64_t *sa = nd_shape(a), *sb = nd_shape(b);
    int64_t m = na > 1 ? sa[na - 2] : 1, k = sa[na - 1], n = nb > 1 ? sb[nb - 1] : 1;
    int bn = nd - (na > 1) - (nb > 1);
    int64_t batch = 1;
    for (int i = 0; i < bn; i++) batch *= shape[i];
    for (int64_t t = 0; t < batch; t++) {
        /* the batch index, broadcast into a's and b's batches */
        int64_t oa = 0, ob = 0, rem = t, ma = 1, mb = 1;
        for (int i = bn - 1; i >= 0; i--) {
            int64_t idx = rem % shape[i];
            rem /= shape[i];
            int ia = i - (bn - (na > 2 ? na - 2 : 0)), ib = i - (bn - (nb > 2 ? nb - 2 : 0));
            if (ia >= 0) {
                oa += (sa[ia] == 1 ? 0 : idx) * ma;
                ma *= sa[ia];
            }
            if (ib >= 0) {
                ob += (sb[ib] == 1 ? 0 : idx) * mb;
                mb *= sb[ib];
            }
        }
        for (int64_t i = 0; i < m; i++)
            for (int64_t j = 0; j < n; j++) {
                double s = 0;
                for (int64_t l = 0; l < k; l++)
                    s += va[oa * m * k + i * k + l] * vb[ob * k * n + l * n + j];
                ref[(t * m + i) * n + j] = logical ? (double)(s != 0) : s;
            }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fz r = {data, size};
    nd_array *a = fz_operand(&r, (int)(fz_byte(&r) % 5), 5);
    nd_array *b = fz_operand(&r, (int)(fz_byte(&r) % 5), 5);
    if (!a || !b) goto done;
    int64_t shape[ND_MAX_DIMS];
    int nd = matmul_shape(a, b, shape);
    nd_clear_error();
    nd_array *res = nd_matmul(a, b);
    if (nd < 0) {
        CHECK(!res && nd_last_status() == ND_ERR_SHAPE);
    } else {
        CHECK(res && nd_ndim(res) == nd);
        CHECK(nd_dtype_of(res) == nd_promote_types(nd_dtype_of(a), nd_dtype_of(b)));
        for (int i = 0; i < nd; i++) CHECK(nd_shape(res)[i] == shape[i]);
        double *va = fz_values(a), *vb = fz_values(b), *vr = fz_values(res);
        double *ref = malloc(sizeof(double) * (size_t)(nd_size(res) + 1));
        if (va && vb && vr && ref) {
            naive(a, va, b, vb, nd, shape, ref, nd_dtype_of(res) == ND_BOOL);
            for (int64_t i = 0; i < nd_size(res); i++) CHECK(vr[i] == ref[i]);
        }
        free(va), free(vb), free(vr), free(ref);
    }

    /* an out of a fuzzed shape (the result's, with a changed or added
     * axis), dtype and kind (new, a broadcast view, a or b itself) */
    unsigned how = fz_byte(&r) % 8;
    nd_array *out = NULL;
    bool fresh = false;
    if (how == 6) out = nd_view(a, "...");
    else if (how == 7) out = nd_view(b, "...");
    else {
        int64_t os[ND_MAX_DIMS];
        int ond = nd < 0 ? (int)(fz_byte(&r) % 4) : nd;
        for (int i = 0; i < ond; i++) os[i] = nd < 0 ? (int64_t)(fz_byte(&r) % 4) : shape[i];
        if (how == 1 && ond) os[fz_byte(&r) % (unsigned)ond] += 1;
        if (how == 2 && ond < 4) { /* a larger batch: np.matmul broadcasts into it */
            memmove(os + 1, os, sizeof(int64_t) * (size_t)ond);
            os[0] = 2;
            ond++;
        }
        nd_dtype odt = fz_dtypes[fz_byte(&r) % (sizeof fz_dtypes / sizeof fz_dtypes[0])];
        if (how == 3) { /* a read-only broadcast view */
            nd_array *one = nd_zeros(0, NULL, odt);
            out = one ? nd_broadcast_to(one, ond, os) : NULL;
            nd_free(one);
        } else {
            out = nd_full(ond, os, odt, 7.0);
            fresh = true;
        }
    }
    if (out) {
        double *before = fz_values(out);
        nd_clear_error();
        nd_status st = nd_matmul_out(a, b, out);
        double *after = fz_values(out);
        if (st != ND_OK) {
            CHECK(nd_last_status() == st);
            if (before && after)
                for (int64_t i = 0; i < nd_size(out); i++)
                    CHECK(before[i] == after[i] || (before[i] != before[i] && after[i] != after[i]));
        } else {
            CHECK(res != NULL); /* what nd_matmul refuses, the _out form refuses too */
            if (fresh && after) {
                /* out holds the result (broadcast into a larger batch), cast */
                nd_array *rb = nd_broadcast_to(res, nd_ndim(out), nd_shape(out));
                nd_array *rc = rb ? nd_astype(rb, nd_dtype_of(out)) : NULL;
                double *vc = rc ? fz_values(rc) : NULL;
                if (vc)
                    for (int64_t i = 0; i < nd_size(out); i++) CHECK(vc[i] == after[i]);
                free(vc);
                nd_free(rc);
                nd_free(rb);
            }
        }
        free(before);
        free(after);
    }
    nd_free(out);
    nd_free(res);
done:
    nd_free(a);
    nd_free(b);
    nd_clear_error();
    return 0;
}
