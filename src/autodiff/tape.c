/* The tape: recording operations (nd__ad_run), the backward walk with the
 * one place where gradients are summed back to their input's shape, and
 * the tape's lifetime (new, clear, free). Uses only the public API. */
#include "autodiff/ad.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A parameter as one tape sees it: the registry entry (a reference held),
 * a view keeping its memory alive, and its gradient during backward. */
typedef struct tape_param {
    nd__ad_param *p;
    nd_array *view;
    nd_array *acc;
} tape_param;

struct nd_tape {
    nd__ad_node *nodes;
    int64_t len, cap;
    nd__ad_map index;  /* result handle -> node */
    tape_param *params;
    int64_t nparams, pcap;
    nd__ad_map pindex; /* registry entry -> params slot */
    bool retain;       /* keep every gradient for nd_tape_grad */
    bool has_grads;    /* a backward left retained gradients */
};

/* ---------------------------------------------------------------- live tapes */

/* The tapes made and not yet freed: a freed (stale) tape pointer is a clear
 * error rather than a use after free in the calls that could meet one. */
static pthread_mutex_t g_live_lock = PTHREAD_MUTEX_INITIALIZER;
static nd__ad_map g_live;

static bool is_live(const nd_tape *t) {
    pthread_mutex_lock(&g_live_lock);
    bool r = nd__ad_map_get(&g_live, t) >= 0;
    pthread_mutex_unlock(&g_live_lock);
    return r;
}

static nd_status null_arg(const char *fn, const char *name) {
    if (nd_last_status() != ND_OK) return ND_ERR_NULL;
    return nd_set_error(ND_ERR_NULL, fn, "argument '%s' is NULL", name);
}

static nd_status check_tape(const char *fn, const nd_tape *t) {
    if (!t) return null_arg(fn, "t");
    if (!is_live(t)) return nd_set_error(ND_ERR_VALUE, fn, "t is not a live tape (freed already?)");
    return ND_OK;
}

static void shape_str(char *buf, size_t cap, const nd_array *a) {
    int nd = nd_ndim(a);
    const int64_t *sh = nd_shape(a);
    size_t n = (size_t)snprintf(buf, cap, "(");
    for (int i = 0; i < nd && n < cap; i++)
        n += (size_t)snprintf(buf + n, cap - n, "%lld%s", (long long)sh[i], i + 1 < nd || nd == 1 ? "," : "");
    if (n < cap) snprintf(buf + n, cap - n, ")");
}

nd_tape *nd_tape_new(void) {
    nd_tape *t = calloc(1, sizeof *t);
    if (!t) {
        nd_set_error(ND_ERR_NOMEM, "nd_tape_new", "out of memory allocating a tape");
        return NULL;
    }
    pthread_mutex_lock(&g_live_lock);
    bool ok = nd__ad_map_put(&g_live, t, 1);
    pthread_mutex_unlock(&g_live_lock);
    if (!ok) {
        free(t);
        nd_set_error(ND_ERR_NOMEM, "nd_tape_new", "out of memory registering a tape");
        return NULL;
    }
    return t;
}

static void free_grads(nd_tape *t) {
    for (int64_t i = 0; i < t->len; i++) {
        nd_free(t->nodes[i].grad);
        t->nodes[i].grad = NULL;
    }
    for (int64_t i = 0; i < t->nparams; i++) {
        nd_free(t->params[i].acc);
        t->params[i].acc = NULL;
    }
    t->has_grads = false;
}

static void free_node(nd__ad_node *n) {
    for (int k = 0; k < ND_AD_MAX_IN; k++)
        if (n->owned & (1u << k)) nd_free((nd_array *)n->in[k]);
    nd_free(n->out);
    nd_free(n->grad);
    free(n->params);
}

static void forget(nd_tape *t) {
    free_grads(t);
    for (int64_t i = 0; i < t->len; i++) free_node(&t->nodes[i]);
    for (int64_t i = 0; i < t->nparams; i++) {
        nd_free(t->params[i].view);
        nd__ad_param_drop(t->params[i].p);
    }
    t->len = 0;
    t->nparams = 0;
    nd__ad_map_clear(&t->index);
    nd__ad_map_clear(&t->pindex);
}

