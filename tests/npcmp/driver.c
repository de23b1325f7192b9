/* The libnd side of the NumPy comparison (tests/npcmp/npcmp.py): runs every
 * case of a manifest through the public API, in one process.
 *
 *   driver DIR     reads DIR/cases.txt and DIR/inputs.bin,
 *                  writes DIR/results.txt and DIR/outputs.bin
 *
 * cases.txt holds one case a line, tokens separated by single spaces:
 *
 *   ID OP NIN {DTYPE SHAPE OFFSET INDEX PERM BSHAPE}*NIN NPAR {PARAM}*NPAR
 *
 * Each input's elements are C-ordered bytes at OFFSET in inputs.bin (one
 * file for all cases: thousands of small files cost more than the cases on
 * a busy disk), of DTYPE ("float32") and SHAPE ("2,3"; "()" for 0-d);
 * DTYPE "=J" (SHAPE and OFFSET "-") takes the memory of input J instead, so
 * operands (and an _out's out) can overlap. The
 * array is then made into a view: INDEX is an nd_view() string, PERM an
 * nd_transpose() permutation ("0,2,1"), BSHAPE an nd_broadcast_to() shape;
 * "-" skips a step. So the script hands the operation strided, transposed,
 * reversed and broadcast operands, as NumPy sees them after
 * base[INDEX].transpose(PERM) and np.broadcast_to(BSHAPE). PARAMs are read
 * by the operation's runner (axes, flags, dtypes, ...).
 *
 * results.txt gets one line a case, flushed at once (so that a crash names
 * its case):
 *
 *   ID OK N {DTYPE SHAPE OFFSET}*N  N arrays, their elements in C order at
 *                                   OFFSET in outputs.bin
 *   ID DTYPE NAME    a dtype result (nd_promote_types, nd_result_type)
 *   ID BOOL 0|1      a truth value (nd_array_equiv, nd_can_cast)
 *   ID ERR STATUS MESSAGE   the call failed: ND_ERR_... and nd_errmsg()
 *   ID BAD WHAT      the case itself is malformed (a harness error)
 *
 * Adding an operation: one line in `ops` below when its signature matches a
 * runner (run_a, run_ab, run_red, ...), e.g. {"median", run_red, {.red =
 * nd_median}}, otherwise a small runner first; the X-macro lists of nd.h
 * and nd/reduce.h are included whole, with the _out variants of the
 * element-wise ones. */
#include <nd.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_IN 8
#define MAX_PAR 8
#define MAX_OUT 10

typedef struct call {
    int nin;
    nd_array *in[MAX_IN];
    int npar;
    const char *par[MAX_PAR];
    int nout;
    nd_array *out[MAX_OUT];
    char scalar[96]; /* a non-array result: "DTYPE int16", "BOOL 1" */
} call;

typedef struct op op;
/* ND_OK with c->out / c->scalar filled, or the status of the failure; BAD
 * for a malformed case. */
typedef int (*runner)(const op *o, call *c);
#define BAD (-1000)

struct op {
    const char *name;
    runner run;
    union {
        nd_array *(*a)(const nd_array *);
        nd_array *(*ab)(const nd_array *, const nd_array *);
        nd_array *(*abc)(const nd_array *, const nd_array *, const nd_array *);
        nd_array *(*red)(const nd_array *, int, const int *, bool);
        nd_array *(*red_ddof)(const nd_array *, int, const int *, bool, double);
        nd_array *(*red_dt)(const nd_array *, int, const int *, bool, nd_dtype);
        nd_array *(*axis_flag)(const nd_array *, int, bool);
        nd_array *(*axis)(const nd_array *, int);
        nd_array *(*list_axis)(int, const nd_array *const *, int);
        nd_array *(*list)(int, const nd_array *const *);
        nd_status (*a_out)(const nd_array *, nd_array *);
        nd_status (*ab_out)(const nd_array *, const nd_array *, nd_array *);
        nd_array *(*quant)(const nd_array *, const nd_array *, int, const int *, bool,
                           nd_quantile_method);
        nd_array *(*ab_flag)(const nd_array *, const nd_array *, bool);
        nd_array *(*a_k)(const nd_array *, int64_t);
        nd_status (*tri)(int64_t, int64_t, int64_t, nd_array **, nd_array **);
        nd_array *(*conv)(const nd_array *, const nd_array *, nd_conv_mode);
    } f;
};

/* ---------------------------------------------------------------- parameters */

static int par_dtype(const char *s, nd_dtype *dt) {
    for (int d = 0; d < ND_NUM_DTYPES; d++)
        if (strcmp(s, nd_dtype_name((nd_dtype)d)) == 0) {
            *dt = (nd_dtype)d;
            return 0;
        }
    return -1;
}

/* "-" gives 0 entries; otherwise a comma list of at most max integers */
static int par_i64s(const char *s, int64_t *v, int max) {
    if (strcmp(s, "-") == 0) return 0;
    int n = 0;
    for (const char *p = s;;) {
        char *end;
        if (n == max) return -1;
        v[n++] = strtoll(p, &end, 10);
        if (end == p) return -1;
        if (*end == '\0') return n;
        if (*end != ',') return -1;
        p = end + 1;
    }
}

/* "all": ND_ALL_AXES; "-": no axis (NumPy's axis=()); else a comma list */
static int par_axes(const char *s, int *naxes, int *axes) {
    if (strcmp(s, "all") == 0) {
        *naxes = ND_ALL_AXES;
        return 0;
    }
    int64_t v[ND_MAX_DIMS];
    int n = par_i64s(s, v, ND_MAX_DIMS);
    if (n < 0) return -1;
    for (int i = 0; i < n; i++) axes[i] = (int)v[i];
    *naxes = n;
    return 0;
}

