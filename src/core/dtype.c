/* Dtype facts, NumPy's promotion table and casting rules. */
#include "core.h"

#include <stdio.h>

const nd_dtype_info nd__dtypes[ND_NUM_DTYPES] = {
    [ND_BOOL] = {"bool", 1, ND_KIND_BOOL},
    [ND_INT8] = {"int8", 1, ND_KIND_INT},
    [ND_INT16] = {"int16", 2, ND_KIND_INT},
    [ND_INT32] = {"int32", 4, ND_KIND_INT},
    [ND_INT64] = {"int64", 8, ND_KIND_INT},
    [ND_UINT8] = {"uint8", 1, ND_KIND_UINT},
    [ND_UINT16] = {"uint16", 2, ND_KIND_UINT},
    [ND_UINT32] = {"uint32", 4, ND_KIND_UINT},
    [ND_UINT64] = {"uint64", 8, ND_KIND_UINT},
    [ND_FLOAT32] = {"float32", 4, ND_KIND_FLOAT},
    [ND_FLOAT64] = {"float64", 8, ND_KIND_FLOAT},
};

const char *nd_dtype_name(nd_dtype dt) { return nd__valid_dtype(dt) ? nd__dtypes[dt].name : NULL; }
size_t nd_dtype_size(nd_dtype dt) { return nd__valid_dtype(dt) ? nd__dtypes[dt].size : 0; }
bool nd_dtype_is_float(nd_dtype dt) { return nd__valid_dtype(dt) && nd__kind(dt) == ND_KIND_FLOAT; }
bool nd_dtype_is_integer(nd_dtype dt) {
    return nd__valid_dtype(dt) && (nd__kind(dt) == ND_KIND_INT || nd__kind(dt) == ND_KIND_UINT);
}
bool nd_dtype_is_signed(nd_dtype dt) {
    return nd__valid_dtype(dt) && (nd__kind(dt) == ND_KIND_INT || nd__kind(dt) == ND_KIND_FLOAT);
}

static nd_dtype signed_of_size(size_t size) {
    switch (size) {
    case 1: return ND_INT8;
    case 2: return ND_INT16;
    case 4: return ND_INT32;
    default: return ND_INT64;
    }
}

nd_dtype nd_promote_types(nd_dtype a, nd_dtype b) {
    if (!nd__valid_dtype(a) || !nd__valid_dtype(b)) {
        nd__error(ND_ERR_DTYPE, "nd_promote_types", "invalid dtype %d", !nd__valid_dtype(a) ? (int)a : (int)b);
        return ND_NUM_DTYPES;
    }
    if (a == b) return a;
    nd_kind ka = nd__kind(a), kb = nd__kind(b);
    size_t sa = nd__itemsize(a), sb = nd__itemsize(b);
    if (ka == ND_KIND_BOOL) return b;
    if (kb == ND_KIND_BOOL) return a;
    if (ka == ND_KIND_FLOAT || kb == ND_KIND_FLOAT) {
        if (ka == ND_KIND_FLOAT && kb == ND_KIND_FLOAT) return sa > sb ? a : b;
        nd_dtype f = ka == ND_KIND_FLOAT ? a : b;
        size_t isz = ka == ND_KIND_FLOAT ? sb : sa;
        /* float32 holds 8- and 16-bit integers exactly; wider ones need float64 */
        return (f == ND_FLOAT32 && isz <= 2) ? ND_FLOAT32 : ND_FLOAT64;
    }
    if (ka == kb) return sa > sb ? a : b;
    /* one signed, one unsigned */
    size_t ssz = ka == ND_KIND_INT ? sa : sb, usz = ka == ND_KIND_UINT ? sa : sb;
    if (usz < ssz) return signed_of_size(ssz);
    if (usz == 8) return ND_FLOAT64; /* uint64 with a signed int: no integer holds both */
    return signed_of_size(usz * 2);
}

nd_dtype nd_result_type(const nd_array *a, const nd_array *b) {
    if (!a || !b) {
        nd__null_arg("nd_result_type", a ? "b" : "a");
        return ND_NUM_DTYPES;
    }
    nd_dtype dts[2] = {a->dtype, b->dtype}, eff[2];
    bool weak[2] = {nd__is_weak(a), nd__is_weak(b)};
    return nd__promote_n(nd__effective_dtypes(2, dts, weak, eff), eff);
}

