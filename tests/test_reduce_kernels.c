/* Tests for the row folds of the reduction walker (src/iter/reduce.c) and
 * the AVX2 float sums (src/kernels/avx2/reduce.c), each checked against
 * plain C loops over the input values:
 * - every reduction on every dtype over axis 0, in layouts that take the
 *   many-row fold kernel and layouts that go a row at a time, with row
 *   counts that leave partial groups of 16, carries in the pairwise stack
 *   and remainders of the four-row passes; keepdims and _out variants;
 * - inputs wide enough to need several blocks of accumulators;
 * - AVX2 against ref: whole-array float sums within an error bound on
 *   misaligned slices, and axis-0 float sums bit for bit;
 * - empty reduced axes and empty results. */
#include "nd_test.h"

#include <float.h>
#include <stdlib.h>

/* ---------------------------------------------------------------- the operations */

typedef nd_array *(*red_fn)(const nd_array *, int, const int *, bool);
typedef nd_status (*red_out_fn)(const nd_array *, int, const int *, bool, nd_array *);
typedef nd_array *(*red_dtype_fn)(const nd_array *, int, const int *, bool, nd_dtype);

/* The values an operation is tested on: plain, NaN in some columns (floats),
 * or odd numbers (so that integer products wrap without turning 0). */
typedef enum values_kind { VALS_PLAIN, VALS_NAN, VALS_ODD, NUM_VALS } values_kind;

typedef enum op_id {
    OP_SUM, OP_PROD, OP_MIN, OP_MAX, OP_NANSUM, OP_NANMIN, OP_NANMAX, OP_ALL, OP_ANY,
    OP_COUNT_NONZERO,
    OP_SUM_SAME, OP_PROD_SAME, /* the _dtype variants with the input's dtype */
    NUM_OPS
} op_id;

static const struct op_info {
    const char *name;
    red_fn fn;
    red_out_fn out;
    red_dtype_fn with_dtype;
    values_kind vals;
} g_ops[NUM_OPS] = {
    [OP_SUM] = {"sum", nd_sum, nd_sum_out, NULL, VALS_PLAIN},
    [OP_PROD] = {"prod", nd_prod, nd_prod_out, NULL, VALS_ODD},
    [OP_MIN] = {"min", nd_min, nd_min_out, NULL, VALS_NAN},
    [OP_MAX] = {"max", nd_max, nd_max_out, NULL, VALS_NAN},
    [OP_NANSUM] = {"nansum", nd_nansum, nd_nansum_out, NULL, VALS_NAN},
    [OP_NANMIN] = {"nanmin", nd_nanmin, nd_nanmin_out, NULL, VALS_NAN},
    [OP_NANMAX] = {"nanmax", nd_nanmax, nd_nanmax_out, NULL, VALS_NAN},
    [OP_ALL] = {"all", nd_all, nd_all_out, NULL, VALS_NAN},
    [OP_ANY] = {"any", nd_any, nd_any_out, NULL, VALS_NAN},
    [OP_COUNT_NONZERO] = {"count_nonzero", nd_count_nonzero, nd_count_nonzero_out, NULL, VALS_NAN},
    [OP_SUM_SAME] = {"sum_dtype", NULL, NULL, nd_sum_dtype, VALS_PLAIN},
    [OP_PROD_SAME] = {"prod_dtype", NULL, NULL, nd_prod_dtype, VALS_ODD},
};

/* Reductions without an identity: an empty reduced axis is an error. */
static bool needs_values(op_id op) {
    return op == OP_MIN || op == OP_MAX || op == OP_NANMIN || op == OP_NANMAX;
}

static const nd_dtype g_dtypes[] = {ND_BOOL,   ND_INT8,   ND_INT16,  ND_INT32,   ND_INT64, ND_UINT8,
                                    ND_UINT16, ND_UINT32, ND_UINT64, ND_FLOAT32, ND_FLOAT64};
#define NUM_DTYPES (int)(sizeof g_dtypes / sizeof g_dtypes[0])

static bool is_unsigned(nd_dtype dt) { return nd_dtype_is_integer(dt) && !nd_dtype_is_signed(dt); }

/* NumPy's result dtype: sums and products of bool and integers in int64
 * (uint64 for unsigned), all/any bool, count_nonzero int64. */
static nd_dtype result_dtype(op_id op, nd_dtype in) {
    switch (op) {
    case OP_SUM: case OP_PROD: case OP_NANSUM:
        return nd_dtype_is_float(in) ? in : is_unsigned(in) ? ND_UINT64 : ND_INT64;
    case OP_ALL: case OP_ANY: return ND_BOOL;
    case OP_COUNT_NONZERO: return ND_INT64;
    default: return in;
    }
}

/* ---------------------------------------------------------------- input values */

