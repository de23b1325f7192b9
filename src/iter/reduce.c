/* The reduction walker. The accumulator has stride 0 along reduced axes, so
 * the engine's axis ordering walks the input in memory order. Work units are
 * the kept outer positions times column chunks of the inner axis, so units
 * write disjoint accumulators and can run on any thread. Reduced outer axes
 * fold rows pairwise: groups of rows go into a level-0 partial, and partials
 * of equal size merge like a binary counter, so the error grows with the
 * logarithm of the reduced length on every axis. */
#include "iter/engine.h"
#include "iter/threads.h"

#include <stdlib.h>

/* Rows folded plainly before a partial joins the pairwise stack. */
#define GROUP_ROWS 16
/* Inner-axis chunk of one unit when the inner axis is kept, in elements. */
#define CHUNK_COLS 16384
#define MIN_COLS 256
#define MAX_LEVELS 64

typedef struct reducer {
    nd_engine e;
    nd_loop_fn combine;
    const void *identity;
    size_t acc_isz;
    bool inner_kept;
    int nkept, nred;
    int64_t kept_shape[ND_MAX_DIMS], red_shape[ND_MAX_DIMS];
    int64_t kept_strides[2][ND_MAX_DIMS], red_strides[2][ND_MAX_DIMS];
    int64_t red_total; /* rows folded per unit */
    int64_t width;     /* accumulators per unit: a column chunk, or 1 */
    int64_t nchunks;
} reducer;

/* n copies of the identity, by doubling memcpy. */
static void fill_identity(char *dst, int64_t n, const void *identity, size_t isz) {
    if (n <= 0) return;
    memcpy(dst, identity, isz);
    size_t done = isz, total = (size_t)n * isz;
    while (done < total) {
        size_t c = done < total - done ? done : total - done;
        memcpy(dst + done, dst, c);
        done += c;
    }
}

/* dst = op(dst, src) over n accumulators; dst_step 0 folds into one. */
static void combine_into(const reducer *r, char *src, char *dst, int64_t n, int64_t dst_step) {
    char *args[2] = {src, dst};
    int64_t steps[2] = {dst_step == 0 ? 0 : (int64_t)r->acc_isz, dst_step};
    r->combine(args, n, steps, NULL);
}

/* The row after row (at reduced-axis counter idx), without moving on. */
static const char *next_row(const reducer *r, const char *row, const int64_t *idx) {
    for (int d = r->nred - 1; d >= 0; d--) {
        if (idx[d] + 1 < r->red_shape[d]) return row + r->red_strides[0][d];
        row -= r->red_strides[0][d] * (r->red_shape[d] - 1);
    }
    return row;
}

/* Reducing the outer axes of a block whose inner axis is kept and which has
 * no other kept axis (a sum over axis 0, say): rather than finishing one
 * column chunk after another, which reads each row in short pieces, fold a
 * group of rows across all of this range's chunks before moving on, so rows
 * stream from memory. The pairwise stack then spans the range's columns;
 * every chunk carries in step, so one counter state serves them all.
 * Returns false (nothing done) when the stack would be too large. */
#define ROWMAJOR_MAX_BYTES (64 << 20)
#define ROWMAJOR_PIECE_BYTES (1 << 20)
static bool run_units_rowmajor(const reducer *r, int64_t begin, int64_t end) {
    const nd_engine *e = &r->e;
    const int64_t isz = (int64_t)r->acc_isz;
    const int64_t in_step = e->inner_steps[0], out_step = e->inner_steps[1];
    int64_t c0 = begin * r->width, c1 = end * r->width < e->inner_n ? end * r->width : e->inner_n;
    int64_t cols = c1 - c0;
    int levels = 1;
    for (int64_t g = r->red_total / GROUP_ROWS + 1; g; g >>= 1) levels++;
    if (levels > MAX_LEVELS || cols * isz * levels > ROWMAJOR_MAX_BYTES) return false;
    char *stack = nd__alloc((size_t)(levels * cols * isz), 64);
    if (!stack) return false;
    bool used[MAX_LEVELS] = {false};
    char *cur = stack; /* level 0, across all the range's columns */
    fill_identity(cur, cols, r->identity, r->acc_isz);
    const char *rows[GROUP_ROWS];
    int64_t idx[ND_MAX_DIMS] = {0};
    const char *row = e->data[0] + c0 * in_step;
    const int64_t steps[2] = {in_step, isz};
    for (int64_t t = 0; t < r->red_total;) {
        int g = 0;
        for (; g < GROUP_ROWS && t < r->red_total; g++, t++) {
            rows[g] = row;
            for (int d = r->nred - 1; d >= 0; d--) {
                row += r->red_strides[0][d];
                if (++idx[d] < r->red_shape[d]) break;
                row -= r->red_strides[0][d] * r->red_shape[d];
                idx[d] = 0;
            }
        }
        /* pieces of L2 size: each row is read in long runs, the accumulators
         * stay in L2 (measured: far better than L1-sized pieces) */
        const int64_t piece = ROWMAJOR_PIECE_BYTES / isz;
        for (int64_t c = 0; c < cols; c += piece) {
            int64_t w = cols - c < piece ? cols - c : piece;
            for (int k = 0; k < g; k++) {
                char *ptrs[2] = {(char *)rows[k] + c * in_step, cur + c * isz};
                nd__engine_run_row(e, ptrs, steps, w);
            }
        }
        if (g < GROUP_ROWS) break; /* the last, partial group stays in level 0 */
        int l = 1;
        while (l < levels - 1 && used[l]) {
            combine_into(r, stack + l * cols * isz, cur, cols, isz);
            used[l++] = false;
        }
        memcpy(stack + l * cols * isz, cur, (size_t)(cols * isz));
        used[l] = true;
        fill_identity(cur, cols, r->identity, r->acc_isz);
    }
    for (int l = 1; l < levels; l++)
        if (used[l]) combine_into(r, stack + l * cols * isz, cur, cols, isz);
    char *args[2] = {cur, e->data[1] + c0 * out_step};
    int64_t csteps[2] = {isz, out_step};
    r->combine(args, cols, csteps, NULL);
    nd__dealloc(stack);
    return true;
}

