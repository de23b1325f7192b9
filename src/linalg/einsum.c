/* np.einsum: parses NumPy's subscripts (explicit "->" or implicit output,
 * "..." broadcast dimensions, repeated labels for diagonals and traces),
 * checks them against the operands, then evaluates with views, nd_sum,
 * nd_multiply and nd_matmul (so contractions run on BLAS).
 *
 * Evaluation: each operand becomes a view with one axis per distinct label
 * (a repeated label is its diagonal: the axes' strides added), cast to the
 * result dtype. Operands are contracted pairwise, left to right, with no
 * search for a cheaper order: before each pair, labels that neither the
 * output, the other operand of the pair nor a later operand needs are
 * summed out; then labels shared by the pair are batch labels if still
 * needed, else contracted. With something to contract the pair goes to
 * nd_matmul as (batch..., free, contracted) @ (batch..., contracted, free)
 * views (reshape copies only when the strides force it); without, the pair
 * is an element-wise product with broadcasting. A label of length 1 in one
 * operand and n in another broadcasts, as in NumPy.
 *
 * Errors name the problem and its 0-based character position in the
 * subscripts. As np.einsum without optimize, an explicit output must hold
 * "..." when the inputs' ellipses stand for any dimension (an output "..."
 * with none in the inputs stands for nothing, as in NumPy).
 *
 * Limits and differences from NumPy 1.24: at most EIN_MAX_OPERANDS (32,
 * NumPy's NPY_MAXARGS) operands, and no intermediate with more than
 * ND_MAX_DIMS axes; the result is always a new C-contiguous array (NumPy
 * returns a writeable view of the operand for single-operand permutations
 * and diagonals such as "ij->ji" and "ii->i"); 0-d operands promote by
 * dtype only (NEP 50, as nd_result_type); sums of floats run in another
 * order, so float results may differ from NumPy's in the last bits. bool
 * operands are evaluated as float32 counts and converted back, which gives
 * NumPy's OR of ANDs (positive counts never sum to zero). */
#include "core/core.h"

#include <assert.h>
#include <stdio.h>

#define EIN_MAX_OPERANDS 32
#define EIN_NLETTERS 52
/* Label ids: 0-25 'A'-'Z', 26-51 'a'-'z' (ASCII order, as NumPy sorts the
 * implicit output), then one per broadcast dimension of the ellipsis. */
#define EIN_NLABELS (EIN_NLETTERS + ND_MAX_DIMS)
#define EIN_ELLIPSIS (-1)
/* A term holds at most ND_MAX_DIMS letters and one ellipsis. */
#define EIN_TERM_CAP (ND_MAX_DIMS + 1)

static const char fn[] = "nd_einsum";

/* ------------------------------------------------------------ parsing */

typedef struct term {
    int pos, end;              /* [pos, end) in the subscripts string */
    int nsub;                  /* entries of sub */
    int sub[EIN_TERM_CAP];     /* letter ids, EIN_ELLIPSIS for "..." */
    int subpos[EIN_TERM_CAP];  /* where each entry is in the string */
    bool ellipsis;
} term;

typedef struct spec {
    int nin;
    term in[EIN_MAX_OPERANDS];
    bool explicit_out;
    term out;
} spec;

static int letter_id(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return 26 + (c - 'a');
    return -1;
}

static char letter_char(int id) { return (char)(id < 26 ? 'A' + id : 'a' + (id - 26)); }

static bool value_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
static bool value_error(const char *fmt, ...) {
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    nd__error(ND_ERR_VALUE, fn, "%s", msg);
    return false;
}

/* Names the term: "operand 2" or "the output". */
static const char *term_name(char *buf, size_t cap, const spec *sp, const term *t) {
    if (t == &sp->out) snprintf(buf, cap, "the output");
    else snprintf(buf, cap, "operand %d", (int)(t - sp->in));
    return buf;
}

static bool add_sub(const spec *sp, term *t, int id, int pos) {
    char nm[32];
    if (t->nsub == EIN_TERM_CAP)
        return value_error("the subscripts of %s (from position %d) name more than %d dimensions",
                           term_name(nm, sizeof nm, sp, t), t->pos, ND_MAX_DIMS);
    t->sub[t->nsub] = id;
    t->subpos[t->nsub++] = pos;
    return true;
}

/* Splits s into input terms and the output term, checking characters,
 * ellipses, '->' and the operand count. */
