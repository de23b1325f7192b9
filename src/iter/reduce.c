/* The reduction walker. The accumulator has stride 0 along reduced axes, so
 * the engine's axis ordering walks the input in memory order. Work units are
 * the kept outer positions times column chunks of the inner axis, so units
 * write disjoint accumulators and can run on any thread. Reduced outer axes
 * fold rows pairwise: groups of rows go into a level-0 partial, and partials
 * of equal size merge like a binary counter, so the error grows with the
 * logarithm of the reduced length on every axis. The order of every
 * addition depends on the shapes and strides only, never on the thread
 * count, so results are the same bits on any number of threads. */
#include "iter/engine.h"
#include "iter/threads.h"

#include <stdlib.h>

/* Rows folded plainly before a partial joins the pairwise stack. */
#define GROUP_ROWS 16
/* Inner-axis chunk of one unit when the inner axis is kept, in elements. */
#define CHUNK_COLS 16384
#define MIN_COLS 256
#define MAX_LEVELS 64
/* Rows folded in one pass of the fold kernel: four streams read at once. */
#define FOLD_ROWS 4
/* Shortest rows (in bytes) folded several at a time when they are adjacent. */
#define FOLD_MIN_ADJACENT_BYTES 8192
/* Rows of at most SHORT_ROW elements are reduced ROW_BATCH at a time, by
 * column; float sums only below PAIRWISE_MIN, where a row is summed in
 * order anyway (NumPy's pairwise sum starts at 8). */
#define SHORT_ROW 16
#define PAIRWISE_MIN 8
#define ROW_BATCH 512
/* Accumulator bytes of one block when no outer axis is kept. */
#define BLOCK_BYTES (256 << 10)

typedef struct reducer {
    nd_engine e;
    nd_reduce_kernels k;
    const void *identity;
    size_t acc_isz;
    bool inner_kept;
    int nkept, nred;
    int64_t kept_shape[ND_MAX_DIMS], red_shape[ND_MAX_DIMS];
    int64_t kept_strides[2][ND_MAX_DIMS], red_strides[2][ND_MAX_DIMS];
    int64_t red_total; /* rows folded per unit */
    int64_t width;     /* accumulators per unit: a column chunk, or 1 */
    int64_t nchunks;
    int64_t units;     /* of work, independent of each other */
    int64_t per_unit;  /* elements read per unit */
    int levels;        /* of the pairwise stack, level 0 included */
    bool stacked;      /* folds rows pairwise, through the stack */
    size_t scratch;    /* bytes of one run of units' stack (0: none) */
} reducer;

/* dst = op(dst, src) over n accumulators; dst_step 0 folds into one. */
static void combine_into(const reducer *r, char *src, char *dst, int64_t n, int64_t dst_step) {
    char *args[2] = {src, dst};
    int64_t steps[2] = {dst_step == 0 ? 0 : (int64_t)r->acc_isz, dst_step};
    r->k.combine(args, n, steps, NULL);
}

/* Moves row on to the next reduced row, stepping the counter idx. */
static const char *advance_row(const reducer *r, const char *row, int64_t *idx) {
    for (int d = r->nred - 1; d >= 0; d--) {
        row += r->red_strides[0][d];
        if (++idx[d] < r->red_shape[d]) break;
        row -= r->red_strides[0][d] * r->red_shape[d];
        idx[d] = 0;
    }
    return row;
}

/* Gathers the next group of up to GROUP_ROWS reduced rows, from *row on
 * (row number *t of r->red_total); returns how many. */
static int next_group(const reducer *r, const char **row, int64_t *idx, int64_t *t, const char **rows) {
    int g = 0;
    for (; g < GROUP_ROWS && *t < r->red_total; g++, (*t)++) {
        rows[g] = *row;
        *row = advance_row(r, *row, idx);
    }
    return g;
}

/* Folds g rows of n elements into acc: n accumulators acc_step apart, or
 * one when acc_step is 0. */
