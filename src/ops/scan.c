/* cumsum and cumprod: the running sum or product along one axis. The input
 * is converted into a fresh C-ordered result, which is then scanned in
 * place. Along the last axis (or where rows are short) each lane is one run
 * of the scan loop; along any other axis each row is added to (or
 * multiplied by) the row before it, so memory is read in order instead of
 * one strided lane at a time. */
#include "iter/iter.h"
#include "iter/threads.h"

/* Rows of at least SCAN_MIN_ROW elements are combined row by row (shorter
 * ones scan as strided lanes: measured break-even at 4); a work unit's
 * columns (two rows of them, 16 KiB of float32) then stay in L1 or L2
 * while the scan walks down the axis. */
#define SCAN_MIN_ROW 8
#define SCAN_CHUNK_COLS 2048

typedef struct scan_job {
    char *data;             /* C-ordered (outer, n, inner) */
    int64_t n, inner;       /* the axis length, and the elements after it */
    int64_t isz;
    bool by_rows;           /* rows combined with the row before */
    int64_t chunk, nchunks; /* by rows: inner columns per unit, units per outer */
    nd_loop_fn lane;        /* the scan loop, along one lane */
    nd_loop_fn rows;        /* add or multiply, row by row */
} scan_job;

static void run_scan(void *ctx, int64_t begin, int64_t end) {
    const scan_job *j = ctx;
    if (!j->by_rows) { /* unit u: the lane of column u % inner in outer block u / inner */
        const int64_t step = j->inner * j->isz, steps[2] = {step, step};
        int64_t o = begin / j->inner, c = begin % j->inner;
        char *block = j->data + o * j->n * step;
        for (int64_t u = begin; u < end; u++) {
            char *args[2] = {block + c * j->isz, block + c * j->isz};
            j->lane(args, j->n, steps, NULL);
            if (++c == j->inner) c = 0, block += j->n * step;
        }
        return;
    }
    for (int64_t u = begin; u < end; u++) {
        const int64_t o = u / j->nchunks, c = (u % j->nchunks) * j->chunk;
        char *base = j->data + (o * j->n * j->inner + c) * j->isz;
        const int64_t w = j->inner - c < j->chunk ? j->inner - c : j->chunk, row = j->inner * j->isz;
        const int64_t steps[3] = {j->isz, j->isz, j->isz};
        for (int64_t k = 1; k < j->n; k++) {
            char *args[3] = {base + (k - 1) * row, base + k * row, base + k * row};
            j->rows(args, w, steps, NULL);
        }
    }
}

static nd_array *scan_body(const char *fn, bool prod, const nd_array *a, int axis, nd_array *out) {
    if (!nd__check_array(fn, "a", a)) return NULL;
    nd_dtype acc = nd__sum_dtype(a->dtype);
    int ax = axis;
    if (ax != ND_AXIS_NONE && !nd__norm_axis_flat(fn, &ax, a->ndim == 0 ? 1 : a->ndim)) return NULL;
    /* the flattened array, and a 0-d one, scan as 1-D, as NumPy */
    int64_t flat = a->size;
    bool as_1d = axis == ND_AXIS_NONE || a->ndim == 0;
    int nd = as_1d ? 1 : a->ndim;
    const int64_t *shape = as_1d ? &flat : a->shape;
    if (out && (!nd__check_out(fn, out, nd, shape))) return NULL;
    if (out && !nd_can_cast(acc, out->dtype, ND_CAST_SAME_KIND)) {
        nd__error(ND_ERR_DTYPE, fn, "cannot cast the result from %s to the output's %s (same_kind casting)",
                  nd__dtypes[acc].name, nd__dtypes[out->dtype].name);
        return NULL;
    }
    nd_array *x = nd_astype(a, acc); /* a fresh C-ordered array */
    if (!x) return NULL;
    if (as_1d) {
        nd_array *r = nd_reshape(x, nd, shape);
        nd_free(x);
        x = r;
        if (!x) return NULL;
        ax = 0;
    }
    if (x->size > 0) {
        scan_job j = {x->data, x->shape[ax], 1, (int64_t)nd__itemsize(acc), false, 1, 1, nd__scan_loop(prod, acc),
                      nd__loop(prod ? ND_OP_multiply : ND_OP_add, acc)};
        for (int d = ax + 1; d < x->ndim; d++) j.inner *= x->shape[d];
        j.by_rows = j.inner >= SCAN_MIN_ROW;
        int64_t units = x->size / j.n, per_unit = j.n; /* lanes */
        if (j.by_rows) {
            j.chunk = j.inner < SCAN_CHUNK_COLS ? j.inner : SCAN_CHUNK_COLS;
            j.nchunks = (j.inner + j.chunk - 1) / j.chunk;
            units = x->size / (j.n * j.inner) * j.nchunks, per_unit = j.n * j.chunk;
        }
        if (x->size >= ND_PARALLEL_MIN_ELEMS && units > 1)
            nd__parallel_for(units, 1 + ND_PARALLEL_CHUNK_ELEMS / per_unit, run_scan, &j);
        else
            run_scan(&j, 0, units);
    }
    if (!out) return x;
    nd_status st = nd_copyto(out, x);
    nd_free(x);
    return st == ND_OK ? out : NULL;
}

/* As scan_body, every failure under the public function's name. */
static nd_array *scan(const char *fn, bool prod, const nd_array *a, int axis, nd_array *out) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_array(fn, mark, scan_body(fn, prod, a, axis, out));
}

nd_array *nd_cumsum(const nd_array *a, int axis) { return scan("nd_cumsum", false, a, axis, NULL); }
nd_array *nd_cumprod(const nd_array *a, int axis) { return scan("nd_cumprod", true, a, axis, NULL); }
nd_status nd_cumsum_out(const nd_array *a, int axis, nd_array *out) {
    if (!a) return nd__null_arg("nd_cumsum_out", "a");
    if (!out) return nd__null_arg("nd_cumsum_out", "out");
    return scan("nd_cumsum_out", false, a, axis, out) ? ND_OK : nd_last_status();
}
nd_status nd_cumprod_out(const nd_array *a, int axis, nd_array *out) {
    if (!a) return nd__null_arg("nd_cumprod_out", "a");
    if (!out) return nd__null_arg("nd_cumprod_out", "out");
    return scan("nd_cumprod_out", true, a, axis, out) ? ND_OK : nd_last_status();
}
