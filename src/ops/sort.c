/* The public sorting functions (nd/sort.h): argument checks, outputs, and
 * the walk over lanes (the 1-D runs along the axis), each lane handed to the
 * kernels of sort_kernels.c. Many lanes are split across threads; a few long
 * ones are each split by the kernels. Every sort is stable, so `stable`
 * changes nothing. */
#include "ops/sort.h"
#include "iter/iter.h"
#include "iter/threads.h"

#include <stdio.h>

/* One call's lanes: src is read, dst (values) and idx (int64 indices)
 * written, each NULL when not wanted; dst may be src (in place). All three
 * have the same shape except along ax, where src has plan.n elements. */
typedef struct lane_job {
    nd__sort_plan plan;
    const nd_array *arr[3]; /* src, dst, idx */
    int ax;
    int64_t nlanes;
    int64_t nchunks;  /* lanes are cut into this many runs, one scratch each */
    char *scratch;
    size_t scratch_size;
    _Atomic bool failed; /* a lane could not allocate its temporaries */
} lane_job;

/* Lanes [begin, end), walking the other axes with a counter. */
static void run_lanes(lane_job *j, int64_t begin, int64_t end, char *scratch) {
    const nd_array *src = j->arr[0];
    int nout = 0;
    int64_t shape[ND_MAX_DIMS], cnt[ND_MAX_DIMS], step[3][ND_MAX_DIMS];
    char *p[3] = {NULL, NULL, NULL};
    for (int d = 0; d < src->ndim; d++) {
        if (d == j->ax) continue;
        shape[nout] = src->shape[d];
        for (int a = 0; a < 3; a++)
            if (j->arr[a])
                step[a][nout] = j->arr[a]->strides[d] * (int64_t)nd__itemsize(j->arr[a]->dtype);
        nout++;
    }
    for (int a = 0; a < 3; a++) p[a] = j->arr[a] ? j->arr[a]->data : NULL;
    int64_t rest = begin;
    for (int d = nout - 1; d >= 0; d--) {
        cnt[d] = rest % shape[d];
        rest /= shape[d];
        for (int a = 0; a < 3; a++)
            if (p[a]) p[a] += cnt[d] * step[a][d];
    }
    int64_t st[3];
    for (int a = 0; a < 3; a++)
        st[a] = j->arr[a] ? j->arr[a]->strides[j->ax] * (int64_t)nd__itemsize(j->arr[a]->dtype) : 0;
    for (int64_t lane = begin; lane < end; lane++) {
        nd__sort_lane l = {p[0], st[0], p[1], st[1], (int64_t *)p[2], st[2] / 8};
        if (!nd__sort_one_lane(&j->plan, &l, scratch)) {
            atomic_store(&j->failed, true);
            return;
        }
        for (int d = nout - 1; d >= 0; d--) {
            for (int a = 0; a < 3; a++)
                if (p[a]) p[a] += step[a][d];
            if (++cnt[d] < shape[d]) break;
            for (int a = 0; a < 3; a++)
                if (p[a]) p[a] -= shape[d] * step[a][d];
            cnt[d] = 0;
        }
    }
}

static void run_chunks(void *ctx, int64_t begin, int64_t end) {
    lane_job *j = ctx;
    for (int64_t c = begin; c < end && !atomic_load(&j->failed); c++)
        run_lanes(j, j->nlanes * c / j->nchunks, j->nlanes * (c + 1) / j->nchunks,
                  j->scratch + (size_t)c * j->scratch_size);
}

/* Runs plan over every lane. Scratch for every thread is allocated before
 * anything is written; only lanes long enough to be split into buckets
 * allocate more on their own, and only when writing a fresh output (which
 * the caller discards on failure). So a failure leaves a's data untouched. */
