/* Shape manipulation: tile, repeat, pad, roll, roll_axes, rot90,
 * atleast_1d/2d/3d, meshgrid, tril and triu. Copies are written through
 * views of the result by the element-wise engine, never by per-dtype loops;
 * rot90 and atleast_nd return views. */
#include "ops/manip_util.h"

#include <stdio.h>

static int64_t min64(int64_t a, int64_t b) { return a < b ? a : b; }
static int64_t max64(int64_t a, int64_t b) { return a > b ? a : b; }

/* ------------------------------------------------------------ copies of any rank */

/* A copy's geometry in element strides. tile and repeat split result axes
 * in two (a repetition and the original extent), so it holds up to twice
 * ND_MAX_DIMS axes. */
#define GEOM_MAX (2 * ND_MAX_DIMS + 1)
typedef struct cgeom {
    int n;
    int64_t shape[GEOM_MAX], dst[GEOM_MAX], src[GEOM_MAX];
} cgeom;

static void cgeom_push(cgeom *g, int64_t len, int64_t dst_stride, int64_t src_stride) {
    g->shape[g->n] = len;
    g->dst[g->n] = dst_stride;
    g->src[g->n] = src_stride;
    g->n++;
}

static nd_status copy_run(const char *fn, nd_array *dst, const char *dd, const nd_array *src,
                          const char *sd, const cgeom *g, int first) {
    if (g->n - first > ND_MAX_DIMS) {
        /* more axes than the engine takes even after merging, which needs
         * over 2^32 elements: walk the outermost one here */
        int64_t dsz = (int64_t)nd__itemsize(dst->dtype), ssz = (int64_t)nd__itemsize(src->dtype);
        for (int64_t k = 0; k < g->shape[first]; k++) {
            nd_status st = copy_run(fn, dst, dd + k * g->dst[first] * dsz, src,
                                    sd + k * g->src[first] * ssz, g, first + 1);
            if (st != ND_OK) return st;
        }
        return ND_OK;
    }
    nd_array dv, sv;
    nd__temp_view(&dv, dst, dd, g->n - first, g->shape + first, g->dst + first);
    nd__temp_view(&sv, src, sd, g->n - first, g->shape + first, g->src + first);
    return nd__assign(fn, &dv, &sv);
}

/* Copies src's memory at sd into dst's memory at dd over g (outermost axis
 * first; a source stride of 0 repeats). Length-1 axes are dropped and axes
 * contiguous with the next one in both operands merged, so that the engine
 * sees as few axes as possible. */
static nd_status copy_geom(const char *fn, nd_array *dst, const char *dd, const nd_array *src,
                           const char *sd, const cgeom *in) {
    cgeom g;
    g.n = 0;
    for (int i = 0; i < in->n; i++) {
        int64_t len = in->shape[i];
        if (len == 0) return ND_OK;
        if (len == 1) continue;
        int64_t dw, sw;
        if (g.n > 0 && !nd__mul_overflow(in->dst[i], len, &dw) &&
            !nd__mul_overflow(in->src[i], len, &sw) && g.dst[g.n - 1] == dw && g.src[g.n - 1] == sw) {
            g.shape[g.n - 1] *= len;
            g.dst[g.n - 1] = in->dst[i];
            g.src[g.n - 1] = in->src[i];
            continue;
        }
        cgeom_push(&g, len, in->dst[i], in->src[i]);
    }
    return copy_run(fn, dst, dd, src, sd, &g, 0);
}

/* A temp view of a's elements along axis from index start, count of them,
 * backwards when reverse (start is then the first index read). */
static void axis_range(nd_array *v, const nd_array *a, int axis, int64_t start, int64_t count,
                       bool reverse) {
    int64_t shape[ND_MAX_DIMS], strides[ND_MAX_DIMS];
    memcpy(shape, a->shape, sizeof(int64_t) * (size_t)a->ndim);
    memcpy(strides, a->strides, sizeof(int64_t) * (size_t)a->ndim);
    shape[axis] = count;
    if (reverse) strides[axis] = -strides[axis];
    const char *data = a->data;
    if (count > 0 && a->size > 0)
        data += start * a->strides[axis] * (int64_t)nd__itemsize(a->dtype);
    nd__temp_view(v, a, data, a->ndim, shape, strides);
}

