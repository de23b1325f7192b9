/* The element-wise engine (see iter.h). The steps follow docs/design.md,
 * Element-wise engine: broadcast, order axes by the output's strides, flip
 * axes that run backwards, drop length-1 axes and coalesce, copy inputs that
 * partially overlap the output, then walk the outer axes with a counter and
 * call the loop on the innermost one, in cache-sized tiles when the operands
 * disagree on layout, split across threads when the work is large. */
#include "iter/iter.h"

#include "iter/engine.h"
#include "iter/threads.h"

/* Bytes of each conversion buffer. */
#define CAST_BUF_BYTES 8192
/* A tile's gathered block of one input, in bytes: L2-sized. */
#define TILE_BLOCK_BYTES 262144
/* A tile's rows: four cache lines of the gathered input per column, read
 * at once (measured best on the reference machine). */
#define TILE_ROW_BYTES 256



/* Calls the loop on one row of n elements, converting through buffers when
 * an operand's dtype differs from the loop's. */
void nd__engine_run_row(const nd_engine *e, char *const *ptrs, const int64_t *row_steps, int64_t n) {
    const int nop = e->nop;
    if (!e->any_cast) {
        char *args[ND_MAX_OPERANDS];
        for (int k = 0; k < nop; k++) args[k] = ptrs[k];
        e->loop(args, n, row_steps, e->params);
        return;
    }
    _Alignas(64) char bufs[ND_MAX_OPERANDS][CAST_BUF_BYTES];
    const int64_t chunk = CAST_BUF_BYTES / 8;
    const int out = nop - 1;
    for (int64_t off = 0; off < n; off += chunk) {
        int64_t m = n - off < chunk ? n - off : chunk;
        char *args[ND_MAX_OPERANDS];
        int64_t steps[ND_MAX_OPERANDS];
        for (int k = 0; k < nop; k++) {
            char *p = ptrs[k] + off * row_steps[k];
            if (!e->cast[k]) {
                args[k] = p;
                steps[k] = row_steps[k];
                continue;
            }
            args[k] = bufs[k];
            steps[k] = (int64_t)e->loop_isz[k];
            if (k == out) continue;
            /* a broadcast input converts once and stays broadcast */
            int64_t cm = row_steps[k] == 0 ? 1 : m;
            if (cm == 1) steps[k] = 0;
            char *cargs[2] = {p, bufs[k]};
            int64_t csteps[2] = {row_steps[k], (int64_t)e->loop_isz[k]};
            e->cast[k](cargs, cm, csteps, NULL);
        }
        e->loop(args, m, steps, e->params);
        if (e->cast[out]) {
            char *cargs[2] = {bufs[out], ptrs[out] + off * row_steps[out]};
            int64_t csteps[2] = {(int64_t)e->loop_isz[out], row_steps[out]};
            e->cast[out](cargs, m, csteps, NULL);
        }
    }
}

/* Copies a rows x m block whose rows are src_row apart and whose elements
 * are src_step apart into dst laid out row-major, rows pitch elements apart.
 * The pitch is padded by a cache line so the rows do not share L1 sets. */
#define TRANSPOSE_BLOCK_(T)                                                        \
    for (int64_t c = 0; c < m; c++) {                                              \
        const char *sp = src + c * src_step;                                       \
        T *dp = (T *)dst + c;                                                      \
        for (int64_t r = 0; r < rows; r++) dp[r * pitch] = *(const T *)(sp + r * src_row); \
    }
static int64_t block_pitch(int64_t m, size_t isz) { return m + 64 / (int64_t)isz; }
static void gather_block(char *dst, const char *src, int64_t rows, int64_t m, int64_t src_row,
                         int64_t src_step, size_t isz) {
    const int64_t pitch = block_pitch(m, isz);
    switch (isz) {
    case 1: TRANSPOSE_BLOCK_(uint8_t) break;
    case 2: TRANSPOSE_BLOCK_(uint16_t) break;
    case 4: TRANSPOSE_BLOCK_(uint32_t) break;
    default: TRANSPOSE_BLOCK_(uint64_t) break;
    }
}

/* One unit of outer work at ptrs; tile_index is the last outer counter.
 * In a tile, inputs laid out across the rows are first gathered into a
 * row-major block (reading them along their own fast axis), so the loop
 * runs on contiguous rows. */