/* "none": ND_AXIS_NONE; else an integer */
static int par_axis(const char *s) {
    return strcmp(s, "none") == 0 ? ND_AXIS_NONE : atoi(s);
}

static bool par_bool(const char *s) { return strcmp(s, "1") == 0; }

static int par_shape(const char *s, int64_t *shape);

/* ---------------------------------------------------------------- runners */

static int one(call *c, nd_array *r) {
    if (!r) return nd_last_status() != ND_OK ? (int)nd_last_status() : BAD + 1;
    c->out[c->nout++] = r;
    return ND_OK;
}

#define NEED(nin_, npar_)                                                          \
    do {                                                                           \
        if ((nin_) >= 0 && c->nin != (nin_)) return BAD;                           \
        if (c->npar != (npar_)) return BAD;                                        \
    } while (0)

static int run_a(const op *o, call *c) {
    NEED(1, 0);
    return one(c, o->f.a(c->in[0]));
}

static int run_ab(const op *o, call *c) {
    NEED(2, 0);
    return one(c, o->f.ab(c->in[0], c->in[1]));
}

static int run_abc(const op *o, call *c) {
    NEED(3, 0);
    return one(c, o->f.abc(c->in[0], c->in[1], c->in[2]));
}

/* The _out variants. params: "inplace" (out is the first input) or "new"
 * (out is the last input, a view of fresh memory); the result is a copy of
 * out after the call. */
static int out_result(call *c, nd_status st, const nd_array *out) {
    return st != ND_OK ? (int)st : one(c, nd_copy(out));
}

static int run_a_out(const op *o, call *c) {
    NEED(-1, 1);
    bool inplace = strcmp(c->par[0], "inplace") == 0;
    if (c->nin != (inplace ? 1 : 2)) return BAD;
    nd_array *out = c->in[c->nin - 1];
    return out_result(c, o->f.a_out(c->in[0], out), out);
}

static int run_ab_out(const op *o, call *c) {
    NEED(-1, 1);
    bool inplace = strcmp(c->par[0], "inplace") == 0;
    if (c->nin != (inplace ? 2 : 3)) return BAD;
    nd_array *out = inplace ? c->in[0] : c->in[2];
    return out_result(c, o->f.ab_out(c->in[0], c->in[1], out), out);
}

/* params: axes keepdims */
static int run_red(const op *o, call *c) {
    NEED(1, 2);
    int naxes, axes[ND_MAX_DIMS];
    if (par_axes(c->par[0], &naxes, axes)) return BAD;
    return one(c, o->f.red(c->in[0], naxes, axes, par_bool(c->par[1])));
}

/* params: axes keepdims ddof */
static int run_red_ddof(const op *o, call *c) {
    NEED(1, 3);
    int naxes, axes[ND_MAX_DIMS];
    if (par_axes(c->par[0], &naxes, axes)) return BAD;
    return one(c, o->f.red_ddof(c->in[0], naxes, axes, par_bool(c->par[1]),
                                strtod(c->par[2], NULL)));
}

/* params: axes keepdims dtype */
static int run_red_dt(const op *o, call *c) {
    NEED(1, 3);
    int naxes, axes[ND_MAX_DIMS];
    nd_dtype dt;
    if (par_axes(c->par[0], &naxes, axes) || par_dtype(c->par[2], &dt)) return BAD;
    return one(c, o->f.red_dt(c->in[0], naxes, axes, par_bool(c->par[1]), dt));
}

/* params: axis flag (argmax's keepdims, sort's stable) */
static int run_axis_flag(const op *o, call *c) {
    NEED(1, 2);
    return one(c, o->f.axis_flag(c->in[0], par_axis(c->par[0]), par_bool(c->par[1])));
}

/* params: axis */
static int run_axis(const op *o, call *c) {
    NEED(1, 1);
    return one(c, o->f.axis(c->in[0], par_axis(c->par[0])));
}

/* any number of inputs; params: axis */
static int run_list_axis(const op *o, call *c) {
    NEED(-1, 1);
    return one(c, o->f.list_axis(c->nin, (const nd_array *const *)c->in, par_axis(c->par[0])));
}

/* any number of inputs */
static int run_list(const op *o, call *c) {
    NEED(-1, 0);
    return one(c, o->f.list(c->nin, (const nd_array *const *)c->in));
}

/* params: dtype */
static int run_astype(const op *o, call *c) {
    (void)o;
    NEED(1, 1);
    nd_dtype dt;
    if (par_dtype(c->par[0], &dt)) return BAD;
    return one(c, nd_astype(c->in[0], dt));
}

/* params: shape (one entry may be -1) */
static int run_reshape(const op *o, call *c) {
    (void)o;
    NEED(1, 1);
    int64_t shape[ND_MAX_DIMS];
    int n = par_i64s(c->par[0], shape, ND_MAX_DIMS);
    if (n < 0) return BAD;
    return one(c, nd_reshape(c->in[0], n, shape));
}

/* params: permutation, or "T" for the reversed axes (NULL) */
static int run_transpose(const op *o, call *c) {
    (void)o;
    NEED(1, 1);
    if (strcmp(c->par[0], "T") == 0) return one(c, nd_transpose(c->in[0], NULL));
    int64_t v[ND_MAX_DIMS];
    int axes[ND_MAX_DIMS];
    int n = par_i64s(c->par[0], v, ND_MAX_DIMS);
    if (n < 0) return BAD;
    for (int i = 0; i < n; i++) axes[i] = (int)v[i];
    return one(c, nd_transpose(c->in[0], axes));
}