/* a's elements in C order as a 1-D temp view: of a itself when one stride
 * walks them, else of a C-contiguous copy left in *owned for the caller to
 * free. */
static bool flat_source(const char *fn, const nd_array *a, nd_array *view, nd_array **owned) {
    *owned = NULL;
    int64_t stride = 1;
    int big = 0;
    for (int d = 0; d < a->ndim; d++)
        if (a->shape[d] != 1) {
            big++;
            stride = a->strides[d];
        }
    const nd_array *b = a;
    if (big > 1 && !(a->flags & ND_FLAG_C)) {
        nd_array *c = nd__alloc_array(fn, a->ndim, a->shape, a->dtype);
        if (!c) return false;
        if (nd__assign(fn, c, a) != ND_OK) {
            nd_free(c);
            return false;
        }
        *owned = c;
        b = c;
    }
    if (big > 1) stride = 1;
    nd__temp_view(view, b, b->data, 1, &b->size, &stride);
    return true;
}

/* ------------------------------------------------------------ tile, repeat */

nd_array *nd_tile(const nd_array *a, int nreps, const int64_t *reps) {
    static const char fn[] = "nd_tile";
    if (!nd__check_array(fn, "a", a)) return NULL;
    if (nreps < 0 || nreps > ND_MAX_DIMS) {
        nd__error(ND_ERR_VALUE, fn, "%d repetition counts given; expected 0 to %d", nreps, ND_MAX_DIMS);
        return NULL;
    }
    if (nreps > 0 && !reps) {
        nd__null_arg(fn, "reps");
        return NULL;
    }
    for (int i = 0; i < nreps; i++) {
        if (reps[i] < 0) {
            nd__error(ND_ERR_VALUE, fn, "negative dimensions are not allowed (reps[%d] is %lld)", i,
                      (long long)reps[i]);
            return NULL;
        }
    }
    /* both a's shape and reps are padded with leading 1s to the longer */
    int nd = a->ndim > nreps ? a->ndim : nreps;
    int64_t s[ND_MAX_DIMS], st[ND_MAX_DIMS], r[ND_MAX_DIMS], shape[ND_MAX_DIMS];
    for (int i = 0; i < nd; i++) {
        int ai = i - (nd - a->ndim), ri = i - (nd - nreps);
        s[i] = ai >= 0 ? a->shape[ai] : 1;
        st[i] = ai >= 0 ? a->strides[ai] : 0;
        r[i] = ri >= 0 ? reps[ri] : 1;
        if (nd__mul_overflow(s[i], r[i], &shape[i])) {
            nd__error(ND_ERR_OVERFLOW, fn, "the result's length along axis %d (%lld x %lld) overflows", i,
                      (long long)s[i], (long long)r[i]);
            return NULL;
        }
    }
    nd_array *res = nd__alloc_array(fn, nd, shape, a->dtype);
    if (!res || res->size == 0) return res;
    /* result axis i of length r*s is viewed as (r, s): the repetition
     * steps over a whole copy of the axis, the source repeats along it */
    cgeom g;
    g.n = 0;
    for (int i = 0; i < nd; i++) {
        cgeom_push(&g, r[i], s[i] * res->strides[i], 0);
        cgeom_push(&g, s[i], res->strides[i], st[i]);
    }
    if (copy_geom(fn, res, res->data, a, a->data, &g) != ND_OK) {
        nd_free(res);
        return NULL;
    }
    return res;
}

/* Below this many elements per position along the axis, repeat with
 * per-element counts gathers instead of copying block by block. */
#define REPEAT_GATHER_BLOCK 32