static bool parse(const char *s, int n, spec *sp) {
    sp->nin = 1;
    sp->explicit_out = false;
    term *t = &sp->in[0];
    memset(t, 0, sizeof *t);
    int i;
    for (i = 0; s[i]; i++) {
        char c = s[i], nm[32];
        if (c == ' ') continue;
        int id = letter_id(c);
        if (id >= 0) {
            if (!add_sub(sp, t, id, i)) return false;
        } else if (c == '.') {
            if (s[i + 1] != '.' || s[i + 2] != '.')
                return value_error("'.' at position %d of \"%s\" is not part of an ellipsis '...'",
                                   i, s);
            if (t->ellipsis)
                return value_error("%s has a second ellipsis '...' at position %d of \"%s\"",
                                   term_name(nm, sizeof nm, sp, t), i, s);
            t->ellipsis = true;
            if (!add_sub(sp, t, EIN_ELLIPSIS, i)) return false;
            i += 2;
        } else if (c == ',') {
            if (sp->explicit_out)
                return value_error("',' at position %d of \"%s\": the output after '->' is a "
                                   "single term", i, s);
            if (sp->nin == EIN_MAX_OPERANDS)
                return value_error("\"%s\" names more than %d operands (',' at position %d)", s,
                                   EIN_MAX_OPERANDS, i);
            t->end = i;
            t = &sp->in[sp->nin++];
            memset(t, 0, sizeof *t);
            t->pos = i + 1;
        } else if (c == '-') {
            if (s[i + 1] != '>')
                return value_error("'-' at position %d of \"%s\" is not part of '->'", i, s);
            if (sp->explicit_out)
                return value_error("second '->' at position %d of \"%s\"", i, s);
            t->end = i;
            sp->explicit_out = true;
            t = &sp->out;
            memset(t, 0, sizeof *t);
            t->pos = i + 2;
            i++;
        } else if (c == '>') {
            return value_error("'>' at position %d of \"%s\" is not part of '->'", i, s);
        } else if ((unsigned char)c < 0x20 || (unsigned char)c >= 0x7f) {
            return value_error("invalid character 0x%02x at position %d of the subscripts: "
                               "subscripts are letters, ',', '->', '...' and spaces",
                               (unsigned char)c, i);
        } else {
            return value_error("invalid character '%c' at position %d of \"%s\": subscripts are "
                               "letters, ',', '->', '...' and spaces", c, i, s);
        }
    }
    t->end = i;
    if (sp->nin != n)
        return value_error("\"%s\" has %d comma-separated input term%s but %d operand%s given", s,
                           sp->nin, sp->nin == 1 ? "" : "s", n, n == 1 ? " was" : "s were");
    if (sp->explicit_out) {
        const term *o = &sp->out;
        for (int k = 0; k < o->nsub; k++)
            for (int j = 0; j < k; j++)
                if (o->sub[k] >= 0 && o->sub[k] == o->sub[j])
                    return value_error("output subscript '%c' appears twice in \"%s\" "
                                       "(positions %d and %d)",
                                       letter_char(o->sub[k]), s, o->subpos[j], o->subpos[k]);
    }
    return true;
}

/* ------------------------------------------------------------ binding to the operands */

typedef struct plan {
    int n;
    int ndim[EIN_MAX_OPERANDS];
    int lab[EIN_MAX_OPERANDS][ND_MAX_DIMS]; /* label of each axis of each operand */
    int64_t size[EIN_NLABELS];              /* broadcast length; -1 if unused */
    int nout;
    int out[ND_MAX_DIMS];
    nd_dtype dtype;                         /* of the result */
} plan;

/* "'j'" or "'...' dimension 2" for messages. */
static const char *label_name(char *buf, size_t cap, int l, int nell) {
    if (l < EIN_NLETTERS) snprintf(buf, cap, "label '%c'", letter_char(l));
    else snprintf(buf, cap, "dimension %d of '...'", l - EIN_NLETTERS - (ND_MAX_DIMS - nell));
    return buf;
}