/* params: an nd_view() string */
static int run_view(const op *o, call *c) {
    (void)o;
    NEED(1, 1);
    return one(c, nd_view(c->in[0], c->par[0]));
}

/* params: axes ("all": every length-1 axis) */
static int run_squeeze(const op *o, call *c) {
    (void)o;
    NEED(1, 1);
    int naxes, axes[ND_MAX_DIMS];
    if (par_axes(c->par[0], &naxes, axes)) return BAD;
    return one(c, nd_squeeze(c->in[0], naxes, axes));
}

/* params: axes ("all": every axis) */
static int run_flip(const op *o, call *c) {
    (void)o;
    NEED(1, 1);
    int naxes, axes[ND_MAX_DIMS];
    if (par_axes(c->par[0], &naxes, axes)) return BAD;
    return one(c, nd_flip(c->in[0], naxes, axes));
}

/* params: axis1 axis2 (swapaxes) or source destination (moveaxis) */
static int run_two_axes(const op *o, call *c) {
    NEED(1, 2);
    int a1 = atoi(c->par[0]), a2 = atoi(c->par[1]);
    return one(c, strcmp(o->name, "swapaxes") == 0 ? nd_swapaxes(c->in[0], a1, a2)
                                                   : nd_moveaxis(c->in[0], a1, a2));
}

/* params: nan posinf neginf (NaN: NumPy's None) */
static int run_nan_to_num(const op *o, call *c) {
    (void)o;
    NEED(1, 3);
    return one(c, nd_nan_to_num(c->in[0], strtod(c->par[0], NULL), strtod(c->par[1], NULL),
                                strtod(c->par[2], NULL)));
}

static int run_array_equiv(const op *o, call *c) {
    (void)o;
    NEED(2, 0);
    bool r = false;
    nd_status st = nd_array_equiv(c->in[0], c->in[1], &r);
    if (st != ND_OK) return (int)st;
    snprintf(c->scalar, sizeof c->scalar, "BOOL %d", r ? 1 : 0);
    return ND_OK;
}

static int dtype_result(call *c, nd_dtype dt) {
    if (dt == ND_NUM_DTYPES) return nd_last_status() != ND_OK ? (int)nd_last_status() : BAD + 1;
    snprintf(c->scalar, sizeof c->scalar, "DTYPE %s", nd_dtype_name(dt));
    return ND_OK;
}

/* params: two dtypes */
static int run_promote_types(const op *o, call *c) {
    (void)o;
    NEED(0, 2);
    nd_dtype a, b;
    if (par_dtype(c->par[0], &a) || par_dtype(c->par[1], &b)) return BAD;
    return dtype_result(c, nd_promote_types(a, b));
}

static int run_result_type(const op *o, call *c) {
    (void)o;
    NEED(2, 0);
    return dtype_result(c, nd_result_type(c->in[0], c->in[1]));
}

/* params: from to casting (no, safe, same_kind, unsafe) */
static int run_can_cast(const op *o, call *c) {
    (void)o;
    NEED(0, 3);
    static const char *const rules[] = {"no", "safe", "same_kind", "unsafe"};
    nd_dtype a, b;
    int rule = -1;
    for (int i = 0; i < 4; i++)
        if (strcmp(c->par[2], rules[i]) == 0) rule = i;
    if (par_dtype(c->par[0], &a) || par_dtype(c->par[1], &b) || rule < 0) return BAD;
    snprintf(c->scalar, sizeof c->scalar, "BOOL %d", nd_can_cast(a, b, (nd_casting)rule) ? 1 : 0);
    return ND_OK;
}

/* params: start stop step dtype */
static int run_arange(const op *o, call *c) {
    (void)o;
    NEED(0, 4);
    nd_dtype dt;
    if (par_dtype(c->par[3], &dt)) return BAD;
    return one(c, nd_arange(strtod(c->par[0], NULL), strtod(c->par[1], NULL),
                            strtod(c->par[2], NULL), dt));
}

/* params: start stop num endpoint dtype */
static int run_linspace(const op *o, call *c) {
    (void)o;
    NEED(0, 5);
    nd_dtype dt;
    if (par_dtype(c->par[4], &dt)) return BAD;
    return one(c, nd_linspace(strtod(c->par[0], NULL), strtod(c->par[1], NULL),
                              strtoll(c->par[2], NULL, 10), par_bool(c->par[3]), dt));
}

/* ---------------------------------------------------------------- stats, sets, shape, numeric */

/* Takes the n arrays a status-returning call wrote, in order. */
static int many(call *c, nd_status st, int n, nd_array **r) {
    if (st != ND_OK) return (int)st;
    if (c->nout + n > MAX_OUT) return BAD;
    for (int i = 0; i < n; i++) c->out[c->nout++] = r[i];
    return ND_OK;
}

/* "-": no value (NULL), else a double into *v */
static const double *par_opt(const char *s, double *v) {
    if (strcmp(s, "-") == 0) return NULL;
    *v = strtod(s, NULL);
    return v;
}

/* params: axes keepdims method (a NumPy method name); inputs: a q */
static int run_quantile(const op *o, call *c) {
    NEED(2, 3);
    int naxes, axes[ND_MAX_DIMS];
    if (par_axes(c->par[0], &naxes, axes)) return BAD;
    nd_quantile_method m = nd_quantile_method_from_name(c->par[2]);
    if (m == ND_QUANTILE_NUM_METHODS) return BAD;
    return one(c, o->f.quant(c->in[0], c->in[1], naxes, axes, par_bool(c->par[1]), m));
}