static void fold_rows(const reducer *r, const char **rows, int g, int64_t n, char *acc, int64_t acc_step) {
    const nd_engine *e = &r->e;
    const int64_t in_step = e->inner_steps[0];
    /* Rows folded four at a time read as four streams, and each accumulator
     * is loaded and stored once per four rows. That beats a row at a time
     * except when the rows are short and follow each other in memory: then
     * a row at a time is one sequential read (measured: 2x better for rows
     * of 700 floats, 1.15x for rows of 5 KB), and the accumulators are in
     * L1 anyway. */
    const bool short_adjacent = r->nred > 0 && r->red_strides[0][r->nred - 1] == n * in_step &&
                                n * in_step < FOLD_MIN_ADJACENT_BYTES;
    if (r->k.fold && acc_step == (int64_t)r->acc_isz && !e->any_cast && in_step == (int64_t)e->isz[0] &&
        !short_adjacent) {
        for (int k = 0; k < g; k += FOLD_ROWS) r->k.fold(acc, rows + k, g - k < FOLD_ROWS ? g - k : FOLD_ROWS, n);
        return;
    }
    const int64_t steps[2] = {in_step, acc_step};
    for (int k = 0; k < g; k++) {
        char *ptrs[2] = {(char *)rows[k], acc};
        nd__engine_run_row(e, ptrs, steps, n);
    }
}

/* Folds every reduced row of one block into out (w accumulators out_step
 * apart, or one when the inner axis is reduced). The rows start at in and
 * hold w elements (the whole inner axis when it is reduced). Rows go in
 * groups into a level-0 partial, and partials of equal size merge like a
 * binary counter, so the error grows with the logarithm of the row count.
 * mem holds r->levels partials of w accumulators; blocks are sized so that
 * they stay in L2 while the rows stream past. */
static void fold_block(const reducer *r, const char *in, char *out, int64_t w, int64_t out_step, char *mem) {
    const int64_t isz = (int64_t)r->acc_isz;
    const int64_t acc_step = r->inner_kept ? isz : 0, nacc = r->inner_kept ? w : 1;
    const int64_t n_in = r->inner_kept ? w : r->e.inner_n;
    char *buf[MAX_LEVELS];
    bool used[MAX_LEVELS] = {false}, pending = false;
    for (int l = 0; l < r->levels; l++) buf[l] = mem + l * nacc * isz;
    const char *rows[GROUP_ROWS], *row = in;
    int64_t idx[ND_MAX_DIMS] = {0}, t = 0;
    for (int g; (g = next_group(r, &row, idx, &t, rows)) > 0;) {
        nd__fill_bytes(buf[0], nacc, r->identity, r->acc_isz);
        fold_rows(r, rows, g, n_in, buf[0], acc_step);
        if (g < GROUP_ROWS) { /* the last, partial group stays in level 0 */
            pending = true;
            break;
        }
        /* carry into the first free level above 0 */
        int top = 1;
        for (; top < r->levels - 1 && used[top]; top++) {
            combine_into(r, buf[top], buf[0], nacc, acc_step);
            used[top] = false;
        }
        char *tmp = buf[top];
        buf[top] = buf[0];
        buf[0] = tmp;
        used[top] = true;
    }
    if (!pending) nd__fill_bytes(buf[0], nacc, r->identity, r->acc_isz);
    /* smallest partials first, then larger ones */
    for (int l = 1; l < r->levels; l++)
        if (used[l]) combine_into(r, buf[l], buf[0], nacc, acc_step);
    combine_into(r, buf[0], out, nacc, r->inner_kept ? out_step : 0);
}

/* Every row straight into out, when one group holds all the rows (so
 * there is nothing to pair). */
static void fold_block_plain(const reducer *r, const char *in, char *out, int64_t w, int64_t out_step) {
    const char *rows[GROUP_ROWS], *row = in;
    int64_t idx[ND_MAX_DIMS] = {0}, t = 0;
    for (int g; (g = next_group(r, &row, idx, &t, rows)) > 0;)
        fold_rows(r, rows, g, r->inner_kept ? w : r->e.inner_n, out, r->inner_kept ? out_step : 0);
}