static void run_unit(const nd_engine *e, char *const *ptrs, int64_t tile_index, char *blocks) {
    if (!e->tiled) {
        nd__engine_run_row(e, ptrs, e->inner_steps, e->inner_n);
        return;
    }
    int64_t r0 = tile_index * e->tile_rows;
    int64_t rows = e->tile_len - r0 < e->tile_rows ? e->tile_len - r0 : e->tile_rows;
    for (int64_t c = 0; c < e->inner_n; c += e->tile_cols) {
        int64_t m = e->inner_n - c < e->tile_cols ? e->inner_n - c : e->tile_cols;
        int64_t steps[ND_MAX_OPERANDS];
        for (int k = 0; k < e->nop; k++) {
            steps[k] = e->inner_steps[k];
            if (!e->gather[k] || !blocks) continue;
            gather_block(blocks + k * e->block_bytes, ptrs[k] + c * e->inner_steps[k], rows, m, e->row_strides[k],
                         e->inner_steps[k], e->isz[k]);
            steps[k] = (int64_t)e->isz[k];
        }
        for (int64_t r = 0; r < rows; r++) {
            char *p[ND_MAX_OPERANDS];
            for (int k = 0; k < e->nop; k++)
                p[k] = e->gather[k] && blocks ? blocks + k * e->block_bytes + r * block_pitch(m, e->isz[k]) * (int64_t)e->isz[k]
                                    : ptrs[k] + r * e->row_strides[k] + c * e->inner_steps[k];
            nd__engine_run_row(e, p, steps, m);
        }
    }
}

/* Walks outer units [begin, end) with an odometer. */
static void run_range(void *ctx, int64_t begin, int64_t end) {
    const nd_engine *e = ctx;
    const int nop = e->nop, no = e->nouter;
    if (no == 0) { /* a single row, split by element range */
        char *p[ND_MAX_OPERANDS];
        for (int k = 0; k < nop; k++) p[k] = e->data[k] + begin * e->inner_steps[k];
        nd__engine_run_row(e, p, e->inner_steps, end - begin);
        return;
    }
    int64_t idx[ND_MAX_DIMS];
    char *p[ND_MAX_OPERANDS];
    for (int k = 0; k < nop; k++) p[k] = e->data[k];
    int64_t rem = begin;
    for (int d = no - 1; d >= 0; d--) {
        idx[d] = rem % e->outer_shape[d];
        rem /= e->outer_shape[d];
        for (int k = 0; k < nop; k++) p[k] += idx[d] * e->outer_strides[k][d];
    }
    /* gathered blocks live on the heap, once per range: they are too big for
     * every caller's stack. Without memory the tiles run ungathered. */
    char *blocks = e->block_bytes ? nd__alloc((size_t)((nop - 1) * e->block_bytes), 64) : NULL;
    for (int64_t u = begin; u < end; u++) {
        run_unit(e, p, idx[no - 1], blocks);
        for (int d = no - 1; d >= 0; d--) {
            for (int k = 0; k < nop; k++) p[k] += e->outer_strides[k][d];
            if (++idx[d] < e->outer_shape[d]) break;
            for (int k = 0; k < nop; k++) p[k] -= e->outer_strides[k][d] * e->outer_shape[d];
            idx[d] = 0;
        }
    }
    nd__dealloc(blocks);
}

static int64_t iabs64(int64_t v) { return v < 0 ? -v : v; }

/* Orders axes outermost first by the output's stride (then the inputs'),
 * flips axes every operand walks backwards, drops length-1 axes and merges
 * axes that are contiguous with each other for every operand. */