void nd__promo_add(nd__promo *p, nd_dtype dt) {
    p->fold = p->fold == ND_NUM_DTYPES ? dt : nd_promote_types(p->fold, dt);
    p->any_float |= nd__kind(dt) == ND_KIND_FLOAT;
    p->wide |= nd_promote_types(ND_FLOAT32, dt) == ND_FLOAT64;
}

nd_dtype nd__promo_result(const nd__promo *p) {
    /* NumPy promotes each operand with the widest float present, then
     * those results together: float64 if any operand needs it */
    if (p->any_float) return p->wide ? ND_FLOAT64 : ND_FLOAT32;
    return p->fold;
}

nd_dtype nd__promote_n(int n, const nd_dtype *dts) {
    nd__promo p = ND__PROMO_INIT;
    for (int k = 0; k < n; k++) nd__promo_add(&p, dts[k]);
    return nd__promo_result(&p);
}

nd_dtype nd_promote_types_n(int n, const nd_dtype *dtypes) {
    static const char fn[] = "nd_promote_types_n";
    if (n < 1) {
        nd__error(ND_ERR_VALUE, fn, "at least one dtype is required (got %d)", n);
        return ND_NUM_DTYPES;
    }
    if (!dtypes) {
        nd__null_arg(fn, "dtypes");
        return ND_NUM_DTYPES;
    }
    for (int k = 0; k < n; k++)
        if (!nd__valid_dtype(dtypes[k])) {
            nd__error(ND_ERR_DTYPE, fn, "invalid dtype %d (dtypes[%d])", (int)dtypes[k], k);
            return ND_NUM_DTYPES;
        }
    return nd__promote_n(n, dtypes);
}

nd_dtype nd_result_type_n(int n, const nd_array *const *arrays) {
    static const char fn[] = "nd_result_type_n";
    if (n < 1) {
        nd__error(ND_ERR_VALUE, fn, "at least one array is required (got %d)", n);
        return ND_NUM_DTYPES;
    }
    if (!arrays) {
        nd__null_arg(fn, "arrays");
        return ND_NUM_DTYPES;
    }
    if (!nd__check_arrays(fn, "arrays", n, arrays)) return ND_NUM_DTYPES;
    nd__promo p = ND__PROMO_INIT; /* the weak operands (int64, float64), folded */
    bool any_strong = false, any_weak = false;
    for (int k = 0; k < n; k++) {
        any_strong |= !nd__is_weak(arrays[k]);
        any_weak |= nd__is_weak(arrays[k]);
    }
    if (!any_strong || !any_weak) {
        for (int k = 0; k < n; k++) nd__promo_add(&p, arrays[k]->dtype);
        return nd__promo_result(&p);
    }
    /* the strong operands' promotion, then the weak ones' kind when higher */
    nd__promo s = ND__PROMO_INIT;
    for (int k = 0; k < n; k++) {
        if (nd__is_weak(arrays[k])) nd__promo_add(&p, arrays[k]->dtype);
        else nd__promo_add(&s, arrays[k]->dtype);
    }
    nd_dtype strong = nd__promo_result(&s), weak = nd__promo_result(&p);
    nd_dtype two[2] = {strong, weak}, eff[2];
    bool wk[2] = {false, true};
    return nd__promote_n(nd__effective_dtypes(2, two, wk, eff), eff);
}

static int kind_order(nd_kind k) {
    switch (k) {
    case ND_KIND_BOOL: return 0;
    case ND_KIND_UINT: return 1;
    case ND_KIND_INT: return 2;
    default: return 3;
    }
}

bool nd_can_cast(nd_dtype from, nd_dtype to, nd_casting casting) {
    if (!nd__valid_dtype(from) || !nd__valid_dtype(to)) return false;
    switch (casting) {
    case ND_CAST_NO: return from == to;
    case ND_CAST_SAFE: return from == to || nd_promote_types(from, to) == to;
    case ND_CAST_SAME_KIND:
        return from == to || nd_promote_types(from, to) == to ||
               kind_order(nd__kind(from)) <= kind_order(nd__kind(to));
    case ND_CAST_UNSAFE: return true;
    }
    return false;
}

nd_dtype nd__sum_dtype(nd_dtype dt) {
    switch (nd__kind(dt)) {
    case ND_KIND_BOOL:
    case ND_KIND_INT: return ND_INT64;
    case ND_KIND_UINT: return ND_UINT64;
    default: return dt;
    }
}