nd_status nd_tape_clear(nd_tape *t) {
    nd_status st = check_tape("nd_tape_clear", t);
    if (st != ND_OK) return st;
    forget(t);
    return ND_OK;
}

void nd_tape_free(nd_tape *t) {
    if (!t) return;
    pthread_mutex_lock(&g_live_lock);
    bool live = nd__ad_map_get(&g_live, t) >= 0;
    if (live) nd__ad_map_del(&g_live, t);
    pthread_mutex_unlock(&g_live_lock);
    if (!live) return;
    forget(t);
    free(t->nodes);
    free(t->params);
    nd__ad_map_free(&t->index);
    nd__ad_map_free(&t->pindex);
    free(t);
}

int64_t nd_tape_size(const nd_tape *t) {
    if (!t) {
        null_arg("nd_tape_size", "t");
        return -1;
    }
    return t->len;
}

nd_status nd_tape_retain_grads(nd_tape *t, bool retain) {
    if (!t) return null_arg("nd_tape_retain_grads", "t");
    t->retain = retain;
    return ND_OK;
}

/* ---------------------------------------------------------------- recording */

nd_array *nd__ad_alias(const nd_array *a) {
    return nd_reshape_view(a, nd_ndim(a), nd_shape(a));
}

/* The tape's slot for parameter a (added on first use), -1 if a is not a
 * parameter, -2 if memory ran out. */
static int64_t param_slot(nd_tape *t, const nd_array *a) {
    if (!nd__ad_any_params()) return -1;
    nd__ad_param *p = nd__ad_param_acquire(a);
    if (!p) return -1;
    int64_t slot = nd__ad_map_get(&t->pindex, p);
    if (slot >= 0) {
        nd__ad_param_drop(p); /* the tape holds one reference already */
        return slot;
    }
    if (t->nparams == t->pcap) {
        int64_t cap = t->pcap ? 2 * t->pcap : 8;
        tape_param *np = realloc(t->params, (size_t)cap * sizeof *np);
        if (!np) goto nomem;
        t->params = np;
        t->pcap = cap;
    }
    nd_array *view = nd_scope_release(nd__ad_alias(a));
    if (!view) goto nomem;
    if (!nd__ad_map_put(&t->pindex, p, t->nparams)) {
        nd_free(view);
        goto nomem;
    }
    t->params[t->nparams] = (tape_param){p, view, NULL};
    return t->nparams++;
nomem:
    nd__ad_param_drop(p);
    return -2;
}

