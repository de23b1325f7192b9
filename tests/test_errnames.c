/* Every error names the function the caller called, even when it comes
 * from another public function used inside (nd_argmax calling nd_copy,
 * nd_var calling nd_subtract, nd_linalg_matrix_power calling
 * nd_linalg_inv, ...). Two kinds of test:
 *  - an allocation-failure sweep: each public function runs on small
 *    inputs with the Nth allocation failing, for N = 0, 1, ... until the
 *    call succeeds; every failure must be ND_ERR_NOMEM (or another status,
 *    never ND_OK with a half result) with a message starting with the
 *    function's own name;
 *  - inner errors provoked by bad input, asserting the outer name and the
 *    status. */
#include "nd_test.h"

#include <stdlib.h>
#include <unistd.h>

/* ---------------------------------------------------------------- the failing allocator */

static long g_fail_at = -1; /* the index of the allocation that fails, or -1 */
static long g_count;

static void *sweep_alloc(size_t size, size_t align, void *ctx) {
    (void)ctx;
    if (g_count++ == g_fail_at) return NULL;
    void *p = NULL;
    if (align < sizeof(void *)) align = sizeof(void *);
    return posix_memalign(&p, align, size ? size : 1) == 0 ? p : NULL;
}
static void sweep_free(void *p, void *ctx) {
    (void)ctx;
    free(p);
}

/* ---------------------------------------------------------------- fixtures */

static nd_array *F;     /* (3,4) float64 */
static nd_array *FT;    /* F.T, (4,3), not contiguous */
static nd_array *I;     /* (3,4) int32 */
static nd_array *B;     /* (3,4) bool */
static nd_array *V4;    /* (4,) float64 */
static nd_array *SQ;    /* (3,3) float64, invertible */
static nd_array *SPD;   /* (3,3) float64, symmetric positive definite */
static nd_array *SQ32;  /* SQ as float32 */
static nd_array *IDX;   /* (2,) int64: 0, 2 */
static nd_array *BASE;  /* (10,) float64 */
static nd_array *LO9;   /* BASE[0:9] */
static nd_array *HI9;   /* BASE[1:10], overlapping LO9 */
static nd_array *IBASE; /* (10,) int32 */
static nd_array *ILO9, *IHI9;
static nd_array *OUT3;  /* (3,) float64 */
static nd_array *OUT34; /* (3,4) float64 */
static nd_array *OUT18; /* (18,) float64 */
static nd_array *OUTI3; /* (3,) int8 */
static nd_array *MSK;   /* (3,) bool: 1, 0, 1 */
static nd_array *S0;    /* 0-d float64 2 */
static nd_array *I1D;   /* (6,) int64: 0, 1, 1, 3, 2, 1 */
static nd_array *SORTED;/* (5,) float64 sorted */
static nd_array *BATCH; /* (2,3,3) float64, invertible matrices */
static nd_array *IM;    /* (3,3) int64 */
static nd_array *SORTME;/* a (4,3) transposed view of a copy of F, sorted in place */
static nd_array *SORTME_BASE;
static nd_array *MMC;   /* a copy of SQ, squared in place */
static nd_array *TAIL2; /* BASE[7:9] */
static nd_array *P4;    /* (4,) float64 probabilities */
static nd_npz *ZIN;
static FILE *NULLF;
static char g_dir[64];

static char g_path[128];
static const char *tmp_path(const char *name) {
    snprintf(g_path, sizeof g_path, "%s_%s", g_dir, name);
    return g_path;
}

static nd_array *make(nd_dtype dt, int nd, const int64_t *shape, const double *v) {
    nd_array *a = nd_test_array(dt, nd, shape, v);
    ND_ASSERT_ARRAY(a);
    return a;
}