static nd_array *repeat_body(const nd_array *a, int nrep, const int64_t *repeats, int axis) {
    static const char fn[] = "nd_repeat";
    if (!nd__check_array(fn, "a", a)) return NULL;
    if (nrep < 0) {
        nd__error(ND_ERR_VALUE, fn, "negative repeat count %d", nrep);
        return NULL;
    }
    if (nrep > 0 && !repeats) {
        nd__null_arg(fn, "repeats");
        return NULL;
    }
    /* the source: a, a flattened (ND_AXIS_NONE) or a 0-d a as 1-D, as NumPy */
    nd_array src, *owned = NULL;
    if (axis == ND_AXIS_NONE) {
        if (!flat_source(fn, a, &src, &owned)) return NULL;
        axis = 0;
    } else if (a->ndim == 0) {
        int64_t one = 1;
        nd__temp_view(&src, a, a->data, 1, &one, &one);
    } else {
        src = *a;
    }
    nd_array *res = NULL;
    if (!nd__norm_axis_flat(fn, &axis, src.ndim)) goto done;
    int64_t len = src.shape[axis], total = 0;
    if (nrep != 1 && nrep != len) {
        nd__error(ND_ERR_SHAPE, fn, "operands could not be broadcast together with shape (%lld,) (%d,)",
                  (long long)len, nrep);
        goto done;
    }
    for (int i = 0; i < nrep; i++) {
        if (repeats[i] < 0) {
            nd__error(ND_ERR_VALUE, fn, "repeats may not contain negative values (repeats[%d] is %lld)",
                      i, (long long)repeats[i]);
            goto done;
        }
    }
    bool over = nrep == 1 ? nd__mul_overflow(len, repeats[0], &total) : false;
    for (int i = 0; i < nrep && nrep != 1 && !over; i++) over = nd__add_overflow(total, repeats[i], &total);
    if (over) {
        nd__error(ND_ERR_OVERFLOW, fn, "the result's length along axis %d overflows", axis);
        goto done;
    }
    int64_t shape[ND_MAX_DIMS];
    memcpy(shape, src.shape, sizeof(int64_t) * (size_t)src.ndim);
    shape[axis] = total;
    res = nd__alloc_array(fn, src.ndim, shape, a->dtype);
    if (!res || res->size == 0) goto done;
    if (nrep != 1 && res->size / total < REPEAT_GATHER_BLOCK) {
        /* many small blocks: one gather of the source index of every
         * result position, rather than an engine call per element */
        nd_array *idx = nd__alloc_array(fn, 1, &total, ND_INT64);
        nd_status st = idx ? ND_OK : nd_last_status();
        if (idx) {
            int64_t *p = (int64_t *)idx->data;
            for (int64_t i = 0; i < len; i++)
                for (int64_t k = 0; k < repeats[i]; k++) *p++ = i;
            st = nd_take_out(&src, idx, axis, res);
        }
        nd_free(idx);
        if (st != ND_OK) {
            nd_free(res);
            res = NULL;
        }
        goto done;
    }
    /* runs of elements with the same count: result axis viewed as (run,
     * count) for each, the source repeating along the count */
    int64_t isz = (int64_t)nd__itemsize(a->dtype), out_off = 0;
    for (int64_t i = 0; i < len;) {
        int64_t rep = repeats[nrep == 1 ? 0 : i], run = 1;
        while (nrep != 1 && i + run < len && repeats[i + run] == rep) run++;
        if (nrep == 1) run = len;
        cgeom g;
        g.n = 0;
        for (int d = 0; d < src.ndim; d++) {
            if (d != axis) {
                cgeom_push(&g, shape[d], res->strides[d], src.strides[d]);
                continue;
            }
            cgeom_push(&g, run, rep * res->strides[d], src.strides[d]);
            cgeom_push(&g, rep, res->strides[d], 0);
        }
        if (rep > 0 && copy_geom(fn, res, res->data + out_off * res->strides[axis] * isz, &src,
                                 src.data + i * src.strides[axis] * isz, &g) != ND_OK) {
            nd_free(res);
            res = NULL;
            goto done;
        }
        out_off += run * rep;
        i += run;
    }
done:
    nd_free(owned);
    return res;
}

nd_array *nd_repeat(const nd_array *a, int nrep, const int64_t *repeats, int axis) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_array("nd_repeat", mark, repeat_body(a, nrep, repeats, axis));
}

/* ------------------------------------------------------------ pad */

/* Fills v (a temp view of the result) with a value as astype converts it. */
static nd_status fill_value(const char *fn, nd_array *v, const double *value) {
    nd_array c;
    nd__temp_view(&c, v, (const char *)value, 0, NULL, NULL);
    c.dtype = ND_FLOAT64;
    return nd__assign(fn, v, &c);
}

/* One step of np.pad's reflect/symmetric on the working region roi:
 * NumPy's _set_reflect_both, whose chunks may read values padded by the
 * previous step when the pad is wider than the axis. */