static bool bind(const char *s, const spec *sp, const nd_array *const *ops, plan *p) {
    int n = sp->nin, ell_ndim[EIN_MAX_OPERANDS], E = 0;
    p->n = n;
    /* how many dimensions each ellipsis stands for */
    for (int k = 0; k < n; k++) {
        const term *t = &sp->in[k];
        int nd = ops[k]->ndim, nlet = t->nsub - (t->ellipsis ? 1 : 0);
        p->ndim[k] = nd;
        if (!t->ellipsis && nlet != nd)
            return value_error("operand %d has %d dimension%s but its subscripts \"%.*s\" "
                               "(position %d) name %d%s",
                               k, nd, nd == 1 ? "" : "s", t->end - t->pos, s + t->pos, t->pos,
                               nlet, nlet < nd ? "; use '...' to broadcast the others" : "");
        if (t->ellipsis && nlet > nd)
            return value_error("operand %d has %d dimension%s, fewer than the %d subscripts of "
                               "\"%.*s\" (position %d)",
                               k, nd, nd == 1 ? "" : "s", nlet, t->end - t->pos, s + t->pos,
                               t->pos);
        ell_ndim[k] = t->ellipsis ? nd - nlet : 0;
        if (ell_ndim[k] > E) E = ell_ndim[k];
    }
    /* Ellipsis dimensions are right-aligned, so they take the last E of
     * the ND_MAX_DIMS ellipsis labels: then the labels of one ellipsis
     * dimension are the same whatever E is, and messages can name them. */
    int ell0 = EIN_NLETTERS + ND_MAX_DIMS - E;
    for (int l = 0; l < EIN_NLABELS; l++) p->size[l] = -1;
    int count[EIN_NLABELS] = {0};
    for (int k = 0; k < n; k++) {
        const term *t = &sp->in[k];
        const nd_array *a = ops[k];
        int ax = 0, where[ND_MAX_DIMS]; /* each axis's subscript's position */
        for (int j = 0; j < t->nsub; j++) {
            if (t->sub[j] != EIN_ELLIPSIS) {
                count[t->sub[j]]++;
                where[ax] = t->subpos[j];
                p->lab[k][ax++] = t->sub[j];
                continue;
            }
            for (int e = 0; e < ell_ndim[k]; e++) {
                where[ax] = t->subpos[j];
                p->lab[k][ax++] = ell0 + E - ell_ndim[k] + e;
            }
        }
        for (ax = 0; ax < a->ndim; ax++) {
            int l = p->lab[k][ax];
            int64_t len = a->shape[ax];
            char nm[40];
            bool repeated = false;
            for (int b = 0; b < ax; b++) {
                if (p->lab[k][b] != l) continue;
                repeated = true;
                if (a->shape[b] != len)
                    return value_error("operand %d has lengths %lld and %lld for the repeated "
                                       "label '%c' of \"%.*s\" (position %d); a diagonal needs "
                                       "equal lengths",
                                       k, (long long)a->shape[b], (long long)len, letter_char(l),
                                       t->end - t->pos, s + t->pos, t->pos);
                break;
            }
            if (repeated) continue;
            if (p->size[l] < 0 || p->size[l] == 1) {
                if (p->size[l] < 0 || len != 1) p->size[l] = len;
            } else if (len != 1 && len != p->size[l]) {
                return value_error("size of %s for operand %d (%lld) does not match previous "
                                   "terms (%lld), at position %d of \"%s\"",
                                   label_name(nm, sizeof nm, l, E), k, (long long)len,
                                   (long long)p->size[l], where[ax], s);
            }
        }
    }
    /* the output's labels */
    p->nout = 0;
    int out[EIN_NLETTERS + ND_MAX_DIMS], nout = 0;
    if (!sp->explicit_out) {
        for (int e = 0; e < E; e++) out[nout++] = ell0 + e;
        for (int l = 0; l < EIN_NLETTERS; l++)
            if (count[l] == 1) out[nout++] = l;
    } else {
        const term *o = &sp->out;
        for (int j = 0; j < o->nsub; j++) {
            int l = o->sub[j];
            if (l == EIN_ELLIPSIS) {
                for (int e = 0; e < E; e++) out[nout++] = ell0 + e;
            } else if (count[l] == 0) {
                return value_error("output subscript '%c' (position %d of \"%s\") does not appear "
                                   "in any input",
                                   letter_char(l), o->subpos[j], s);
            } else {
                out[nout++] = l;
            }
        }
        if (E > 0 && !o->ellipsis)
            return value_error("the inputs' '...' stands for %d dimension%s but the output "
                               "\"%.*s\" (position %d) has no '...' to receive %s",
                               E, E == 1 ? "" : "s", o->end - o->pos, s + o->pos, o->pos,
                               E == 1 ? "it" : "them");
    }
    if (nout > ND_MAX_DIMS)
        return value_error("the result would have %d dimensions, more than ND_MAX_DIMS (%d)", nout,
                           ND_MAX_DIMS);
    p->nout = nout;
    memcpy(p->out, out, sizeof(int) * (size_t)nout);
    nd__promo promo = ND__PROMO_INIT; /* NumPy's n-ary result_type */
    for (int k = 0; k < n; k++) nd__promo_add(&promo, ops[k]->dtype);
    p->dtype = nd__promo_result(&promo);
    return true;
}