void nd__engine_simplify(nd_engine *e) {
    const int nop = e->nop;
    int perm[ND_MAX_DIMS], n = e->ndim;
    for (int i = 0; i < n; i++) perm[i] = i;
    /* insertion sort, stable: axis a goes outside b if its stride is larger */
    for (int i = 1; i < n; i++) {
        int a = perm[i], j = i;
        while (j > 0) {
            int b = perm[j - 1];
            int cmp = 0;
            for (int k = nop - 1; k >= 0 && cmp == 0; k--) { /* output first */
                int64_t sa = iabs64(e->strides[k][a]), sb = iabs64(e->strides[k][b]);
                if (sa == 0 || sb == 0) continue;
                cmp = sa > sb ? 1 : sa < sb ? -1 : 0;
            }
            if (cmp <= 0) break;
            perm[j] = b;
            j--;
        }
        perm[j] = a;
    }
    int64_t shape[ND_MAX_DIMS], strides[ND_MAX_OPERANDS][ND_MAX_DIMS];
    int m = 0;
    for (int i = 0; i < n; i++) {
        int ax = perm[i];
        if (e->shape[ax] == 1) continue;
        bool all_back = true, any_back = false;
        for (int k = 0; k < nop; k++) {
            if (e->strides[k][ax] > 0) all_back = false;
            if (e->strides[k][ax] < 0) any_back = true;
        }
        if (all_back && any_back) {
            for (int k = 0; k < nop; k++) {
                e->data[k] += (e->shape[ax] - 1) * e->strides[k][ax];
                e->strides[k][ax] = -e->strides[k][ax];
            }
        }
        /* merge into the previous (outer) kept axis when contiguous with it */
        if (m > 0) {
            bool merge = true;
            for (int k = 0; k < nop && merge; k++)
                merge = strides[k][m - 1] == e->strides[k][ax] * e->shape[ax];
            if (merge) {
                shape[m - 1] *= e->shape[ax];
                for (int k = 0; k < nop; k++) strides[k][m - 1] = e->strides[k][ax];
                continue;
            }
        }
        shape[m] = e->shape[ax];
        for (int k = 0; k < nop; k++) strides[k][m] = e->strides[k][ax];
        m++;
    }
    if (m == 0) { /* 0-d or all length 1: one element */
        shape[0] = 1;
        for (int k = 0; k < nop; k++) strides[k][0] = 0;
        m = 1;
    }
    e->ndim = m;
    memcpy(e->shape, shape, sizeof(int64_t) * (size_t)m);
    for (int k = 0; k < nop; k++) memcpy(e->strides[k], strides[k], sizeof(int64_t) * (size_t)m);
}

/* Sets up the walk: rows along the last axis; when an input's unit-stride
 * axis is another one, that axis is cut into tiles so both layouts are read
 * from cache. */
static void plan(nd_engine *e) {
    const int nop = e->nop, nd = e->ndim, in = nd - 1;
    e->inner_n = e->shape[in];
    for (int k = 0; k < nop; k++) e->inner_steps[k] = e->strides[k][in];
    int tile_axis = -1, tile_op = -1;
    if (nd >= 2 && e->inner_n >= 16) {
        for (int k = 0; k < nop - 1 && tile_axis < 0; k++) {
            int64_t isz = (int64_t)e->isz[k];
            if (iabs64(e->strides[k][in]) == isz || e->strides[k][in] == 0) continue;
            for (int d = nd - 2; d >= 0; d--)
                if (iabs64(e->strides[k][d]) == isz && e->shape[d] >= 16) {
                    tile_axis = d;
                    tile_op = k;
                    break;
                }
        }
    }
    e->tiled = tile_axis >= 0;
    int no = 0;
    for (int d = 0; d < nd - 1; d++) {
        if (d == tile_axis) continue;
        e->outer_shape[no] = e->shape[d];
        for (int k = 0; k < nop; k++) e->outer_strides[k][no] = e->strides[k][d];
        no++;
    }
    for (int k = 0; k < nop; k++) e->gather[k] = false;
    e->block_bytes = 0;
    if (e->tiled) {
        int64_t rows = TILE_ROW_BYTES / (int64_t)e->isz[tile_op];
        e->tile_rows = rows;
        /* rows x (cols + one line of padding) fits a block for any element size */
        e->tile_cols = TILE_BLOCK_BYTES / (rows * 8) - 8;
        for (int k = 0; k < nop - 1; k++) {
            e->gather[k] = iabs64(e->strides[k][tile_axis]) == (int64_t)e->isz[k] &&
                           iabs64(e->strides[k][in]) != (int64_t)e->isz[k] && e->strides[k][in] != 0;
            /* blocks only as large as this tile needs: small arrays tile too */
            if (e->gather[k]) {
                int64_t r = rows < e->shape[tile_axis] ? rows : e->shape[tile_axis];
                int64_t c = e->tile_cols < e->inner_n ? e->tile_cols : e->inner_n;
                e->block_bytes = r * (c * 8 + 64);
            }
        }
        e->tile_len = e->shape[tile_axis];
        e->outer_shape[no] = (e->tile_len + rows - 1) / rows;
        for (int k = 0; k < nop; k++) {
            e->row_strides[k] = e->strides[k][tile_axis];
            e->outer_strides[k][no] = rows * e->strides[k][tile_axis];
        }
        no++;
    }
    e->nouter = no;
}