/* splitmix64: reproducible, independent of libnd's generator. */
static uint64_t next_u64(uint64_t *s) {
    uint64_t z = (*s += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}
static double uniform01(uint64_t *s) { return (double)(next_u64(s) >> 11) * 0x1p-53; }
static int64_t below(uint64_t *s, int64_t n) { return (int64_t)(next_u64(s) % (uint64_t)n); }

/* One value exactly as dtype dt holds it: signed in [-3, 3], unsigned in
 * [0, 5], floats uniform in [-1, 1]; odd ones: {-3, -1, 1, 3}, {1, 3, 5},
 * floats of magnitude in [0.5, 1.5] (products neither vanish nor blow up). */
static double draw(uint64_t *s, nd_dtype dt, values_kind vk) {
    if (dt == ND_BOOL) return (double)below(s, 2);
    if (nd_dtype_is_float(dt)) {
        double v = vk == VALS_ODD ? (below(s, 2) ? 1 : -1) * (0.5 + uniform01(s)) : 2 * uniform01(s) - 1;
        return dt == ND_FLOAT32 ? (double)(float)v : v;
    }
    if (vk == VALS_ODD) return is_unsigned(dt) ? (double)(2 * below(s, 3) + 1) : (double)(2 * below(s, 4) - 3);
    return is_unsigned(dt) ? (double)below(s, 6) : (double)(below(s, 7) - 3);
}

static double draw_nonzero(uint64_t *s, nd_dtype dt, values_kind vk) {
    double v;
    do v = draw(s, dt, vk);
    while (v == 0);
    return v;
}

/* rows x cols values. Columns take turns at patterns that all, any and
 * count_nonzero tell apart (random, never zero, one nonzero, one zero, all
 * zero); with VALS_NAN, float columns get a NaN in the first, middle or last
 * row, or NaN throughout. */
static void fill_values(double *v, int64_t rows, int64_t cols, nd_dtype dt, values_kind vk, uint64_t seed) {
    uint64_t s = seed;
    const bool nans = vk == VALS_NAN && nd_dtype_is_float(dt);
    for (int64_t r = 0; r < rows; r++)
        for (int64_t c = 0; c < cols; c++) {
            const bool special = r == (c / 8) % rows;
            double x;
            switch (c % 8) {
            case 2: case 3: x = draw_nonzero(&s, dt, vk); break;
            case 4: x = special ? draw_nonzero(&s, dt, vk) : 0; break;
            case 5: x = special ? 0 : draw_nonzero(&s, dt, vk); break;
            case 6: x = 0; break;
            default: x = draw(&s, dt, vk); break;
            }
            if (nans && (c % 13 == 12 || (c % 7 == 1 && r == 0) || (c % 7 == 3 && r == rows / 2) ||
                         (c % 7 == 5 && r == rows - 1)))
                x = NAN;
            v[r * cols + c] = x;
        }
}

/* ---------------------------------------------------------------- the reference */

/* What plain C loops make of one kept position's values (its column). */
typedef struct col_stats {
    int64_t n, nonzero, nnan;
    uint64_t isum, iprod; /* integer inputs: wrapping, as C unsigned arithmetic */
    int64_t imin, imax;
    long double fsum, fabs_sum, nansum, nanabs_sum, fprod;
    double fmin, fmax; /* over the non-NaN values; NaN if there are none */
} col_stats;

static col_stats *column_stats(const double *v, int64_t rows, int64_t cols, bool is_float) {
    col_stats *st = malloc(sizeof *st * (size_t)(cols ? cols : 1));
    assert_non_null(st);
    for (int64_t c = 0; c < cols; c++)
        st[c] = (col_stats){.iprod = 1, .imin = INT64_MAX, .imax = INT64_MIN, .fprod = 1, .fmin = NAN,
                            .fmax = NAN};
    for (int64_t r = 0; r < rows; r++)
        for (int64_t c = 0; c < cols; c++) {
            const double x = v[r * cols + c];
            col_stats *s = &st[c];
            s->n++;
            s->nonzero += x != 0; /* NaN too */
            if (!is_float) {
                const int64_t i = (int64_t)x;
                s->isum += (uint64_t)i;
                s->iprod *= (uint64_t)i;
                if (i < s->imin) s->imin = i;
                if (i > s->imax) s->imax = i;
                continue;
            }
            s->fsum += x;
            s->fabs_sum += fabs(x);
            s->fprod *= x;
            if (isnan(x)) {
                s->nnan++;
                continue;
            }
            s->nansum += x;
            s->nanabs_sum += fabs(x);
            if (isnan(s->fmin) || x < s->fmin) s->fmin = x;
            if (isnan(s->fmax) || x > s->fmax) s->fmax = x;
        }
    return st;
}

/* The integer result before it is narrowed to the result dtype. */
static uint64_t expect_int(op_id op, const col_stats *s) {
    switch (op) {
    case OP_SUM: case OP_NANSUM: case OP_SUM_SAME: return s->isum;
    case OP_PROD: case OP_PROD_SAME: return s->iprod;
    case OP_MIN: case OP_NANMIN: return (uint64_t)s->imin;
    case OP_MAX: case OP_NANMAX: return (uint64_t)s->imax;
    case OP_ALL: return s->nonzero == s->n;
    case OP_ANY: return s->nonzero > 0;
    default: return (uint64_t)s->nonzero;
    }
}

static uint64_t sign_extend(uint64_t v, int bits) {
    const uint64_t sign = (uint64_t)1 << (bits - 1), mask = (sign << 1) - 1;
    return ((v & mask) ^ sign) - sign;
}

/* v converted to dtype dt as C does (modulo the width; bool: nonzero),
 * widened back as load_int widens: sums of bools in bool are or, products
 * and, min and max of bools and and or. */
static uint64_t wrap_to(nd_dtype dt, uint64_t v) {
    switch (dt) {
    case ND_BOOL: return v != 0;
    case ND_INT8: return sign_extend(v, 8);
    case ND_INT16: return sign_extend(v, 16);
    case ND_INT32: return sign_extend(v, 32);
    case ND_UINT8: return v & 0xFF;
    case ND_UINT16: return v & 0xFFFF;
    case ND_UINT32: return v & 0xFFFFFFFF;
    default: return v;
    }
}

static uint64_t load_int(nd_dtype dt, const void *p) {
    switch (dt) {
    case ND_BOOL: case ND_UINT8: return *(const uint8_t *)p;
    case ND_INT8: return (uint64_t)*(const int8_t *)p;
    case ND_INT16: return (uint64_t)*(const int16_t *)p;
    case ND_INT32: return (uint64_t)*(const int32_t *)p;
    case ND_INT64: return (uint64_t)*(const int64_t *)p;
    case ND_UINT16: return *(const uint16_t *)p;
    case ND_UINT32: return *(const uint32_t *)p;
    default: return *(const uint64_t *)p;
    }
}

static double load_float(nd_dtype dt, const void *p) {
    return dt == ND_FLOAT32 ? (double)*(const float *)p : *(const double *)p;
}

/* A float result: the exact value and how far the library may be from it
 * (min and max exactly; sums within tol of the sum of magnitudes, which is
 * what rounding errors scale with). */
typedef struct float_expect {
    long double want, bound;
} float_expect;

static float_expect expect_float(op_id op, nd_dtype dt, const col_stats *s) {
    const long double tol = dt == ND_FLOAT32 ? 1e-5L : 1e-12L;
    /* products may pass through subnormals */
    const long double tiny = (long double)s->n * (dt == ND_FLOAT32 ? FLT_TRUE_MIN : DBL_TRUE_MIN);
    switch (op) {
    case OP_SUM: case OP_SUM_SAME: return (float_expect){s->fsum, tol * s->fabs_sum};
    case OP_NANSUM: return (float_expect){s->nansum, tol * s->nanabs_sum};
    case OP_PROD: case OP_PROD_SAME: return (float_expect){s->fprod, tol * fabsl(s->fprod) + tiny};
    case OP_MIN: return (float_expect){s->nnan ? NAN : s->fmin, 0};
    case OP_MAX: return (float_expect){s->nnan ? NAN : s->fmax, 0};
    case OP_NANMIN: return (float_expect){s->fmin, 0};
    case OP_NANMAX: return (float_expect){s->fmax, 0};
    default: fail_msg("no float result for %s", g_ops[op].name);
    }
    return (float_expect){0, 0};
}

/* ---------------------------------------------------------------- layouts */

/* An input of shape (R, kept...) reduced over axis 0, made as a view of a
 * base array, or the base itself. Which path a row fold takes (when no
 * dtype conversion forces a row at a time) is in each comment. */
typedef struct layout {
    const char *name;
    int nkept;           /* axes after axis 0 */
    int64_t kept[2];     /* their lengths (WIDE: see wide_cols) */
    int64_t base_row[2]; /* the base's lengths after its axis 0 */
    int row_step;        /* base rows per input row; -1: the rows reversed */
    int64_t col_start, col_step; /* of the input's last axis in the base's */
    const char *view;    /* makes the input from the base; NULL: the base */
} layout;

#define WIDE (-1)

/* Rows of at least 4096 bytes: too long to count as short, adjacent or not. */
static int64_t wide_cols(nd_dtype dt) { return 4096 / (int64_t)nd_dtype_size(dt) + 5; }

enum {
    L_WIDE, L_WIDE_REVERSED, L_CUBE, L_CUBE_VIEW, L_SHORT, L_SHORT_ROW_STEP, L_COL_STEP,
    NUM_FOLD_LAYOUTS, /* the layouts every op, dtype and row count runs on */
    L_BLOCKS = NUM_FOLD_LAYOUTS, L_EMPTY_WIDE, L_NO_COLS
};

static const layout g_layouts[] = {
    /* fold: long rows */
    [L_WIDE] = {"(R, wide)", 1, {WIDE}, {WIDE}, 1, 0, 1, NULL},
    /* fold, the rows in the opposite order */
    [L_WIDE_REVERSED] = {"(R, wide)[::-1]", 1, {WIDE}, {WIDE}, -1, 0, 1, "::-1"},
    /* a row at a time: the kept axes merge, so rows of 150 follow each other */
    [L_CUBE] = {"(R, 3, 50)", 2, {3, 50}, {3, 50}, 1, 0, 1, NULL},
    /* fold: rows of 50 with gaps, under a kept outer axis */
    [L_CUBE_VIEW] = {"(R, 3, 64)[..., :50]", 2, {3, 50}, {3, 64}, 1, 0, 1, "..., :50"},
    /* a row at a time: short rows that follow each other */
    [L_SHORT] = {"(R, 50)", 1, {50}, {50}, 1, 0, 1, NULL},
    /* fold: short rows with gaps */
    [L_SHORT_ROW_STEP] = {"(2R, 50)[::2]", 1, {50}, {50}, 2, 0, 1, "::2"},
    /* a row at a time: the inner axis is strided */
    [L_COL_STEP] = {"(R, 601)[:, 1::2]", 1, {300}, {601}, 1, 1, 2, ":, 1::2"},
    /* more columns than one 256 KiB block of float32 accumulators */
    [L_BLOCKS] = {"(R, 70001)", 1, {70001}, {70001}, 1, 0, 1, NULL},
    [L_EMPTY_WIDE] = {"(R, 5000)", 1, {5000}, {5000}, 1, 0, 1, NULL},
    [L_NO_COLS] = {"(R, 0)", 1, {0}, {0}, 1, 0, 1, NULL},
};

/* Counts that leave partial groups of 16 rows, fill one exactly, carry in
 * the pairwise stack, and leave every remainder of four-row passes. */
static const int64_t g_row_counts[] = {1, 3, 4, 5, 15, 16, 17, 33, 100};
#define NUM_ROW_COUNTS (int)(sizeof g_row_counts / sizeof g_row_counts[0])

/* An input, its values as rows x cols (axis 0 against the kept positions in
 * C order) and the reference for each column. */
typedef struct input {
    const layout *lay;
    nd_array *base, *a;
    nd_dtype dt;
    int ndim;
    int64_t shape[3];
    int64_t rows, cols;
    col_stats *stats;
} input;

/* Where value (r, c) of the input sits in the base, in elements. */
static int64_t base_index(const layout *L, int64_t rows, int64_t base_cols, int64_t r, int64_t c) {
    const int64_t brow = L->row_step < 0 ? rows - 1 - r : r * L->row_step;
    if (L->nkept == 1) return brow * base_cols + L->col_start + c * L->col_step;
    const int64_t i0 = c / L->kept[1], i1 = c % L->kept[1];
    return brow * base_cols + i0 * L->base_row[1] + L->col_start + i1 * L->col_step;
}

static input make_input(nd_dtype dt, const layout *L, int64_t rows, values_kind vk, uint64_t seed) {
    input in = {.lay = L, .dt = dt, .ndim = 1 + L->nkept, .rows = rows, .cols = 1};
    int64_t base_shape[3] = {rows * (L->row_step < 0 ? 1 : L->row_step)}, base_cols = 1;
    in.shape[0] = rows;
    for (int d = 0; d < L->nkept; d++) {
        in.shape[1 + d] = L->kept[d] == WIDE ? wide_cols(dt) : L->kept[d];
        base_shape[1 + d] = L->base_row[d] == WIDE ? wide_cols(dt) : L->base_row[d];
        in.cols *= in.shape[1 + d];
        base_cols *= base_shape[1 + d];
    }
    const int64_t n = rows * in.cols, nbase = base_shape[0] * base_cols;
    double *vals = malloc(sizeof(double) * (size_t)(n ? n : 1));
    double *bvals = malloc(sizeof(double) * (size_t)(nbase ? nbase : 1));
    assert_non_null(vals);
    assert_non_null(bvals);
    fill_values(vals, rows, in.cols, dt, vk, seed);
    /* what the view leaves out: a value that would show if it were read */
    const double poison = nd_dtype_is_float(dt) ? NAN : dt == ND_BOOL ? 1 : 2;
    for (int64_t i = 0; i < nbase; i++) bvals[i] = poison;
    for (int64_t r = 0; r < rows; r++)
        for (int64_t c = 0; c < in.cols; c++)
            bvals[base_index(L, rows, base_cols, r, c)] = vals[r * in.cols + c];
    in.base = nd_test_array(dt, in.ndim, base_shape, bvals);
    ND_ASSERT_ARRAY(in.base);
    in.a = L->view ? nd_view(in.base, L->view) : in.base;
    if (!in.a) fail_msg("nd_view(%s, \"%s\"): %s", L->name, L->view, nd_errmsg());
    nd_test_shape(in.a, in.ndim, in.shape);
    in.stats = column_stats(vals, rows, in.cols, nd_dtype_is_float(dt));
    free(vals);
    free(bvals);
    return in;
}

static void free_input(input *in) {
    if (in->a != in->base) nd_free(in->a);
    nd_free(in->base);
    free(in->stats);
}

/* The inputs of one (dtype, layout, row count) case, one per values kind
 * (without NaN, VALS_NAN is VALS_PLAIN). */
typedef struct input_set {
    input in[NUM_VALS];
} input_set;

static input_set make_inputs(nd_dtype dt, const layout *L, int64_t rows) {
    input_set s;
    const uint64_t seed = (uint64_t)dt * 1000003u + (uint64_t)(L - g_layouts) * 1009u + (uint64_t)rows;
    s.in[VALS_PLAIN] = make_input(dt, L, rows, VALS_PLAIN, seed);
    if (nd_dtype_is_float(dt)) s.in[VALS_NAN] = make_input(dt, L, rows, VALS_NAN, seed + 1);
    else s.in[VALS_NAN] = (input){.a = NULL};
    s.in[VALS_ODD] = make_input(dt, L, rows, VALS_ODD, seed + 2);
    return s;
}

static const input *input_for(const input_set *s, op_id op) {
    values_kind vk = g_ops[op].vals;
    return vk == VALS_NAN && !s->in[VALS_NAN].a ? &s->in[VALS_PLAIN] : &s->in[vk];
}

static void free_inputs(input_set *s) {
    for (int k = 0; k < NUM_VALS; k++)
        if (s->in[k].a) free_input(&s->in[k]);
}

/* ---------------------------------------------------------------- running and checking */

/* Asserts res holds op's reduction of in over axis 0 (C-contiguous). */
static void check_values(const nd_array *res, op_id op, const input *in, const char *what) {
    const nd_dtype dt = nd_dtype_of(res);
    const size_t isz = nd_itemsize(res);
    const char *p = nd_data(res);
    for (int64_t c = 0; c < in->cols; c++, p += isz) {
        const col_stats *s = &in->stats[c];
        if (nd_dtype_is_float(dt)) {
            const double got = load_float(dt, p);
            const float_expect e = expect_float(op, dt, s);
            if (isnan(e.want) ? !isnan(got) : !(fabsl((long double)got - e.want) <= e.bound))
                fail_msg("%s: element %lld is %.17g, expected %.17Lg (within %.3Lg)", what, (long long)c, got,
                         e.want, e.bound);
        } else {
            const uint64_t got = load_int(dt, p), want = wrap_to(dt, expect_int(op, s));
            if (got != want)
                fail_msg("%s: element %lld is %lld, expected %lld", what, (long long)c, (long long)got,
                         (long long)want);
        }
    }
}

/* Runs op over axis 0 of in (into a fresh out when via_out) and checks the
 * result's dtype, shape and values. */
static void check_reduction(const input *in, op_id op, bool keepdims, bool via_out) {
    const struct op_info *o = &g_ops[op];
    const nd_dtype want_dt = result_dtype(op, in->dt);
    char what[160];
    snprintf(what, sizeof what, "nd_%s%s of %s %s, R=%lld%s", o->name, via_out ? "_out" : "",
             nd_dtype_name(in->dt), in->lay->name, (long long)in->rows, keepdims ? ", keepdims" : "");
    int64_t shape[3];
    const int ndim = keepdims ? in->ndim : in->ndim - 1;
    for (int d = 0; d < ndim; d++) shape[d] = keepdims ? (d == 0 ? 1 : in->shape[d]) : in->shape[d + 1];
    const int axis = 0;
    nd_array *res;
    if (via_out) {
        res = nd_empty(ndim, shape, want_dt);
        ND_ASSERT_ARRAY(res);
        ND_ASSERT_OK(nd_fill(res, 3)); /* whatever is not written shows */
        if (o->out(in->a, 1, &axis, keepdims, res) != ND_OK) fail_msg("%s failed: %s", what, nd_errmsg());
    } else {
        res = o->fn ? o->fn(in->a, 1, &axis, keepdims) : o->with_dtype(in->a, 1, &axis, keepdims, in->dt);
        if (!res) fail_msg("%s failed: %s", what, nd_errmsg());
    }
    if (nd_dtype_of(res) != want_dt)
        fail_msg("%s: dtype %s, expected %s", what, nd_dtype_name(nd_dtype_of(res)), nd_dtype_name(want_dt));
    if (nd_ndim(res) != ndim) fail_msg("%s: ndim %d, expected %d", what, nd_ndim(res), ndim);
    for (int d = 0; d < ndim; d++)
        if (nd_shape(res)[d] != shape[d])
            fail_msg("%s: shape[%d] is %lld, expected %lld", what, d, (long long)nd_shape(res)[d],
                     (long long)shape[d]);
    check_values(res, op, in, what);
    nd_free(res);
}

/* ---------------------------------------------------------------- every op, dtype and row count */

/* Every operation on one dtype (the state), every fold layout, every row count. */
static void test_fold_paths(void **state) {
    const nd_dtype dt = *(const nd_dtype *)*state;
    for (int l = 0; l < NUM_FOLD_LAYOUTS; l++)
        for (int r = 0; r < NUM_ROW_COUNTS; r++) {
            input_set s = make_inputs(dt, &g_layouts[l], g_row_counts[r]);
            for (int op = 0; op < NUM_OPS; op++) check_reduction(input_for(&s, op), op, false, false);
            free_inputs(&s);
        }
}

/* keepdims and the _out variants (which the _dtype ones lack) on a few
 * layouts, for every op and dtype. */
static void test_keepdims_and_out(void **state) {
    (void)state;
    static const struct {
        int layout;
        int64_t rows;
        bool keepdims, via_out;
    } variants[] = {
        {L_WIDE, 17, true, false},        {L_WIDE, 5, false, true},         {L_SHORT, 33, true, true},
        {L_CUBE_VIEW, 16, true, true},    {L_COL_STEP, 4, true, true},      {L_SHORT_ROW_STEP, 100, false, true},
    };
    for (size_t v = 0; v < sizeof variants / sizeof variants[0]; v++)
        for (int t = 0; t < NUM_DTYPES; t++) {
            input_set s = make_inputs(g_dtypes[t], &g_layouts[variants[v].layout], variants[v].rows);
            for (int op = 0; op < NUM_OPS; op++)
                check_reduction(input_for(&s, op), op, variants[v].keepdims,
                                variants[v].via_out && g_ops[op].out != NULL);
            free_inputs(&s);
        }
}

/* (R, 70001) over axis 0: accumulators of 4 and 8 bytes need two and three
 * blocks; with the fold kernel and a row at a time (int16 sums convert to
 * int64), below and above one group of rows. */
static void test_blocks(void **state) {
    (void)state;
    static const struct {
        nd_dtype dt;
        op_id op;
    } cases[] = {
        {ND_FLOAT32, OP_SUM},    {ND_FLOAT64, OP_SUM},         {ND_INT64, OP_SUM},
        {ND_INT16, OP_SUM},      {ND_INT32, OP_PROD_SAME},     {ND_FLOAT32, OP_NANMIN},
        {ND_UINT32, OP_MAX},     {ND_INT8, OP_COUNT_NONZERO},  {ND_BOOL, OP_SUM},
    };
    static const int64_t rows[] = {3, 17};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
        for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
            input in = make_input(cases[k].dt, &g_layouts[L_BLOCKS], rows[r], g_ops[cases[k].op].vals,
                                  7 * k + r);
            check_reduction(&in, cases[k].op, false, false);
            free_input(&in);
        }
}