static nd_status reflect_step(const char *fn, const nd_array *roi, int axis, int64_t *left,
                              int64_t *right, bool symmetric) {
    int64_t len = roi->shape[axis], edge = symmetric ? 1 : 0;
    int64_t old = len - *right - *left - (symmetric ? 0 : 1);
    nd_array s, d;
    if (*left > 0) {
        int64_t chunk = min64(old, *left);
        /* indices left - edge + chunk down to left - edge + 1 */
        axis_range(&s, roi, axis, *left - edge + chunk, chunk, true);
        axis_range(&d, roi, axis, *left - chunk, chunk, false);
        nd_status st = nd__assign(fn, &d, &s);
        if (st != ND_OK) return st;
        *left -= chunk;
    }
    if (*right > 0) {
        int64_t chunk = min64(old, *right);
        axis_range(&s, roi, axis, len - *right + edge - 2, chunk, true);
        axis_range(&d, roi, axis, len - *right, chunk, false);
        nd_status st = nd__assign(fn, &d, &s);
        if (st != ND_OK) return st;
        *right -= chunk;
    }
    return ND_OK;
}

/* One step of np.pad's wrap (NumPy's _set_wrap_both). */
static nd_status wrap_step(const char *fn, const nd_array *roi, int axis, int64_t *left,
                           int64_t *right) {
    int64_t len = roi->shape[axis], period = len - *right - *left, nl = 0, nr = 0;
    nd_array s, d;
    if (*left > 0) {
        int64_t m = min64(period, *left);
        axis_range(&s, roi, axis, len - *right - m, m, false);
        if (*left > period) nl = *left - period;
        axis_range(&d, roi, axis, *left - m, m, false);
        nd_status st = nd__assign(fn, &d, &s);
        if (st != ND_OK) return st;
    }
    if (*right > 0) {
        int64_t m = min64(period, *right);
        axis_range(&s, roi, axis, *left, m, false);
        if (*right > period) nr = *right - period;
        axis_range(&d, roi, axis, len - *right, m, false);
        nd_status st = nd__assign(fn, &d, &s);
        if (st != ND_OK) return st;
    }
    *left = nl;
    *right = nr;
    return ND_OK;
}

/* Pads axis of the result, working (as NumPy) on roi: the whole result
 * along this axis and the axes before it, the original area along the
 * axes after it, which later axes then pad in turn. */
static nd_status pad_axis(const char *fn, const nd_array *roi, int axis, int64_t left,
                          int64_t right, nd_pad_mode mode, const double *value, int64_t orig_len) {
    int64_t len = roi->shape[axis];
    nd_array s, d;
    nd_status st = ND_OK;
    if (mode == ND_PAD_CONSTANT) {
        axis_range(&d, roi, axis, 0, left, false);
        st = fill_value(fn, &d, value);
        axis_range(&d, roi, axis, len - right, right, false);
        if (st == ND_OK) st = fill_value(fn, &d, value);
        return st;
    }
    /* NumPy pads a length-1 axis by repeating it under reflect too */
    if (mode == ND_PAD_EDGE || orig_len == 1) {
        if (left > 0) {
            axis_range(&s, roi, axis, left, 1, false);
            axis_range(&d, roi, axis, 0, left, false);
            st = nd__assign(fn, &d, &s);
        }
        if (st == ND_OK && right > 0) {
            axis_range(&s, roi, axis, len - right - 1, 1, false);
            axis_range(&d, roi, axis, len - right, right, false);
            st = nd__assign(fn, &d, &s);
        }
        return st;
    }
    while (st == ND_OK && (left > 0 || right > 0))
        st = mode == ND_PAD_WRAP ? wrap_step(fn, roi, axis, &left, &right)
                                 : reflect_step(fn, roi, axis, &left, &right, mode == ND_PAD_SYMMETRIC);
    return st;
}