bool nd__check_out(const char *fn, const nd_array *out, int ndim, const int64_t *shape) {
    char s1[ND_SHAPE_STR_CAP], s2[ND_SHAPE_STR_CAP];
    if (!(out->flags & ND_FLAG_WRITEABLE)) {
        nd__error(ND_ERR_READONLY, fn, "output array is read-only (a broadcast view or read-only memory)");
        return false;
    }
    bool same = out->ndim == ndim;
    for (int i = 0; same && i < ndim; i++) same = out->shape[i] == shape[i];
    if (!same) {
        nd__error(ND_ERR_SHAPE, fn, "output shape %s does not match the broadcast shape %s of the inputs",
                  nd__shape_str(s1, sizeof s1, out->ndim, out->shape),
                  nd__shape_str(s2, sizeof s2, ndim, shape));
        return false;
    }
    int ax = nd__aliasing_axis(out);
    if (ax >= 0) {
        nd__error(ND_ERR_READONLY, fn, "output has stride 0 along axis %d (a broadcast view)", ax);
        return false;
    }
    nd__bump_version(out);
    return true;
}

/* Byte strides of a broadcast to an ndim-long shape (right-aligned). */
void nd__broadcast_strides(const nd_array *a, int ndim, int64_t *out) {
    int off = ndim - a->ndim;
    int64_t isz = (int64_t)nd__itemsize(a->dtype);
    for (int i = 0; i < ndim; i++) {
        int j = i - off;
        /* length-1 axes get 0: their stride is never used and may be huge */
        out[i] = (j < 0 || a->shape[j] == 1) ? 0 : a->strides[j] * isz;
    }
}

static bool same_layout(const int64_t *a, const int64_t *b, int ndim, const int64_t *shape) {
    for (int i = 0; i < ndim; i++)
        if (shape[i] > 1 && a[i] != b[i]) return false;
    return true;
}

/* The fast path: every operand C-contiguous with out's shape, no conversion
 * and no overlap other than exact. One loop call over the whole range (or a
 * few, across threads) and none of the set-up below. */
typedef struct flat_job {
    nd_loop_fn loop;
    void *params;
    int nop;
    char *data[ND_MAX_OPERANDS];
    int64_t steps[ND_MAX_OPERANDS];
} flat_job;

static void run_flat(void *ctx, int64_t begin, int64_t end) {
    const flat_job *j = ctx;
    char *args[ND_MAX_OPERANDS];
    for (int k = 0; k < j->nop; k++) args[k] = j->data[k] + begin * j->steps[k];
    j->loop(args, end - begin, j->steps, j->params);
}

static bool try_flat(nd_loop_fn loop, void *params, int nin, const nd_array *const *in,
                     const nd_dtype *in_loop, nd_array *out, nd_dtype out_loop) {
    if (!(out->flags & ND_FLAG_C) || out->dtype != out_loop) return false;
    size_t out_bytes = (size_t)out->size * nd__itemsize(out->dtype);
    flat_job j = {loop, params, nin + 1, {0}, {0}};
    for (int k = 0; k < nin; k++) {
        const nd_array *a = in[k];
        if (!(a->flags & ND_FLAG_C) || a->dtype != in_loop[k] || a->ndim != out->ndim ||
            memcmp(a->shape, out->shape, sizeof(int64_t) * (size_t)out->ndim) != 0)
            return false;
        size_t isz = nd__itemsize(a->dtype);
        if (!(a->data == out->data && isz == nd__itemsize(out->dtype)) &&
            a->data < out->data + out_bytes && out->data < a->data + (size_t)a->size * isz)
            return false;
        j.data[k] = a->data;
        j.steps[k] = (int64_t)isz;
    }
    j.data[nin] = out->data;
    j.steps[nin] = (int64_t)nd__itemsize(out->dtype);
    if (out->size >= ND_PARALLEL_MIN_ELEMS)
        nd__parallel_for(out->size, ND_PARALLEL_CHUNK_ELEMS, run_flat, &j);
    else
        run_flat(&j, 0, out->size);
    return true;
}