/* params: axes keepdims; inputs: a [weights]; outputs: the average and the sum of weights */
static int run_average(const op *o, call *c) {
    (void)o;
    NEED(-1, 2);
    if (c->nin < 1 || c->nin > 2) return BAD;
    int naxes, axes[ND_MAX_DIMS];
    if (par_axes(c->par[0], &naxes, axes)) return BAD;
    nd_array *sw = NULL;
    nd_array *r = nd_average(c->in[0], naxes, axes, par_bool(c->par[1]),
                             c->nin == 2 ? c->in[1] : NULL, &sw);
    if (!r) return one(c, r);
    c->out[c->nout++] = r;
    c->out[c->nout++] = sw;
    return ND_OK;
}

/* inputs: m [y] [fweights] [aweights]; params: rowvar bias ddof which
 * (which: 4 flags "yfa", '-' for an absent one) */
static int run_cov(const op *o, call *c) {
    (void)o;
    NEED(-1, 4);
    const char *w = c->par[3];
    if (strlen(w) != 3) return BAD;
    const nd_array *in[4] = {c->in[0], NULL, NULL, NULL};
    int k = 1;
    for (int i = 0; i < 3; i++)
        if (w[i] != '-') {
            if (k >= c->nin) return BAD;
            in[i + 1] = c->in[k++];
        }
    if (k != c->nin) return BAD;
    return one(c, nd_cov(in[0], in[1], par_bool(c->par[0]), par_bool(c->par[1]),
                         strtoll(c->par[2], NULL, 10), in[2], in[3]));
}

/* inputs: x [y]; params: rowvar */
static int run_corrcoef(const op *o, call *c) {
    (void)o;
    NEED(-1, 1);
    if (c->nin < 1 || c->nin > 2) return BAD;
    return one(c, nd_corrcoef(c->in[0], c->nin == 2 ? c->in[1] : NULL, par_bool(c->par[0])));
}

/* inputs: x bins; params: right */
static int run_digitize(const op *o, call *c) {
    (void)o;
    NEED(2, 1);
    return one(c, nd_digitize(c->in[0], c->in[1], par_bool(c->par[0])));
}

/* inputs: a edges [weights]; params: density */
static int run_histogram(const op *o, call *c) {
    (void)o;
    NEED(-1, 1);
    if (c->nin < 2 || c->nin > 3) return BAD;
    return one(c, nd_histogram_edges(c->in[0], c->in[1], c->nin == 3 ? c->in[2] : NULL,
                                     par_bool(c->par[0])));
}

/* params: the bin counts ("-": 10 each, "e": every dimension's edges are
 * inputs after the data), the range ("-" or 2D numbers), density, weights
 * (1: the last input) */
static int hist_params(call *c, int d, int64_t *bins, const nd_array **edges, double *range,
                       bool *use_range, int first) {
    int k = first;
    if (strcmp(c->par[0], "e") == 0) {
        for (int i = 0; i < d; i++) {
            if (k >= c->nin) return BAD;
            edges[i] = c->in[k++];
        }
    } else if (strcmp(c->par[0], "-") != 0) {
        if (par_i64s(c->par[0], bins, ND_MAX_DIMS) != d) return BAD;
    }
    *use_range = false;
    if (strcmp(c->par[1], "-") != 0) {
        const char *p = c->par[1];
        for (int i = 0; i < 2 * d; i++) {
            char *end;
            range[i] = strtod(p, &end);
            if (end == p) return BAD;
            p = *end == ',' ? end + 1 : end;
        }
        *use_range = true;
    }
    return k;
}

/* inputs: x y [edges x, edges y] [weights]; params: bins range density weights */
static int run_histogram2d(const op *o, call *c) {
    (void)o;
    NEED(-1, 4);
    int64_t bins[ND_MAX_DIMS];
    const nd_array *edges[2] = {NULL, NULL};
    double range[4];
    bool ur;
    if (c->nin < 2) return BAD;
    int k = hist_params(c, 2, bins, edges, range, &ur, 2);
    if (k < 0) return BAD;
    bool w = par_bool(c->par[3]);
    if (k + w != c->nin) return BAD;
    nd_array *r[3] = {NULL, NULL, NULL};
    nd_status st = nd_histogram2d(c->in[0], c->in[1], strcmp(c->par[0], "-") && strcmp(c->par[0], "e") ? bins : NULL,
                                  edges[0] || edges[1] ? edges : NULL, ur ? range : NULL,
                                  par_bool(c->par[2]), w ? c->in[k] : NULL, &r[0], &r[1], &r[2]);
    return many(c, st, 3, r);
}

/* inputs: sample [edges...] [weights]; params: D bins range density weights */
static int run_histogramdd(const op *o, call *c) {
    (void)o;
    NEED(-1, 5);
    int d = atoi(c->par[0]);
    if (d < 1 || d > 3 || c->nin < 1) return BAD;
    c->npar--; /* the rest as histogram2d's */
    for (int i = 0; i < 4; i++) c->par[i] = c->par[i + 1];
    int64_t bins[ND_MAX_DIMS];
    const nd_array *edges[ND_MAX_DIMS] = {NULL};
    double range[2 * ND_MAX_DIMS];
    bool ur;
    int k = hist_params(c, d, bins, edges, range, &ur, 1);
    if (k < 0) return BAD;
    bool w = par_bool(c->par[3]);
    if (k + w != c->nin) return BAD;
    nd_array *r[1 + ND_MAX_DIMS] = {NULL};
    bool has_edges = strcmp(c->par[0], "e") == 0;
    nd_status st = nd_histogramdd(c->in[0], strcmp(c->par[0], "-") && !has_edges ? bins : NULL,
                                  has_edges ? edges : NULL, ur ? range : NULL, par_bool(c->par[2]),
                                  w ? c->in[k] : NULL, &r[0], &r[1]);
    return many(c, st, 1 + d, r);
}