/* ------------------------------------------------------------ evaluation */

/* An intermediate: an array with one distinct label per axis. own: the
 * memory is ours (not a view of an operand). */
typedef struct tensor {
    nd_array *a;
    bool own;
    int nd;
    int lab[ND_MAX_DIMS];
} tensor;

/* Re-reports a failure of a call made on einsum's behalf as einsum's. */
static void rewrap(void) {
    char msg[1024];
    nd_status st = nd_last_status();
    if (st == ND_OK) st = ND_ERR_VALUE;
    snprintf(msg, sizeof msg, "%s", nd_errmsg());
    if (strncmp(msg, fn, sizeof fn - 1) != 0) nd__error(st, fn, "%s", msg);
}

static void replace(tensor *t, nd_array *a, bool own) {
    nd_free(t->a);
    t->a = a;
    t->own = own;
}

/* Operand k as a view with one axis per distinct label, cast to dt. */
static bool prepare(const nd_array *op, const int *lab, nd_dtype dt, tensor *t) {
    int64_t shape[ND_MAX_DIMS], strides[ND_MAX_DIMS];
    t->nd = 0;
    t->a = NULL;
    t->own = false;
    for (int ax = 0; ax < op->ndim; ax++) {
        int u;
        for (u = 0; u < t->nd && t->lab[u] != lab[ax]; u++) {}
        if (u == t->nd) {
            t->lab[t->nd] = lab[ax];
            shape[t->nd] = op->shape[ax];
            strides[t->nd++] = op->strides[ax];
        } else if (nd__add_overflow(strides[u], op->strides[ax], &strides[u])) {
            strides[u] = 0; /* only when the length is at most 1: never stepped */
        }
    }
    nd_array *v = nd__make_view(fn, op, op->data, t->nd, shape, strides);
    if (!v) return false;
    if (v->dtype == dt) {
        t->a = v;
        return true;
    }
    t->a = nd_astype(v, dt);
    nd_free(v);
    t->own = true;
    if (!t->a) rewrap();
    return t->a != NULL;
}

/* Sums out the axes whose labels are not in need. */
static bool sum_unneeded(tensor *t, const bool *need) {
    int axes[ND_MAX_DIMS], nax = 0, nd = 0;
    for (int d = 0; d < t->nd; d++) {
        if (!need[t->lab[d]]) axes[nax++] = d;
        else t->lab[nd++] = t->lab[d];
    }
    if (nax == 0) return true;
    nd_array *r = nd_sum_dtype(t->a, nax, axes, false, t->a->dtype);
    if (!r) {
        rewrap();
        return false;
    }
    replace(t, r, true);
    t->nd = nd;
    return true;
}

static int axis_of(const tensor *t, int l) {
    for (int d = 0; d < t->nd; d++)
        if (t->lab[d] == l) return d;
    return -1;
}

/* A view of t with axes in the order of labels[0..n): a label t lacks gets
 * length 1 (stride 0). */
static nd_array *arrange(const tensor *t, int n, const int *labels) {
    int64_t shape[ND_MAX_DIMS], strides[ND_MAX_DIMS];
    for (int i = 0; i < n; i++) {
        int d = axis_of(t, labels[i]);
        shape[i] = d < 0 ? 1 : t->a->shape[d];
        strides[i] = d < 0 ? 0 : t->a->strides[d];
    }
    nd_array *v = nd__make_view(fn, t->a, t->a->data, n, shape, strides);
    if (!v) rewrap();
    return v;
}

/* arrange(), then reshaped to the given shape (a copy only if need be). */
static nd_array *arrange_reshape(const tensor *t, int n, const int *labels, int nd,
                                 const int64_t *shape) {
    nd_array *v = arrange(t, n, labels);
    if (!v) return NULL;
    nd_array *r = nd_reshape(v, nd, shape);
    nd_free(v);
    if (!r) rewrap();
    return r;
}