/* ---------------------------------------------------------------- empty axes */

/* An empty reduced axis gives the identity ((0, 5000): sum 0, prod 1, all
 * true, ...); an empty kept axis an empty result ((R, 0) -> (0,)). */
static void test_empty(void **state) {
    (void)state;
    for (int t = 0; t < NUM_DTYPES; t++) {
        input empty_rows = make_input(g_dtypes[t], &g_layouts[L_EMPTY_WIDE], 0, VALS_PLAIN, 1);
        input no_cols = make_input(g_dtypes[t], &g_layouts[L_NO_COLS], 5, VALS_PLAIN, 1);
        input neither = make_input(g_dtypes[t], &g_layouts[L_NO_COLS], 0, VALS_PLAIN, 1);
        for (int op = 0; op < NUM_OPS; op++)
            for (int kd = 0; kd < 2; kd++) {
                check_reduction(&no_cols, op, kd, false);
                if (needs_values(op)) continue; /* an error, tested in test_reduce.c */
                check_reduction(&empty_rows, op, kd, false);
                check_reduction(&neither, op, kd, false);
            }
        free_input(&empty_rows);
        free_input(&no_cols);
        free_input(&neither);
    }
}

/* ---------------------------------------------------------------- AVX2 against ref */

static const char *const g_levels[] = {"ref", "avx2"};
#define NUM_LEVELS (int)(sizeof g_levels / sizeof g_levels[0])