static int setup(void **state) {
    (void)state;
    nd_clear_error();
    F = make(ND_FLOAT64, 2, SH(3, 4), V(1, -2, 3, 4, 5, 6, -7, 8, 9, 10, 11, 12.5));
    FT = nd_transpose(F, NULL);
    I = make(ND_INT32, 2, SH(3, 4), V(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
    B = make(ND_BOOL, 2, SH(3, 4), V(1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 1, 0));
    V4 = make(ND_FLOAT64, 1, SH(4), V(1, 2, 3, 4));
    SQ = make(ND_FLOAT64, 2, SH(3, 3), V(4, 1, 2, 0, 3, 1, 1, 0, 5));
    SPD = make(ND_FLOAT64, 2, SH(3, 3), V(4, 1, 0, 1, 3, 1, 0, 1, 5));
    SQ32 = nd_astype(SQ, ND_FLOAT32);
    IDX = make(ND_INT64, 1, SH(2), V(0, 2));
    BASE = make(ND_FLOAT64, 1, SH(10), V(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    LO9 = nd_slice_axis(BASE, 0, 0, 9, 1);
    HI9 = nd_slice_axis(BASE, 0, 1, 10, 1);
    IBASE = make(ND_INT32, 1, SH(10), V(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    ILO9 = nd_slice_axis(IBASE, 0, 0, 9, 1);
    IHI9 = nd_slice_axis(IBASE, 0, 1, 10, 1);
    OUT3 = nd_zeros(1, SH(3), ND_FLOAT64);
    OUT34 = nd_zeros(2, SH(3, 4), ND_FLOAT64);
    OUT18 = nd_zeros(1, SH(18), ND_FLOAT64);
    OUTI3 = nd_zeros(1, SH(3), ND_INT8);
    MSK = make(ND_BOOL, 1, SH(3), V(1, 0, 1));
    S0 = nd_scalar(2, ND_FLOAT64);
    I1D = make(ND_INT64, 1, SH(6), V(0, 1, 1, 3, 2, 1));
    SORTED = make(ND_FLOAT64, 1, SH(5), V(1, 2, 4, 8, 16));
    BATCH = make(ND_FLOAT64, 3, SH(2, 3, 3), V(4, 1, 2, 0, 3, 1, 1, 0, 5, 2, 0, 0, 1, 3, 0, 0, 1, 4));
    IM = make(ND_INT64, 2, SH(3, 3), V(1, 2, 0, 0, 1, 3, 1, 0, 1));
    SORTME_BASE = nd_copy(F);
    SORTME = nd_transpose(SORTME_BASE, NULL);
    MMC = nd_copy(SQ);
    TAIL2 = nd_slice_axis(BASE, 0, 7, 9, 1);
    P4 = make(ND_FLOAT64, 1, SH(4), V(0.125, 0.25, 0.5, 0.125));
    ND_ASSERT_ARRAY(SORTME);
    ND_ASSERT_ARRAY(MMC);
    ND_ASSERT_ARRAY(TAIL2);
    ND_ASSERT_ARRAY(FT);
    ND_ASSERT_ARRAY(SQ32);
    ND_ASSERT_ARRAY(LO9);
    ND_ASSERT_ARRAY(HI9);
    ND_ASSERT_ARRAY(ILO9);
    ND_ASSERT_ARRAY(IHI9);
    snprintf(g_dir, sizeof g_dir, "/tmp/nd_errnames_%ld", (long)getpid());
    /* the files the load cases read */
    ND_ASSERT_OK(nd_save(tmp_path("l.npy"), F));
    ND_ASSERT_OK(nd_savez(tmp_path("z.npz"), 2, (const char *const[]){"a", "b"},
                          (const nd_array *const[]){FT, I}, true));
    ND_ASSERT_OK(nd_savetxt(tmp_path("t.txt"), F, NULL));
    NULLF = fopen("/dev/null", "w");
    if (!NULLF) fail_msg("cannot open /dev/null");
    ZIN = nd_npz_open(tmp_path("z.npz"));
    if (!ZIN) fail_msg("nd_npz_open: %s", nd_errmsg());
    return 0;
}

static int teardown(void **state) {
    (void)state;
    nd_array *all[] = {F, FT, I, B, V4, SQ, SPD, SQ32, IDX, BASE, LO9, HI9, IBASE, ILO9, IHI9,
                       OUT3, OUT34, OUT18, OUTI3, MSK, S0, I1D, SORTED, BATCH, IM,
                       SORTME, SORTME_BASE, MMC, TAIL2, P4};
    nd_npz_close(ZIN);
    fclose(NULLF);
    for (size_t k = 0; k < sizeof all / sizeof all[0]; k++) nd_free(all[k]);
    const char *files[] = {"l.npy", "z.npz", "t.txt", "a.npy", "zz.npz", "tt.txt"};
    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) remove(tmp_path(files[k]));
    return 0;
}

/* ---------------------------------------------------------------- cases */

typedef nd_status (*case_fn)(void);
typedef struct ecase {
    const char *fn;  /* the public function called */
    case_fn run;
    bool optional;   /* may fail without injected failures (skipped then) */
    bool any_status; /* the name is checked, not the status (see g_cases) */
} ecase;

static nd_status done(nd_array *r) {
    if (!r) return nd_last_status();
    nd_free(r);
    return ND_OK;
}
static nd_status done2(nd_status st, nd_array **outs, int n) {
    for (int k = 0; k < n; k++) {
        nd_free(outs[k]);
        outs[k] = NULL;
    }
    return st;
}

#define A_(tag, e) static nd_status run_##tag(void) { return done(e); }
#define S_(tag, e) static nd_status run_##tag(void) { return (e); }

/* element-wise: plain, and _out into an output overlapping an input (the
 * input is copied first) */
#define EW2_(name)                                                                 \
    A_(name, nd_##name(F, F))                                                     \
    A_(name##_i, nd_##name(I, I))                                                 \
    S_(name##_out, nd_##name##_out(LO9, LO9, HI9))                                \
    S_(name##_out_i, nd_##name##_out(ILO9, ILO9, IHI9))
#define EW1_(name)                                                                 \
    A_(name, nd_##name(F))                                                        \
    A_(name##_i, nd_##name(I))                                                    \
    S_(name##_out, nd_##name##_out(LO9, HI9))                                     \
    S_(name##_out_i, nd_##name##_out(ILO9, IHI9))
ND_BINARY_OPS(EW2_)
ND_UNARY_OPS(EW1_)
A_(where, nd_where(B, F, I))
S_(where_out, nd_where_out(LO9, LO9, ILO9, HI9))
A_(clip, nd_clip(F, I, S0))
S_(clip_out, nd_clip_out(LO9, S0, ILO9, HI9))

/* reductions over an axis, every axis, into out */
static const int AX1[] = {1};
#define RED_(name)                                                                 \
    A_(name, nd_##name(F, 1, AX1, false))                                         \
    A_(name##_all, nd_##name(FT, ND_ALL_AXES, NULL, true))                        \
    A_(name##_i, nd_##name(I, 1, AX1, false))                                     \
    S_(name##_out, nd_##name##_out(FT, 1, (const int[]){0}, false, OUT3))
ND_REDUCTIONS(RED_)
A_(var, nd_var(F, 1, AX1, false, 1))
A_(var_i, nd_var(I, ND_ALL_AXES, NULL, false, 0))
S_(var_out, nd_var_out(F, 1, AX1, false, 0, OUT3))
A_(std, nd_std(FT, 1, (const int[]){0}, true, 1))
A_(std_i, nd_std(I, ND_ALL_AXES, NULL, false, 0))
S_(std_out, nd_std_out(F, 1, AX1, false, 0, OUT3))
A_(sum_dtype, nd_sum_dtype(I, 1, AX1, false, ND_FLOAT32))
A_(prod_dtype, nd_prod_dtype(F, 1, AX1, false, ND_FLOAT32))
A_(mean_dtype, nd_mean_dtype(I, 1, AX1, false, ND_FLOAT32))
A_(argmax, nd_argmax(FT, 0, false))
A_(argmax_f, nd_argmax(FT, ND_AXIS_NONE, false))
S_(argmax_out, nd_argmax_out(F, 1, false, OUT3))
A_(argmin, nd_argmin(FT, 0, true))
A_(argmin_f, nd_argmin(FT, ND_AXIS_NONE, true))
S_(argmin_out, nd_argmin_out(F, 1, false, OUT3))
A_(cumsum, nd_cumsum(FT, 0))
A_(cumsum_i, nd_cumsum(I, ND_AXIS_NONE))
S_(cumsum_out, nd_cumsum_out(I, 1, OUT34))
A_(cumprod, nd_cumprod(FT, 1))
S_(cumprod_out, nd_cumprod_out(I, 0, OUT34))

/* creation, copies, views */
A_(empty, nd_empty(2, SH(3, 4), ND_INT8))
A_(zeros, nd_zeros(2, SH(3, 4), ND_INT8))
A_(ones, nd_ones(2, SH(3, 4), ND_INT8))
A_(full, nd_full(2, SH(3, 4), ND_INT8, 3))
A_(empty_like, nd_empty_like(FT))
A_(zeros_like, nd_zeros_like(FT))
A_(ones_like, nd_ones_like(FT))
A_(full_like, nd_full_like(FT, 2))
A_(scalar, nd_scalar(1, ND_FLOAT32))
A_(scalar_i64, nd_scalar_i64(1, ND_UINT8))
A_(arange, nd_arange(0, 10, 0.5, ND_FLOAT32))
A_(linspace, nd_linspace(0, 1, 7, true, ND_FLOAT32))
A_(eye, nd_eye(3, 4, 1, ND_INT16))
A_(copy, nd_copy(FT))
A_(ascontiguousarray, nd_ascontiguousarray(FT))
A_(from_data, nd_from_data((const double[]){1, 2}, 1, SH(2), ND_FLOAT64))
A_(wrap, nd_wrap(nd_data(BASE), 1, SH(10), NULL, ND_FLOAT64, NULL, NULL))
static nd_status run_copy_to(void) {
    double buf[12];
    return nd_copy_to(FT, buf, sizeof buf);
}
S_(copyto, nd_copyto(HI9, LO9))
S_(copyto_cast, nd_copyto(OUT34, I))
A_(astype, nd_astype(FT, ND_INT16))
S_(fill, nd_fill(OUT34, 2))
static nd_status run_random_uniform(void) {
    nd_rng r;
    nd_rng_seed(&r, 1);
    return done(nd_random_uniform(&r, 0, 1, 2, SH(3, 4), ND_FLOAT32));
}
static nd_status run_random_normal(void) {
    nd_rng r;
    nd_rng_seed(&r, 1);
    return done(nd_random_normal(&r, 0, 1, 2, SH(3, 4), ND_FLOAT64));
}
static nd_status run_random_integers(void) {
    nd_rng r;
    nd_rng_seed(&r, 1);
    return done(nd_random_integers(&r, 0, 9, 2, SH(3, 4), ND_INT8));
}
A_(slice, nd_slice(F, 2, (const nd_slice_t[]){{0, 2, 1}, {3, 0, -1}}))
A_(slice_axis, nd_slice_axis(F, 1, 0, 3, 2))
A_(index, nd_index(F, 0, 1))
A_(view, nd_view(F, "None, 1:, 2, ..., None"))
A_(transpose, nd_transpose(F, (const int[]){1, 0}))
A_(swapaxes, nd_swapaxes(F, 0, 1))
A_(moveaxis, nd_moveaxis(F, 0, 1))
A_(reshape, nd_reshape(FT, 1, SH(12)))
A_(reshape_view, nd_reshape_view(F, 2, SH(2, 6)))
A_(ravel, nd_ravel(FT))
A_(squeeze, nd_squeeze(OUT3, ND_ALL_AXES, NULL))
A_(expand_dims, nd_expand_dims(F, 1))
A_(broadcast_to, nd_broadcast_to(V4, 2, SH(3, 4)))
A_(flip, nd_flip(F, ND_ALL_AXES, NULL))
A_(diagonal, nd_diagonal(F, 1, 0, 1))

/* shape manipulation and joining */
A_(concatenate, nd_concatenate(3, (const nd_array *[]){F, I, B}, 0))
S_(concatenate_out, nd_concatenate_out(2, (const nd_array *[]){LO9, ILO9}, ND_AXIS_NONE, OUT18))
A_(stack, nd_stack(2, (const nd_array *[]){F, I}, 1))
A_(hstack, nd_hstack(2, (const nd_array *[]){F, I}))
A_(vstack, nd_vstack(2, (const nd_array *[]){V4, F}))
A_(dstack, nd_dstack(2, (const nd_array *[]){F, I}))
static nd_status run_split(void) {
    nd_array *p[2] = {0};
    return done2(nd_split(F, 2, 1, p), p, 2);
}
static nd_status run_array_split(void) {
    nd_array *p[3] = {0};
    return done2(nd_array_split(F, 3, 1, p), p, 3);
}
static nd_status run_split_at(void) {
    nd_array *p[3] = {0};
    return done2(nd_split_at(F, 2, SH(1, 3), 1, p), p, 3);
}
A_(tile, nd_tile(F, 3, SH(2, 1, 2)))
A_(repeat, nd_repeat(FT, 1, SH(2), 0))
A_(repeat_n, nd_repeat(F, 4, SH(1, 0, 2, 1), 1))
A_(pad, nd_pad(FT, SH(1, 2, 2, 1), ND_PAD_REFLECT, 0))
A_(pad_c, nd_pad(I, SH(1, 0, 0, 3), ND_PAD_CONSTANT, 7))
A_(roll, nd_roll(FT, 2, ND_AXIS_NONE))
A_(roll_axes, nd_roll_axes(FT, 2, SH(1, -1), (const int[]){0, 1}))
A_(rot90, nd_rot90(F, 3, 0, 1))
A_(atleast_1d, nd_atleast_1d(S0))
A_(atleast_2d, nd_atleast_2d(V4))
A_(atleast_3d, nd_atleast_3d(V4))
static nd_status run_meshgrid(void) {
    nd_array *o[2] = {0};
    return done2(nd_meshgrid(2, (const nd_array *[]){V4, IDX}, false, false, o), o, 2);
}
A_(tril, nd_tril(FT, 0))
A_(triu, nd_triu(V4, -1))

/* indexing */
A_(take, nd_take(FT, IDX, 1))
A_(take_flat, nd_take(FT, IDX, ND_AXIS_NONE))
S_(take_out_overlap, nd_take_out(BASE, IDX, 0, TAIL2))
S_(put, nd_put(OUT34, IDX, I))
A_(take_along_axis, nd_take_along_axis(F, IM, 1))
S_(put_along_axis, nd_put_along_axis(OUT34, IM, S0, 1))
A_(index_arrays, nd_index_arrays(F, 2, (const nd_array *[]){MSK, IDX}))
S_(index_arrays_assign, nd_index_arrays_assign(OUT34, 2, (const nd_array *[]){MSK, IDX}, IDX))
A_(extract, nd_extract(B, I))
S_(place, nd_place(OUT34, B, I1D))
static nd_status run_nonzero(void) {
    nd_array *o[2] = {0};
    return done2(nd_nonzero(B, o), o, 2);
}
A_(argwhere, nd_argwhere(B))
A_(flatnonzero, nd_flatnonzero(FT))
A_(compress, nd_compress(MSK, F, 0))
A_(choose, nd_choose(IDX, 3, (const nd_array *[]){S0, IDX, S0}))
A_(searchsorted, nd_searchsorted(SORTED, I, true))
A_(diff, nd_diff(FT, 2, 0))
A_(diff_b, nd_diff(B, 1, 1))
A_(bincount, nd_bincount(I1D, NULL, 7))
A_(bincount_w, nd_bincount(I1D, I1D, 2))
static nd_status run_histogram(void) {
    nd_array *o[2] = {0};
    return done2(nd_histogram(FT, 4, 0, 0, NULL, &o[0], &o[1]), o, 2);
}
static nd_status run_histogram_w(void) {
    nd_array *o[2] = {0};
    return done2(nd_histogram(F, 3, -10, 10, I, &o[0], &o[1]), o, 2);
}
static nd_status run_unique(void) {
    nd_array *o[4] = {0};
    return done2(nd_unique(FT, &o[0], &o[1], &o[2], &o[3]), o, 4);
}

/* sorting */
A_(sort, nd_sort(FT, 0, false))
A_(sort_flat, nd_sort(FT, ND_AXIS_NONE, true))
S_(sort_inplace, nd_sort_inplace(SORTME, ND_AXIS_NONE, false))
S_(sort_inplace_ax, nd_sort_inplace(SORTME, 1, true))
A_(argsort, nd_argsort(FT, ND_AXIS_NONE, false))
A_(partition, nd_partition(FT, 1, 0))
A_(argpartition, nd_argpartition(FT, 2, ND_AXIS_NONE))
static nd_status run_topk(void) {
    nd_array *o[2] = {0};
    return done2(nd_topk(FT, 2, 0, true, &o[0], &o[1]), o, 2);
}

/* linear algebra */
A_(matmul, nd_matmul(F, FT))
A_(matmul_i, nd_matmul(IM, IM))
A_(matmul_big, nd_matmul(BATCH, SQ32))
S_(matmul_out, nd_matmul_out(MMC, MMC, MMC)) /* out is both inputs */
A_(dot, nd_dot(F, V4))
A_(dot_s, nd_dot(S0, F))
A_(vdot, nd_vdot(FT, F))
A_(inner, nd_inner(F, I))
A_(outer, nd_outer(FT, IDX))
A_(tensordot, nd_tensordot(F, FT, 1, (const int[]){1}, (const int[]){0}))
A_(kron, nd_kron(SQ, IDX))
A_(trace, nd_trace(F, 1, 0, 1))
A_(matrix_power, nd_linalg_matrix_power(SQ, 5))
A_(matrix_power_neg, nd_linalg_matrix_power(BATCH, -2))
A_(matrix_power_0, nd_linalg_matrix_power(IM, 0))
A_(matrix_power_i, nd_linalg_matrix_power(IM, 3))
A_(einsum, nd_einsum("ij,kj->ik", 2, (const nd_array *[]){F, I}))
A_(einsum_diag, nd_einsum("ii->i", 1, (const nd_array *[]){SQ}))
A_(einsum_3, nd_einsum("ij,jk,k->i", 3, (const nd_array *[]){F, FT, OUT3}))
A_(solve, nd_linalg_solve(BATCH, BATCH))
A_(inv, nd_linalg_inv(BATCH))
A_(det, nd_linalg_det(SQ32))
static nd_status run_slogdet(void) {
    nd_array *o[2] = {0};
    return done2(nd_linalg_slogdet(BATCH, &o[0], &o[1]), o, 2);
}
A_(cholesky, nd_linalg_cholesky(SPD, true))
static nd_status run_qr(void) {
    nd_array *o[2] = {0};
    return done2(nd_linalg_qr(FT, ND_QR_COMPLETE, &o[0], &o[1]), o, 2);
}
static nd_status run_svd(void) {
    nd_array *o[3] = {0};
    return done2(nd_linalg_svd(F, true, true, &o[0], &o[1], &o[2]), o, 3);
}
static nd_status run_svd_s(void) {
    nd_array *o[1] = {0};
    return done2(nd_linalg_svd(I, false, false, NULL, &o[0], NULL), o, 1);
}
static nd_status run_eigh(void) {
    nd_array *o[2] = {0};
    return done2(nd_linalg_eigh(SPD, false, &o[0], &o[1]), o, 2);
}
A_(eigvalsh, nd_linalg_eigvalsh(SPD, true))
static nd_status run_eig(void) {
    nd_array *o[4] = {0};
    return done2(nd_linalg_eig(SQ, &o[0], &o[1], &o[2], &o[3]), o, 4);
}
static nd_status run_eigvals(void) {
    nd_array *o[2] = {0};
    return done2(nd_linalg_eigvals(IM, &o[0], &o[1]), o, 2);
}
static nd_status run_lstsq(void) {
    nd_array *o[4] = {0};
    return done2(nd_linalg_lstsq(FT, V4, -1, &o[0], &o[1], &o[2], &o[3]), o, 4);
}
A_(pinv, nd_linalg_pinv(F, -1))
A_(matrix_rank, nd_linalg_matrix_rank(BATCH, -1))
A_(norm, nd_linalg_norm(F, NULL, ND_ALL_AXES, NULL, false))
A_(norm_nuc, nd_linalg_norm(F, "nuc", ND_ALL_AXES, NULL, true))
A_(norm_3, nd_linalg_norm(I, "3", 1, AX1, false))
A_(norm_inf, nd_linalg_norm(F, "inf", ND_ALL_AXES, NULL, false))
A_(norm_m2, nd_linalg_norm(F, "-2", ND_ALL_AXES, NULL, false))
A_(cond, nd_linalg_cond(SQ, NULL))
A_(cond_fro, nd_linalg_cond(BATCH, "fro"))
A_(cond_1, nd_linalg_cond(SQ32, "1"))

/* I/O */
static nd_status run_to_string(void) {
    char *s = nd_to_string(F);
    if (!s) return nd_last_status();
    free(s);
    return ND_OK;
}
S_(print, nd_print(FT, NULLF))
S_(save, nd_save(tmp_path("a.npy"), FT))
static nd_status run_load(void) { return done(nd_load(tmp_path("l.npy"))); }
static nd_status run_load_mmap(void) {
    return done(nd_load_mmap(tmp_path("l.npy"), ND_MMAP_READONLY));
}
S_(savez, nd_savez(tmp_path("zz.npz"), 2, (const char *const[]){"a", "b"},
                   (const nd_array *const[]){FT, I}, true))
static nd_status run_npz(void) {
    nd_npz *z = nd_npz_open(tmp_path("z.npz"));
    if (!z) return nd_last_status();
    nd_npz_close(z);
    return ND_OK;
}
A_(npz_get, nd_npz_get(ZIN, "b"))
S_(savetxt, nd_savetxt(tmp_path("tt.txt"), FT, NULL))
static nd_status run_loadtxt(void) { return done(nd_loadtxt(tmp_path("t.txt"), NULL)); }

static nd_status run_loadtxt_file(void) {
    FILE *f = fopen(tmp_path("t.txt"), "r");
    if (!f) return ND_ERR_IO;
    nd_status st = done(nd_loadtxt_file(f, NULL));
    fclose(f);
    return st;
}
static nd_status run_loadtxt_buffer(void) {
    static const char text[] = "1 2.5 3\n4 5 -6\n";
    return done(nd_loadtxt_buffer(text, sizeof text - 1, NULL));
}

/* random: permutations, choice and the distributions */
#define RNG_(tag, e)                                                               \
    static nd_status run_##tag(void) {                                             \
        nd_rng r;                                                                  \
        nd_rng_seed(&r, 7);                                                        \
        return (e);                                                                \
    }
RNG_(random_permutation, done(nd_random_permutation(&r, 9)))
RNG_(random_permutation_array, done(nd_random_permutation_array(&r, FT, 1)))
RNG_(random_shuffle, nd_random_shuffle(&r, SORTME, 1))
RNG_(random_shuffle_flat, nd_random_shuffle(&r, OUT18, 0))
RNG_(random_choice_n, done(nd_random_choice_n(&r, 10, 2, SH(2, 3), false, NULL)))
RNG_(random_choice_n_p, done(nd_random_choice_n(&r, 4, 1, SH(3), false, P4)))
RNG_(random_choice_n_rp, done(nd_random_choice_n(&r, 4, 1, SH(5), true, P4)))
RNG_(random_choice, done(nd_random_choice(&r, FT, 1, SH(3), true, NULL)))
RNG_(random_choice_p, done(nd_random_choice(&r, V4, 1, SH(2), false, P4)))
RNG_(random_bernoulli, done(nd_random_bernoulli(&r, 0.3, 2, SH(3, 4), ND_BOOL)))
RNG_(random_binomial, done(nd_random_binomial(&r, 40, 0.5, 2, SH(3, 4))))
RNG_(random_poisson, done(nd_random_poisson(&r, 12.5, 2, SH(3, 4))))
RNG_(random_exponential, done(nd_random_exponential(&r, 2, 2, SH(3, 4), ND_FLOAT32)))
RNG_(random_gamma, done(nd_random_gamma(&r, 0.5, 2, 2, SH(3, 4), ND_FLOAT64)))
RNG_(random_beta, done(nd_random_beta(&r, 0.5, 3, 2, SH(3, 4), ND_FLOAT32)))
RNG_(random_standard_t, done(nd_random_standard_t(&r, 3, 2, SH(3, 4), ND_FLOAT64)))
RNG_(random_multinomial, done(nd_random_multinomial(&r, 20, P4, 1, SH(3))))
RNG_(random_truncated_normal,
     done(nd_random_truncated_normal(&r, 0, 1, -0.5, 2, 2, SH(3, 4), ND_FLOAT32)))

/* weak scalars, the _scalar/_scalar_i64/_inplace forms and the fused
 * updates; the in-place forms write into overlapping views (the operand is
 * copied first) */
A_(weak, nd_weak(2.5))
A_(weak_i64, nd_weak_i64(-3))
#define SC_(name, fa, ia)                                                          \
    A_(name##_scalar, nd_##name##_scalar(fa, 1.5))                                \
    A_(name##_scalar_i64, nd_##name##_scalar_i64(ia, 3))                          \
    S_(name##_scalar_out, nd_##name##_scalar_out(F, 0.5, OUT34))                   \
    S_(name##_scalar_i64_out, nd_##name##_scalar_i64_out(I, 2, OUT34))             \
    S_(name##_inplace, nd_##name##_inplace(ILO9, IHI9))                            \
    S_(name##_scalar_inplace, nd_##name##_scalar_inplace(OUT34, 2))                \
    S_(name##_scalar_i64_inplace, nd_##name##_scalar_i64_inplace(ILO9, 1))
SC_(add, FT, I)
SC_(multiply, FT, I)
A_(less_scalar, nd_less_scalar(FT, 1.5))
A_(less_scalar_i64, nd_less_scalar_i64(I, -1))
S_(less_scalar_out, nd_less_scalar_out(F, 0.5, OUT34))
S_(less_inplace, nd_less_inplace(LO9, HI9))
A_(gcd_scalar_i64, nd_gcd_scalar_i64(I, 4))
S_(gcd_scalar_i64_out, nd_gcd_scalar_i64_out(I, 6, OUT34))
S_(gcd_inplace, nd_gcd_inplace(ILO9, IHI9))
S_(gcd_scalar_i64_inplace, nd_gcd_scalar_i64_inplace(ILO9, 2))
S_(negative_inplace, nd_negative_inplace(HI9))
S_(sqrt_inplace, nd_sqrt_inplace(OUT34))
S_(axpy_inplace, nd_axpy_inplace(LO9, 0.5, HI9))
S_(axpy_inplace_b, nd_axpy_inplace(OUT34, 2, V4))
S_(axpby_inplace, nd_axpby_inplace(LO9, 0.5, HI9, 0.25))

/* scopes: a handle kept into a parent scope that must grow, and a result
 * registered with an open scope whose first block fails. Only the calls
 * under test see the failing allocator (the scopes themselves are set up
 * with failures off). */
static long g_held_fail;
static void faults_off(void) {
    g_held_fail = g_fail_at;
    g_fail_at = -1;
}
static void faults_on(void) {
    g_fail_at = g_held_fail;
    g_count = 0;
}
static nd_status run_keep(void) {
    faults_off();
    nd_scope *outer = nd_scope_begin();
    nd_scope *inner = nd_scope_begin();
    nd_array *a = nd_zeros(1, SH(3), ND_FLOAT64);
    if (!outer || !inner || !a) {
        nd_scope_end(outer);
        return ND_ERR_NOMEM;
    }
    faults_on();
    nd_array *k = nd_keep(a);
    nd_status st = k ? ND_OK : nd_last_status();
    nd_scope_end(outer);
    return st;
}
static nd_status run_scoped_add(void) {
    faults_off();
    nd_scope *s = nd_scope_begin();
    if (!s) return ND_ERR_NOMEM;
    faults_on();
    nd_status st = nd_add(F, I) ? ND_OK : nd_last_status();
    nd_scope_end(s);
    return st;
}

/* comparisons of whole arrays and single values */
A_(isclose, nd_isclose(F, I, 1e-5, 1e-8, false))
static nd_status run_isclose_b(void) { return done(nd_isclose(F, V4, 1e-5, 1e-8, false)); }
static nd_status run_allclose(void) {
    bool r;
    return nd_allclose(F, I, 1e-5, 1e-8, false, &r);
}
static nd_status run_allclose_b(void) {
    bool r;
    return nd_allclose(F, V4, 0, 0.5, true, &r);
}
static nd_status run_array_equal(void) {
    bool r;
    return nd_array_equal(F, I, false, &r);
}
static nd_status run_array_equal_t(void) {
    bool r;
    return nd_array_equal(FT, FT, true, &r);
}
static nd_status run_item(void) {
    double v;
    return nd_item(S0, &v);
}
static nd_status run_item_i64(void) {
    int64_t v;
    return nd_item_i64(S0, &v);
}

#define C_(fn, tag) {fn, run_##tag, false, false},
#define O_(fn, tag) {fn, run_##tag, true, false},
#define EW2C_(name)                                                                \
    O_("nd_" #name, name) O_("nd_" #name, name##_i)                               \
    O_("nd_" #name "_out", name##_out) O_("nd_" #name "_out", name##_out_i)
#define EW1C_(name)                                                                \
    O_("nd_" #name, name) O_("nd_" #name, name##_i)                               \
    O_("nd_" #name "_out", name##_out) O_("nd_" #name "_out", name##_out_i)
#define SCC_(name)                                                                 \
    C_("nd_" #name "_scalar", name##_scalar) C_("nd_" #name "_scalar_i64", name##_scalar_i64) \
    C_("nd_" #name "_scalar_out", name##_scalar_out)                              \
    C_("nd_" #name "_scalar_i64_out", name##_scalar_i64_out)                      \
    C_("nd_" #name "_inplace", name##_inplace)                                    \
    C_("nd_" #name "_scalar_inplace", name##_scalar_inplace)                      \
    C_("nd_" #name "_scalar_i64_inplace", name##_scalar_i64_inplace)
#define REDC_(name)                                                                \
    C_("nd_" #name, name) C_("nd_" #name, name##_all) O_("nd_" #name, name##_i)   \
    C_("nd_" #name "_out", name##_out)

static const ecase g_cases[] = {
    ND_BINARY_OPS(EW2C_) ND_UNARY_OPS(EW1C_)
    C_("nd_where", where) C_("nd_where_out", where_out) C_("nd_clip", clip)
    C_("nd_clip_out", clip_out)
    ND_REDUCTIONS(REDC_)
    C_("nd_var", var) C_("nd_var", var_i) C_("nd_var_out", var_out) C_("nd_std", std)
    C_("nd_std", std_i) C_("nd_std_out", std_out) C_("nd_sum_dtype", sum_dtype)
    C_("nd_prod_dtype", prod_dtype) C_("nd_mean_dtype", mean_dtype) C_("nd_argmax", argmax)
    C_("nd_argmax", argmax_f) C_("nd_argmax_out", argmax_out) C_("nd_argmin", argmin)
    C_("nd_argmin", argmin_f) C_("nd_argmin_out", argmin_out) C_("nd_cumsum", cumsum)
    C_("nd_cumsum", cumsum_i) C_("nd_cumsum_out", cumsum_out) C_("nd_cumprod", cumprod)
    C_("nd_cumprod_out", cumprod_out)
    C_("nd_empty", empty) C_("nd_zeros", zeros) C_("nd_ones", ones) C_("nd_full", full)
    C_("nd_empty_like", empty_like) C_("nd_zeros_like", zeros_like)
    C_("nd_ones_like", ones_like) C_("nd_full_like", full_like) C_("nd_scalar", scalar)
    C_("nd_scalar_i64", scalar_i64) C_("nd_arange", arange) C_("nd_linspace", linspace)
    C_("nd_eye", eye) C_("nd_copy", copy) C_("nd_ascontiguousarray", ascontiguousarray)
    C_("nd_from_data", from_data) C_("nd_wrap", wrap) C_("nd_copy_to", copy_to)
    C_("nd_copyto", copyto) C_("nd_copyto", copyto_cast) C_("nd_astype", astype)
    C_("nd_fill", fill) C_("nd_random_uniform", random_uniform)
    C_("nd_random_normal", random_normal) C_("nd_random_integers", random_integers)
    C_("nd_slice", slice) C_("nd_slice_axis", slice_axis) C_("nd_index", index)
    C_("nd_view", view) C_("nd_transpose", transpose) C_("nd_swapaxes", swapaxes)
    C_("nd_moveaxis", moveaxis) C_("nd_reshape", reshape) C_("nd_reshape_view", reshape_view)
    C_("nd_ravel", ravel) C_("nd_squeeze", squeeze) C_("nd_expand_dims", expand_dims)
    C_("nd_broadcast_to", broadcast_to) C_("nd_flip", flip) C_("nd_diagonal", diagonal)
    C_("nd_concatenate", concatenate) C_("nd_concatenate_out", concatenate_out) C_("nd_stack", stack)
    C_("nd_hstack", hstack) C_("nd_vstack", vstack) C_("nd_dstack", dstack)
    C_("nd_split", split) C_("nd_array_split", array_split) C_("nd_split_at", split_at)
    C_("nd_tile", tile) C_("nd_repeat", repeat) C_("nd_repeat", repeat_n) C_("nd_pad", pad)
    C_("nd_pad", pad_c) C_("nd_roll", roll) C_("nd_roll_axes", roll_axes)
    C_("nd_rot90", rot90) C_("nd_atleast_1d", atleast_1d) C_("nd_atleast_2d", atleast_2d)
    C_("nd_atleast_3d", atleast_3d) C_("nd_meshgrid", meshgrid) C_("nd_tril", tril)
    C_("nd_triu", triu)
    C_("nd_take", take) C_("nd_take", take_flat) C_("nd_take_out", take_out_overlap)
    C_("nd_put", put) C_("nd_take_along_axis", take_along_axis)
    C_("nd_put_along_axis", put_along_axis) C_("nd_index_arrays", index_arrays)
    C_("nd_index_arrays_assign", index_arrays_assign) C_("nd_extract", extract)
    C_("nd_place", place) C_("nd_nonzero", nonzero) C_("nd_argwhere", argwhere)
    C_("nd_flatnonzero", flatnonzero) C_("nd_compress", compress) C_("nd_choose", choose)
    C_("nd_searchsorted", searchsorted) C_("nd_diff", diff) C_("nd_diff", diff_b)
    C_("nd_bincount", bincount) C_("nd_bincount", bincount_w) C_("nd_histogram", histogram)
    C_("nd_histogram", histogram_w) C_("nd_unique", unique)
    C_("nd_sort", sort) C_("nd_sort", sort_flat) C_("nd_sort_inplace", sort_inplace) C_("nd_sort_inplace", sort_inplace_ax)
    C_("nd_argsort", argsort) C_("nd_partition", partition)
    C_("nd_argpartition", argpartition) C_("nd_topk", topk)
    C_("nd_matmul", matmul) C_("nd_matmul", matmul_i) C_("nd_matmul", matmul_big) C_("nd_matmul_out", matmul_out)
    C_("nd_dot", dot) C_("nd_dot", dot_s) C_("nd_vdot", vdot) C_("nd_inner", inner)
    C_("nd_outer", outer) C_("nd_tensordot", tensordot) C_("nd_kron", kron)
    C_("nd_trace", trace) C_("nd_linalg_matrix_power", matrix_power)
    C_("nd_linalg_matrix_power", matrix_power_neg) C_("nd_linalg_matrix_power", matrix_power_0)
    C_("nd_linalg_matrix_power", matrix_power_i) C_("nd_einsum", einsum)
    C_("nd_einsum", einsum_diag) C_("nd_einsum", einsum_3) C_("nd_linalg_solve", solve)
    C_("nd_linalg_inv", inv) C_("nd_linalg_det", det) C_("nd_linalg_slogdet", slogdet)
    C_("nd_linalg_cholesky", cholesky) C_("nd_linalg_qr", qr) C_("nd_linalg_svd", svd)
    C_("nd_linalg_svd", svd_s) C_("nd_linalg_eigh", eigh) C_("nd_linalg_eigvalsh", eigvalsh)
    C_("nd_linalg_eig", eig) C_("nd_linalg_eigvals", eigvals) C_("nd_linalg_lstsq", lstsq)
    C_("nd_linalg_pinv", pinv) C_("nd_linalg_matrix_rank", matrix_rank)
    C_("nd_linalg_norm", norm) C_("nd_linalg_norm", norm_nuc) C_("nd_linalg_norm", norm_3)
    C_("nd_linalg_norm", norm_inf) C_("nd_linalg_norm", norm_m2) C_("nd_linalg_cond", cond)
    C_("nd_linalg_cond", cond_fro) C_("nd_linalg_cond", cond_1)
    C_("nd_to_string", to_string) C_("nd_print", print) C_("nd_save", save) C_("nd_load", load)
    C_("nd_load_mmap", load_mmap) C_("nd_savez", savez) C_("nd_npz_open", npz)
    /* zlib's Z_MEM_ERROR is reported as ND_ERR_VALUE "corrupt deflate data"
     * (issue 10, fixed with the I/O bugs): the name is checked here */
    {"nd_npz_get", run_npz_get, false, true},
    C_("nd_savetxt", savetxt) C_("nd_loadtxt", loadtxt)
    C_("nd_loadtxt_file", loadtxt_file) C_("nd_loadtxt_buffer", loadtxt_buffer)
    C_("nd_random_permutation", random_permutation)
    C_("nd_random_permutation_array", random_permutation_array)
    C_("nd_random_shuffle", random_shuffle) C_("nd_random_shuffle", random_shuffle_flat)
    C_("nd_random_choice_n", random_choice_n) C_("nd_random_choice_n", random_choice_n_p)
    C_("nd_random_choice_n", random_choice_n_rp) C_("nd_random_choice", random_choice)
    C_("nd_random_choice", random_choice_p) C_("nd_random_bernoulli", random_bernoulli)
    C_("nd_random_binomial", random_binomial) C_("nd_random_poisson", random_poisson)
    C_("nd_random_exponential", random_exponential) C_("nd_random_gamma", random_gamma)
    C_("nd_random_beta", random_beta) C_("nd_random_standard_t", random_standard_t)
    C_("nd_random_multinomial", random_multinomial)
    C_("nd_random_truncated_normal", random_truncated_normal)
    C_("nd_weak", weak) C_("nd_weak_i64", weak_i64)
    SCC_(add) SCC_(multiply)
    C_("nd_less_scalar", less_scalar) C_("nd_less_scalar_i64", less_scalar_i64)
    C_("nd_less_scalar_out", less_scalar_out) C_("nd_less_inplace", less_inplace)
    C_("nd_gcd_scalar_i64", gcd_scalar_i64) C_("nd_gcd_scalar_i64_out", gcd_scalar_i64_out)
    C_("nd_gcd_inplace", gcd_inplace) C_("nd_gcd_scalar_i64_inplace", gcd_scalar_i64_inplace)
    C_("nd_negative_inplace", negative_inplace) C_("nd_sqrt_inplace", sqrt_inplace)
    C_("nd_axpy_inplace", axpy_inplace) C_("nd_axpy_inplace", axpy_inplace_b)
    C_("nd_axpby_inplace", axpby_inplace)
    C_("nd_keep", keep) C_("nd_add", scoped_add)
    C_("nd_isclose", isclose) C_("nd_isclose", isclose_b) C_("nd_allclose", allclose)
    C_("nd_allclose", allclose_b) C_("nd_array_equal", array_equal)
    C_("nd_array_equal", array_equal_t) C_("nd_item", item)
    C_("nd_item_i64", item_i64)
};

/* ---------------------------------------------------------------- the sweep */

static const nd_allocator g_sweep = {sweep_alloc, sweep_free, NULL};

/* Runs c with allocation n failing (-1: none); the status. */
static nd_status run_failing(const ecase *c, long n) {
    g_fail_at = n;
    g_count = 0;
    nd_clear_error();
    ND_ASSERT_OK(nd_set_allocator(&g_sweep));
    nd_status st = c->run();
    nd_set_allocator(NULL);
    g_fail_at = -1;
    return st;
}

static void test_alloc_failure_names(void **state) {
    (void)state;
    int bad = 0, ran = 0;
    for (size_t i = 0; i < sizeof g_cases / sizeof g_cases[0]; i++) {
        const ecase *c = &g_cases[i];
        if (run_failing(c, -1) != ND_OK) {
            if (!c->optional) {
                print_error("%s (case %zu) fails without injected failures: %s\n", c->fn, i,
                            nd_errmsg());
                bad++;
            }
            continue;
        }
        ran++;
        char prefix[64];
        snprintf(prefix, sizeof prefix, "%s: ", c->fn);
        for (long n = 0; n < 100000; n++) {
            nd_status st = run_failing(c, n);
            if (st == ND_OK && g_count <= n) break; /* nothing failed: every allocation seen */
            if (st == ND_OK) continue;            /* a failure the function recovered from */
            if (strncmp(nd_errmsg(), prefix, strlen(prefix)) != 0 ||
                (!c->any_status && st != ND_ERR_NOMEM && st != ND_ERR_IO)) {
                print_error("%s (case %zu), allocation %ld failing: %s (%s)\n", c->fn, i, n,
                            nd_errmsg(), nd_status_name(st));
                bad++;
                break;
            }
        }
    }
    nd_clear_error();
    print_message("%d cases swept\n", ran);
    if (bad) fail_msg("%d cases report an allocation failure under another name", bad);
}

/* ---------------------------------------------------------------- inner errors from bad input */

#define EXPECT_FAIL(st_, prefix_, call_)                                           \
    do {                                                                           \
        nd_clear_error();                                                          \
        nd_status got_ = (call_);                                                  \
        if (got_ == ND_OK) fail_msg("%s succeeded", #call_);                       \
        if (got_ != (st_) || strncmp(nd_errmsg(), prefix_, strlen(prefix_)) != 0)  \
            fail_msg("%s: got %s '%s', expected %s '%s...'", #call_,               \
                     nd_status_name(got_), nd_errmsg(), nd_status_name(st_), prefix_); \
        nd_clear_error();                                                          \
    } while (0)

static void test_inner_errors(void **state) {
    (void)state;
    nd_array *sing = make(ND_FLOAT64, 2, SH(2, 2), V(1, 2, 2, 4));
    /* the cases */
    EXPECT_FAIL(ND_ERR_LINALG, "nd_linalg_matrix_power: singular matrix",
                done(nd_linalg_matrix_power(sing, -1)));
    EXPECT_FAIL(ND_ERR_SHAPE, "nd_linalg_matrix_power: ",
                done(nd_linalg_matrix_power(V4, 2)));
    EXPECT_FAIL(ND_ERR_OVERFLOW, "nd_bincount: ", done(nd_bincount(I1D, NULL, INT64_MAX)));
    EXPECT_FAIL(ND_ERR_INDEX, "nd_trace: ", done(nd_trace(F, 0, 0, 5)));
    EXPECT_FAIL(ND_ERR_VALUE, "nd_trace: ", done(nd_trace(F, 0, 1, 1)));
    EXPECT_FAIL(ND_ERR_INDEX, "nd_view: ", done(nd_view(F, "None, 7")));
    EXPECT_FAIL(ND_ERR_INDEX, "nd_view: ", done(nd_view(F, ":, :, None, 5")));
    /* nd_choose names the NULL entry by its index */
    EXPECT_FAIL(ND_ERR_NULL, "nd_choose: argument 'choices[1]' is NULL",
                done(nd_choose(IDX, 2, (const nd_array *[]){V4, NULL})));
    /* a float mean into an integer out, var of bool */
    EXPECT_FAIL(ND_ERR_DTYPE, "nd_mean_out: ",
                nd_mean_out(F, 1, AX1, false, OUTI3));
    nd_free(sing);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alloc_failure_names),
        cmocka_unit_test(test_inner_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