/* keys as inputs; params: axis [descending flags "0,1,..." or "-"] */
static int run_lexsort(const op *o, call *c) {
    (void)o;
    NEED(-1, 1);
    return one(c, nd_lexsort(c->nin, (const nd_array *const *)c->in, par_axis(c->par[0])));
}

static int run_argsort_keys(const op *o, call *c) {
    (void)o;
    NEED(-1, 2);
    int64_t v[MAX_IN];
    bool desc[MAX_IN];
    int n = par_i64s(c->par[1], v, MAX_IN);
    if (n < 0 || (n && n != c->nin)) return BAD;
    for (int i = 0; i < n; i++) desc[i] = v[i] != 0;
    return one(c, nd_argsort_keys(c->nin, (const nd_array *const *)c->in, n ? desc : NULL,
                                  par_axis(c->par[0])));
}

/* params: axis; outputs: values index inverse counts */
static int run_unique_axis(const op *o, call *c) {
    (void)o;
    NEED(1, 1);
    nd_array *r[4] = {NULL};
    return many(c, nd_unique_axis(c->in[0], par_axis(c->par[0]), &r[0], &r[1], &r[2], &r[3]), 4, r);
}

/* params: assume_unique; outputs: values a_index b_index */
static int run_intersect1d(const op *o, call *c) {
    (void)o;
    NEED(2, 1);
    nd_array *r[3] = {NULL};
    return many(c, nd_intersect1d(c->in[0], c->in[1], par_bool(c->par[0]), &r[0], &r[1], &r[2]), 3, r);
}

/* params: assume_unique */
static int run_ab_flag(const op *o, call *c) {
    NEED(2, 1);
    return one(c, o->f.ab_flag(c->in[0], c->in[1], par_bool(c->par[0])));
}

/* params: assume_unique invert */
static int run_isin(const op *o, call *c) {
    (void)o;
    NEED(2, 2);
    return one(c, nd_isin(c->in[0], c->in[1], par_bool(c->par[0]), par_bool(c->par[1])));
}

/* params: depth counts ("-" for none) */
static int run_block(const op *o, call *c) {
    (void)o;
    NEED(-1, 2);
    int64_t v[64];
    int counts[64];
    int n = par_i64s(c->par[1], v, 64);
    if (n < 0) return BAD;
    for (int i = 0; i < n; i++) counts[i] = (int)v[i];
    return one(c, nd_block(atoi(c->par[0]), n ? counts : NULL, c->nin,
                           (const nd_array *const *)c->in));
}

static int run_broadcast_arrays(const op *o, call *c) {
    (void)o;
    NEED(-1, 0);
    nd_array *r[MAX_IN] = {NULL};
    if (c->nin > MAX_OUT) return BAD;
    return many(c, nd_broadcast_arrays(c->nin, (const nd_array *const *)c->in, r), c->nin, r);
}

static nd_order par_order(const char *s) { return strcmp(s, "F") == 0 ? ND_ORDER_F : ND_ORDER_C; }

/* params: shape order */
static int run_unravel_index(const op *o, call *c) {
    (void)o;
    NEED(1, 2);
    int64_t shape[ND_MAX_DIMS];
    int n = par_shape(c->par[0], shape);
    if (n < 0 || n > MAX_OUT) return BAD;
    nd_array *r[ND_MAX_DIMS] = {NULL};
    return many(c, nd_unravel_index(c->in[0], n, shape, par_order(c->par[1]), r), n, r);
}

/* params: dims modes (raise, wrap, clip; one, or one per array) order */
static int run_ravel_multi_index(const op *o, call *c) {
    (void)o;
    NEED(-1, 3);
    int64_t dims[ND_MAX_DIMS];
    int n = par_shape(c->par[0], dims);
    if (n != c->nin) return BAD;
    nd_index_mode modes[ND_MAX_DIMS];
    int nm = 0;
    for (const char *p = c->par[1]; *p && nm < ND_MAX_DIMS; nm++) {
        modes[nm] = *p == 'w' ? ND_INDEX_WRAP : *p == 'c' ? ND_INDEX_CLIP : ND_INDEX_RAISE;
        p = strchr(p, ',');
        if (!p) {
            nm++;
            break;
        }
        p++;
    }
    return one(c, nd_ravel_multi_index(n, (const nd_array *const *)c->in, dims, nm, modes,
                                       par_order(c->par[2])));
}

/* params: dims dtype */
static int run_indices(const op *o, call *c) {
    (void)o;
    NEED(0, 2);
    int64_t dims[ND_MAX_DIMS];
    int n = par_shape(c->par[0], dims);
    nd_dtype dt;
    if (n < 0 || par_dtype(c->par[1], &dt)) return BAD;
    return one(c, nd_indices(n, dims, dt));
}

/* params: k */
static int run_diag(const op *o, call *c) {
    NEED(1, 1);
    return one(c, o->f.a_k(c->in[0], strtoll(c->par[0], NULL, 10)));
}

/* params: n k m; outputs: rows cols */
static int run_tri_indices(const op *o, call *c) {
    NEED(0, 3);
    nd_array *r[2] = {NULL};
    return many(c, o->f.tri(strtoll(c->par[0], NULL, 10), strtoll(c->par[1], NULL, 10),
                            strtoll(c->par[2], NULL, 10), &r[0], &r[1]), 2, r);
}