static void run_units(void *ctx, int64_t begin, int64_t end) {
    const reducer *r = ctx;
    if (r->nred > 0 && r->nkept == 0 && r->inner_kept && run_units_rowmajor(r, begin, end)) return;
    const nd_engine *e = &r->e;
    const int64_t isz = (int64_t)r->acc_isz;
    const int64_t in_step = e->inner_steps[0], out_step = e->inner_steps[1];
    /* the pairwise stack: level 0 is the group being filled */
    char *stack = NULL;
    int levels = 0;
    if (r->nred > 0) {
        for (int64_t g = r->red_total / GROUP_ROWS + 1; g; g >>= 1) levels++;
        levels += 1;
        stack = nd__alloc((size_t)(levels * r->width * isz), 64);
        /* without memory, fold rows plainly straight into the accumulator */
    }
    if (r->nred == 0 && !r->inner_kept) {
        /* one row into one accumulator per unit: walk the kept axes with a
         * counter, since short rows make per-unit set-up the cost */
        int64_t idx[ND_MAX_DIMS];
        char *ptrs[2] = {e->data[0], e->data[1]};
        int64_t rem = begin;
        for (int d = r->nkept - 1; d >= 0; d--) {
            idx[d] = rem % r->kept_shape[d];
            rem /= r->kept_shape[d];
            ptrs[0] += idx[d] * r->kept_strides[0][d];
            ptrs[1] += idx[d] * r->kept_strides[1][d];
        }
        const int64_t steps[2] = {in_step, 0};
        for (int64_t u = begin; u < end; u++) {
            nd__engine_run_row(e, ptrs, steps, e->inner_n);
            for (int d = r->nkept - 1; d >= 0; d--) {
                ptrs[0] += r->kept_strides[0][d];
                ptrs[1] += r->kept_strides[1][d];
                if (++idx[d] < r->kept_shape[d]) break;
                ptrs[0] -= r->kept_strides[0][d] * r->kept_shape[d];
                ptrs[1] -= r->kept_strides[1][d] * r->kept_shape[d];
                idx[d] = 0;
            }
        }
        return;
    }
    for (int64_t u = begin; u < end; u++) {
        int64_t c = u % r->nchunks, k = u / r->nchunks;
        char *in = e->data[0], *out = e->data[1];
        for (int d = r->nkept - 1; d >= 0; d--) {
            int64_t i = k % r->kept_shape[d];
            k /= r->kept_shape[d];
            in += i * r->kept_strides[0][d];
            out += i * r->kept_strides[1][d];
        }
        int64_t w = r->width;
        if (r->inner_kept) {
            in += c * r->width * in_step;
            out += c * r->width * out_step;
            if (e->inner_n - c * r->width < w) w = e->inner_n - c * r->width;
        }
        int64_t n_in = r->inner_kept ? w : e->inner_n;
        int64_t acc_step = r->inner_kept ? isz : 0;
        int64_t steps[2] = {in_step, r->inner_kept ? out_step : 0};
        if (r->nred == 0 || !stack) {
            /* one row per unit, or no stack: fold every row into out */
            int64_t idx[ND_MAX_DIMS] = {0};
            char *row = in;
            for (int64_t t = 0; t < (r->nred ? r->red_total : 1); t++) {
                char *ptrs[2] = {row, out};
                nd__engine_run_row(e, ptrs, steps, n_in);
                for (int d = r->nred - 1; d >= 0; d--) {
                    row += r->red_strides[0][d];
                    if (++idx[d] < r->red_shape[d]) break;
                    row -= r->red_strides[0][d] * r->red_shape[d];
                    idx[d] = 0;
                }
            }
            continue;
        }
        bool used[MAX_LEVELS] = {false};
        char *cur = stack; /* level 0 */
        fill_identity(cur, w, r->identity, r->acc_isz);
        int64_t idx[ND_MAX_DIMS] = {0}, in_group = 0;
        int64_t cur_steps[2] = {in_step, acc_step};
        char *row = in;
        const int64_t row_bytes = n_in * in_step;
        for (int64_t t = 0; t < r->red_total; t++) {
            char *ptrs[2] = {row, cur};
            /* the next row is somewhere else in memory: fetch it while this
             * one is folded (the hardware prefetcher cannot guess it) */
            if (in_step == (int64_t)e->isz[0] && t + 1 < r->red_total)
                for (int64_t b = 0; b < row_bytes; b += 64) __builtin_prefetch(next_row(r, row, idx) + b);
            nd__engine_run_row(e, ptrs, cur_steps, n_in);
            if (++in_group == GROUP_ROWS) {
                /* carry: merge equal-sized partials upwards */
                int l = 1;
                while (l < levels - 1 && used[l]) {
                    combine_into(r, stack + l * w * isz, cur, w, acc_step);
                    used[l++] = false;
                }
                memcpy(stack + l * w * isz, cur, (size_t)(w * isz));
                used[l] = true;
                fill_identity(cur, w, r->identity, r->acc_isz);
                in_group = 0;
            }
            for (int d = r->nred - 1; d >= 0; d--) {
                row += r->red_strides[0][d];
                if (++idx[d] < r->red_shape[d]) break;
                row -= r->red_strides[0][d] * r->red_shape[d];
                idx[d] = 0;
            }
        }
        /* smallest partials first, then larger ones */
        for (int l = 1; l < levels; l++)
            if (used[l]) combine_into(r, stack + l * w * isz, cur, w, acc_step);
        combine_into(r, cur, out, w, r->inner_kept ? out_step : 0);
    }
    nd__dealloc(stack);
}