/* One row into one accumulator per unit (only the inner axis is reduced):
 * walk the kept axes with a counter, since short rows make per-unit set-up
 * the cost. Rows of a few elements go a batch of units at a time, column by
 * column (out[u] = op(out[u], row_u[j]) along the innermost kept axis), so
 * the rows' folds are independent instead of one short chain per row
 * (measured 3x on rows of 8). Each row is still folded in its own order. */
static void run_units_rows(const reducer *r, int64_t begin, int64_t end) {
    const nd_engine *e = &r->e;
    const int dk = r->nkept - 1; /* the innermost kept axis */
    /* only for rows that follow each other (a strided batch can alias in
     * the cache), and not where the loop would sum a row pairwise */
    const bool by_column = dk >= 0 && e->inner_n <= SHORT_ROW &&
                           r->kept_strides[0][dk] == e->inner_n * e->inner_steps[0] &&
                           !(r->k.pairwise && e->inner_n >= PAIRWISE_MIN);
    int64_t idx[ND_MAX_DIMS];
    char *ptrs[2] = {e->data[0], e->data[1]};
    int64_t rem = begin;
    for (int d = r->nkept - 1; d >= 0; d--) {
        idx[d] = rem % r->kept_shape[d];
        rem /= r->kept_shape[d];
        ptrs[0] += idx[d] * r->kept_strides[0][d];
        ptrs[1] += idx[d] * r->kept_strides[1][d];
    }
    for (int64_t u = begin; u < end;) {
        int64_t m = 1;
        if (by_column) {
            m = r->kept_shape[dk] - idx[dk];
            if (m > end - u) m = end - u;
            if (m > ROW_BATCH) m = ROW_BATCH;
            const int64_t steps[2] = {r->kept_strides[0][dk], r->kept_strides[1][dk]};
            for (int64_t j = 0; j < e->inner_n; j++) {
                char *col[2] = {ptrs[0] + j * e->inner_steps[0], ptrs[1]};
                nd__engine_run_row(e, col, steps, m);
            }
        } else {
            const int64_t steps[2] = {e->inner_steps[0], 0};
            nd__engine_run_row(e, ptrs, steps, e->inner_n);
        }
        u += m;
        if (dk < 0) break; /* a single unit */
        /* on by m units: m stays within the innermost kept axis */
        ptrs[0] += m * r->kept_strides[0][dk];
        ptrs[1] += m * r->kept_strides[1][dk];
        for (int d = dk; d >= 0; d--) {
            idx[d] += d == dk ? m : 1;
            if (idx[d] < r->kept_shape[d]) break;
            ptrs[0] -= r->kept_strides[0][d] * r->kept_shape[d];
            ptrs[1] -= r->kept_strides[1][d] * r->kept_shape[d];
            idx[d] = 0;
            if (d > 0) {
                ptrs[0] += r->kept_strides[0][d - 1];
                ptrs[1] += r->kept_strides[1][d - 1];
            }
        }
    }
}

/* Runs units [begin, end) with mem, the reducer's scratch (r->scratch bytes:
 * the pairwise stack, or nothing when there is nothing to pair). */