static nd_status run(const char *fn, nd__sort_plan plan, const nd_array *src, int ax, nd_array *dst,
                     nd_array *idx) {
    int64_t n = src->shape[ax];
    if (src->size == 0 || (plan.op == ND__TOPK && plan.k == 0)) return ND_OK;
    plan.n = n;
    plan.dtype = src->dtype;
    plan.dst_contig = dst && (dst->strides[ax] == 1 || dst->shape[ax] == 1);
    plan.idx_contig = idx && (idx->strides[ax] == 1 || idx->shape[ax] == 1);
    plan.nparts = 1;
    lane_job j = {plan, {src, dst, idx}, ax, src->size / n, 1, NULL, 0, false};
    int threads = nd_get_num_threads();
    if (threads > 1 && src->size >= ND_PARALLEL_MIN_ELEMS) {
        int64_t min_lanes = 1 + ND_PARALLEL_CHUNK_ELEMS / n;
        int64_t chunks = j.nlanes / min_lanes;
        j.nchunks = chunks < threads ? (chunks < 1 ? 1 : chunks) : threads;
        /* too few lanes to go round: each long lane is split instead */
        if (j.nchunks < threads && n >= ND__SORT_SPLIT_MIN && nd__itemsize(src->dtype) >= 4 &&
            (plan.op == ND__SORT || plan.op == ND__ARGSORT)) {
            j.nchunks = 1;
            j.plan.nparts = threads < ND__SORT_MAX_PARTS ? threads : ND__SORT_MAX_PARTS;
        }
    }
    j.scratch_size = nd__sort_scratch_size(&j.plan);
    size_t total;
    if (j.scratch_size == SIZE_MAX ||
        __builtin_mul_overflow(j.scratch_size, (size_t)j.nchunks, &total))
        return nd__error(ND_ERR_OVERFLOW, fn, "scratch size overflows for lanes of %lld elements",
                         (long long)n);
    j.scratch = nd__alloc(total, 64);
    if (!j.scratch)
        return nd__error(ND_ERR_NOMEM, fn, "out of memory allocating %zu bytes of scratch", total);
    if (j.nchunks > 1) nd__parallel_for(j.nchunks, 1, run_chunks, &j);
    else run_chunks(&j, 0, 1);
    nd__dealloc(j.scratch);
    /* only fresh outputs are written before a lane's own allocation, and
     * the caller frees them */
    if (atomic_load(&j.failed))
        return nd__error(ND_ERR_NOMEM, fn, "out of memory allocating the buckets of a lane of %lld elements",
                         (long long)n);
    return ND_OK;
}

/* ------------------------------------------------------------ shapes and axes */

/* a as a 1-D array in C order: a view when its strides allow, else a view
 * of a C-contiguous copy. */
static nd_array *flat(const char *fn, const nd_array *a) {
    int64_t n = a->size, stride = 1, expect = 0;
    bool ok = true, first = true;
    for (int d = a->ndim - 1; d >= 0 && ok; d--) {
        if (a->shape[d] == 1) continue;
        if (first) {
            stride = a->strides[d];
            first = false;
        } else {
            ok = a->strides[d] == expect;
        }
        expect = a->strides[d] * a->shape[d];
    }
    if (ok || n == 0) return nd__make_view(fn, a, a->data, 1, &n, n == 0 ? (const int64_t[]){1} : &stride);
    nd_array *c = nd_copy(a);
    if (!c) { /* name the caller, keeping nd_copy's reason */
        nd__reraise(fn);
        return NULL;
    }
    int64_t one = 1;
    nd_array *v = nd__make_view(fn, c, c->data, 1, &n, &one);
    nd_free(c);
    return v;
}

/* The array to walk and the axis to walk along: a itself and its
 * normalised axis, or (ND_AXIS_NONE) a flat view and axis 0. *owned says
 * whether the caller must free the array returned. */
static const nd_array *lanes_of(const char *fn, const nd_array *a, int *axis, nd_array **owned) {
    *owned = NULL;
    if (*axis == ND_AXIS_NONE) {
        *axis = 0;
        return *owned = flat(fn, a);
    }
    return nd__norm_axis_flat(fn, axis, a->ndim) ? a : NULL;
}

/* A new C-contiguous array of v's shape with length len along ax. */
static nd_array *result(const char *fn, const nd_array *v, int ax, int64_t len, nd_dtype dt) {
    int64_t shape[ND_MAX_DIMS];
    memcpy(shape, v->shape, sizeof(int64_t) * (size_t)v->ndim);
    shape[ax] = len;
    return nd__alloc_array(fn, v->ndim, shape, dt);
}

/* The sorted copy, argsort, partition and argpartition: one output of v's shape. */
static nd_array *one_output(const char *fn, nd__sort_op op, const nd_array *a, int axis,
                            int64_t kth, bool has_kth) {
    if (!nd__check_array(fn, "a", a)) return NULL;
    int ax = axis;
    nd_array *owned;
    const nd_array *v = lanes_of(fn, a, &ax, &owned);
    if (!v) return NULL;
    nd__sort_plan plan = {.op = op};
    if (has_kth) {
        int64_t n = v->shape[ax];
        /* as NumPy, kth is not checked when there is nothing to partition */
        if (v->size > 0 && (kth < -n || kth >= n)) {
            nd__error(ND_ERR_INDEX, fn, "kth %lld is out of bounds for an axis of size %lld",
                      (long long)kth, (long long)n);
            nd_free(owned);
            return NULL;
        }
        plan.k = kth < 0 ? kth + n : kth;
    }
    bool values = op == ND__SORT || op == ND__PARTITION;
    nd_array *r = result(fn, v, ax, v->shape[ax], values ? a->dtype : ND_INT64);
    if (r && run(fn, plan, v, ax, values ? r : NULL, values ? NULL : r) != ND_OK) {
        nd_free(r);
        r = NULL;
    }
    nd_free(owned);
    return r;
}