/* Switches to kernel level name; false when this build or CPU lacks it. */
static bool use_level(const char *name) {
    nd_status st = nd_set_arch(name);
    if (st == ND_ERR_UNSUPPORTED) {
        nd_clear_error();
        return false;
    }
    if (st != ND_OK) fail_msg("nd_set_arch(\"%s\"): %s", name, nd_errmsg());
    return true;
}

/* Back to the best level, even after a failed check. */
static int restore_level(void **state) {
    (void)state;
    nd_set_arch(NULL);
    nd_clear_error();
    return 0;
}

static const nd_dtype g_float_dtypes[] = {ND_FLOAT32, ND_FLOAT64};

/* nd_sum of whole 1-D slices, lengths 0..200 and across the blocking of
 * both levels' pairwise sums, starting 0..7 elements into the array (so
 * vector loads are misaligned), within 4 log2(n + 2) eps sum|x| of the
 * exact sum: a pairwise sum's worst case, far below a lost element. */
static void test_sum_1d_levels(void **state) {
    (void)state;
    enum { MAX_LEN = 100003, MAX_OFF = 8 };
    static const int64_t long_lens[] = {255, 256, 257, 1000, 4097, MAX_LEN};
    const int nlong = (int)(sizeof long_lens / sizeof long_lens[0]);
    double *vals = malloc(sizeof(double) * (MAX_LEN + MAX_OFF));
    assert_non_null(vals);
    for (int t = 0; t < 2; t++) {
        const nd_dtype dt = g_float_dtypes[t];
        const long double eps = dt == ND_FLOAT32 ? FLT_EPSILON : DBL_EPSILON;
        uint64_t seed = 42 + (uint64_t)t;
        for (int64_t i = 0; i < MAX_LEN + MAX_OFF; i++) vals[i] = draw(&seed, dt, VALS_PLAIN);
        nd_array *base = nd_test_array(dt, 1, SH(MAX_LEN + MAX_OFF), vals);
        ND_ASSERT_ARRAY(base);
        for (int lv = 0; lv < NUM_LEVELS; lv++) {
            if (!use_level(g_levels[lv])) continue; /* no AVX2 here */
            for (int k = 0; k < 201 + nlong; k++) {
                const int64_t n = k <= 200 ? k : long_lens[k - 201];
                for (int64_t off = 0; off < MAX_OFF; off++) {
                    long double exact = 0, mag = 0;
                    for (int64_t i = off; i < off + n; i++) {
                        exact += vals[i];
                        mag += fabs(vals[i]);
                    }
                    nd_array *slice = nd_slice_axis(base, 0, off, off + n, 1);
                    ND_ASSERT_ARRAY(slice);
                    nd_array *s = nd_sum(slice, ND_ALL_AXES, NULL, false);
                    ND_ASSERT_ARRAY(s);
                    const double got = load_float(dt, nd_data(s));
                    const long double bound = 4 * log2l((long double)n + 2) * eps * mag;
                    if (!(fabsl((long double)got - exact) <= bound))
                        fail_msg("%s: nd_sum of %s[%lld:%lld] is %.17g, expected %.17Lg within %.3Lg",
                                 g_levels[lv], nd_dtype_name(dt), (long long)off, (long long)(off + n), got,
                                 exact, bound);
                    nd_free(s);
                    nd_free(slice);
                }
            }
        }
        nd_free(base);
    }
    free(vals);
    restore_level(NULL);
}