static int64_t len_of(const tensor *t, int l) {
    int d = axis_of(t, l);
    return d < 0 ? 1 : t->a->shape[d];
}

/* Drops label l's axis of t, which has length 1, by indexing it at 0. */
static bool drop_unit(tensor *t, int l) {
    int d = axis_of(t, l);
    nd_array *v = nd_index(t->a, d, 0);
    if (!v) {
        rewrap();
        return false;
    }
    replace(t, v, t->own);
    for (int i = d; i + 1 < t->nd; i++) t->lab[i] = t->lab[i + 1];
    t->nd--;
    return true;
}

/* a and b into one tensor with the labels in keep; order lists every label
 * in the preferred order of the result's axes. a and b hold no label that
 * keep and the other lack (sum_unneeded ran). */
static bool contract(tensor *a, tensor *b, const bool *keep, const int *order, int norder,
                     tensor *res) {
    bool in_a[EIN_NLABELS] = {false}, in_b[EIN_NLABELS] = {false};
    for (int d = 0; d < a->nd; d++) in_a[a->lab[d]] = true;
    for (int d = 0; d < b->nd; d++) in_b[b->lab[d]] = true;

    /* A contracted label of length 1 on one side only: the other side is
     * summed over it first (sum_k x y_k = x sum_k y_k), then both drop it. */
    bool need_b[EIN_NLABELS], need_a[EIN_NLABELS];
    bool sum_a = false, sum_b = false;
    for (int l = 0; l < EIN_NLABELS; l++) need_a[l] = need_b[l] = true;
    for (int d = 0; d < a->nd; d++) {
        int l = a->lab[d];
        if (!in_b[l] || keep[l]) continue;
        int64_t la = len_of(a, l), lb = len_of(b, l);
        if (la == lb) continue;
        if (la == 1) need_b[l] = false, sum_b = true;
        else need_a[l] = false, sum_a = true;
    }
    if (sum_a || sum_b) {
        if ((sum_a && !sum_unneeded(a, need_a)) || (sum_b && !sum_unneeded(b, need_b)))
            return false;
        for (int l = 0; l < EIN_NLABELS; l++) {
            if (!need_a[l] && !drop_unit(b, l)) return false;
            if (!need_b[l] && !drop_unit(a, l)) return false;
            if (!need_a[l] || !need_b[l]) in_a[l] = in_b[l] = false;
        }
    }

    int batch[ND_MAX_DIMS], fa[ND_MAX_DIMS], fb[ND_MAX_DIMS], con[ND_MAX_DIMS];
    int nbatch = 0, nfa = 0, nfb = 0, ncon = 0;
    for (int i = 0; i < norder; i++) {
        int l = order[i];
        if (!keep[l] || !(in_a[l] || in_b[l])) continue;
        if (in_a[l] && in_b[l]) batch[nbatch++] = l;
        else if (in_a[l]) fa[nfa++] = l;
        else fb[nfb++] = l;
    }
    /* contracted labels in the memory order of the larger operand, so its
     * view is more likely to reshape without a copy */
    const tensor *big = nd_size(a->a) >= nd_size(b->a) ? a : b;
    int cidx[ND_MAX_DIMS];
    for (int d = 0; d < big->nd; d++) {
        int l = big->lab[d];
        if (in_a[l] && in_b[l] && !keep[l]) cidx[ncon++] = d;
    }
    for (int i = 1; i < ncon; i++) /* insertion sort, |stride| descending */
        for (int j = i; j > 0; j--) {
            int64_t s0 = big->a->strides[cidx[j - 1]], s1 = big->a->strides[cidx[j]];
            if ((s0 < 0 ? -s0 : s0) >= (s1 < 0 ? -s1 : s1)) break;
            int tmp = cidx[j];
            cidx[j] = cidx[j - 1];
            cidx[j - 1] = tmp;
        }
    for (int i = 0; i < ncon; i++) con[i] = big->lab[cidx[i]];

    int nres = nbatch + nfa + nfb;
    if (nres > ND_MAX_DIMS)
        return value_error("an intermediate result would have %d dimensions, more than "
                           "ND_MAX_DIMS (%d); the operands are contracted pairwise left to right",
                           nres, ND_MAX_DIMS);
    res->own = true;
    res->a = NULL;

    if (ncon == 0 || nbatch + 2 > ND_MAX_DIMS) {
        /* nothing to contract (or too many axes for matmul): the product
         * broadcast over the union of the labels, then summed over con */
        int all[2 * ND_MAX_DIMS], nall = 0;
        for (int i = 0; i < nbatch; i++) all[nall++] = batch[i];
        for (int i = 0; i < nfa; i++) all[nall++] = fa[i];
        for (int i = 0; i < nfb; i++) all[nall++] = fb[i];
        /* with ncon > 0, nbatch >= 31 here, and each operand has at most
         * ND_MAX_DIMS axes: so ncon <= 1 and nfa == 0, and all fits */
        assert(nall + ncon <= ND_MAX_DIMS);
        for (int i = 0; i < ncon; i++) all[nall++] = con[i];
        nd_array *va = arrange(a, nall, all), *vb = va ? arrange(b, nall, all) : NULL;
        nd_array *prod = vb ? nd_multiply(va, vb) : NULL;
        if (vb && !prod) rewrap();
        nd_free(va);
        nd_free(vb);
        if (!prod) return false;
        res->a = prod;
        res->nd = nall;
        memcpy(res->lab, all, sizeof(int) * (size_t)nall);
        if (ncon) {
            bool need[EIN_NLABELS];
            for (int l = 0; l < EIN_NLABELS; l++) need[l] = true;
            for (int i = 0; i < ncon; i++) need[con[i]] = false;
            if (!sum_unneeded(res, need)) return false;
        }
        return true;
    }

    /* a matrix product: (batch, M, K) @ (batch, K, N). When the result's
     * preferred order starts with b's free labels, the operands swap
     * places, giving (b^T a^T)^T in the order wanted with no copy. */
    for (int i = 0; i < norder; i++) {
        int l = order[i];
        if (!keep[l] || in_a[l] == in_b[l]) continue;
        if (in_b[l]) {
            tensor *t = a;
            a = b;
            b = t;
            int tmp[ND_MAX_DIMS];
            memcpy(tmp, fa, sizeof tmp);
            memcpy(fa, fb, sizeof fa);
            memcpy(fb, tmp, sizeof fb);
            int tn = nfa;
            nfa = nfb;
            nfb = tn;
        }
        break;
    }
    int la[ND_MAX_DIMS], lb[ND_MAX_DIMS], nla = 0, nlb = 0;
    int64_t sa[ND_MAX_DIMS], sb[ND_MAX_DIMS], M = 1, N = 1, K = 1;
    for (int i = 0; i < nbatch; i++) {
        la[nla] = lb[nlb] = batch[i];
        sa[nla++] = len_of(a, batch[i]);
        sb[nlb++] = len_of(b, batch[i]);
    }
    for (int i = 0; i < nfa; i++) {
        la[nla++] = fa[i];
        M *= len_of(a, fa[i]);
    }
    for (int i = 0; i < ncon; i++) {
        la[nla++] = con[i];
        lb[nlb++] = con[i];
        K *= len_of(a, con[i]);
    }
    for (int i = 0; i < nfb; i++) {
        lb[nlb++] = fb[i];
        N *= len_of(b, fb[i]);
    }
    sa[nbatch] = M;
    sa[nbatch + 1] = K;
    sb[nbatch] = K;
    sb[nbatch + 1] = N;
    nd_array *ma = arrange_reshape(a, nla, la, nbatch + 2, sa);
    nd_array *mb = ma ? arrange_reshape(b, nlb, lb, nbatch + 2, sb) : NULL;
    nd_array *c = mb ? nd_matmul(ma, mb) : NULL;
    if (mb && !c) rewrap();
    nd_free(ma);
    nd_free(mb);
    if (!c) return false;
    /* (batch..., M, N) back to one axis per label */
    int64_t shape[ND_MAX_DIMS];
    int nd = 0;
    for (int i = 0; i < nbatch; i++) shape[nd] = c->shape[i], res->lab[nd++] = batch[i];
    for (int i = 0; i < nfa; i++) shape[nd] = len_of(a, fa[i]), res->lab[nd++] = fa[i];
    for (int i = 0; i < nfb; i++) shape[nd] = len_of(b, fb[i]), res->lab[nd++] = fb[i];
    res->nd = nd;
    res->a = nd_reshape(c, nd, shape);
    nd_free(c);
    if (!res->a) rewrap();
    return res->a != NULL;
}

