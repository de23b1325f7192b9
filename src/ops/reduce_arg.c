/* argmax and argmin: reductions along one axis that do not fit the folding
 * walker, since they give an index, not a value. They run lane by lane: a
 * lane is the 1-D run of elements along the axis. */
#include "iter/iter.h"
#include "iter/threads.h"

/* Lanes of v along its last axis; the others are walked with a counter. */
typedef struct lanes {
    const nd_array *v;     /* the input, axis moved last */
    nd_array *out;         /* one element per lane */
    int64_t n, step;       /* lane length and step, bytes */
    nd_arg_fn arg;
} lanes;

static char *lane_ptr(const nd_array *a, int64_t lane, int nouter) {
    char *p = a->data;
    int64_t isz = (int64_t)nd__itemsize(a->dtype);
    for (int d = nouter - 1; d >= 0; d--) {
        p += (lane % a->shape[d]) * a->strides[d] * isz;
        lane /= a->shape[d];
    }
    return p;
}

static void run_lanes(void *ctx, int64_t begin, int64_t end) {
    const lanes *l = ctx;
    int nouter = l->v->ndim - 1;
    for (int64_t i = begin; i < end; i++)
        ((int64_t *)l->out->data)[i] = l->arg(lane_ptr(l->v, i, nouter), l->n, l->step);
}

static void for_each_lane(lanes *l, int64_t nlanes) {
    int64_t work = nlanes * l->n;
    if (work >= ND_PARALLEL_MIN_ELEMS && nlanes > 1)
        nd__parallel_for(nlanes, 1 + ND_PARALLEL_CHUNK_ELEMS / l->n, run_lanes, l);
    else
        run_lanes(l, 0, nlanes);
}

/* One long lane: each thread finds the extreme of one contiguous part,
 * then the same loop picks among the parts' extremes (the first NaN, else
 * the first of the best), which keeps NumPy's first-occurrence rule. */
#define MAX_PARTS 64
typedef struct part_job {
    const lanes *l;
    const char *p; /* the lane */
    int64_t nparts;
    int64_t idx[MAX_PARTS];
} part_job;

static void run_parts(void *ctx, int64_t begin, int64_t end) {
    part_job *j = ctx;
    for (int64_t p = begin; p < end; p++) {
        int64_t lo = j->l->n * p / j->nparts, hi = j->l->n * (p + 1) / j->nparts;
        j->idx[p] = lo + j->l->arg(j->p + lo * j->l->step, hi - lo, j->l->step);
    }
}

static int64_t split_lane(const lanes *l, const char *lane, int threads) {
    part_job j = {l, lane, threads > MAX_PARTS ? MAX_PARTS : threads, {0}};
    nd__parallel_for(j.nparts, 1, run_parts, &j);
    size_t isz = nd__itemsize(l->v->dtype);
    _Alignas(16) char best[MAX_PARTS * 8];
    for (int64_t p = 0; p < j.nparts; p++)
        memcpy(best + (size_t)p * isz, lane + j.idx[p] * l->step, isz);
    return j.idx[l->arg(best, j.nparts, (int64_t)isz)];
}

/* a with axis moved last, as a contiguous copy when its lanes are strided
 * (so each lane is read in order, once). ND_AXIS_NONE flattens. */
static nd_array *lanes_of(const char *fn, const nd_array *a, int *axis) {
    if (*axis == ND_AXIS_NONE) {
        return nd_ravel(a);
    }
    if (!nd__norm_axis_flat(fn, axis, a->ndim == 0 ? 1 : a->ndim)) return NULL;
    if (a->ndim == 0) return nd_reshape(a, 1, (const int64_t[]){1});
    nd_array *moved = nd_moveaxis(a, *axis, -1);
    if (!moved) return NULL;
    if (moved->ndim > 0 && moved->strides[moved->ndim - 1] != 1 && moved->shape[moved->ndim - 1] > 1 &&
        moved->size > moved->shape[moved->ndim - 1]) {
        nd_array *c = nd_copy(moved);
        nd_free(moved);
        return c;
    }
    return moved;
}