nd_array *nd_pad(const nd_array *a, const int64_t *pad_width, nd_pad_mode mode,
                 double constant_value) {
    static const char fn[] = "nd_pad";
    if (!nd__check_array(fn, "a", a)) return NULL;
    if ((unsigned)mode > (unsigned)ND_PAD_WRAP) {
        nd__error(ND_ERR_VALUE, fn, "mode %d is not supported", (int)mode);
        return NULL;
    }
    if (a->ndim > 0 && !pad_width) {
        nd__null_arg(fn, "pad_width");
        return NULL;
    }
    int64_t shape[ND_MAX_DIMS];
    for (int i = 0; i < a->ndim; i++) {
        int64_t lo = pad_width[2 * i], hi = pad_width[2 * i + 1];
        if (lo < 0 || hi < 0) {
            nd__error(ND_ERR_VALUE, fn, "index can't contain negative values (pad_width[%d] is %lld)",
                      lo < 0 ? 2 * i : 2 * i + 1, (long long)(lo < 0 ? lo : hi));
            return NULL;
        }
        if (nd__add_overflow(a->shape[i], lo, &shape[i]) ||
            nd__add_overflow(shape[i], hi, &shape[i])) {
            nd__error(ND_ERR_OVERFLOW, fn, "the padded length of axis %d overflows", i);
            return NULL;
        }
    }
    if (mode != ND_PAD_CONSTANT && a->size == 0) {
        for (int i = 0; i < a->ndim; i++) {
            if (a->shape[i] == 0 && (pad_width[2 * i] || pad_width[2 * i + 1])) {
                nd__error(ND_ERR_VALUE, fn,
                          "can't extend empty axis %d using modes other than 'constant'", i);
                return NULL;
            }
        }
    }
    nd_array *r = nd__alloc_array(fn, a->ndim, shape, a->dtype);
    if (!r || r->size == 0) return r;
    int64_t isz = (int64_t)nd__itemsize(a->dtype);
    /* offset of the original area along the axes from axis on */
    int64_t off[ND_MAX_DIMS + 1];
    off[a->ndim] = 0;
    for (int i = a->ndim - 1; i >= 0; i--) off[i] = off[i + 1] + pad_width[2 * i] * r->strides[i];
    nd_array v;
    nd_status st = ND_OK;
    if (a->size > 0) {
        nd__temp_view(&v, r, r->data + off[0] * isz, a->ndim, a->shape, r->strides);
        st = nd__assign(fn, &v, a);
    }
    int64_t roi_shape[ND_MAX_DIMS];
    memcpy(roi_shape, a->shape, sizeof(int64_t) * (size_t)a->ndim);
    for (int i = 0; i < a->ndim && st == ND_OK; i++) {
        roi_shape[i] = r->shape[i];
        int64_t lo = pad_width[2 * i], hi = pad_width[2 * i + 1];
        if (lo == 0 && hi == 0) continue;
        /* an empty region writes nothing: keep its pointer inside r */
        bool empty = false;
        for (int j = i + 1; j < a->ndim; j++) empty |= a->shape[j] == 0;
        if (empty) continue;
        nd__temp_view(&v, r, r->data + off[i + 1] * isz, a->ndim, roi_shape, r->strides);
        st = pad_axis(fn, &v, i, lo, hi, mode, &constant_value, a->shape[i]);
    }
    if (st != ND_OK) {
        nd_free(r);
        return NULL;
    }
    return r;
}

/* ------------------------------------------------------------ roll */

/* At most this many axes are rolled in one pass: a pass copies 2^k blocks. */
#define ROLL_PASS_AXES 4

/* Copies src into dst (same shape) rolled by off[j] along axes[j], for k
 * axes with 0 < off < length. */
static nd_status roll_pass(const char *fn, const nd_array *src, nd_array *dst, int k,
                           const int *axes, const int64_t *off) {
    int64_t ssz = (int64_t)nd__itemsize(src->dtype), dsz = (int64_t)nd__itemsize(dst->dtype);
    for (int mask = 0; mask < (1 << k); mask++) {
        int64_t shape[ND_MAX_DIMS];
        memcpy(shape, src->shape, sizeof(int64_t) * (size_t)src->ndim);
        const char *sd = src->data;
        char *dd = dst->data;
        for (int j = 0; j < k; j++) {
            int ax = axes[j];
            int64_t len = src->shape[ax], o = off[j];
            if (!(mask >> j & 1)) { /* src[:len-o] -> dst[o:] */
                shape[ax] = len - o;
                dd += o * dst->strides[ax] * dsz;
            } else { /* src[len-o:] -> dst[:o] */
                shape[ax] = o;
                sd += (len - o) * src->strides[ax] * ssz;
            }
        }
        nd_array s, d;
        nd__temp_view(&s, src, sd, src->ndim, shape, src->strides);
        nd__temp_view(&d, dst, dd, dst->ndim, shape, dst->strides);
        nd_status st = nd__assign(fn, &d, &s);
        if (st != ND_OK) return st;
    }
    return ND_OK;
}