static void run_units(const reducer *r, int64_t begin, int64_t end, char *mem) {
    if (r->nred == 0 && !r->inner_kept) {
        run_units_rows(r, begin, end);
        return;
    }
    const nd_engine *e = &r->e;
    const int64_t isz = (int64_t)r->acc_isz;
    const int64_t in_step = e->inner_steps[0], out_step = e->inner_steps[1];
    /* No kept outer axis (a sum over axis 0, say): this range's column
     * chunks are adjacent, so fold them as blocks of up to BLOCK_BYTES of
     * accumulators: each row is read in long runs, and the block's pairwise
     * stack stays near the core (measured best from 64K to 256K f32). */
    if (r->nred > 0 && r->nkept == 0 && r->inner_kept) {
        const int64_t c0 = begin * r->width, c1 = end * r->width < e->inner_n ? end * r->width : e->inner_n;
        const int64_t nblocks = (c1 - c0 + BLOCK_BYTES / isz - 1) / (BLOCK_BYTES / isz);
        const int64_t bw = (c1 - c0 + nblocks - 1) / nblocks;
        for (int64_t c = c0; c < c1; c += bw) {
            const char *in = e->data[0] + c * in_step;
            char *out = e->data[1] + c * out_step;
            if (r->stacked) fold_block(r, in, out, c1 - c < bw ? c1 - c : bw, out_step, mem);
            else fold_block_plain(r, in, out, c1 - c < bw ? c1 - c : bw, out_step);
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
        if (r->stacked) fold_block(r, in, out, w, out_step, mem);
        else fold_block_plain(r, in, out, w, out_step);
    }
}

/* Sets r up to fold a into acc (see nd__reduce). nthreads only sizes the
 * column chunks, which never changes a result: each accumulator folds its
 * own rows in the same order whatever the chunks. Allocates nothing. */
static void reducer_init(reducer *r, const nd_reduce_kernels *k, const nd_array *a, nd_dtype in_loop,
                         const nd_array *acc, const void *identity, int nthreads) {
    nd_engine *e = &r->e;
    e->loop = k->loop;
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

    r->k = *k;
    r->identity = identity;
    r->acc_isz = e->isz[1];
    r->inner_kept = e->strides[1][in] != 0;
    r->nkept = r->nred = 0;
    r->red_total = 1;
    for (int d = 0; d < in; d++) {
        bool kept = e->strides[1][d] != 0;
        int j = kept ? r->nkept++ : r->nred++;
        int64_t *shape = kept ? r->kept_shape : r->red_shape;
        int64_t (*strides)[ND_MAX_DIMS] = kept ? r->kept_strides : r->red_strides;
        shape[j] = e->shape[d];
        strides[0][j] = e->strides[0][d];
        strides[1][j] = e->strides[1][d];
        if (!kept) r->red_total *= e->shape[d];
    }
    r->width = 1;
    if (r->inner_kept) {
        /* columns per unit: CHUNK_COLS, fewer when the kept outer axes give
         * too few units to keep every thread busy, but not below MIN_COLS */
        int64_t kept = 1;
        for (int d = 0; d < r->nkept; d++) kept *= r->kept_shape[d];
        int64_t want = 4 * (int64_t)nthreads;
        int64_t w = kept >= want ? CHUNK_COLS : (e->inner_n * kept + want - 1) / want;
        w = w < MIN_COLS ? MIN_COLS : w > CHUNK_COLS ? CHUNK_COLS : w;
        r->width = e->inner_n < w ? e->inner_n : w;
    }
    r->levels = 1;
    for (int64_t g = r->red_total / GROUP_ROWS + 1; g; g >>= 1) r->levels++;
    r->nchunks = r->inner_kept ? (e->inner_n + r->width - 1) / r->width : 1;
    r->units = r->nchunks;
    for (int d = 0; d < r->nkept; d++) r->units *= r->kept_shape[d];
    r->per_unit = r->red_total * (r->inner_kept ? r->width : e->inner_n);
    /* The pairwise stack of one run of units: r->levels partials of the
     * accumulators of one unit or block. Without it a block would fold
     * straight into its accumulators, in another order: so it is allocated
     * before any work, and its failure is an error, never a fallback. */
    r->stacked = r->red_total > GROUP_ROWS;
    r->scratch = 0;
    if (r->stacked) {
        const int64_t isz = (int64_t)r->acc_isz;
        int64_t w = !r->inner_kept ? 1 : r->nkept > 0 ? r->width
                                    : (e->inner_n < BLOCK_BYTES / isz ? e->inner_n : BLOCK_BYTES / isz);
        r->scratch = ((size_t)(r->levels * w * isz) + 63) & ~(size_t)63;
    }
}

/* Scratch for nparts runs of units, each r->scratch bytes; NULL with an
 * error recorded on failure, NULL and no error when none is needed. */
static char *alloc_scratch(const char *fn, size_t each, int64_t nparts, bool *failed) {
    *failed = false;
    if (each == 0) return NULL;
    size_t total;
    char *mem = NULL;
    if (!__builtin_mul_overflow(each, (size_t)nparts, &total)) mem = nd__alloc(total, 64);
    if (!mem) {
        *failed = true;
        nd__error(ND_ERR_NOMEM, fn, "out of memory allocating %zu bytes of scratch for each of %lld threads", each,
                  (long long)nparts);
    }
    return mem;
}

/* Units split evenly over parts; part p uses scratch p. */
typedef struct units_job {
    const reducer *r;
    char *mem;
    int64_t nparts;
} units_job;

static void run_unit_parts(void *ctx, int64_t begin, int64_t end) {
    const units_job *j = ctx;
    const reducer *r = j->r;
    for (int64_t p = begin; p < end; p++)
        run_units(r, r->units * p / j->nparts, r->units * (p + 1) / j->nparts,
                  j->mem ? j->mem + (size_t)p * r->scratch : NULL);
}

/* The units of r on up to nthreads threads. Each unit writes its own
 * accumulators and folds them in one fixed order, so the split does not
 * change the result. */
static nd_status reduce_units(const char *fn, const reducer *r, int nthreads) {
    int64_t nparts = 1;
    if (nthreads > 1 && r->units > 1 && r->units * r->per_unit >= ND_PARALLEL_MIN_ELEMS) {
        int64_t chunk = ND_PARALLEL_CHUNK_ELEMS / (r->per_unit ? r->per_unit : 1);
        nparts = nd__parallel_parts(r->units, chunk < 1 ? 1 : chunk);
        if (nparts > nthreads) nparts = nthreads;
    }
    bool failed;
    units_job j = {r, alloc_scratch(fn, r->scratch, nparts, &failed), nparts};
    if (failed) return nd_last_status();
    if (nparts > 1) nd__parallel_for(nparts, 1, run_unit_parts, &j);
    else run_units(r, 0, r->units, j.mem);
    nd__dealloc(j.mem);
    return ND_OK;
}

/* Few accumulators for much input (a full sum, say): the longest reduced
 * axis is cut into slices, each folded into partial accumulators of its
 * own, and the partials are combined in a fixed pairwise tree. The number
 * of slices depends on the sizes only, never on the thread count, so the
 * result is the same on any number of threads; threads take whole slices. */
#define SPLIT_MIN_FOLD (4 * ND_PARALLEL_MIN_ELEMS) /* elements per accumulator */
#define SLICE_MIN_ELEMS ND_PARALLEL_MIN_ELEMS
#define MAX_SLICES 256

typedef struct split_job {
    const nd_reduce_kernels *k;
    const nd_array *a, *acc;
    nd_dtype in_loop;
    const void *identity;
    int axis;
    int64_t nslices, nworkers;
    char *partials; /* nslices partial results, part_bytes apart */
    size_t part_bytes;
    char *mem; /* nworkers scratch blocks, scratch bytes apart */
    size_t scratch;
} split_job;

/* Slice s of a along the split axis, and its partial accumulators. */
static void slice_of(const split_job *j, int64_t s, nd_array *sub, nd_array *part) {
    *sub = *j->a;
    int64_t len = j->a->shape[j->axis];
    int64_t lo = len * s / j->nslices, hi = len * (s + 1) / j->nslices;
    sub->shape[j->axis] = hi - lo;
    sub->data += lo * sub->strides[j->axis] * (int64_t)nd__itemsize(sub->dtype);
    nd__update_flags(sub);
    *part = *j->acc;
    part->data = j->partials + (size_t)s * j->part_bytes;
}

static void run_split(void *ctx, int64_t begin, int64_t end) {
    const split_job *j = ctx;
    for (int64_t w = begin; w < end; w++) {
        char *mem = j->mem ? j->mem + (size_t)w * j->scratch : NULL;
        for (int64_t s = j->nslices * w / j->nworkers; s < j->nslices * (w + 1) / j->nworkers; s++) {
            nd_array sub, part;
            slice_of(j, s, &sub, &part);
            nd__fill_bytes(part.data, part.size, j->identity, nd__itemsize(part.dtype));
            reducer r;
            reducer_init(&r, j->k, &sub, j->in_loop, &part, j->identity, 1);
            run_units(&r, 0, r.units, mem);
        }
    }
}

static nd_status reduce_split(const char *fn, const nd_reduce_kernels *k, const nd_array *a, nd_dtype in_loop,
                              nd_array *acc, const void *identity, int axis, int64_t nslices, int nthreads) {
    split_job j = {k, a, acc, in_loop, identity, axis, nslices, 1, NULL, 0, NULL, 0};
    const size_t isz = nd__itemsize(acc->dtype);
    j.part_bytes = ((size_t)acc->size * isz + 63) & ~(size_t)63;
    j.nworkers = nthreads < 2 ? 1 : nd__parallel_parts(nslices, 1);
    if (j.nworkers > nthreads) j.nworkers = nthreads;
    j.partials = nd__alloc((size_t)nslices * j.part_bytes, 64);
    if (!j.partials)
        return nd__error(ND_ERR_NOMEM, fn, "out of memory allocating %lld partial results",
                         (long long)nslices);
    /* every slice is one of two lengths: scratch for the larger need */
    for (int64_t s = 0; s < 2 && s < nslices; s++) {
        nd_array sub, part;
        slice_of(&j, s == 0 ? 0 : nslices - 1, &sub, &part);
        reducer r;
        reducer_init(&r, k, &sub, in_loop, &part, identity, 1);
        if (r.scratch > j.scratch) j.scratch = r.scratch;
    }
    bool failed;
    j.mem = alloc_scratch(fn, j.scratch, j.nworkers, &failed);
    if (failed) {
        nd__dealloc(j.partials);
        return nd_last_status();
    }
    if (j.nworkers > 1) nd__parallel_for(j.nworkers, 1, run_split, &j);
    else run_split(&j, 0, 1);
    /* partial s += partial s + step, for step 1, 2, 4, ...: a fixed tree */
    char *args[2];
    const int64_t steps[2] = {(int64_t)isz, (int64_t)isz};
    for (int64_t step = 1; step < nslices; step *= 2)
        for (int64_t s = 0; s + step < nslices; s += 2 * step) {
            args[0] = j.partials + (size_t)(s + step) * j.part_bytes;
            args[1] = j.partials + (size_t)s * j.part_bytes;
            k->combine(args, acc->size, steps, NULL);
        }
    args[0] = j.partials;
    args[1] = acc->data;
    k->combine(args, acc->size, steps, NULL);
    nd__dealloc(j.mem);
    nd__dealloc(j.partials);
    return ND_OK;
}

nd_status nd__reduce(const char *fn, const nd_reduce_kernels *k, const nd_array *a, nd_dtype in_loop,
                     nd_array *acc, const void *identity) {
    if (a->size == 0 || acc->size == 0) return ND_OK;
    const int nthreads = nd_get_num_threads(); /* read once: it may change meanwhile */
    /* Much input per accumulator: split the reduced axis that is outermost
     * in memory, so each slice is a block the walker can coalesce. */
    if (a->size / acc->size >= SPLIT_MIN_FOLD) {
        int axis = -1;
        for (int d = 0; d < a->ndim; d++) {
            int64_t st = a->strides[d] < 0 ? -a->strides[d] : a->strides[d];
            if (acc->shape[d] == 1 && a->shape[d] >= 2 &&
                (axis < 0 || st > (a->strides[axis] < 0 ? -a->strides[axis] : a->strides[axis])))
                axis = d;
        }
        int64_t nslices = a->size / SLICE_MIN_ELEMS;
        if (nslices > MAX_SLICES) nslices = MAX_SLICES;
        if (axis >= 0 && nslices > a->shape[axis]) nslices = a->shape[axis];
        if (axis >= 0 && nslices >= 2)
            return reduce_split(fn, k, a, in_loop, acc, identity, axis, nslices, nthreads);
    }
    reducer r;
    reducer_init(&r, k, a, in_loop, acc, identity, nthreads);
    return reduce_units(fn, &r, nthreads);
}