static nd_array *arg_reduce_body(const char *fn, bool max, const nd_array *a, int axis,
                                 bool keepdims, nd_array *out) {
    if (!nd__check_array(fn, "a", a)) return NULL;
    int ax = axis;
    nd_array *v = lanes_of(fn, a, &ax);
    if (!v) return NULL;
    int64_t n = v->shape[v->ndim - 1];
    if (n == 0) {
        if (axis == ND_AXIS_NONE)
            nd__error(ND_ERR_VALUE, fn, "attempt to get %s of an empty sequence", max ? "argmax" : "argmin");
        else
            nd__error(ND_ERR_VALUE, fn, "attempt to get %s of an empty sequence (axis %d has length 0)",
                      max ? "argmax" : "argmin", ax);
        nd_free(v);
        return NULL;
    }
    /* the result: the other axes, with the reduced one kept as 1 on request */
    int64_t shape[ND_MAX_DIMS];
    int nd = 0;
    if (axis == ND_AXIS_NONE) {
        for (int d = 0; keepdims && d < a->ndim; d++) shape[nd++] = 1;
    } else {
        for (int d = 0; d < a->ndim; d++)
            if (d != ax) shape[nd++] = a->shape[d];
            else if (keepdims) shape[nd++] = 1;
    }
    if (out && !nd__check_out(fn, out, nd, shape)) {
        nd_free(v);
        return NULL;
    }
    if (out && !nd_can_cast(ND_INT64, out->dtype, ND_CAST_SAME_KIND)) {
        nd__error(ND_ERR_DTYPE, fn, "cannot cast the result from int64 to the output's %s (same_kind casting)",
                  nd__dtypes[out->dtype].name);
        nd_free(v);
        return NULL;
    }
    nd_array *res = nd__alloc_array(fn, nd, shape, ND_INT64);
    if (!res) {
        nd_free(v);
        return NULL;
    }
    lanes l = {v, res, n, v->strides[v->ndim - 1] * (int64_t)nd__itemsize(v->dtype), nd__arg_loop(max, v->dtype)};
    /* A few long lanes (a flattened array is one): every thread takes a
     * contiguous part of each lane in turn, as whole lanes per thread would
     * leave threads idle or unevenly loaded. */
    int64_t nlanes = v->size / n;
    int threads = nd_get_num_threads();
    if (threads > 1 && n >= 4 * ND_PARALLEL_MIN_ELEMS && nlanes < 4 * (int64_t)threads)
        for (int64_t i = 0; i < nlanes; i++)
            ((int64_t *)res->data)[i] = split_lane(&l, lane_ptr(v, i, v->ndim - 1), threads);
    else
        for_each_lane(&l, nlanes);
    nd_free(v);
    if (!out) return res;
    nd_status st = nd_copyto(out, res);
    nd_free(res);
    return st == ND_OK ? out : NULL;
}

/* Under the public name, whichever inner call (nd_moveaxis, nd_copy, ...) failed. */
static nd_array *arg_reduce(const char *fn, bool max, const nd_array *a, int axis, bool keepdims,
                            nd_array *out) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_array(fn, mark, arg_reduce_body(fn, max, a, axis, keepdims, out));
}

nd_array *nd_argmax(const nd_array *a, int axis, bool keepdims) {
    return arg_reduce("nd_argmax", true, a, axis, keepdims, NULL);
}
nd_array *nd_argmin(const nd_array *a, int axis, bool keepdims) {
    return arg_reduce("nd_argmin", false, a, axis, keepdims, NULL);
}
nd_status nd_argmax_out(const nd_array *a, int axis, bool keepdims, nd_array *out) {
    if (!a) return nd__null_arg("nd_argmax_out", "a");
    if (!out) return nd__null_arg("nd_argmax_out", "out");
    return arg_reduce("nd_argmax_out", true, a, axis, keepdims, out) ? ND_OK : nd_last_status();
}
nd_status nd_argmin_out(const nd_array *a, int axis, bool keepdims, nd_array *out) {
    if (!a) return nd__null_arg("nd_argmin_out", "a");
    if (!out) return nd__null_arg("nd_argmin_out", "out");
    return arg_reduce("nd_argmin_out", false, a, axis, keepdims, out) ? ND_OK : nd_last_status();
}