/* res = a rolled by off[ax] along every axis (0 <= off < length). More
 * than ROLL_PASS_AXES rolled axes go in passes through a scratch array,
 * arranged so that the last pass lands in res. */
static nd_status roll_into(const char *fn, const nd_array *a, nd_array *res, const int64_t *off) {
    int axes[ND_MAX_DIMS], k = 0;
    int64_t offs[ND_MAX_DIMS];
    for (int d = 0; d < a->ndim; d++)
        if (off[d] != 0) {
            axes[k] = d;
            offs[k++] = off[d];
        }
    if (res->size == 0) return ND_OK;
    if (k == 0) return nd__assign(fn, res, a);
    int passes = (k + ROLL_PASS_AXES - 1) / ROLL_PASS_AXES;
    nd_array *tmp = NULL;
    if (passes > 1) {
        tmp = nd__alloc_array(fn, res->ndim, res->shape, res->dtype);
        if (!tmp) return nd_last_status();
    }
    const nd_array *src = a;
    nd_status st = ND_OK;
    for (int p = 0; p < passes && st == ND_OK; p++) {
        nd_array *dst = (passes - 1 - p) % 2 == 0 ? res : tmp;
        int first = p * ROLL_PASS_AXES, n = min64(ROLL_PASS_AXES, k - first);
        st = roll_pass(fn, src, dst, n, axes + first, offs + first);
        src = dst;
    }
    nd_free(tmp);
    return st;
}

/* shift modulo len as Python's % does (len 0 counts as 1), added to acc. */
static int64_t add_shift(int64_t acc, int64_t shift, int64_t len) {
    int64_t m = len ? len : 1, o = shift % m;
    if (o < 0) o += m;
    return acc >= m - o ? acc - (m - o) : acc + o;
}

static nd_array *roll(const char *fn, const nd_array *a, int n, const int64_t *shifts,
                      const int *axes) {
    int64_t off[ND_MAX_DIMS] = {0};
    for (int i = 0; i < n; i++) {
        int ax = axes[i];
        if (nd__sentinel_entry(fn, i, ax) || !nd__norm_axis(fn, &ax, a->ndim)) return NULL;
        off[ax] = add_shift(off[ax], shifts[i], a->shape[ax]);
    }
    nd_array *r = nd__alloc_array(fn, a->ndim, a->shape, a->dtype);
    if (r && roll_into(fn, a, r, off) != ND_OK) {
        nd_free(r);
        return NULL;
    }
    return r;
}

nd_array *nd_roll(const nd_array *a, int64_t shift, int axis) {
    static const char fn[] = "nd_roll";
    if (!nd__check_array(fn, "a", a)) return NULL;
    if (axis != ND_AXIS_NONE) return nd__sentinel_axis(fn, axis, true) ? NULL : roll(fn, a, 1, &shift, &axis);
    /* the flattened array, rolled, in a's shape */
    nd_array src, *owned, dst;
    if (!flat_source(fn, a, &src, &owned)) return NULL;
    nd_array *r = nd__alloc_array(fn, a->ndim, a->shape, a->dtype);
    int64_t one = 1, off = add_shift(0, shift, a->size);
    if (r) nd__temp_view(&dst, r, r->data, 1, &r->size, &one);
    if (r && roll_into(fn, &src, &dst, &off) != ND_OK) {
        nd_free(r);
        r = NULL;
    }
    nd_free(owned);
    return r;
}

nd_array *nd_roll_axes(const nd_array *a, int n, const int64_t *shifts, const int *axes) {
    static const char fn[] = "nd_roll_axes";
    if (!nd__check_array(fn, "a", a)) return NULL;
    if (n < 0) {
        nd__error(ND_ERR_VALUE, fn, "negative axis count %d", n);
        return NULL;
    }
    if (n > 0 && (!shifts || !axes)) {
        nd__null_arg(fn, shifts ? "axes" : "shifts");
        return NULL;
    }
    return roll(fn, a, n, shifts, axes);
}

/* ------------------------------------------------------------ views */

static void flip_axis(const nd_array *a, char **data, int64_t *strides, int64_t len, int axis) {
    /* an empty array's data may be NULL: it never moves */
    if (len > 0 && a->size > 0) *data += (len - 1) * strides[axis] * (int64_t)nd__itemsize(a->dtype);
    /* INT64_MIN fits only on a length-1 axis, where it is never used */
    if (strides[axis] != INT64_MIN) strides[axis] = -strides[axis];
}