/* nd_sum over axis 0 of (R, C) float arrays under each level: the same
 * bits from both (their element-wise and many-row folds add in the same
 * order; C = 1 aside), and right within tolerance. Contiguous inputs go a row at a time
 * (short adjacent rows), views of (R, C + 5) through the fold kernel, from a
 * misaligned start. */
static void test_fold_bits_levels(void **state) {
    (void)state;
    static const int64_t rows[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 17, 33};
    static const int64_t extra_cols[] = {1000};
    const int nrows = (int)(sizeof rows / sizeof rows[0]);
    const int ncols = 40 + (int)(sizeof extra_cols / sizeof extra_cols[0]);
    for (int t = 0; t < 2; t++)
        for (int r = 0; r < nrows; r++)
            for (int k = 0; k < ncols; k++) {
                const int64_t c = k < 40 ? k + 1 : extra_cols[k - 40];
                char view[32];
                snprintf(view, sizeof view, ":, 1:%lld", (long long)(c + 1));
                const layout lays[2] = {
                    {"(R, C)", 1, {c}, {c}, 1, 0, 1, NULL},
                    {"(R, C + 5)[:, 1:C + 1]", 1, {c}, {c + 5}, 1, 1, 1, view},
                };
                for (int l = 0; l < 2; l++) {
                    input in = make_input(g_float_dtypes[t], &lays[l], rows[r], VALS_PLAIN,
                                          (uint64_t)(1000 * r + 10 * k + l));
                    nd_array *res[NUM_LEVELS] = {NULL};
                    for (int lv = 0; lv < NUM_LEVELS; lv++) {
                        if (!use_level(g_levels[lv])) continue;
                        res[lv] = nd_sum(in.a, 1, (const int[]){0}, false);
                        ND_ASSERT_ARRAY(res[lv]);
                        char what[128];
                        snprintf(what, sizeof what, "%s: nd_sum of %s %s, R=%lld, C=%lld", g_levels[lv],
                                 nd_dtype_name(in.dt), lays[l].name, (long long)rows[r], (long long)c);
                        check_values(res[lv], OP_SUM, &in, what);
                    }
                    /* (R, 1) has no kept axis left: a row sum, blocked
                     * differently by each level */
                    if (res[1] && c > 1) {
                        const size_t isz = nd_dtype_size(in.dt);
                        const char *a = nd_data(res[0]), *b = nd_data(res[1]);
                        for (int64_t i = 0; i < c; i++)
                            if (memcmp(a + i * (int64_t)isz, b + i * (int64_t)isz, isz) != 0)
                                fail_msg("nd_sum of %s %s, R=%lld, C=%lld: element %lld is %.17g under ref, "
                                         "%.17g under avx2",
                                         nd_dtype_name(in.dt), lays[l].name, (long long)rows[r], (long long)c,
                                         (long long)i, load_float(in.dt, a + i * (int64_t)isz),
                                         load_float(in.dt, b + i * (int64_t)isz));
                    }
                    for (int lv = 0; lv < NUM_LEVELS; lv++) nd_free(res[lv]);
                    free_input(&in);
                }
            }
    restore_level(NULL);
}