nd_status nd__elementwise(const char *fn, nd_loop_fn loop, void *params, int nin,
                          const nd_array *const *in, const nd_dtype *in_loop, nd_array *out,
                          nd_dtype out_loop) {
    if (out->size == 0) return ND_OK;
    if (try_flat(loop, params, nin, in, in_loop, out, out_loop)) return ND_OK;
    nd_engine e;
    e.loop = loop;
    e.params = params;
    e.nop = nin + 1;
    e.ndim = out->ndim;
    memcpy(e.shape, out->shape, sizeof(int64_t) * (size_t)out->ndim);
    e.any_cast = false;

    /* inputs that overlap the output other than exactly are copied first */
    nd_array *tmp[ND_MAX_OPERANDS] = {0};
    int64_t out_strides[ND_MAX_DIMS];
    nd__broadcast_strides(out, e.ndim, out_strides);
    nd_status st = ND_OK;
    for (int k = 0; k < nin; k++) {
        const nd_array *a = in[k];
        nd__broadcast_strides(a, e.ndim, e.strides[k]);
        if (a->size > 0 && nd_may_share_memory(a, out) &&
            !(a->data == out->data && a->dtype == out->dtype &&
              same_layout(e.strides[k], out_strides, e.ndim, e.shape))) {
            tmp[k] = nd_copy(a);
            if (!tmp[k]) {
                st = nd__error(ND_ERR_NOMEM, fn, "out of memory copying an input that overlaps the output");
                goto done;
            }
            a = tmp[k];
            nd__broadcast_strides(a, e.ndim, e.strides[k]);
        }
        e.data[k] = a->data;
        e.isz[k] = nd__itemsize(a->dtype);
        e.loop_isz[k] = nd__itemsize(in_loop[k]);
        e.cast[k] = a->dtype == in_loop[k] ? NULL : nd__cast_loop(a->dtype, in_loop[k]);
        e.any_cast |= e.cast[k] != NULL;
    }
    memcpy(e.strides[nin], out_strides, sizeof(int64_t) * (size_t)e.ndim);
    e.data[nin] = out->data;
    e.isz[nin] = nd__itemsize(out->dtype);
    e.loop_isz[nin] = nd__itemsize(out_loop);
    e.cast[nin] = out->dtype == out_loop ? NULL : nd__cast_loop(out_loop, out->dtype);
    e.any_cast |= e.cast[nin] != NULL;

    nd__engine_simplify(&e);
    plan(&e);

    int64_t units = 1, per_unit;
    if (e.nouter == 0) {
        units = e.inner_n;
        per_unit = 1;
    } else {
        for (int d = 0; d < e.nouter; d++) units *= e.outer_shape[d];
        per_unit = e.tiled ? e.tile_rows * e.inner_n : e.inner_n;
    }
    if (e.nouter == 0 && e.ndim == 1 && e.inner_n >= ND_PARALLEL_MIN_ELEMS) {
        nd__parallel_for(units, ND_PARALLEL_CHUNK_ELEMS, run_range, &e);
    } else if (units * per_unit >= ND_PARALLEL_MIN_ELEMS && units > 1) {
        int64_t chunk = ND_PARALLEL_CHUNK_ELEMS / (per_unit ? per_unit : 1);
        nd__parallel_for(units, chunk < 1 ? 1 : chunk, run_range, &e);
    } else {
        run_range(&e, 0, units);
    }
done:
    for (int k = 0; k < nin; k++) nd_free(tmp[k]);
    return st;
}

void nd__visit_rows(const nd_array *a, nd_row_visit row, void *ctx) {
    if (a->size == 0) return;
    int nd = a->ndim;
    int64_t isz = (int64_t)nd__itemsize(a->dtype);
    /* pick the axis with the smallest stride as the row axis */
    int inner = -1;
    for (int d = 0; d < nd; d++)
        if (a->shape[d] > 1 && (inner < 0 || iabs64(a->strides[d]) < iabs64(a->strides[inner])))
            inner = d;
    if (inner < 0) {
        row(ctx, a->data, 1, 0);
        return;
    }
    int64_t n = a->shape[inner], step = a->strides[inner] * isz;
    int64_t idx[ND_MAX_DIMS] = {0};
    const char *p = a->data;
    for (;;) {
        if (!row(ctx, p, n, step)) return;
        int d = nd - 1;
        for (; d >= 0; d--) {
            if (d == inner) continue;
            p += a->strides[d] * isz;
            if (++idx[d] < a->shape[d]) break;
            p -= a->strides[d] * isz * a->shape[d];
            idx[d] = 0;
        }
        if (d < 0) return;
    }
}