nd_array *nd_rot90(const nd_array *a, int k, int axis1, int axis2) {
    static const char fn[] = "nd_rot90";
    if (!nd__check_array(fn, "a", a) || nd__sentinel_axis(fn, axis1, false) ||
        nd__sentinel_axis(fn, axis2, false))
        return NULL;
    /* NumPy's checks, in its order: (0, -2) on a 2-D array is one axis */
    int64_t gap = (int64_t)axis1 - axis2;
    if (axis1 == axis2 || gap == a->ndim || -gap == a->ndim) {
        nd__error(ND_ERR_VALUE, fn, "Axes must be different (got %d and %d for an array of dimension %d)",
                  axis1, axis2, a->ndim);
        return NULL;
    }
    if (axis1 >= a->ndim || axis1 < -a->ndim || axis2 >= a->ndim || axis2 < -a->ndim) {
        nd__error(ND_ERR_INDEX, fn, "axes (%d,%d) out of range for array of dimension %d", axis1, axis2,
                  a->ndim);
        return NULL;
    }
    if (axis1 < 0) axis1 += a->ndim;
    if (axis2 < 0) axis2 += a->ndim;
    k = ((k % 4) + 4) % 4;
    int64_t shape[ND_MAX_DIMS], strides[ND_MAX_DIMS];
    memcpy(shape, a->shape, sizeof(int64_t) * (size_t)a->ndim);
    memcpy(strides, a->strides, sizeof(int64_t) * (size_t)a->ndim);
    char *data = a->data;
    /* k = 1: flip axis2, then swap; k = 3: flip axis1, then swap;
     * k = 2: flip both */
    if (k == 1 || k == 2) flip_axis(a, &data, strides, shape[axis2], axis2);
    if (k == 3 || k == 2) flip_axis(a, &data, strides, shape[axis1], axis1);
    if (k == 1 || k == 3) {
        int64_t t = shape[axis1];
        shape[axis1] = shape[axis2];
        shape[axis2] = t;
        t = strides[axis1];
        strides[axis1] = strides[axis2];
        strides[axis2] = t;
    }
    /* an empty view keeps the base's pointer */
    if (a->size == 0) data = a->data;
    return nd__make_view(fn, a, data, a->ndim, shape, strides);
}

static nd_array *atleast(const char *fn, const nd_array *a, int n) {
    if (!nd__check_array(fn, "a", a)) return NULL;
    int64_t shape[ND_MAX_DIMS], strides[ND_MAX_DIMS];
    int nd = nd__atleast_geometry(a, n, shape, strides);
    return nd__make_view(fn, a, a->data, nd, shape, strides);
}

nd_array *nd_atleast_1d(const nd_array *a) { return atleast("nd_atleast_1d", a, 1); }
nd_array *nd_atleast_2d(const nd_array *a) { return atleast("nd_atleast_2d", a, 2); }
nd_array *nd_atleast_3d(const nd_array *a) { return atleast("nd_atleast_3d", a, 3); }

/* ------------------------------------------------------------ meshgrid */

nd_status nd_meshgrid(int n, const nd_array *const *xs, bool ij, bool sparse, nd_array **out) {
    static const char fn[] = "nd_meshgrid";
    if (n < 0 || n > ND_MAX_DIMS)
        return nd__error(ND_ERR_VALUE, fn, "%d arrays given; expected 0 to %d", n, ND_MAX_DIMS);
    if (n > 0 && !xs) return nd__null_arg(fn, "xs");
    if (!nd__check_arrays(fn, "xs", n, xs)) return ND_ERR_NULL;
    if (n > 0 && !out) return nd__null_arg(fn, "out");
    /* input i runs along result axis pos[i]; 'xy' swaps the first two */
    int pos[ND_MAX_DIMS];
    int64_t full[ND_MAX_DIMS];
    for (int i = 0; i < n; i++) pos[i] = i;
    if (!ij && n > 1) {
        pos[0] = 1;
        pos[1] = 0;
    }
    for (int i = 0; i < n; i++) full[pos[i]] = xs[i]->size;
    nd_array *res[ND_MAX_DIMS] = {0};
    nd_status st = ND_OK;
    for (int i = 0; i < n && st == ND_OK; i++) {
        int64_t shape[ND_MAX_DIMS], strides[ND_MAX_DIMS];
        for (int d = 0; d < n; d++) {
            shape[d] = sparse && d != pos[i] ? 1 : full[d];
            strides[d] = 0;
        }
        res[i] = nd__alloc_array(fn, n, shape, xs[i]->dtype);
        if (!res[i]) {
            st = nd_last_status();
            break;
        }
        if (res[i]->size == 0) continue;
        /* the input, flattened, along its axis and repeated along the rest */
        nd_array flat, *owned, src;
        if (!flat_source(fn, xs[i], &flat, &owned)) {
            st = nd_last_status();
            break;
        }
        strides[pos[i]] = flat.strides[0];
        for (int d = 0; d < n; d++) shape[d] = d == pos[i] ? full[d] : 1;
        nd__temp_view(&src, &flat, flat.data, n, shape, strides);
        st = nd__assign(fn, res[i], &src);
        nd_free(owned);
    }
    if (st != ND_OK) {
        for (int i = 0; i < n; i++) nd_free(res[i]);
        return st;
    }
    for (int i = 0; i < n; i++) out[i] = res[i];
    return ND_OK;
}