/* ---------------------------------------------------------------- NumPy's bits */

/* A big value then n - 1 ones: each way of pairing the sum rounds the ones
 * away differently, so the result shows the order of the additions. The
 * expected sums are NumPy 1.24's (np.sum of such float32 / float64 arrays,
 * and of the same rows in a (2, n) array along axis 1). The portable level
 * pairs exactly as NumPy does; the AVX2 level does below 32 (f32) and 16
 * (f64) elements and keeps more partial sums above that. */
static const struct numpy_bits {
    int64_t n;
    double f32, f64; /* minus 2^24 and 2^53 */
} g_numpy_bits[] = {
    {7, 0, 0},     {8, 6, 6},     {9, 8, 8},     {15, 8, 8},    {16, 14, 14},
    {17, 16, 16},  {24, 22, 22},  {31, 24, 24},  {32, 28, 28},  {33, 28, 28},
    {100, 84, 84}, {128, 112, 112}, {129, 120, 120}, {200, 188, 188},
};

static void test_sum_numpy_bits(void **state) {
    (void)state;
    const int nb = (int)(sizeof g_numpy_bits / sizeof g_numpy_bits[0]);
    for (int lv = 0; lv < NUM_LEVELS; lv++) {
        if (!use_level(g_levels[lv])) continue;
        const bool ref = lv == 0;
        for (int t = 0; t < 2; t++) {
            const nd_dtype dt = g_float_dtypes[t];
            const double big = dt == ND_FLOAT32 ? 0x1p24 : 0x1p53;
            for (int i = 0; i < nb; i++) {
                const int64_t n = g_numpy_bits[i].n;
                if (!ref && n >= (dt == ND_FLOAT32 ? 32 : 16)) continue;
                const double want = big + (dt == ND_FLOAT32 ? g_numpy_bits[i].f32 : g_numpy_bits[i].f64);
                /* rows of 100 copies: the row sums of a (100, n) array */
                nd_array *a = nd_ones(2, SH(100, n), dt);
                ND_ASSERT_ARRAY(a);
                for (int64_t r = 0; r < 100; r++) {
                    char *p = (char *)nd_data(a) + r * n * (int64_t)nd_dtype_size(dt);
                    if (dt == ND_FLOAT32) *(float *)p = (float)big;
                    else *(double *)p = big;
                }
                nd_array *row = nd_slice_axis(a, 0, 0, 1, 1);
                nd_array *whole = nd_sum(row, ND_ALL_AXES, NULL, false);
                nd_array *rows = nd_sum(a, 1, (const int[]){1}, false);
                ND_ASSERT_ARRAY(whole);
                ND_ASSERT_ARRAY(rows);
                if (load_float(dt, nd_data(whole)) != want)
                    fail_msg("%s: sum of %s [big, 1 x %lld] is %.17g, NumPy gives %.17g", g_levels[lv],
                             nd_dtype_name(dt), (long long)(n - 1), load_float(dt, nd_data(whole)), want);
                for (int64_t r = 0; r < 100; r++) {
                    const double got = load_float(dt, (char *)nd_data(rows) + r * (int64_t)nd_dtype_size(dt));
                    if (got != want)
                        fail_msg("%s: row %lld of a (100, %lld) %s sum along axis 1 is %.17g, NumPy gives %.17g",
                                 g_levels[lv], (long long)r, (long long)n, nd_dtype_name(dt), got, want);
                }
                nd_free(rows), nd_free(whole), nd_free(row), nd_free(a);
            }
        }
    }
    restore_level(NULL);
}

