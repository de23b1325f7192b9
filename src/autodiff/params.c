/* Parameters: the process-wide registry from array handles to their
 * gradients (nd_requires_grad, nd_grad, nd_zero_grad, nd_release_grad).
 * A handle is the identity PyTorch gives a leaf tensor; the registry cannot
 * see nd_free, hence nd_release_grad. */
#include "autodiff/ad.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static nd__ad_map g_params; /* handle -> nd__ad_param * (as int64) */
static atomic_long g_count;

static nd__ad_param *lookup(const nd_array *a) {
    int64_t v = nd__ad_map_get(&g_params, a);
    return v < 0 ? NULL : (nd__ad_param *)(uintptr_t)v;
}

static nd_status null_arg(const char *fn, const char *name) {
    if (nd_last_status() != ND_OK) return ND_ERR_NULL;
    return nd_set_error(ND_ERR_NULL, fn, "argument '%s' is NULL", name);
}

bool nd__ad_any_params(void) { return atomic_load_explicit(&g_count, memory_order_relaxed) > 0; }

nd__ad_param *nd__ad_param_acquire(const nd_array *a) {
    pthread_mutex_lock(&g_lock);
    nd__ad_param *p = lookup(a);
    if (p) p->refs++;
    pthread_mutex_unlock(&g_lock);
    return p;
}

void nd__ad_param_drop(nd__ad_param *p) {
    if (!p) return;
    pthread_mutex_lock(&g_lock);
    bool last = --p->refs == 0;
    pthread_mutex_unlock(&g_lock);
    if (last) {
        nd_free(p->grad);
        free(p);
    }
}

bool nd__ad_param_has_grad(nd__ad_param *p) {
    pthread_mutex_lock(&g_lock);
    bool r = p->grad != NULL;
    pthread_mutex_unlock(&g_lock);
    return r;
}

nd_status nd__ad_param_accumulate(const char *fn, nd__ad_param *p, const nd_array *g, nd_array *fresh) {
    unsigned long mark = nd_error_mark();
    nd_status st = ND_OK;
    pthread_mutex_lock(&g_lock);
    if (p->grad) {
        st = nd_add_inplace(p->grad, g);
    } else if (fresh) {
        p->grad = fresh; /* a copy of its own: g may share memory with other gradients */
        fresh = NULL;
    } else {
        nd_array *c = nd_scope_release(nd_copy(g));
        if (c) p->grad = c;
        else st = nd_last_status();
    }
    pthread_mutex_unlock(&g_lock);
    nd_free(fresh);
    return st == ND_OK ? ND_OK : nd_error_relabel(fn, mark);
}

nd_status nd_requires_grad(nd_array *a) {
    static const char fn[] = "nd_requires_grad";
    if (!a) return null_arg(fn, "a");
    nd_dtype dt = nd_dtype_of(a);
    if (!nd_dtype_is_float(dt))
        return nd_set_error(ND_ERR_DTYPE, fn,
                            "only float32 and float64 arrays can carry a gradient, not %s",
                            nd_dtype_name(dt));
    nd_status st = ND_OK;
    pthread_mutex_lock(&g_lock);
    if (!lookup(a)) {
        nd__ad_param *p = calloc(1, sizeof *p);
        if (p && nd__ad_map_put(&g_params, a, (int64_t)(uintptr_t)p)) {
            p->key = a;
            p->refs = 1;
            atomic_fetch_add(&g_count, 1);
        } else {
            free(p);
            st = nd_set_error(ND_ERR_NOMEM, fn, "out of memory registering a parameter");
        }
    }
    pthread_mutex_unlock(&g_lock);
    return st;
}

bool nd_is_param(const nd_array *a) {
    if (!a || !nd__ad_any_params()) return false;
    pthread_mutex_lock(&g_lock);
    bool r = lookup(a) != NULL;
    pthread_mutex_unlock(&g_lock);
    return r;
}

nd_array *nd_grad(const nd_array *a) {
    static const char fn[] = "nd_grad";
    if (!a) {
        null_arg(fn, "a");
        return NULL;
    }
    pthread_mutex_lock(&g_lock);
    nd__ad_param *p = lookup(a);
    nd_array *g = p ? p->grad : NULL;
    pthread_mutex_unlock(&g_lock);
    if (!p) nd_set_error(ND_ERR_VALUE, fn, "the array is not a parameter (see nd_requires_grad)");
    return g;
}

nd_status nd_zero_grad(nd_array *a) {
    static const char fn[] = "nd_zero_grad";
    if (!a) return null_arg(fn, "a");
    unsigned long mark = nd_error_mark();
    pthread_mutex_lock(&g_lock);
    nd__ad_param *p = lookup(a);
    nd_status st = !p ? ND_ERR_VALUE : p->grad ? nd_fill(p->grad, 0.0) : ND_OK;
    pthread_mutex_unlock(&g_lock);
    if (!p) return nd_set_error(ND_ERR_VALUE, fn, "the array is not a parameter (see nd_requires_grad)");
    return st == ND_OK ? ND_OK : nd_error_relabel(fn, mark);
}

void nd_release_grad(nd_array *a) {
    if (!a) return;
    pthread_mutex_lock(&g_lock);
    nd__ad_param *p = lookup(a);
    if (p) {
        nd__ad_map_del(&g_params, a);
        atomic_fetch_sub(&g_count, 1);
        p->released = true;
        nd_free(p->grad);
        p->grad = NULL;
    }
    pthread_mutex_unlock(&g_lock);
    if (p) nd__ad_param_drop(p);
}