static nd_status reduce_serial_or_units(const char *fn, nd_loop_fn loop, nd_loop_fn combine,
                                        const nd_array *a, nd_dtype in_loop, nd_array *acc,
                                        const void *identity, bool parallel) {
    (void)fn;
    reducer r;
    nd_engine *e = &r.e;
    e->loop = loop;
    e->params = NULL;
    e->nop = 2;
    e->ndim = a->ndim;
    memcpy(e->shape, a->shape, sizeof(int64_t) * (size_t)a->ndim);
    nd__broadcast_strides(a, a->ndim, e->strides[0]);
    nd__broadcast_strides(acc, a->ndim, e->strides[1]);
    e->data[0] = a->data;
    e->data[1] = acc->data;
    e->isz[0] = nd__itemsize(a->dtype);
    e->isz[1] = nd__itemsize(acc->dtype);
    e->loop_isz[0] = nd__itemsize(in_loop);
    e->loop_isz[1] = e->isz[1];
    e->cast[0] = a->dtype == in_loop ? NULL : nd__cast_loop(a->dtype, in_loop);
    e->cast[1] = NULL;
    e->any_cast = e->cast[0] != NULL;
    e->tiled = false;
    nd__engine_simplify(e);
    const int m = e->ndim, in = m - 1;
    e->inner_n = e->shape[in];
    e->inner_steps[0] = e->strides[0][in];
    e->inner_steps[1] = e->strides[1][in];

    r.combine = combine;
    r.identity = identity;
    r.acc_isz = e->isz[1];
    r.inner_kept = e->strides[1][in] != 0;
    r.nkept = r.nred = 0;
    r.red_total = 1;
    for (int d = 0; d < in; d++) {
        bool kept = e->strides[1][d] != 0;
        int j = kept ? r.nkept++ : r.nred++;
        int64_t *shape = kept ? r.kept_shape : r.red_shape;
        int64_t (*strides)[ND_MAX_DIMS] = kept ? r.kept_strides : r.red_strides;
        shape[j] = e->shape[d];
        strides[0][j] = e->strides[0][d];
        strides[1][j] = e->strides[1][d];
        if (!kept) r.red_total *= e->shape[d];
    }
    r.width = 1;
    if (r.inner_kept) {
        /* columns per unit: CHUNK_COLS, fewer when the kept outer axes give
         * too few units to keep every thread busy, but not below MIN_COLS */
        int64_t kept = 1;
        for (int d = 0; d < r.nkept; d++) kept *= r.kept_shape[d];
        int64_t want = 4 * (int64_t)nd_get_num_threads();
        int64_t w = kept >= want ? CHUNK_COLS : (e->inner_n * kept + want - 1) / want;
        w = w < MIN_COLS ? MIN_COLS : w > CHUNK_COLS ? CHUNK_COLS : w;
        r.width = e->inner_n < w ? e->inner_n : w;
    }
    r.nchunks = r.inner_kept ? (e->inner_n + r.width - 1) / r.width : 1;
    int64_t units = r.nchunks;
    for (int d = 0; d < r.nkept; d++) units *= r.kept_shape[d];
    int64_t per_unit = r.red_total * (r.inner_kept ? r.width : e->inner_n);
    if (parallel && units > 1 && units * per_unit >= ND_PARALLEL_MIN_ELEMS) {
        int64_t chunk = ND_PARALLEL_CHUNK_ELEMS / (per_unit ? per_unit : 1);
        nd__parallel_for(units, chunk < 1 ? 1 : chunk, run_units, &r);
    } else {
        run_units(&r, 0, units);
    }
    return ND_OK;
}