/* inputs: y [x]; params: dx axis */
static int run_trapz(const op *o, call *c) {
    (void)o;
    NEED(-1, 2);
    if (c->nin < 1 || c->nin > 2) return BAD;
    return one(c, nd_trapz(c->in[0], c->nin == 2 ? c->in[1] : NULL, strtod(c->par[0], NULL),
                           atoi(c->par[1])));
}

/* params: mode (full, same, valid) */
static int run_conv(const op *o, call *c) {
    NEED(2, 1);
    nd_conv_mode m = strcmp(c->par[0], "same") == 0    ? ND_CONV_SAME
                     : strcmp(c->par[0], "valid") == 0 ? ND_CONV_VALID
                                                       : ND_CONV_FULL;
    return one(c, o->f.conv(c->in[0], c->in[1], m));
}

/* inputs: x xp fp; params: left right period ("-": none) */
static int run_interp(const op *o, call *c) {
    (void)o;
    NEED(3, 3);
    double l, r, p;
    return one(c, nd_interp(c->in[0], c->in[1], c->in[2], par_opt(c->par[0], &l),
                            par_opt(c->par[1], &r), par_opt(c->par[2], &p)));
}

/* inputs: x y [w]; params: deg */
static int run_polyfit(const op *o, call *c) {
    (void)o;
    NEED(-1, 1);
    if (c->nin < 2 || c->nin > 3) return BAD;
    return one(c, nd_polyfit(c->in[0], c->in[1], atoi(c->par[0]), c->nin == 3 ? c->in[2] : NULL));
}

/* ---------------------------------------------------------------- the table */

#define OP_A(n) {#n, run_a, {.a = nd_##n}},
#define OP_AB(n) {#n, run_ab, {.ab = nd_##n}},
#define OP_RED(n) {#n, run_red, {.red = nd_##n}},
#define OP_A_OUT(n) {#n "_out", run_a_out, {.a_out = nd_##n##_out}},
#define OP_AB_OUT(n) {#n "_out", run_ab_out, {.ab_out = nd_##n##_out}},

static const op ops[] = {
    ND_UNARY_OPS(OP_A)
    ND_BINARY_OPS(OP_AB)
    ND_REDUCTIONS(OP_RED)
    ND_UNARY_OPS(OP_A_OUT)
    ND_BINARY_OPS(OP_AB_OUT)
    {"where", run_abc, {.abc = nd_where}},
    {"clip", run_abc, {.abc = nd_clip}},
    {"nan_to_num", run_nan_to_num, {0}},
    {"array_equiv", run_array_equiv, {0}},
    {"promote_types", run_promote_types, {0}},
    {"result_type", run_result_type, {0}},
    {"can_cast", run_can_cast, {0}},
    {"var", run_red_ddof, {.red_ddof = nd_var}},
    {"std", run_red_ddof, {.red_ddof = nd_std}},
    {"sum_dtype", run_red_dt, {.red_dt = nd_sum_dtype}},
    {"prod_dtype", run_red_dt, {.red_dt = nd_prod_dtype}},
    {"mean_dtype", run_red_dt, {.red_dt = nd_mean_dtype}},
    {"argmax", run_axis_flag, {.axis_flag = nd_argmax}},
    {"argmin", run_axis_flag, {.axis_flag = nd_argmin}},
    {"cumsum", run_axis, {.axis = nd_cumsum}},
    {"cumprod", run_axis, {.axis = nd_cumprod}},
    {"sort", run_axis_flag, {.axis_flag = nd_sort}},
    {"argsort", run_axis_flag, {.axis_flag = nd_argsort}},
    {"concatenate", run_list_axis, {.list_axis = nd_concatenate}},
    {"stack", run_list_axis, {.list_axis = nd_stack}},
    {"hstack", run_list, {.list = nd_hstack}},
    {"vstack", run_list, {.list = nd_vstack}},
    {"dstack", run_list, {.list = nd_dstack}},
    {"matmul", run_ab, {.ab = nd_matmul}},
    {"astype", run_astype, {0}},
    {"copy", run_a, {.a = nd_copy}},
    {"ravel", run_a, {.a = nd_ravel}},
    {"reshape", run_reshape, {0}},
    {"transpose", run_transpose, {0}},
    {"view", run_view, {0}},
    {"squeeze", run_squeeze, {0}},
    {"flip", run_flip, {0}},
    {"swapaxes", run_two_axes, {0}},
    {"moveaxis", run_two_axes, {0}},
    {"expand_dims", run_axis, {.axis = nd_expand_dims}},
    {"arange", run_arange, {0}},
    {"linspace", run_linspace, {0}},
    {"median", run_red, {.red = nd_median}},
    {"nanmedian", run_red, {.red = nd_nanmedian}},
    {"ptp", run_red, {.red = nd_ptp}},
    {"nanprod", run_red, {.red = nd_nanprod}},
    {"nanvar", run_red_ddof, {.red_ddof = nd_nanvar}},
    {"nanstd", run_red_ddof, {.red_ddof = nd_nanstd}},
    {"nanargmin", run_axis_flag, {.axis_flag = nd_nanargmin}},
    {"nanargmax", run_axis_flag, {.axis_flag = nd_nanargmax}},
    {"nancumsum", run_axis, {.axis = nd_nancumsum}},
    {"nancumprod", run_axis, {.axis = nd_nancumprod}},
    {"quantile", run_quantile, {.quant = nd_quantile}},
    {"percentile", run_quantile, {.quant = nd_percentile}},
    {"nanquantile", run_quantile, {.quant = nd_nanquantile}},
    {"nanpercentile", run_quantile, {.quant = nd_nanpercentile}},
    {"average", run_average, {0}},
    {"cov", run_cov, {0}},
    {"corrcoef", run_corrcoef, {0}},
    {"digitize", run_digitize, {0}},
    {"histogram", run_histogram, {0}},
    {"histogram2d", run_histogram2d, {0}},
    {"histogramdd", run_histogramdd, {0}},
    {"lexsort", run_lexsort, {0}},
    {"argsort_keys", run_argsort_keys, {0}},
    {"unique_axis", run_unique_axis, {0}},
    {"intersect1d", run_intersect1d, {0}},
    {"union1d", run_ab, {.ab = nd_union1d}},
    {"setdiff1d", run_ab_flag, {.ab_flag = nd_setdiff1d}},
    {"setxor1d", run_ab_flag, {.ab_flag = nd_setxor1d}},
    {"isin", run_isin, {0}},
    {"block", run_block, {0}},
    {"column_stack", run_list, {.list = nd_column_stack}},
    {"flipud", run_a, {.a = nd_flipud}},
    {"fliplr", run_a, {.a = nd_fliplr}},
    {"broadcast_arrays", run_broadcast_arrays, {0}},
    {"unravel_index", run_unravel_index, {0}},
    {"ravel_multi_index", run_ravel_multi_index, {0}},
    {"indices", run_indices, {0}},
    {"diag", run_diag, {.a_k = nd_diag}},
    {"diagflat", run_diag, {.a_k = nd_diagflat}},
    {"tril_indices", run_tri_indices, {.tri = nd_tril_indices}},
    {"triu_indices", run_tri_indices, {.tri = nd_triu_indices}},
    {"trapz", run_trapz, {0}},
    {"convolve", run_conv, {.conv = nd_convolve}},
    {"correlate", run_conv, {.conv = nd_correlate}},
    {"interp", run_interp, {0}},
    {"polyfit", run_polyfit, {0}},
    {"polyval", run_ab, {.ab = nd_polyval}},
};