/* ------------------------------------------------------------ tril, triu */

/* Keeps the lower (or upper) triangle of the last two axes and zeroes the
 * rest. Copies go along the shorter of the two axes, a row or a column at
 * a time, so there are at most min(rows, cols) of them. */
static nd_array *triangle(const char *fn, const nd_array *a, int64_t k, bool lower) {
    if (!nd__check_array(fn, "a", a)) return NULL;
    if (a->ndim == 0) {
        nd__error(ND_ERR_VALUE, fn, "the array must have at least one dimension (got a 0-d array)");
        return NULL;
    }
    /* NumPy's mask broadcasts a 1-D array to a square one; the result is
     * made first, as it checks that shape's size */
    int64_t square[2] = {a->shape[0], a->shape[0]};
    nd_array *r = a->ndim == 1 ? nd__alloc_array(fn, 2, square, a->dtype)
                               : nd__alloc_array(fn, a->ndim, a->shape, a->dtype);
    if (!r || r->size == 0) return r;
    nd_array src;
    if (a->ndim == 1) {
        int64_t strides[2] = {0, a->strides[0]};
        nd__temp_view(&src, a, a->data, 2, square, strides);
    } else {
        src = *a;
    }
    /* all-zero bytes are 0, false and +0.0 in every dtype */
    memset(r->data, 0, (size_t)r->size * nd__itemsize(r->dtype));
    int rax = src.ndim - 2, cax = src.ndim - 1;
    int64_t rows = src.shape[rax], cols = src.shape[cax];
    /* beyond these bounds every k gives the same result; inside them the
     * sums below cannot overflow */
    k = max64(-rows, min64(k, cols));
    nd_array s, d, sl, dl;
    if (rows <= cols) {
        for (int64_t i = 0; i < rows; i++) {
            int64_t b = lower ? 0 : max64(0, min64(i + k, cols));
            int64_t e = lower ? max64(0, min64(i + k + 1, cols)) : cols;
            if (e <= b) continue;
            axis_range(&sl, &src, rax, i, 1, false);
            axis_range(&dl, r, rax, i, 1, false);
            axis_range(&s, &sl, cax, b, e - b, false);
            axis_range(&d, &dl, cax, b, e - b, false);
            if (nd__assign(fn, &d, &s) != ND_OK) goto fail;
        }
    } else {
        for (int64_t j = 0; j < cols; j++) {
            /* lower keeps i >= j - k, upper keeps i <= j - k */
            int64_t b = lower ? max64(0, min64(j - k, rows)) : 0;
            int64_t e = lower ? rows : max64(0, min64(j - k + 1, rows));
            if (e <= b) continue;
            axis_range(&sl, &src, cax, j, 1, false);
            axis_range(&dl, r, cax, j, 1, false);
            axis_range(&s, &sl, rax, b, e - b, false);
            axis_range(&d, &dl, rax, b, e - b, false);
            if (nd__assign(fn, &d, &s) != ND_OK) goto fail;
        }
    }
    return r;
fail:
    nd_free(r);
    return NULL;
}

nd_array *nd_tril(const nd_array *a, int64_t k) { return triangle("nd_tril", a, k, true); }
nd_array *nd_triu(const nd_array *a, int64_t k) { return triangle("nd_triu", a, k, false); }