/* nansum pairs as NumPy's nansum (a sum with NaN read as 0) on every level:
 * [big, 1, 1, NaN, 1, ...] of length n, minus big, from NumPy 1.24 for
 * float32 and float64 alike. */
static void test_nansum_numpy_bits(void **state) {
    (void)state;
    static const struct { int64_t n; double rest; } cases[] = {{7, 0}, {8, 4}, {16, 12}, {31, 20}, {100, 84}, {200, 188}};
    for (int lv = 0; lv < NUM_LEVELS; lv++) {
        if (!use_level(g_levels[lv])) continue;
        for (int t = 0; t < 2; t++) {
            const nd_dtype dt = g_float_dtypes[t];
            const double big = dt == ND_FLOAT32 ? 0x1p24 : 0x1p53;
            for (int i = 0; i < (int)(sizeof cases / sizeof cases[0]); i++) {
                const int64_t n = cases[i].n;
                double *v = malloc(sizeof(double) * (size_t)(2 * n));
                assert_non_null(v);
                for (int64_t j = 0; j < 2 * n; j++) v[j] = j % n == 0 ? big : j % n == 3 ? NAN : 1;
                nd_array *a = nd_test_array(dt, 2, SH(2, n), v);
                ND_ASSERT_ARRAY(a);
                nd_array *rows = nd_nansum(a, 1, (const int[]){1}, false);
                ND_ASSERT_ARRAY(rows);
                for (int64_t r = 0; r < 2; r++) {
                    const double got = load_float(dt, (char *)nd_data(rows) + r * (int64_t)nd_dtype_size(dt));
                    if (got != big + cases[i].rest)
                        fail_msg("%s: nansum of %s row of %lld is %.17g, NumPy gives %.17g", g_levels[lv],
                                 nd_dtype_name(dt), (long long)n, got, big + cases[i].rest);
                }
                nd_free(rows), nd_free(a), free(v);
            }
        }
    }
    restore_level(NULL);
}