static const op *find_op(const char *name) {
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (strcmp(ops[i].name, name) == 0) return &ops[i];
    return NULL;
}

/* ---------------------------------------------------------------- the loop */

static const char *status_enum(int st) {
    static const char *const names[] = {
        "ND_OK",         "ND_ERR_NULL",     "ND_ERR_SHAPE",    "ND_ERR_DTYPE",
        "ND_ERR_VALUE",  "ND_ERR_INDEX",    "ND_ERR_OVERFLOW", "ND_ERR_NOMEM",
        "ND_ERR_READONLY", "ND_ERR_UNSUPPORTED", "ND_ERR_IO",  "ND_ERR_LINALG"};
    if (st >= 0 && st < (int)(sizeof names / sizeof names[0])) return names[st];
    return "ND_ERR_UNKNOWN";
}

static char *g_in;        /* inputs.bin */
static size_t g_in_len;
static FILE *g_out;       /* outputs.bin */
static int64_t g_out_len;

static int par_shape(const char *s, int64_t *shape) {
    return strcmp(s, "()") == 0 ? 0 : par_i64s(s, shape, ND_MAX_DIMS);
}

/* One input: DTYPE SHAPE OFFSET, then INDEX, PERM and BSHAPE. NULL with a
 * message on error. */
static nd_array *make_input(char **tok, nd_array **bases, int i, char *why, size_t whylen) {
    int64_t shape[ND_MAX_DIMS];
    nd_array *a;
    if (tok[0][0] == '=') { /* "=J": the memory of input J, viewed anew */
        int j = atoi(tok[0] + 1);
        if (j < 0 || j >= i || !bases[j]) {
            snprintf(why, whylen, "input %s", tok[0]);
            return NULL;
        }
        a = nd_view(bases[j], "...");
    } else {
        nd_dtype dt;
        int nd = par_shape(tok[1], shape);
        char *end;
        unsigned long long off = strtoull(tok[2], &end, 10);
        if (par_dtype(tok[0], &dt) || nd < 0 || *end) {
            snprintf(why, whylen, "input %s %s %s", tok[0], tok[1], tok[2]);
            return NULL;
        }
        size_t n = nd_dtype_size(dt);
        for (int k = 0; k < nd; k++) n *= (size_t)shape[k];
        if (off > g_in_len || n > g_in_len - off) {
            snprintf(why, whylen, "input beyond inputs.bin");
            return NULL;
        }
        a = nd_from_data(g_in + off, nd, shape, dt);
    }
    if (!a || !(bases[i] = nd_view(a, "..."))) {
        snprintf(why, whylen, "input %s: %s", tok[0], nd_errmsg());
        nd_free(a);
        return NULL;
    }
    if (strcmp(tok[3], "-") != 0) {
        nd_array *v = nd_view(a, tok[3]);
        nd_free(a);
        if (!(a = v)) {
            snprintf(why, whylen, "nd_view \"%s\": %s", tok[3], nd_errmsg());
            return NULL;
        }
    }
    if (strcmp(tok[4], "-") != 0) {
        int64_t v[ND_MAX_DIMS];
        int axes[ND_MAX_DIMS], k = par_i64s(tok[4], v, ND_MAX_DIMS);
        for (int i = 0; i < k; i++) axes[i] = (int)v[i];
        nd_array *t = k == nd_ndim(a) ? nd_transpose(a, axes) : NULL;
        nd_free(a);
        if (!(a = t)) {
            snprintf(why, whylen, "nd_transpose %s: %s", tok[4], nd_errmsg());
            return NULL;
        }
    }
    if (strcmp(tok[5], "-") != 0) {
        int k = par_shape(tok[5], shape);
        nd_array *b = k >= 0 ? nd_broadcast_to(a, k, shape) : NULL;
        nd_free(a);
        if (!(a = b)) {
            snprintf(why, whylen, "nd_broadcast_to %s: %s", tok[5], nd_errmsg());
            return NULL;
        }
    }
    return a;
}