nd_array *nd__ad_run(nd_tape *t, nd__ad_op op, const nd_array *const *in, const void *params,
                     size_t params_size) {
    const nd__ad_rule *r = &nd__ad_rules[op];
    if (!r->forward || !r->backward) { /* an op added to ND_AD_OPS without its table entry */
        nd_set_error(ND_ERR_UNSUPPORTED, r->name ? r->name : "nd_ad", "no gradient rule for operation %d",
                     (int)op);
        return NULL;
    }
    unsigned long mark = nd_error_mark();
    nd_array *out = r->forward(in, params);
    if (!out) {
        nd_error_relabel(r->name, mark);
        return NULL;
    }
    if (!t) return out;
    nd_scope_release(out);
    nd__ad_node n;
    memset(&n, 0, sizeof n);
    n.op = (uint8_t)op;
    n.out = out;
    if (t->len == t->cap) {
        int64_t cap = t->cap ? 2 * t->cap : 64;
        nd__ad_node *nn = realloc(t->nodes, (size_t)cap * sizeof *nn);
        if (!nn) goto nomem;
        t->nodes = nn;
        t->cap = cap;
    }
    for (int k = 0; k < r->nin; k++) {
        const nd_array *a = in[k];
        bool saved = (r->saves >> k) & 1u;
        bool diff = ((r->diff >> k) & 1u) && nd_dtype_is_float(nd_dtype_of(a));
        int64_t v = nd__ad_map_get(&t->index, a);
        if (v >= 0) {
            n.kind[k] = ND_AD_VALUE;
            n.src[k] = v;
            n.in[k] = t->nodes[v].out;
            if (diff && t->nodes[v].needs) n.needs |= (uint8_t)(1u << k);
        } else if (diff && (v = param_slot(t, a)) != -1) {
            if (v == -2) goto nomem;
            n.kind[k] = ND_AD_PARAM;
            n.src[k] = v;
            n.in[k] = t->params[v].view;
            n.needs |= (uint8_t)(1u << k);
        } else {
            n.kind[k] = ND_AD_CONST;
            n.src[k] = -1;
            if (saved) {
                nd_array *view = nd_scope_release(nd__ad_alias(a));
                if (!view) goto nomem;
                n.in[k] = view;
                n.owned |= (uint8_t)(1u << k);
            }
        }
        if (saved) n.version[k] = nd_data_version(n.in[k]);
    }
    /* an output nothing differentiable flows into needs no rule: record it
     * (the tape owns it) but save nothing */
    if (!n.needs) {
        for (int k = 0; k < r->nin; k++)
            if (n.owned & (1u << k)) nd_free((nd_array *)n.in[k]);
        n.owned = 0;
        memset((void *)n.in, 0, sizeof n.in);
    } else {
        if (r->saves & ND_AD_SAVE_OUT) n.version[ND_AD_MAX_IN] = nd_data_version(out);
        if (params_size) {
            n.params = malloc(params_size);
            if (!n.params) goto nomem;
            memcpy(n.params, params, params_size);
        }
    }
    if (!nd__ad_map_put(&t->index, out, t->len)) goto nomem;
    t->nodes[t->len++] = n;
    return out;
nomem:
    for (int k = 0; k < ND_AD_MAX_IN; k++)
        if (n.owned & (1u << k)) nd_free((nd_array *)n.in[k]);
    free(n.params);
    nd_free(out);
    nd_set_error(ND_ERR_NOMEM, r->name, "out of memory recording the operation on the tape");
    return NULL;
}

/* ---------------------------------------------------------------- backward */

/* g summed over the axes along which it was broadcast against target, then
 * broadcast where target is larger, in target's dtype: the one place that
 * brings a rule's gradient back to its input's shape. */
static nd_array *to_shape_of(nd_array *g, const nd_array *target) {
    int gnd = nd_ndim(g), tnd = nd_ndim(target);
    const int64_t *gs = nd_shape(g), *ts = nd_shape(target);
    if (gnd > tnd || gnd == tnd) {
        int lead = gnd - tnd, naxes = 0, axes[ND_MAX_DIMS];
        int64_t kept[ND_MAX_DIMS];
        for (int i = 0; i < lead; i++) axes[naxes++] = i;
        for (int j = 0; j < tnd; j++) {
            kept[j] = gs[lead + j];
            if (ts[j] == 1 && gs[lead + j] != 1) {
                axes[naxes++] = lead + j;
                kept[j] = 1;
            }
        }
        if (naxes) g = nd_reshape(nd_sum(g, naxes, axes, true), tnd, kept);
    }
    if (!g) return NULL;
    bool same = nd_ndim(g) == tnd;
    for (int j = 0; same && j < tnd; j++) same = nd_shape(g)[j] == ts[j];
    if (!same) g = nd_broadcast_to(g, tnd, ts);
    if (g && nd_dtype_of(g) != nd_dtype_of(target)) g = nd_astype(g, nd_dtype_of(target));
    return g;
}

/* slot += g (slot empty: slot = g), out of every scope. */
static bool accumulate(nd_array **slot, nd_array *g) {
    if (!*slot) {
        *slot = nd_scope_release(g);
        return true;
    }
    nd_array *sum = nd_add(*slot, g);
    if (!sum) return false;
    nd_free(*slot);
    *slot = nd_scope_release(sum);
    return true;
}

/* Marks the operations loss depends on through differentiable inputs, and
 * checks that what they saved is unchanged and their parameters live. */