/* ------------------------------------------------------------ public */

nd_array *nd_sort(const nd_array *a, int axis, bool stable) {
    (void)stable;
    return one_output("nd_sort", ND__SORT, a, axis, 0, false);
}

nd_array *nd_argsort(const nd_array *a, int axis, bool stable) {
    (void)stable;
    return one_output("nd_argsort", ND__ARGSORT, a, axis, 0, false);
}

nd_array *nd_partition(const nd_array *a, int64_t kth, int axis) {
    return one_output("nd_partition", ND__PARTITION, a, axis, kth, true);
}

nd_array *nd_argpartition(const nd_array *a, int64_t kth, int axis) {
    return one_output("nd_argpartition", ND__ARGPARTITION, a, axis, kth, true);
}

static nd_status sort_inplace_body(nd_array *a, int axis, bool stable) {
    static const char fn[] = "nd_sort_inplace";
    (void)stable;
    if (!a) return nd__null_arg(fn, "a");
    if (!(a->flags & ND_FLAG_WRITEABLE))
        return nd__error(ND_ERR_READONLY, fn, "array is read-only (a broadcast view or read-only memory)");
    int ax = nd__aliasing_axis(a);
    if (ax >= 0)
        return nd__error(ND_ERR_READONLY, fn, "array has stride 0 along axis %d (a broadcast view)", ax);
    nd__bump_version(a);
    nd__sort_plan plan = {.op = ND__SORT, .inplace = true};
    if (axis != ND_AXIS_NONE) {
        int ax = axis;
        if (!nd__norm_axis_flat(fn, &ax, a->ndim)) return nd_last_status();
        return run(fn, plan, a, ax, a, NULL);
    }
    /* flattened: in place on a 1-D view, or on a copy written back */
    nd_array *v = flat(fn, a);
    if (!v) return nd_last_status();
    nd_status st = run(fn, plan, v, 0, v, NULL);
    if (st == ND_OK && v->buf != a->buf) { /* sorted a copy: write it back */
        nd_array *back = nd_reshape_view(v, a->ndim, a->shape);
        st = back ? nd_copyto(a, back) : nd_last_status();
        nd_free(back);
    }
    nd_free(v);
    return st;
}

nd_status nd_sort_inplace(nd_array *a, int axis, bool stable) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_status("nd_sort_inplace", mark, sort_inplace_body(a, axis, stable));
}

nd_status nd_topk(const nd_array *a, int64_t k, int axis, bool largest, nd_array **values,
                  nd_array **indices) {
    static const char fn[] = "nd_topk";
    if (!a) return nd__null_arg(fn, "a");
    if (!values && !indices) {
        if (nd_last_status() != ND_OK) return ND_ERR_NULL; /* keep the first error */
        return nd__error(ND_ERR_NULL, fn, "values and indices are both NULL");
    }
    int ax = axis;
    nd_array *owned;
    const nd_array *v = lanes_of(fn, a, &ax, &owned);
    if (!v) return nd_last_status();
    int64_t n = v->shape[ax];
    if (k < 0 || k > n) {
        nd_free(owned);
        return nd__error(ND_ERR_VALUE, fn, "k %lld is out of range for an axis of size %lld",
                         (long long)k, (long long)n);
    }
    nd_array *vals = values ? result(fn, v, ax, k, a->dtype) : NULL;
    nd_array *idx = indices ? result(fn, v, ax, k, ND_INT64) : NULL;
    nd_status st = ND_OK;
    if ((values && !vals) || (indices && !idx)) st = nd_last_status();
    nd__sort_plan plan = {.op = ND__TOPK, .k = k, .largest = largest};
    if (st == ND_OK) st = run(fn, plan, v, ax, vals, idx);
    nd_free(owned);
    if (st != ND_OK) {
        nd_free(vals);
        nd_free(idx);
        return st;
    }
    if (values) *values = vals;
    if (indices) *indices = idx;
    return ND_OK;
}