/* The final tensor in the output's order, as a new C-contiguous array of
 * the result dtype. */
static nd_array *finish(tensor *t, const plan *p) {
    nd_array *v = arrange(t, p->nout, p->out);
    if (!v) return NULL;
    nd_array *r;
    if (t->own && (v->flags & ND_FLAG_C) && v->dtype == p->dtype) {
        r = v;
    } else {
        r = nd_astype(v, p->dtype);
        nd_free(v);
        if (!r) rewrap();
    }
    return r;
}

static nd_array *evaluate(const nd_array *const *ops, const plan *p) {
    /* bool: counts in float32, nonzero at the end (positive counts never
     * cancel or round to zero, so this is NumPy's OR of ANDs) */
    nd_dtype cdt = p->dtype == ND_BOOL ? ND_FLOAT32 : p->dtype;
    bool in_out[EIN_NLABELS] = {false};
    for (int i = 0; i < p->nout; i++) in_out[p->out[i]] = true;
    /* later[k][l]: label l is used by an operand after k */
    bool later[EIN_MAX_OPERANDS][EIN_NLABELS];
    memset(later[p->n - 1], 0, sizeof later[0]);
    for (int k = p->n - 2; k >= 0; k--) {
        memcpy(later[k], later[k + 1], sizeof later[0]);
        for (int d = 0; d < p->ndim[k + 1]; d++) later[k][p->lab[k + 1][d]] = true;
    }
    /* the order results prefer: the output's, then first appearance */
    int order[EIN_NLABELS], norder = 0;
    bool listed[EIN_NLABELS] = {false};
    for (int i = 0; i < p->nout; i++) order[norder++] = p->out[i], listed[p->out[i]] = true;
    for (int k = 0; k < p->n; k++)
        for (int d = 0; d < p->ndim[k]; d++)
            if (!listed[p->lab[k][d]]) order[norder++] = p->lab[k][d], listed[p->lab[k][d]] = true;

    tensor acc;
    if (!prepare(ops[0], p->lab[0], cdt, &acc)) return NULL;
    bool ok = true;
    for (int k = 1; k < p->n && ok; k++) {
        tensor b;
        if (!prepare(ops[k], p->lab[k], cdt, &b)) {
            ok = false;
            break;
        }
        bool keep[EIN_NLABELS], need_a[EIN_NLABELS], need_b[EIN_NLABELS];
        for (int l = 0; l < EIN_NLABELS; l++) keep[l] = in_out[l] || later[k][l];
        memcpy(need_a, keep, sizeof keep);
        memcpy(need_b, keep, sizeof keep);
        for (int d = 0; d < b.nd; d++) need_a[b.lab[d]] = true;
        for (int d = 0; d < acc.nd; d++) need_b[acc.lab[d]] = true;
        tensor r = {0};
        ok = sum_unneeded(&acc, need_a) && sum_unneeded(&b, need_b) &&
             contract(&acc, &b, keep, order, norder, &r);
        nd_free(b.a);
        replace(&acc, r.a, true);
        acc.nd = r.nd;
        memcpy(acc.lab, r.lab, sizeof r.lab);
    }
    nd_array *res = NULL;
    if (ok && (p->n > 1 || sum_unneeded(&acc, in_out))) res = finish(&acc, p);
    nd_free(acc.a);
    return res;
}

static nd_array *einsum_body(const char *subscripts, int n, const nd_array *const *operands) {
    if (!subscripts) {
        nd__null_arg(fn, "subscripts");
        return NULL;
    }
    if (n < 1 || n > EIN_MAX_OPERANDS) {
        nd__error(ND_ERR_VALUE, fn, "%d operands given; einsum takes 1 to %d", n, EIN_MAX_OPERANDS);
        return NULL;
    }
    if (!operands) {
        nd__null_arg(fn, "operands");
        return NULL;
    }
    for (int k = 0; k < n; k++) {
        if (!operands[k]) {
            char nm[24];
            snprintf(nm, sizeof nm, "operands[%d]", k);
            nd__null_arg(fn, nm);
            return NULL;
        }
    }
    spec sp;
    plan p;
    if (!parse(subscripts, n, &sp) || !bind(subscripts, &sp, operands, &p)) return NULL;
    return evaluate(operands, &p);
}

nd_array *nd_einsum(const char *subscripts, int n, const nd_array *const *operands) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_array("nd_einsum", mark, einsum_body(subscripts, n, operands));
}
