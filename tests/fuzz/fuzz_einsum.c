/* libFuzzer target: nd_einsum over fuzzed subscripts and operands. The
 * first bytes give 1 to 4 operands (0-d to 4-d, lengths 0 to 3, any dtype
 * and layout: transposed, reversed, strided, broadcast); the rest,
 * NUL-terminated, is the subscripts string. Where the subscripts are plain
 * explicit or implicit labels (no "..."), a naive float64 sum over every
 * label value checks the result's shape, dtype (the operands' promotion)
 * and values (exact: the operands hold small values); subscripts NumPy
 * refuses (a term count, a term's length, an output label that is repeated
 * or in no input, a label with two lengths other than 1, or two lengths within one operand) must be refused,
 * and the others accepted. Built and run by `make fuzz`. */
#include "fuzz_operands.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAXOP 4

/* The plain subscripts' terms and output; false if s is not plain (the
 * reference then leaves the call unchecked but for not crashing). */
typedef struct plan {
    int nterm;
    char term[MAXOP][27];
    char out[27];
    bool has_out;
} plan;

static bool parse(const char *s, plan *p) {
    memset(p, 0, sizeof *p);
    const char *arrow = strstr(s, "->");
    int t = 0, len = 0;
    for (const char *c = s; *c && c != arrow; c++) {
        if (*c == ',') {
            if (++t >= MAXOP) return false;
            len = 0;
        } else if (*c >= 'a' && *c <= 'z') {
            if (len >= 26) return false;
            p->term[t][len++] = *c;
        } else if (*c != ' ') {
            return false;
        }
    }
    p->nterm = t + 1;
    if (arrow) {
        p->has_out = true;
        len = 0;
        for (const char *c = arrow + 2; *c; c++) {
            if (*c >= 'a' && *c <= 'z' && len < 26) p->out[len++] = *c;
            else if (*c != ' ') return false;
        }
    }
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fz r = {data, size};
    int n = 1 + (int)(fz_byte(&r) % MAXOP);
    nd_array *ops[MAXOP] = {NULL};
    char *s = NULL;
    for (int i = 0; i < n; i++)
        if (!(ops[i] = fz_operand(&r, (int)(fz_byte(&r) % 5), 3))) goto done;
    s = malloc(r.n + 1);
    if (!s) goto done;
    memcpy(s, r.p, r.n);
    s[r.n] = '\0';
    nd_clear_error();
    nd_array *res = nd_einsum(s, n, (const nd_array *const *)ops);
    CHECK(res || nd_last_status() != ND_OK);
    if (res) CHECK(nd_ndim(res) <= ND_MAX_DIMS);

    plan p;
    if (parse(s, &p)) {
        /* NumPy's verdict on the plain subscripts, and the labels' lengths */
        int64_t len[26];
        for (int i = 0; i < 26; i++) len[i] = -1;
        bool ok = p.nterm == n, used[26] = {false};
        int count[26] = {0};
        for (int t = 0; ok && t < n; t++) {
            ok = (int)strlen(p.term[t]) == nd_ndim(ops[t]);
            for (int d = 0; ok && p.term[t][d]; d++) {
                int l = p.term[t][d] - 'a';
                int64_t x = nd_shape(ops[t])[d];
                /* a label repeated in one term (a diagonal) needs equal lengths */
                for (int e = 0; e < d; e++)
                    if (p.term[t][e] == p.term[t][d] && nd_shape(ops[t])[e] != x) ok = false;
                used[l] = true;
                count[l]++;
                /* a length 1 broadcasts against the label's other lengths */
                if (len[l] < 0 || len[l] == 1) len[l] = x;
                else if (x != len[l] && x != 1) ok = false;
            }
        }
        if (!p.has_out) { /* implicit: the labels seen once, in order */
            int k = 0;
            for (int l = 0; l < 26; l++)
                if (count[l] == 1) p.out[k++] = (char)('a' + l);
        }
        bool seen[26] = {false};
        int ond = (int)strlen(p.out);
        for (int d = 0; ok && d < ond; d++) {
            int l = p.out[d] - 'a';
            ok = used[l] && !seen[l];
            seen[l] = true;
        }
        if (ok) ok = ond <= ND_MAX_DIMS;
        if (!ok) {
            CHECK(!res);
        } else if (!res) {
            /* what NumPy takes is refused only for want of memory */
            CHECK(nd_last_status() == ND_ERR_NOMEM);
        } else {
            CHECK(nd_ndim(res) == ond);
            for (int d = 0; d < ond; d++) CHECK(nd_shape(res)[d] == len[p.out[d] - 'a']);
            nd_dtype dts[MAXOP];
            for (int i = 0; i < n; i++) dts[i] = nd_dtype_of(ops[i]);
            CHECK(nd_dtype_of(res) == nd_promote_types_n(n, dts));
            /* every label value once: a small enough space only */
            int lab[26], nl = 0;
            int64_t space = 1;
            for (int l = 0; l < 26; l++)
                if (used[l]) {
                    lab[nl++] = l;
                    space *= len[l] > 0 ? len[l] : 0;
                }
            nd_dtype rdt = nd_dtype_of(res);
            if (space <= 4096 && rdt != ND_BOOL) {
                double *v[MAXOP] = {NULL}, *got = fz_values(res);
                double *ref = calloc((size_t)nd_size(res) + 1, sizeof(double));
                bool have = got && ref;
                for (int i = 0; i < n; i++) have = have && (v[i] = fz_values(ops[i]));
                int64_t at[26] = {0};
                for (int64_t c = 0; have && c < space; c++) {
                    int64_t rem = c;
                    for (int q = nl - 1; q >= 0; q--) {
                        at[lab[q]] = rem % len[lab[q]];
                        rem /= len[lab[q]];
                    }
                    double prod = 1;
                    for (int t = 0; t < n; t++) {
                        int64_t off = 0;
                        for (int d = 0; p.term[t][d]; d++) {
                            int64_t x = nd_shape(ops[t])[d];
                            off = off * x + (x == 1 ? 0 : at[p.term[t][d] - 'a']);
                        }
                        prod *= v[t][off];
                    }
                    int64_t o = 0;
                    for (int d = 0; d < ond; d++) o = o * len[p.out[d] - 'a'] + at[p.out[d] - 'a'];
                    ref[o] += prod;
                }
                /* exact where the dtype holds the sums (small values, at
                 * most 4096 terms of at most 16 in magnitude) */
                bool exact = rdt == ND_FLOAT64 || rdt == ND_FLOAT32 || rdt == ND_INT64 ||
                             rdt == ND_INT32 || rdt == ND_UINT64 || rdt == ND_UINT32;
                for (int64_t i = 0; have && exact && i < nd_size(res); i++) CHECK(got[i] == ref[i]);
                for (int i = 0; i < n; i++) free(v[i]);
                free(got);
                free(ref);
            }
        }
    }
    nd_free(res);
done:
    for (int i = 0; i < n; i++) nd_free(ops[i]);
    free(s);
    nd_clear_error();
    return 0;
}
