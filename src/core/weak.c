/* Weak scalars (NEP 50): 0-d arrays that promote as Python's int and float
 * do, the stack handles the scalar operations use instead of allocating,
 * and the promotion rule that gives weak operands their say. */
#include "core.h"

/* Stack handles need a buffer (the handle invariant: never NULL); nothing
 * retains or releases this one, as stack handles are never viewed or
 * freed. */
static nd_buffer g_stack_buffer;

void nd__scalar_view(nd_array *h, nd_dtype dt, void *elem, bool weak) {
    h->dtype = dt;
    h->ndim = 0;
    h->size = 1;
    h->flags = ND_FLAG_C | ND_FLAG_F | ND_FLAG_WRITEABLE | (weak ? ND_FLAG_WEAK : 0);
    h->data = elem;
    h->buf = &g_stack_buffer;
}

/* NEP 50 compares kinds only: bool < integer (signed or not) < float. */
static int kind_level(nd_dtype dt) {
    switch (nd__kind(dt)) {
    case ND_KIND_BOOL: return 0;
    case ND_KIND_FLOAT: return 2;
    default: return 1;
    }
}

int nd__effective_dtypes(int n, const nd_dtype *dts, const bool *weak, nd_dtype *eff) {
    int m = 0;
    nd_dtype top_weak = ND_NUM_DTYPES;
    for (int k = 0; k < n; k++) {
        if (!weak[k]) {
            eff[m++] = dts[k];
        } else if (top_weak == ND_NUM_DTYPES || kind_level(dts[k]) > kind_level(top_weak)) {
            /* a weak operand is int64 or float64: its kind's default dtype */
            top_weak = nd__kind(dts[k]) == ND_KIND_FLOAT ? ND_FLOAT64 : ND_INT64;
        }
    }
    if (top_weak == ND_NUM_DTYPES) return m;
    if (m == 0 || kind_level(top_weak) > kind_level(nd__promote_n(m, eff))) eff[m++] = top_weak;
    return m;
}

static nd_array *weak_array(const char *fn, nd_dtype dt, const void *v) {
    nd_array *a = nd__alloc_array(fn, 0, NULL, dt);
    if (!a) return NULL;
    memcpy(a->data, v, 8);
    a->flags |= ND_FLAG_WEAK;
    return a;
}

nd_array *nd_weak(double v) { return weak_array("nd_weak", ND_FLOAT64, &v); }
nd_array *nd_weak_i64(int64_t v) { return weak_array("nd_weak_i64", ND_INT64, &v); }

bool nd_is_weak(const nd_array *a) {
    if (!a) {
        nd__null_arg("nd_is_weak", "a");
        return false;
    }
    return nd__is_weak(a);
}