static nd_status reach(const char *fn, nd_tape *t, int64_t top, uint8_t *mark) {
    mark[top] = 1;
    for (int64_t i = top; i >= 0; i--) {
        if (!mark[i]) continue;
        const nd__ad_node *n = &t->nodes[i];
        const nd__ad_rule *r = &nd__ad_rules[n->op];
        if (!n->needs) continue;
        for (int k = 0; k < r->nin; k++) {
            if (((r->saves >> k) & 1u) && n->in[k] && nd_data_version(n->in[k]) != n->version[k])
                return nd_set_error(ND_ERR_VALUE, fn,
                                    "an input of %s (operation %lld) was changed in place after it was "
                                    "recorded", r->name, (long long)i);
            if (!((n->needs >> k) & 1u)) continue;
            if (n->kind[k] == ND_AD_VALUE) mark[n->src[k]] = 1;
            if (n->kind[k] == ND_AD_PARAM && t->params[n->src[k]].p->released)
                return nd_set_error(ND_ERR_VALUE, fn,
                                    "a parameter input of %s (operation %lld) was released "
                                    "(nd_release_grad) after it was recorded", r->name, (long long)i);
        }
        if ((r->saves & ND_AD_SAVE_OUT) && nd_data_version(n->out) != n->version[ND_AD_MAX_IN])
            return nd_set_error(ND_ERR_VALUE, fn,
                                "the result of %s (operation %lld) was changed in place after it was "
                                "recorded", r->name, (long long)i);
    }
    return ND_OK;
}

/* Runs node i's rule on its gradient and passes the results on. */
static nd_status step(const char *fn, nd_tape *t, int64_t i) {
    nd__ad_node *n = &t->nodes[i];
    const nd__ad_rule *r = &nd__ad_rules[n->op];
    unsigned long mark = nd_error_mark();
    nd_scope *s = nd_scope_begin();
    if (!s) return nd_error_relabel(fn, mark);
    nd__ad_ctx c = {n->in, n->out, n->grad, n->params, n->needs};
    nd_array *gin[ND_AD_MAX_IN] = {NULL, NULL, NULL};
    nd_status st = r->backward(&c, gin);
    for (int k = 0; st == ND_OK && k < r->nin; k++) {
        if (!((n->needs >> k) & 1u)) continue;
        if (!gin[k]) {
            st = nd_last_status() != ND_OK ? nd_last_status()
                                           : nd_set_error(ND_ERR_VALUE, fn, "%s gave no gradient", r->name);
            break;
        }
        bool value = n->kind[k] == ND_AD_VALUE;
        const nd_array *target = value ? t->nodes[n->src[k]].out : t->params[n->src[k]].view;
        nd_array *g = to_shape_of(gin[k], target);
        if (!g || !accumulate(value ? &t->nodes[n->src[k]].grad : &t->params[n->src[k]].acc, g))
            st = nd_last_status();
    }
    nd_scope_end(s);
    if (st != ND_OK) {
        nd_error_relabel(fn, mark);
        if (nd_last_status() == ND_OK) st = nd_set_error(st, fn, "the rule of %s failed", r->name);
        return nd_last_status();
    }
    return ND_OK;
}