/* ---------------------------------------------------------------- short rows, many kept axes */

/* Reductions along a short last axis with several kept axes (the batched,
 * column-by-column walk), on 1 to 3 threads, contiguous and through
 * strided and reversed views: against plain loops over the elements. */
static void test_short_rows(void **state) {
    (void)state;
    static const int64_t shapes[][3] = {{513, 511, 3}, {1000, 37, 9}, {7, 5, 16}, {300, 200, 17}};
    static const char *const views[] = {"...", "::2, :, :", "::-1, ::-1, :", ":, 1::3, ::-1"};
    static const op_id ops[] = {OP_SUM, OP_MIN, OP_COUNT_NONZERO};
    const int saved = nd_get_num_threads();
    for (int th = 1; th <= 3; th++) {
        ND_ASSERT_OK(nd_set_num_threads(th));
        for (int si = 0; si < 4; si++)
            for (int vi = 0; vi < 4; vi++)
                for (int di = 0; di < 2; di++) {
                    const nd_dtype dt = di ? ND_FLOAT64 : ND_INT32;
                    const int64_t *sh = shapes[si];
                    nd_rng rng;
                    nd_rng_seed(&rng, (uint64_t)(si * 16 + vi * 2 + di + 1));
                    nd_array *t = nd_random_integers(&rng, -3, 4, 3, sh, ND_INT64);
                    nd_array *base = t ? nd_astype(t, dt) : NULL;
                    nd_free(t);
                    ND_ASSERT_ARRAY(base);
                    nd_array *v = nd_view(base, views[vi]);
                    ND_ASSERT_ARRAY(v);
                    nd_array *vd = nd_astype(v, ND_FLOAT64); /* C-ordered reference copy */
                    ND_ASSERT_ARRAY(vd);
                    const int64_t *vs = nd_shape(v);
                    const int64_t lanes = vs[0] * vs[1], n = vs[2];
                    const double *x = (const double *)nd_data(vd);
                    for (int oi = 0; oi < 3; oi++) {
                        nd_array *res = g_ops[ops[oi]].fn(v, 1, (const int[]){2}, false);
                        ND_ASSERT_ARRAY(res);
                        nd_array *rd = nd_astype(res, ND_FLOAT64);
                        ND_ASSERT_ARRAY(rd);
                        const double *got = (const double *)nd_data(rd);
                        for (int64_t l = 0; l < lanes; l++) {
                            double want = ops[oi] == OP_MIN ? INFINITY : 0;
                            for (int64_t j = 0; j < n; j++) {
                                const double e = x[l * n + j];
                                if (ops[oi] == OP_SUM) want += e;
                                else if (ops[oi] == OP_MIN) want = e < want ? e : want;
                                else want += e != 0;
                            }
                            if (got[l] != want)
                                fail_msg("%d threads, %s of %s (%lld,%lld,%lld)[%s] along axis 2: lane %lld is %g, "
                                         "expected %g",
                                         th, g_ops[ops[oi]].name, nd_dtype_name(dt), (long long)sh[0],
                                         (long long)sh[1], (long long)sh[2], views[vi], (long long)l, got[l], want);
                        }
                        nd_free(rd), nd_free(res);
                    }
                    nd_free(vd), nd_free(v), nd_free(base);
                }
    }
    ND_ASSERT_OK(nd_set_num_threads(saved));
}

/* ---------------------------------------------------------------- main */

int main(void) {
    /* one test of the fold paths per dtype, named after it */
    static char names[NUM_DTYPES][32];
    struct CMUnitTest tests[NUM_DTYPES + 8];
    int n = 0;
    for (int t = 0; t < NUM_DTYPES; t++) {
        snprintf(names[t], sizeof names[t], "fold paths: %s", nd_dtype_name(g_dtypes[t]));
        tests[n++] = (struct CMUnitTest){names[t], test_fold_paths, clear, NULL, (void *)&g_dtypes[t]};
    }
    tests[n++] = (struct CMUnitTest)cmocka_unit_test_setup(test_keepdims_and_out, clear);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test_setup(test_blocks, clear);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test_setup(test_empty, clear);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test_setup_teardown(test_sum_1d_levels, clear, restore_level);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test_setup_teardown(test_fold_bits_levels, clear, restore_level);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test_setup_teardown(test_sum_numpy_bits, clear, restore_level);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test_setup_teardown(test_nansum_numpy_bits, clear, restore_level);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test_setup(test_short_rows, clear);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