/* Few accumulators for much input (a full sum, say): each thread folds a
 * slice of the longest reduced axis into an accumulator of its own, and the
 * partials are combined at the end. */
typedef struct split_job {
    const char *fn;
    nd_loop_fn loop, combine;
    const nd_array *a;
    nd_dtype in_loop;
    nd_array **parts;
    const void *identity;
    int axis;
    int64_t nparts;
} split_job;

static void run_split(void *ctx, int64_t begin, int64_t end) {
    const split_job *j = ctx;
    for (int64_t p = begin; p < end; p++) {
        nd_array sub = *j->a;
        int64_t len = j->a->shape[j->axis];
        int64_t lo = len * p / j->nparts, hi = len * (p + 1) / j->nparts;
        sub.shape[j->axis] = hi - lo;
        sub.data += lo * sub.strides[j->axis] * (int64_t)nd__itemsize(sub.dtype);
        nd__update_flags(&sub);
        reduce_serial_or_units(j->fn, j->loop, j->combine, &sub, j->in_loop, j->parts[p],
                               j->identity, false);
    }
}

nd_status nd__reduce(const char *fn, nd_loop_fn loop, nd_loop_fn combine, const nd_array *a,
                     nd_dtype in_loop, nd_array *acc, const void *identity) {
    if (a->size == 0 || acc->size == 0) return ND_OK;
    int nthreads = nd_get_num_threads();
    /* split the reduced axis that is outermost in memory, so each slice is
     * a block the walker can coalesce */
    int axis = -1;
    for (int d = 0; d < a->ndim; d++) {
        int64_t st = a->strides[d] < 0 ? -a->strides[d] : a->strides[d];
        if (acc->shape[d] == 1 && a->shape[d] >= nthreads &&
            (axis < 0 || st > (a->strides[axis] < 0 ? -a->strides[axis] : a->strides[axis])))
            axis = d;
    }
    bool few_outputs = acc->size < 2 * (int64_t)nthreads;
    if (nthreads < 2 || !few_outputs || axis < 0 || a->size < 4 * ND_PARALLEL_MIN_ELEMS)
        return reduce_serial_or_units(fn, loop, combine, a, in_loop, acc, identity, true);

    nd_array *parts[256];
    int64_t nparts = nthreads > 256 ? 256 : nthreads;
    size_t isz = nd__itemsize(acc->dtype);
    for (int64_t p = 0; p < nparts; p++) {
        parts[p] = nd__alloc_array(fn, acc->ndim, acc->shape, acc->dtype);
        if (!parts[p]) {
            for (int64_t q = 0; q < p; q++) nd_free(parts[q]);
            return nd_last_status();
        }
        fill_identity(parts[p]->data, acc->size, identity, isz);
    }
    split_job job = {fn, loop, combine, a, in_loop, parts, identity, axis, nparts};
    nd__parallel_for(nparts, 1, run_split, &job);
    for (int64_t p = 0; p < nparts; p++) {
        char *args[2] = {parts[p]->data, acc->data};
        int64_t steps[2] = {(int64_t)isz, (int64_t)isz};
        combine(args, acc->size, steps, NULL);
        nd_free(parts[p]);
    }
    return ND_OK;
}