/* Appends a's elements in C order to outputs.bin and its "DTYPE SHAPE
 * OFFSET" to line. */
static int put_output(const nd_array *a, char *line, size_t cap) {
    size_t nb = nd_nbytes(a);
    void *buf = malloc(nb ? nb : 1);
    if (!buf || nd_copy_to(a, buf, nb) != ND_OK || fwrite(buf, 1, nb, g_out) != nb) {
        free(buf);
        return -1;
    }
    free(buf);
    size_t len = strlen(line);
    len += (size_t)snprintf(line + len, cap - len, " %s ", nd_dtype_name(nd_dtype_of(a)));
    if (nd_ndim(a) == 0) len += (size_t)snprintf(line + len, cap - len, "()");
    for (int i = 0; i < nd_ndim(a) && len < cap; i++)
        len += (size_t)snprintf(line + len, cap - len, "%s%lld", i ? "," : "",
                                (long long)nd_shape(a)[i]);
    if (len < cap) snprintf(line + len, cap - len, " %lld", (long long)g_out_len);
    g_out_len += (int64_t)nb;
    return 0;
}

#define MAX_TOK (4 + 6 * MAX_IN + MAX_PAR)

static void run_line(char *line, FILE *res) {
    char *tok[MAX_TOK + 1];
    int nt = 0;
    for (char *p = strtok(line, " \n"); p; p = strtok(NULL, " \n")) {
        if (nt == MAX_TOK + 1) break;
        tok[nt++] = p;
    }
    if (nt == 0) return;
    const char *id = tok[0];
    if (nt < 4 || nt > MAX_TOK) {
        fprintf(res, "%s BAD token count %d\n", id, nt);
        return;
    }
    const op *o = find_op(tok[1]);
    if (!o) {
        fprintf(res, "%s BAD unknown op %s\n", id, tok[1]);
        return;
    }
    call c;
    memset(&c, 0, sizeof c);
    nd_array *bases[MAX_IN] = {NULL};
    c.nin = atoi(tok[2]);
    int k = 3;
    if (c.nin < 0 || c.nin > MAX_IN || k + 6 * c.nin >= nt) {
        fprintf(res, "%s BAD input count\n", id);
        return;
    }
    char why[8192] = "";
    for (int i = 0; i < c.nin; i++, k += 6) {
        nd_clear_error();
        if (!(c.in[i] = make_input(&tok[k], bases, i, why, sizeof why))) break;
    }
    if (!why[0]) {
        c.npar = atoi(tok[k++]);
        if (c.npar < 0 || c.npar > MAX_PAR || k + c.npar != nt)
            snprintf(why, sizeof why, "parameter count");
        else
            for (int i = 0; i < c.npar; i++) c.par[i] = tok[k + i];
    }
    if (why[0]) {
        fprintf(res, "%s BAD %s\n", id, why);
    } else {
        nd_clear_error();
        int st = o->run(o, &c);
        if (st == BAD) {
            fprintf(res, "%s BAD arguments for %s\n", id, o->name);
        } else if (st == BAD + 1) {
            fprintf(res, "%s BAD %s failed without a status\n", id, o->name);
        } else if (st != ND_OK) {
            char msg[512];
            snprintf(msg, sizeof msg, "%s", nd_errmsg());
            for (char *p = msg; *p; p++)
                if (*p == '\n') *p = ' ';
            fprintf(res, "%s ERR %s %s\n", id, status_enum(st), msg);
        } else if (c.scalar[0]) {
            fprintf(res, "%s %s\n", id, c.scalar);
        } else {
            char out[2048];
            int saved = 0;
            snprintf(out, sizeof out, "%s OK %d", id, c.nout);
            for (int i = 0; i < c.nout; i++, saved++)
                if (put_output(c.out[i], out, sizeof out)) {
                    fprintf(res, "%s BAD writing outputs.bin\n", id);
                    break;
                }
            if (saved == c.nout) fprintf(res, "%s\n", out);
        }
    }
    for (int i = 0; i < c.nin; i++) nd_free(c.in[i]);
    for (int i = 0; i < c.nin; i++) nd_free(bases[i]);
    for (int i = 0; i < c.nout; i++) nd_free(c.out[i]);
}

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap);
    for (size_t got; buf && (got = fread(buf + n, 1, cap - n, f)) > 0;) {
        n += got;
        if (n == cap) {
            char *b = realloc(buf, cap *= 2);
            if (!b) free(buf);
            buf = b;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s DIR (reads DIR/cases.txt and DIR/inputs.bin)\n", argv[0]);
        return 2;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/inputs.bin", argv[1]);
    if (!(g_in = read_file(path, &g_in_len))) {
        perror(path);
        return 2;
    }
    snprintf(path, sizeof path, "%s/outputs.bin", argv[1]);
    if (!(g_out = fopen(path, "wb"))) {
        perror(path);
        return 2;
    }
    snprintf(path, sizeof path, "%s/cases.txt", argv[1]);
    FILE *in = fopen(path, "r");
    if (!in) {
        perror(path);
        return 2;
    }
    snprintf(path, sizeof path, "%s/results.txt", argv[1]);
    FILE *res = fopen(path, "w");
    if (!res) {
        perror(path);
        fclose(in);
        return 2;
    }
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, in) > 0) {
        run_line(line, res);
        fflush(g_out);
        fflush(res); /* a crash leaves the finished cases behind */
    }
    free(line);
    free(g_in);
    fclose(in);
    int bad = fclose(g_out) != 0;
    return fclose(res) == 0 && !bad ? 0 : 2;
}