nd_status nd_backward(nd_tape *t, const nd_array *loss, const nd_array *seed) {
    static const char fn[] = "nd_backward";
    nd_status st = check_tape(fn, t);
    if (st != ND_OK) return st;
    if (!loss) return null_arg(fn, "loss");
    int64_t top = nd__ad_map_get(&t->index, loss);
    if (top < 0)
        return nd_set_error(ND_ERR_VALUE, fn,
                            "loss is not a value recorded on this tape (a constant, a parameter, or a "
                            "value of a tape cleared since)");
    char s1[96], s2[96];
    if (!nd_dtype_is_float(nd_dtype_of(loss)))
        return nd_set_error(ND_ERR_DTYPE, fn, "loss has dtype %s; gradients need float32 or float64",
                            nd_dtype_name(nd_dtype_of(loss)));
    if (!seed && nd_ndim(loss) != 0) {
        shape_str(s1, sizeof s1, loss);
        return nd_set_error(ND_ERR_SHAPE, fn,
                            "loss has shape %s: backward from a non-scalar needs a seed of that shape", s1);
    }
    if (seed) {
        bool same = nd_ndim(seed) == nd_ndim(loss);
        for (int j = 0; same && j < nd_ndim(loss); j++) same = nd_shape(seed)[j] == nd_shape(loss)[j];
        if (!same) {
            shape_str(s1, sizeof s1, seed);
            shape_str(s2, sizeof s2, loss);
            return nd_set_error(ND_ERR_SHAPE, fn, "seed has shape %s, loss has shape %s", s1, s2);
        }
    }
    unsigned long mark = nd_error_mark();
    uint8_t *reached = calloc((size_t)top + 1, 1);
    if (!reached) return nd_set_error(ND_ERR_NOMEM, fn, "out of memory");
    st = reach(fn, t, top, reached);
    if (st != ND_OK) {
        free(reached);
        return st;
    }
    free_grads(t);
    nd_array *g0 = seed ? nd_astype(seed, nd_dtype_of(loss)) : nd_ones_like(loss);
    if (g0 && seed && nd_may_share_memory(g0, seed)) g0 = nd_copy(g0); /* never alias the caller's */
    if (!g0) {
        free(reached);
        return nd_error_relabel(fn, mark);
    }
    t->nodes[top].grad = nd_scope_release(g0);
    for (int64_t i = top; i >= 0 && st == ND_OK; i--) {
        nd__ad_node *n = &t->nodes[i];
        if (!n->grad) continue;
        if (n->needs && reached[i]) st = step(fn, t, i);
        if (!t->retain) {
            nd_free(n->grad);
            n->grad = NULL;
        }
    }
    free(reached);
    /* commit: every parameter's contribution, all computed, into its gradient;
     * the first gradients of parameters are made first, so a failure there
     * leaves every parameter as it was */
    nd_array **fresh = st == ND_OK && t->nparams ? calloc((size_t)t->nparams, sizeof *fresh) : NULL;
    if (st == ND_OK && t->nparams && !fresh) st = nd_set_error(ND_ERR_NOMEM, fn, "out of memory");
    for (int64_t j = 0; j < t->nparams && st == ND_OK; j++) {
        if (!t->params[j].acc || nd__ad_param_has_grad(t->params[j].p)) continue;
        fresh[j] = nd_scope_release(nd_copy(t->params[j].acc)); /* its own memory */
        if (!fresh[j]) st = nd_error_relabel(fn, mark);
    }
    for (int64_t j = 0; j < t->nparams && st == ND_OK; j++) {
        if (!t->params[j].acc) continue;
        st = nd__ad_param_accumulate(fn, t->params[j].p, t->params[j].acc, fresh[j]);
        fresh[j] = NULL;
    }
    for (int64_t j = 0; fresh && j < t->nparams; j++) nd_free(fresh[j]);
    free(fresh);
    for (int64_t j = 0; j < t->nparams; j++) {
        nd_free(t->params[j].acc);
        t->params[j].acc = NULL;
    }
    if (st != ND_OK) {
        free_grads(t);
        return st;
    }
    t->has_grads = t->retain;
    return ND_OK;
}

nd_array *nd_tape_grad(nd_tape *t, const nd_array *value) {
    static const char fn[] = "nd_tape_grad";
    if (check_tape(fn, t) != ND_OK) return NULL;
    if (!value) {
        null_arg(fn, "value");
        return NULL;
    }
    int64_t i = nd__ad_map_get(&t->index, value);
    if (i < 0) {
        nd_set_error(ND_ERR_VALUE, fn, "value is not recorded on this tape");
        return NULL;
    }
    if (!t->retain) {
        nd_set_error(ND_ERR_VALUE, fn, "the tape does not retain gradients (see nd_tape_retain_grads)");
        return NULL;
    }
    return t->nodes[i].grad;
}
