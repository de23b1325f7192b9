/* Matrix products. The engine (nd__matmul_arrays) broadcasts batches,
 * reads each operand's layout, packs only what BLAS cannot take as it is,
 * and runs each product on BLAS, the small-matrix kernel or the integer
 * kernel, splitting work across threads. On it sit the public nd_matmul,
 * nd_dot, nd_vdot, nd_inner, nd_outer, nd_tensordot, nd_kron, nd_trace and
 * nd_linalg_matrix_power, with NumPy's semantics. */
#include "linalg/blas.h"

#include "iter/iter.h"
#include "iter/threads.h"
#include "kernels/kernel.h"

#include <assert.h>
#include <stdlib.h>

/* ============================================================ the engine */

/* OpenBLAS runs a gemm on one thread when m*n*k is at most this
 * (SMP_THRESHOLD_MIN * GEMM_MULTITHREAD_THRESHOLD in its interface/gemm.c),
 * and a gemv below MM_BLAS_SERIAL_MN elements (2304 * the same threshold,
 * interface/gemv.c), so batches of such products are split across libnd's
 * threads instead, without nesting OpenBLAS's own threads. */
#define MM_BLAS_SERIAL_MNK (65536 * 4)
#define MM_BLAS_SERIAL_MN (2304 * 4)
/* Multiply-adds a thread should get at least, for a split to pay. */
#define MM_PAR_MIN_WORK (1 << 16)

typedef enum mm_kind { MM_ZERO, MM_BLAS, MM_SMALL, MM_INT } mm_kind;

/* One operand (or the result) of the products. */
typedef struct mm_opnd {
    char *data;               /* the first batch's matrix */
    nd_dtype dt;
    int64_t rows, cols;
    int64_t rs, cs;           /* element strides of rows and columns */
    int64_t bs[ND_MAX_DIMS];  /* element strides of the batch axes (0: broadcast) */
    bool invariant;           /* the same matrix in every batch */
    /* How the kernel reads it. pack: a copy in the compute dtype (for the
     * result: computed into scratch, then copied out); trans and ld: its
     * BLAS layout (column-major when trans) as given or as packed. */
    bool pack;
    bool trans;
    int64_t ld;
} mm_opnd;

typedef struct mm_plan {
    mm_kind kind;
    nd_dtype ct;   /* compute dtype */
    int64_t csz;   /* its itemsize */
    int64_t n, k, m;
    int nb;
    int64_t bshape[ND_MAX_DIMS];
    int64_t nbatch;
    mm_opnd A, B, C;
    nd_mm_small_fn small;             /* MM_SMALL's kernel */
    int64_t parts;                    /* work split into this many parts */
    char *a_once, *b_once;            /* invariant operands packed once */
    char *slots;                      /* per-part scratch */
    size_t a_bytes, b_bytes, c_bytes; /* per-part scratch sizes (64-byte multiples) */
} mm_plan;

static size_t round64(size_t x) { return (x + 63) & ~(size_t)63; }

/* *bytes = x * y elements of size csz, rounded up to 64; false on overflow. */
static bool bytes_of(int64_t x, int64_t y, int64_t csz, size_t *bytes) {
    size_t b;
    if (__builtin_mul_overflow((size_t)x, (size_t)y, &b) ||
        __builtin_mul_overflow(b, (size_t)csz, &b) || b > SIZE_MAX - 64)
        return false;
    *bytes = round64(b);
    return true;
}

/* x * y, saturating at INT64_MAX (for work estimates of broadcast operands). */
static int64_t sat_mul(int64_t x, int64_t y) {
    int64_t r;
    return nd__mul_overflow(x, y, &r) ? INT64_MAX : r;
}

/* A 2-D copy: rows of cols elements, byte strides. f converts dtypes;
 * esz (same dtype) copies elements of that many bytes directly. */
typedef struct copy_job {
    nd_loop_fn f;
    int64_t esz;
    char *dst;
    const char *src;
    int64_t drs, srs, cols; /* row strides in bytes */
    int64_t steps[2];       /* element steps in bytes: src, dst */
} copy_job;

/* Same-dtype rows as T (an unsigned type of the element's size); steps in
 * elements, so the loop keeps them in registers. */
#define COPY_ROWS_AS(T)                                                            \
    do {                                                                           \
        int64_t ss = j->steps[0] / (int64_t)sizeof(T), ds = j->steps[1] / (int64_t)sizeof(T); \
        for (int64_t r = r0; r < r1; r++) {                                        \
            const T *s = (const T *)(j->src + r * j->srs);                         \
            T *d = (T *)(j->dst + r * j->drs);                                     \
            if (ds == 1)                                                           \
                for (int64_t c = 0; c < j->cols; c++) d[c] = s[c * ss];            \
            else                                                                   \
                for (int64_t c = 0; c < j->cols; c++) d[c * ds] = s[c * ss];       \
        }                                                                          \
    } while (0)

static void copy_rows(void *ctx, int64_t r0, int64_t r1) {
    const copy_job *j = ctx;
    switch (j->esz) {
    case 1: COPY_ROWS_AS(uint8_t); return;
    case 2: COPY_ROWS_AS(uint16_t); return;
    case 4: COPY_ROWS_AS(uint32_t); return;
    case 8: COPY_ROWS_AS(uint64_t); return;
    }
    for (int64_t r = r0; r < r1; r++) {
        char *args[2] = {(char *)j->src + r * j->srs, j->dst + r * j->drs};
        j->f(args, j->cols, j->steps, NULL);
    }
}

/* dst = src (rows x cols, element strides), converting dtypes. The inner
 * loop runs along dst's faster axis; large copies are split across threads
 * (inside a part of a product they run on its thread). */
static void copy2d(char *dst, int64_t drs, int64_t dcs, nd_dtype dto, const char *src,
                   int64_t srs, int64_t scs, nd_dtype sfrom, int64_t rows, int64_t cols) {
    if (rows == 0 || cols == 0) return;
    if (rows > 1 && (cols == 1 || llabs(dcs) > llabs(drs))) {
        int64_t t = rows;
        rows = cols, cols = t;
        t = drs, drs = dcs, dcs = t;
        t = srs, srs = scs, scs = t;
    }
    int64_t isz = (int64_t)nd__itemsize(sfrom), osz = (int64_t)nd__itemsize(dto);
    copy_job j = {nd__cast_loop(sfrom, dto), sfrom == dto ? isz : 0, dst, src, drs * osz,
                  srs * isz, cols, {scs * isz, dcs * osz}};
    if (rows * cols < ND_PARALLEL_MIN_ELEMS) copy_rows(&j, 0, rows);
    else nd__parallel_for(rows, (ND_PARALLEL_CHUNK_ELEMS + cols - 1) / cols, copy_rows, &j);
}

/* The BLAS layout of a rows x cols matrix with element strides (rs, cs):
 * row-major (trans false) or column-major (trans true) with leading
 * dimension ld >= max(1, minor size) that fits the BLAS integer. False when neither
 * (no unit stride, negative or zero steps, rows overlapping). */
static bool blas_layout(int64_t rows, int64_t cols, int64_t rs, int64_t cs, bool *trans,
                        int64_t *ld) {
    int64_t rmin = cols > 1 ? cols : 1, cmin = rows > 1 ? rows : 1;
    if ((cols == 1 || cs == 1) && (rows == 1 || (rs >= rmin && nd__blas_fits(rs)))) {
        *trans = false;
        *ld = rows == 1 ? rmin : rs;
        return true;
    }
    if ((rows == 1 || rs == 1) && (cols == 1 || (cs >= cmin && nd__blas_fits(cs)))) {
        *trans = true;
        *ld = cols == 1 ? cmin : cs;
        return true;
    }
    return false;
}

/* Copies o's matrix at src into dst in the compute dtype, in o's packed
 * layout; the small kernel's b gets zeros in its padding columns. */
static void pack(const mm_plan *p, const mm_opnd *o, const char *src, char *dst) {
    if (p->kind == MM_SMALL && o == &p->B) memset(dst, 0, (size_t)(o->rows * o->ld * p->csz));
    /* element (i, j) at dst[i*ld + j], or dst[j*ld + i] when packed transposed */
    copy2d(dst, o->trans ? 1 : o->ld, o->trans ? o->ld : 1, p->ct, src, o->rs, o->cs, o->dt,
           o->rows, o->cols);
}

/* ---------------------------------------------------------------- BLAS */

#define MM_BLAS(ct, fn, ...)                                                       \
    do {                                                                           \
        if ((ct) == ND_FLOAT32) cblas_s##fn(__VA_ARGS__);                          \
        else cblas_d##fn(__VA_ARGS__);                                             \
    } while (0)

/* "enum CBLAS_TRANSPOSE": the typedef is OpenBLAS's and netlib's, not BLIS's. */
static enum CBLAS_TRANSPOSE tr(bool t) { return t ? CblasTrans : CblasNoTrans; }

/* c = a @ b for one matrix on BLAS. Element (i, p) of a is a[i*lda + p]
 * (a[p*lda + i] when ta), likewise b's (p, j) and c's (i, j); every ld is
 * valid for its layout. Vectors go to dot and gemv. */
static void blas_product(nd_dtype ct, int64_t n_, int64_t k_, int64_t m_, const char *a, bool ta,
                         int64_t lda_, const char *b, bool tb, int64_t ldb_, char *c, bool tc,
                         int64_t ldc_) {
    nd_blasint n = (nd_blasint)n_, k = (nd_blasint)k_, m = (nd_blasint)m_;
    nd_blasint lda = (nd_blasint)lda_, ldb = (nd_blasint)ldb_, ldc = (nd_blasint)ldc_;
    if (n == 1 && m == 1) {
        nd_blasint ia = ta ? lda : 1, ib = tb ? 1 : ldb;
        if (ct == ND_FLOAT32) *(float *)c = cblas_sdot(k, (const float *)a, ia, (const float *)b, ib);
        else *(double *)c = cblas_ddot(k, (const double *)a, ia, (const double *)b, ib);
        return;
    }
    if (m == 1 || n == 1) {
        /* y = op(M) x with beta 0; y is zeroed first, as some BLAS versions
         * scale by beta = 0 with a multiply that keeps NaN from garbage */
        int64_t ny = m == 1 ? n : m, iy = m == 1 ? (tc ? 1 : ldc) : (tc ? ldc : 1);
        int64_t csz = (int64_t)nd__itemsize(ct);
        for (int64_t i = 0; i < ny; i++) memset(c + i * iy * csz, 0, (size_t)csz);
        if (m == 1) /* y = A x, x a column of b */
            MM_BLAS(ct, gemv, CblasRowMajor, tr(ta), ta ? k : n, ta ? n : k, 1, (const void *)a,
                    lda, (const void *)b, tb ? 1 : ldb, 0, (void *)c, (nd_blasint)iy);
        else /* y = B^T x, x the row of a */
            MM_BLAS(ct, gemv, CblasRowMajor, tr(!tb), tb ? m : k, tb ? k : m, 1, (const void *)b,
                    ldb, (const void *)a, ta ? lda : 1, 0, (void *)c, (nd_blasint)iy);
        return;
    }
    if (!tc)
        MM_BLAS(ct, gemm, CblasRowMajor, tr(ta), tr(tb), n, m, k, 1, (const void *)a, lda,
                (const void *)b, ldb, 0, (void *)c, ldc);
    else /* c stored transposed: c^T = b^T a^T */
        MM_BLAS(ct, gemm, CblasRowMajor, tr(!tb), tr(!ta), m, n, k, 1, (const void *)b, ldb,
                (const void *)a, lda, 0, (void *)c, ldc);
}

/* ---------------------------------------------------------------- one product */

/* Rows [i0, i1) of one product; a, b, c point at this batch's matrices.
 * slot is this part's scratch. */
static void mm_one(const mm_plan *p, const char *a, const char *b, char *c, int64_t i0,
                   int64_t i1, char *slot) {
    const mm_opnd *A = &p->A, *B = &p->B, *C = &p->C;
    int64_t csz = p->csz, k = p->k, m = p->m, rows = i1 - i0;
    /* no scratch at all is a NULL slot: no offset may be applied to it */
    char *sa = slot, *sb = slot ? slot + p->a_bytes : NULL;
    char *sc = slot ? slot + p->a_bytes + p->b_bytes : NULL;
    if (p->kind == MM_ZERO) {
        static const double zero[2];
        copy2d(c + i0 * C->rs * csz, C->rs, C->cs, p->ct, (const char *)zero, 0, 0, p->ct, rows, m);
        return;
    }
    /* the operands as the small and integer kernels read them: element
     * (i, j) at pa[i*ars + j], and likewise for b (BLAS reads trans and ld) */
    const char *pa = a, *pb = b;
    int64_t ars = A->rs, brs = B->rs;
    if (A->pack) {
        if (p->a_once) pa = p->a_once;
        else pack(p, A, a, sa), pa = sa;
        ars = A->ld;
    }
    if (B->pack) {
        if (p->b_once) pb = p->b_once;
        else pack(p, B, b, sb), pb = sb;
        brs = B->ld;
    }
    switch (p->kind) {
    case MM_SMALL:
        p->small(1, 0, 0, 0, rows, k, m, pa + i0 * ars * csz, ars, pb, brs, c + i0 * C->rs * csz,
                 C->rs, C->cs);
        return;
    case MM_INT: {
        char *pc = C->pack ? sc : c + i0 * C->rs * csz;
        int64_t ldc = C->pack ? m : C->rs;
        for (int64_t i = 0; i < rows; i++) memset(pc + i * ldc * csz, 0, (size_t)(m * csz));
        nd__mm_int(p->ct, rows, k, m, pa + i0 * ars * csz, ars, pb, brs, pc, ldc);
        if (C->pack) copy2d(c + i0 * C->rs * csz, C->rs, C->cs, p->ct, sc, m, 1, p->ct, rows, m);
        return;
    }
    case MM_BLAS: {
        assert(i0 == 0 && i1 == p->n);
        char *pc = C->pack ? sc : c;
        blas_product(p->ct, p->n, k, m, pa, A->trans, A->ld, pb, B->trans, B->ld, pc,
                     C->pack ? false : C->trans, C->pack ? (m > 1 ? m : 1) : C->ld);
        if (C->pack) copy2d(c, C->rs, C->cs, p->ct, sc, m, 1, p->ct, p->n, m);
        return;
    }
    case MM_ZERO: return;
    }
}

/* ---------------------------------------------------------------- parts and threads */

/* Element offsets of batch t in each operand. */
typedef struct mm_pos {
    int64_t idx[ND_MAX_DIMS];
    int64_t oa, ob, oc;
} mm_pos;

static void pos_init(const mm_plan *p, mm_pos *s, int64_t t) {
    s->oa = s->ob = s->oc = 0;
    for (int d = p->nb - 1; d >= 0; d--) {
        int64_t i = t % p->bshape[d];
        t /= p->bshape[d];
        s->idx[d] = i;
        s->oa += i * p->A.bs[d], s->ob += i * p->B.bs[d], s->oc += i * p->C.bs[d];
    }
}

static void pos_next(const mm_plan *p, mm_pos *s) {
    for (int d = p->nb - 1; d >= 0; d--) {
        s->oa += p->A.bs[d], s->ob += p->B.bs[d], s->oc += p->C.bs[d];
        if (++s->idx[d] < p->bshape[d]) return;
        s->oa -= p->bshape[d] * p->A.bs[d], s->ob -= p->bshape[d] * p->B.bs[d];
        s->oc -= p->bshape[d] * p->C.bs[d];
        s->idx[d] = 0;
    }
}

/* Part q of the work: a range of batches, or of rows for a single product. */
static void mm_part(void *ctx, int64_t q0, int64_t q1) {
    const mm_plan *p = ctx;
    int64_t asz = (int64_t)nd__itemsize(p->A.dt), bsz = (int64_t)nd__itemsize(p->B.dt);
    size_t slot_bytes = p->a_bytes + p->b_bytes + p->c_bytes;
    for (int64_t q = q0; q < q1; q++) {
        char *slot = p->slots ? p->slots + (size_t)q * slot_bytes : NULL;
        if (p->nbatch == 1) {
            mm_one(p, p->A.data, p->B.data, p->C.data, p->n * q / p->parts,
                   p->n * (q + 1) / p->parts, slot);
            continue;
        }
        int64_t t0 = p->nbatch * q / p->parts, t1 = p->nbatch * (q + 1) / p->parts;
        mm_pos s;
        if (p->kind == MM_SMALL && !p->a_bytes && !p->b_bytes) {
            /* batches of small products: one kernel call per run along the
             * innermost batch axis */
            const mm_opnd *A = &p->A, *B = &p->B, *C = &p->C;
            int64_t ars = A->pack ? A->ld : A->rs, brs = B->pack ? B->ld : B->rs;
            int last = p->nb - 1;
            for (int64_t t = t0; t < t1;) {
                pos_init(p, &s, t);
                int64_t run = p->bshape[last] - s.idx[last];
                if (run > t1 - t) run = t1 - t;
                p->small(run, p->a_once ? 0 : A->bs[last], p->b_once ? 0 : B->bs[last],
                         C->bs[last], p->n, p->k, p->m,
                         p->a_once ? p->a_once : A->data + s.oa * asz, ars,
                         p->b_once ? p->b_once : B->data + s.ob * bsz, brs,
                         C->data + s.oc * p->csz, C->rs, C->cs);
                t += run;
            }
            continue;
        }
        pos_init(p, &s, t0);
        for (int64_t t = t0; t < t1; t++, pos_next(p, &s))
            mm_one(p, p->A.data + s.oa * asz, p->B.data + s.ob * bsz, p->C.data + s.oc * p->csz,
                   0, p->n, slot);
    }
}

/* ---------------------------------------------------------------- planning */

/* Whether the axes (batch..., rows) with the given strides are one axis of
 * stride *st; size-1 axes do not count. */
static bool merge_rows(int nb, const int64_t *shape, const int64_t *bs, int64_t n, int64_t rs,
                       int64_t *st) {
    int64_t stride = rs, span = n;
    bool have = n != 1;
    for (int d = nb - 1; d >= 0; d--) {
        if (shape[d] == 1) continue;
        if (!have) {
            stride = bs[d], span = shape[d], have = true;
            continue;
        }
        int64_t want;
        if (nd__mul_overflow(stride, span, &want) || bs[d] != want) return false;
        span *= shape[d];
    }
    *st = stride;
    return true;
}

static void opnd_init(mm_opnd *o, const nd_array *x, int nb, const int64_t *bshape) {
    int xb = x->ndim - 2, off = nb - xb;
    o->data = x->data;
    o->dt = x->dtype;
    o->rows = x->shape[xb], o->cols = x->shape[xb + 1];
    o->rs = x->strides[xb], o->cs = x->strides[xb + 1];
    o->invariant = true;
    for (int d = 0; d < nb; d++) {
        int64_t s = d < off || x->shape[d - off] == 1 ? 0 : x->strides[d - off];
        o->bs[d] = bshape[d] == 1 ? 0 : s;
        if (o->bs[d]) o->invariant = false;
    }
    o->pack = o->trans = false;
    o->ld = 0;
}

static nd_status too_big(const char *fn, int64_t v) {
    return nd__error(ND_ERR_OVERFLOW, fn,
                     "dimension %lld exceeds the BLAS integer range (at most %lld)", (long long)v,
                     (long long)ND_BLASINT_MAX);
}

/* Fills the layout decisions for the kernel kind chosen. */
static nd_status plan_layouts(const char *fn, mm_plan *p) {
    mm_opnd *A = &p->A, *B = &p->B, *C = &p->C;
    switch (p->kind) {
    case MM_ZERO: return ND_OK;
    case MM_SMALL: /* a with unit column steps, which keeps the kernel's addressing simple */
        A->pack = A->dt != p->ct || (p->k > 1 && A->cs != 1);
        A->ld = p->k;
        /* b rows padded to the vector width; used as it is when already so.
         * One column is read by the kernel's dot products with its own row
         * step, and packed contiguous (for vector loads) when shared by
         * every matrix, so packed once. */
        if (p->m == 1) {
            B->pack = B->dt != p->ct || (B->rs != 1 && B->invariant && p->k >= 8);
            B->ld = 1;
        } else {
            B->pack = B->dt != p->ct || B->cs != 1 || nd__mm_small_ld(p->ct, p->m) != p->m;
            if (B->pack) B->ld = nd__mm_small_ld(p->ct, p->m);
        }
        return ND_OK;
    case MM_INT:
        A->pack = A->dt != p->ct || (p->k > 1 && A->cs != 1);
        A->ld = A->pack ? p->k : A->rs;
        B->pack = B->dt != p->ct || (p->m > 1 && B->cs != 1);
        B->ld = B->pack ? p->m : B->rs;
        C->pack = p->m > 1 && C->cs != 1;
        return ND_OK;
    case MM_BLAS: {
        if (!nd__blas_fits(p->n)) return too_big(fn, p->n);
        if (!nd__blas_fits(p->k)) return too_big(fn, p->k);
        if (!nd__blas_fits(p->m)) return too_big(fn, p->m);
        mm_opnd *ops[2] = {A, B};
        for (int i = 0; i < 2; i++) {
            mm_opnd *o = ops[i];
            if (o->dt == p->ct && blas_layout(o->rows, o->cols, o->rs, o->cs, &o->trans, &o->ld))
                continue;
            /* packed along the source's faster axis */
            o->pack = true;
            o->trans = o->rows > 1 && o->cols > 1 && llabs(o->rs) < llabs(o->cs);
            o->ld = o->trans ? o->rows : o->cols;
            if (o->ld < 1) o->ld = 1;
        }
        C->pack = !blas_layout(C->rows, C->cols, C->rs, C->cs, &C->trans, &C->ld);
        return ND_OK;
    }
    }
    return ND_OK;
}

/* out = a @ b with out's dtype the compute dtype and no overlap. */
static nd_status mm_compute(const char *fn, const nd_array *a, const nd_array *b, nd_array *out,
                            nd_dtype ct) {
    mm_plan p;
    p.ct = ct;
    p.csz = (int64_t)nd__itemsize(ct);
    p.nb = out->ndim - 2;
    p.nbatch = 1;
    for (int d = 0; d < p.nb; d++) p.bshape[d] = out->shape[d], p.nbatch *= out->shape[d];
    opnd_init(&p.A, a, p.nb, p.bshape);
    opnd_init(&p.B, b, p.nb, p.bshape);
    opnd_init(&p.C, out, p.nb, p.bshape);
    p.n = p.A.rows, p.k = p.A.cols, p.m = p.B.cols;
    if (out->size == 0) return ND_OK;

    /* b the same for every batch and the batches of a and the result laid
     * out like extra rows: one product of nbatch*n rows */
    int64_t sa, sc;
    if (p.nbatch > 1 && p.B.invariant && merge_rows(p.nb, p.bshape, p.A.bs, p.n, p.A.rs, &sa) &&
        merge_rows(p.nb, p.bshape, p.C.bs, p.n, p.C.rs, &sc)) {
        p.n *= p.nbatch;
        p.A.rows = p.C.rows = p.n;
        p.A.rs = sa, p.C.rs = sc;
        p.nb = 0, p.nbatch = 1;
        p.A.invariant = p.C.invariant = true;
    }

    if (p.k == 0) p.kind = MM_ZERO;
    else if (!nd_dtype_is_float(ct)) p.kind = MM_INT;
    else if (nd__mm_small_fits(ct, p.k, p.m)) p.kind = MM_SMALL;
    else p.kind = MM_BLAS;
    if (p.kind == MM_SMALL) p.small = nd__mm_small(ct);
    nd_status st = plan_layouts(fn, &p);
    if (st != ND_OK) return st;

    /* how many parts: BLAS threads a single product itself */
    int64_t per = sat_mul(sat_mul(p.n, p.m), p.kind == MM_ZERO ? 1 : p.k); /* per product */
    int64_t parts = nd_get_num_threads();
    if (p.nbatch == 1) {
        if (p.kind == MM_BLAS) parts = 1;
        if (parts > p.n) parts = p.n;
        if (parts > per / MM_PAR_MIN_WORK) parts = per / MM_PAR_MIN_WORK;
    } else {
        bool vec = p.n == 1 || p.m == 1;
        if (p.kind == MM_BLAS && per > (vec ? MM_BLAS_SERIAL_MN : MM_BLAS_SERIAL_MNK)) parts = 1;
        if (parts > p.nbatch) parts = p.nbatch;
        if (parts > sat_mul(per, p.nbatch) / MM_PAR_MIN_WORK)
            parts = sat_mul(per, p.nbatch) / MM_PAR_MIN_WORK;
    }
    if (parts < 1) parts = 1;
    p.parts = parts;

    /* scratch, all of it before anything is written */
    size_t once_a = 0, once_b = 0;
    p.a_bytes = p.b_bytes = p.c_bytes = 0;
    bool bad = false;
    if (p.A.pack) /* a's rows x ld, or ld x cols when packed transposed */
        bad |= !bytes_of(p.A.trans ? p.A.cols : p.A.rows, p.A.ld, p.csz,
                         p.A.invariant ? &once_a : &p.a_bytes);
    if (p.B.pack)
        bad |= !bytes_of(p.B.trans ? p.B.cols : p.B.rows, p.B.ld, p.csz,
                         p.B.invariant ? &once_b : &p.b_bytes);
    if (p.C.pack) /* a part's rows of the result */
        bad |= !bytes_of(p.nbatch == 1 ? (p.n + parts - 1) / parts + 1 : p.n, p.m, p.csz, &p.c_bytes);
    size_t slot = p.a_bytes + p.b_bytes + p.c_bytes, total = 0;
    bad |= __builtin_mul_overflow(slot, (size_t)parts, &total);
    bad |= __builtin_add_overflow(total, once_a + once_b, &total);
    if (bad || total > (size_t)INT64_MAX)
        return nd__error(ND_ERR_OVERFLOW, fn, "scratch space for the product is too large");
    char *mem = NULL;
    if (total) {
        mem = nd__alloc(total, 64);
        if (!mem) return nd__error(ND_ERR_NOMEM, fn, "out of memory allocating %zu bytes of scratch", total);
    }
    p.a_once = once_a ? mem : NULL;
    p.b_once = once_b ? mem + once_a : NULL;
    p.slots = slot ? mem + once_a + once_b : NULL;
    if (p.a_once) pack(&p, &p.A, p.A.data, p.a_once);
    if (p.b_once) pack(&p, &p.B, p.B.data, p.b_once);

    if (p.kind == MM_BLAS) nd__blas_threads();
    nd__parallel_for(parts, 1, mm_part, &p);
    nd__dealloc(mem);
    return ND_OK;
}

/* nd__matmul_arrays; fresh: c is new memory of the compute dtype, which
 * cannot overlap the inputs. */
static nd_status mm_into(const char *fn, const nd_array *a, const nd_array *b, nd_array *c,
                         bool fresh) {
    nd_dtype ct = nd_promote_types(a->dtype, b->dtype);
    if (c->size == 0) return ND_OK;
    if (fresh || (c->dtype == ct && !nd_may_share_memory(c, a) && !nd_may_share_memory(c, b)))
        return mm_compute(fn, a, b, c, ct);
    /* into a temporary, then cast or copied into c */
    nd_array *t = nd__alloc_array(fn, c->ndim, c->shape, ct);
    if (!t) return nd_last_status();
    nd_status st = mm_compute(fn, a, b, t, ct);
    if (st == ND_OK) st = nd_copyto(c, t);
    nd_free(t);
    return st;
}

nd_status nd__matmul_arrays(const char *fn, const nd_array *a, const nd_array *b, nd_array *c) {
    return mm_into(fn, a, b, c, false);
}

/* ============================================================ public products */

#define SIG "(n?,k),(k,m?)->(n?,m?)"

/* A header-only copy of x (no reference taken) with new geometry; for
 * internal views that live no longer than the call. */
static void regeom(nd_array *g, const nd_array *x, char *data, int ndim, const int64_t *shape,
                   const int64_t *strides) {
    *g = *x;
    g->data = data;
    g->ndim = ndim;
    for (int i = 0; i < ndim; i++) g->shape[i] = shape[i], g->strides[i] = strides[i];
    nd__update_flags(g);
}

/* Right-aligned broadcast of the batch shapes (the axes before the last
 * two) of a and b into *nb, bshape; false if they do not broadcast. */
static bool batch_broadcast(const nd_array *a, const nd_array *b, int *nb, int64_t *bshape) {
    int na = a->ndim - 2, nbb = b->ndim - 2, n = na > nbb ? na : nbb;
    for (int d = 0; d < n; d++) {
        int da = d - (n - na), db = d - (n - nbb);
        int64_t sa = da >= 0 ? a->shape[da] : 1, sb = db >= 0 ? b->shape[db] : 1;
        if (sa != sb && sa != 1 && sb != 1) return false;
        bshape[d] = sa == 1 ? sb : sa;
    }
    *nb = n;
    return true;
}

/* NumPy's "(2,3,4)->(2,newaxis,newaxis)": x's shape, then its batch axes
 * with each core axis as newaxis (x2 is x promoted to 2-D). */
static void remapped(char *buf, size_t cap, const nd_array *x, const nd_array *x2) {
    char s[ND_SHAPE_STR_CAP];
    int len = snprintf(buf, cap, "%s->(", nd__shape_str(s, sizeof s, x->ndim, x->shape));
    for (int d = 0; d < x2->ndim - 2 && len > 0 && (size_t)len < cap; d++)
        len += snprintf(buf + len, cap - (size_t)len, "%lld,", (long long)x2->shape[d]);
    int ncore = x->ndim < 2 ? x->ndim : 2;
    for (int i = 0; i < ncore && len > 0 && (size_t)len < cap; i++)
        len += snprintf(buf + len, cap - (size_t)len, i + 1 < ncore ? "newaxis," : "newaxis");
    if (len > 0 && (size_t)len < cap) snprintf(buf + len, cap - (size_t)len, ")");
}

/* np.matmul into out, or (out NULL) into a new array stored in *res. */
static nd_status matmul_impl(const char *fn, const nd_array *a, const nd_array *b, nd_array *out,
                             nd_array **res) {
    char s1[ND_SHAPE_STR_CAP], s2[ND_SHAPE_STR_CAP], s3[ND_SHAPE_STR_CAP];
    const nd_array *ops[2] = {a, b};
    for (int i = 0; i < 2; i++)
        if (ops[i]->ndim == 0)
            return nd__error(ND_ERR_SHAPE, fn,
                             "Input operand %d does not have enough dimensions (has 0, gufunc "
                             "core with signature " SIG " requires 1)", i);
    /* 1-D operands as matrices: a (k,) is (1, k), b (k,) is (k, 1) */
    nd_array a2, b2;
    const nd_array *pa = a, *pb = b;
    if (a->ndim == 1) {
        int64_t sh[2] = {1, a->shape[0]}, st[2] = {0, a->strides[0]};
        regeom(&a2, a, a->data, 2, sh, st);
        pa = &a2;
    }
    if (b->ndim == 1) {
        int64_t sh[2] = {b->shape[0], 1}, st[2] = {b->strides[0], 0};
        regeom(&b2, b, b->data, 2, sh, st);
        pb = &b2;
    }
    int64_t n = pa->shape[pa->ndim - 2], k = pa->shape[pa->ndim - 1];
    int64_t kb = pb->shape[pb->ndim - 2], m = pb->shape[pb->ndim - 1];
    if (k != kb)
        return nd__error(ND_ERR_SHAPE, fn,
                         "Input operand 1 has a mismatch in its core dimension 0, with gufunc "
                         "signature " SIG " (size %lld is different from %lld); shapes %s %s",
                         (long long)kb, (long long)k, nd__shape_str(s1, sizeof s1, a->ndim, a->shape),
                         nd__shape_str(s2, sizeof s2, b->ndim, b->shape));
    int nb;
    int64_t shape[ND_MAX_DIMS];
    if (!batch_broadcast(pa, pb, &nb, shape)) {
        char r[2][ND_SHAPE_STR_CAP * 2];
        for (int i = 0; i < 2; i++)
            remapped(r[i], sizeof r[i], ops[i], i == 0 ? pa : pb);
        int64_t core[2] = {n, m};
        return nd__error(ND_ERR_SHAPE, fn,
                         "operands could not be broadcast together with remapped shapes "
                         "[original->remapped]: %s %s and requested shape %s", r[0], r[1],
                         nd__shape_str(s3, sizeof s3, 2, core));
    }
    /* the result's core axes: n unless a is 1-D, m unless b is 1-D */
    int ncore = 0;
    int64_t core[2];
    if (a->ndim > 1) core[ncore++] = n;
    if (b->ndim > 1) core[ncore++] = m;
    nd_dtype ct = nd_promote_types(a->dtype, b->dtype);

    nd_array *r = out;
    if (out) {
        /* out's batch may be larger: the inputs broadcast to it (NumPy's gufunc rule) */
        if (out->ndim < ncore)
            return nd__error(ND_ERR_SHAPE, fn,
                             "Output operand 0 does not have enough dimensions (has %d, gufunc "
                             "core with signature " SIG " requires %d)", out->ndim, ncore);
        int ob = out->ndim - ncore;
        for (int i = 0; i < ncore; i++)
            if (out->shape[ob + i] != core[i])
                return nd__error(ND_ERR_SHAPE, fn,
                                 "Output operand 0 has a mismatch in its core dimension %d, with "
                                 "gufunc signature " SIG " (size %lld is different from %lld)",
                                 i, (long long)out->shape[ob + i], (long long)core[i]);
        bool fits = ob >= nb;
        for (int d = 0; fits && d < nb; d++)
            fits = shape[d] == 1 || shape[d] == out->shape[ob - nb + d];
        if (!fits) {
            int64_t want[ND_MAX_DIMS + 2];
            memcpy(want, shape, sizeof(int64_t) * (size_t)nb);
            memcpy(want + nb, core, sizeof(int64_t) * (size_t)ncore);
            return nd__error(ND_ERR_SHAPE, fn,
                             "non-broadcastable output operand with shape %s doesn't match the "
                             "broadcast shape %s",
                             nd__shape_str(s1, sizeof s1, out->ndim, out->shape),
                             nd__shape_str(s2, sizeof s2, nb + ncore, want));
        }
        if (!nd__check_out(fn, out, out->ndim, out->shape)) return nd_last_status();
        if (!nd_can_cast(ct, out->dtype, ND_CAST_SAME_KIND))
            return nd__error(ND_ERR_DTYPE, fn,
                             "Cannot cast ufunc 'matmul' output from %s to %s with casting rule "
                             "'same_kind'", nd__dtypes[ct].name, nd__dtypes[out->dtype].name);
        nb = ob;
        memcpy(shape, out->shape, sizeof(int64_t) * (size_t)ob);
    } else {
        if (nb + ncore > ND_MAX_DIMS)
            return nd__error(ND_ERR_VALUE, fn, "the result would have more than %d dimensions", ND_MAX_DIMS);
        memcpy(shape + nb, core, sizeof(int64_t) * (size_t)ncore);
        r = nd__alloc_array(fn, nb + ncore, shape, ct);
        if (!r) return nd_last_status();
    }
    /* the result as (batch..., n, m), the removed axes back with length 1 */
    int64_t cs[ND_MAX_DIMS + 2], cst[ND_MAX_DIMS + 2];
    for (int d = 0; d < nb; d++) cs[d] = r->shape[d], cst[d] = r->strides[d];
    cs[nb] = n, cs[nb + 1] = m;
    cst[nb] = a->ndim > 1 ? r->strides[nb] : 0;
    cst[nb + 1] = b->ndim > 1 ? r->strides[r->ndim - 1] : 0;
    nd_array c2;
    nd_status st;
    if (nb + 2 > ND_MAX_DIMS) {
        st = nd__error(ND_ERR_VALUE, fn, "the product needs more than %d dimensions", ND_MAX_DIMS);
    } else if (ncore == 2) { /* the result is already (batch..., n, m) */
        st = mm_into(fn, pa, pb, r, !out);
    } else {
        regeom(&c2, r, r->data, nb + 2, cs, cst);
        st = mm_into(fn, pa, pb, &c2, !out);
    }
    if (st != ND_OK && !out) {
        nd_free(r);
        r = NULL;
    }
    if (res) *res = r;
    return st;
}

static nd_array *matmul_body(const nd_array *a, const nd_array *b) {
    static const char fn[] = "nd_matmul";
    if (!nd__check_array(fn, "a", a) || !nd__check_array(fn, "b", b)) return NULL;
    nd_array *r = NULL;
    matmul_impl(fn, a, b, NULL, &r);
    return r;
}

nd_array *nd_matmul(const nd_array *a, const nd_array *b) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_array("nd_matmul", mark, matmul_body(a, b));
}

static nd_status matmul_out_body(const nd_array *a, const nd_array *b, nd_array *out) {
    static const char fn[] = "nd_matmul_out";
    if (!a) return nd__null_arg(fn, "a");
    if (!b) return nd__null_arg(fn, "b");
    if (!out) return nd__null_arg(fn, "out");
    return matmul_impl(fn, a, b, out, NULL);
}

nd_status nd_matmul_out(const nd_array *a, const nd_array *b, nd_array *out) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_status("nd_matmul_out", mark, matmul_out_body(a, b, out));
}

/* ---------------------------------------------------------------- contractions */

/* Whether the axes ax[0..n) of x, in that order, are one axis of stride
 * *st and length *len (size-1 axes skipped; no axes: length 1). */
static bool merge_axes(const nd_array *x, int n, const int *ax, int64_t *len, int64_t *st) {
    int64_t l = 1, s = 1;
    bool have = false;
    for (int i = n - 1; i >= 0; i--) {
        int64_t sh = x->shape[ax[i]], sd = x->strides[ax[i]];
        if (sh == 1) continue;
        if (!have) {
            s = sd, l = sh, have = true;
            continue;
        }
        int64_t want;
        if (nd__mul_overflow(s, l, &want) || sd != want) return false;
        l *= sh;
    }
    if (!have) { /* all size 1 (or none): a length of 1, or an empty axis */
        l = 1;
        for (int i = 0; i < n; i++) l *= x->shape[ax[i]];
    }
    *len = l, *st = s;
    return true;
}

/* x's axes first[0..nf) then second[0..ns) as a 2-D matrix: a header-only
 * view if the strides allow, else a C-order copy (*copy, freed by the
 * caller) in that axis order. */
static bool as_matrix(const char *fn, const nd_array *x, int nf, const int *first, int ns,
                      const int *second, nd_array *g, nd_array **copy) {
    int64_t r, rs, c, cs;
    *copy = NULL;
    if (merge_axes(x, nf, first, &r, &rs) && merge_axes(x, ns, second, &c, &cs)) {
        int64_t sh[2] = {r, c}, st[2] = {rs, cs};
        regeom(g, x, x->data, 2, sh, st);
        return true;
    }
    int perm[ND_MAX_DIMS];
    int64_t sh[ND_MAX_DIMS], st[ND_MAX_DIMS];
    memcpy(perm, first, sizeof(int) * (size_t)nf);
    memcpy(perm + nf, second, sizeof(int) * (size_t)ns);
    for (int i = 0; i < nf + ns; i++) sh[i] = x->shape[perm[i]], st[i] = x->strides[perm[i]];
    nd_array v;
    regeom(&v, x, x->data, nf + ns, sh, st);
    *copy = nd_copy(&v);
    if (!*copy) return false;
    /* C order (first..., second...) is a row-major r x c matrix */
    r = c = 1;
    for (int i = 0; i < nf; i++) r *= sh[i];
    for (int i = nf; i < nf + ns; i++) c *= sh[i];
    int64_t msh[2] = {r, c}, mst[2] = {c, 1};
    regeom(g, *copy, (*copy)->data, 2, msh, mst);
    (void)fn;
    return true;
}

/* Error styles of the contractions. */
typedef enum { ERR_DOT, ERR_TENSORDOT } err_style;

/* Contracts axes ca[0..naxes) of a with cb[0..naxes) of b (normalised,
 * distinct); the result has a's free axes then b's, in order. */
static nd_array *contract(const char *fn, const nd_array *a, const nd_array *b, int naxes,
                          const int *ca, const int *cb, err_style es) {
    char s1[ND_SHAPE_STR_CAP], s2[ND_SHAPE_STR_CAP];
    for (int i = 0; i < naxes; i++) {
        if (a->shape[ca[i]] == b->shape[cb[i]]) continue;
        nd__shape_str(s1, sizeof s1, a->ndim, a->shape);
        nd__shape_str(s2, sizeof s2, b->ndim, b->shape);
        if (es == ERR_DOT)
            nd__error(ND_ERR_SHAPE, fn, "shapes %s and %s not aligned: %lld (dim %d) != %lld (dim %d)",
                      s1, s2, (long long)a->shape[ca[i]], ca[i], (long long)b->shape[cb[i]], cb[i]);
        else
            nd__error(ND_ERR_SHAPE, fn,
                      "shape-mismatch for sum: axis %d of a (size %lld) and axis %d of b (size "
                      "%lld); shapes %s %s", ca[i], (long long)a->shape[ca[i]], cb[i],
                      (long long)b->shape[cb[i]], s1, s2);
        return NULL;
    }
    bool ina[ND_MAX_DIMS] = {false}, inb[ND_MAX_DIMS] = {false};
    for (int i = 0; i < naxes; i++) ina[ca[i]] = inb[cb[i]] = true;
    int fa[ND_MAX_DIMS], fb[ND_MAX_DIMS], nfa = 0, nfb = 0;
    int64_t shape[2 * ND_MAX_DIMS];
    for (int i = 0; i < a->ndim; i++)
        if (!ina[i]) shape[nfa] = a->shape[i], fa[nfa++] = i;
    for (int i = 0; i < b->ndim; i++)
        if (!inb[i]) shape[nfa + nfb] = b->shape[i], fb[nfb++] = i;
    if (nfa + nfb > ND_MAX_DIMS) {
        nd__error(ND_ERR_VALUE, fn, "the result would have %d dimensions (at most %d)", nfa + nfb,
                  ND_MAX_DIMS);
        return NULL;
    }
    nd_array *r = nd__alloc_array(fn, nfa + nfb, shape, nd_promote_types(a->dtype, b->dtype));
    if (!r) return NULL;
    if (r->size == 0) return r;
    nd_array a2, b2, c2, *ac = NULL, *bc = NULL;
    nd_status st = ND_ERR_NOMEM;
    if (as_matrix(fn, a, nfa, fa, naxes, ca, &a2, &ac) &&
        as_matrix(fn, b, naxes, cb, nfb, fb, &b2, &bc)) {
        int64_t sh[2] = {a2.shape[0], b2.shape[1]}, str[2] = {b2.shape[1], 1};
        regeom(&c2, r, r->data, 2, sh, str);
        st = mm_into(fn, &a2, &b2, &c2, true);
    }
    nd_free(ac);
    nd_free(bc);
    if (st != ND_OK) {
        nd_free(r);
        return NULL;
    }
    return r;
}

static nd_array *tensordot_body(const nd_array *a,
                                const nd_array *b,
                                int naxes,
                                const int *axes_a,
                                const int *axes_b) {
    static const char fn[] = "nd_tensordot";
    if (!nd__check_array(fn, "a", a) || !nd__check_array(fn, "b", b)) return NULL;
    if ((axes_a == NULL) != (axes_b == NULL)) {
        nd__error(ND_ERR_VALUE, fn, "axes_a and axes_b must both be given or both be NULL");
        return NULL;
    }
    /* naxes 0 with NULL axes is NumPy's axes=0 (an outer product) */
    if (!nd__check_naxes(fn, naxes, axes_a, false)) return NULL;
    if (naxes < 0 || naxes > a->ndim || naxes > b->ndim) {
        nd__error(ND_ERR_VALUE, fn, "cannot contract %d axes of arrays with %d and %d dimensions",
                  naxes, a->ndim, b->ndim);
        return NULL;
    }
    int ca[ND_MAX_DIMS], cb[ND_MAX_DIMS];
    bool seen[ND_MAX_DIMS];
    if (axes_a) {
        if (!nd__norm_axes(fn, a->ndim, naxes, axes_a, ca, seen) ||
            !nd__norm_axes(fn, b->ndim, naxes, axes_b, cb, seen))
            return NULL;
    } else {
        for (int i = 0; i < naxes; i++) ca[i] = a->ndim - naxes + i, cb[i] = i;
    }
    return contract(fn, a, b, naxes, ca, cb, ERR_TENSORDOT);
}

nd_array *nd_tensordot(const nd_array *a,
                       const nd_array *b,
                       int naxes,
                       const int *axes_a,
                       const int *axes_b) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_array("nd_tensordot", mark, tensordot_body(a, b, naxes, axes_a, axes_b));
}

static nd_array *dot_body(const nd_array *a, const nd_array *b) {
    static const char fn[] = "nd_dot";
    if (!nd__check_array(fn, "a", a) || !nd__check_array(fn, "b", b)) return NULL;
    if (a->ndim == 0 || b->ndim == 0) return nd_multiply(a, b);
    /* a's last axis with b's second-to-last (its only one if 1-D); the
     * result's axes are a's free ones, then b's, so b's last stays last */
    int ca = a->ndim - 1, cb = b->ndim >= 2 ? b->ndim - 2 : 0;
    return contract(fn, a, b, 1, &ca, &cb, ERR_DOT);
}

nd_array *nd_dot(const nd_array *a, const nd_array *b) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_array("nd_dot", mark, dot_body(a, b));
}

static nd_array *inner_body(const nd_array *a, const nd_array *b) {
    static const char fn[] = "nd_inner";
    if (!nd__check_array(fn, "a", a) || !nd__check_array(fn, "b", b)) return NULL;
    if (a->ndim == 0 || b->ndim == 0) return nd_multiply(a, b);
    int ca = a->ndim - 1, cb = b->ndim - 1;
    return contract(fn, a, b, 1, &ca, &cb, ERR_DOT);
}

nd_array *nd_inner(const nd_array *a, const nd_array *b) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_array("nd_inner", mark, inner_body(a, b));
}

/* x flattened in C order: a header-only 1-D view if the strides allow,
 * else a copy in *copy. */
static bool flat(const char *fn, const nd_array *x, nd_array *g, nd_array **copy) {
    int ax[ND_MAX_DIMS];
    for (int i = 0; i < x->ndim; i++) ax[i] = i;
    int64_t len, st;
    *copy = NULL;
    if (!merge_axes(x, x->ndim, ax, &len, &st)) {
        *copy = nd_copy(x);
        if (!*copy) return false;
        x = *copy;
        st = 1, len = x->size;
    }
    (void)fn;
    regeom(g, x, x->data, 1, &len, &st);
    return true;
}

static nd_array *vdot_body(const nd_array *a, const nd_array *b) {
    static const char fn[] = "nd_vdot";
    if (!nd__check_array(fn, "a", a) || !nd__check_array(fn, "b", b)) return NULL;
    if (a->size != b->size) {
        char s1[ND_SHAPE_STR_CAP], s2[ND_SHAPE_STR_CAP];
        nd__error(ND_ERR_SHAPE, fn, "vectors have different lengths: %lld and %lld (shapes %s %s)",
                  (long long)a->size, (long long)b->size,
                  nd__shape_str(s1, sizeof s1, a->ndim, a->shape),
                  nd__shape_str(s2, sizeof s2, b->ndim, b->shape));
        return NULL;
    }
    nd_array fa, fb, *ac = NULL, *bc = NULL, *r = NULL;
    if (flat(fn, a, &fa, &ac) && flat(fn, b, &fb, &bc)) {
        int z = 0;
        r = contract(fn, &fa, &fb, 1, &z, &z, ERR_DOT);
    }
    nd_free(ac);
    nd_free(bc);
    return r;
}

nd_array *nd_vdot(const nd_array *a, const nd_array *b) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_array("nd_vdot", mark, vdot_body(a, b));
}

static nd_array *outer_body(const nd_array *a, const nd_array *b) {
    static const char fn[] = "nd_outer";
    if (!nd__check_array(fn, "a", a) || !nd__check_array(fn, "b", b)) return NULL;
    nd_array fa, fb, *ac = NULL, *bc = NULL, *r = NULL;
    if (flat(fn, a, &fa, &ac) && flat(fn, b, &fb, &bc)) {
        int64_t sh[2] = {fa.shape[0], fb.shape[0]};
        r = nd__alloc_array(fn, 2, sh, nd_promote_types(a->dtype, b->dtype));
        if (r) {
            /* a[:, None] * b[None, :], on the element-wise engine */
            nd_array x, y;
            int64_t xs[2] = {sh[0], 1}, xst[2] = {fa.strides[0], 0};
            int64_t ys[2] = {1, sh[1]}, yst[2] = {0, fb.strides[0]};
            regeom(&x, &fa, fa.data, 2, xs, xst);
            regeom(&y, &fb, fb.data, 2, ys, yst);
            if (nd_multiply_out(&x, &y, r) != ND_OK) {
                nd_free(r);
                r = NULL;
            }
        }
    }
    nd_free(ac);
    nd_free(bc);
    return r;
}

nd_array *nd_outer(const nd_array *a, const nd_array *b) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_array("nd_outer", mark, outer_body(a, b));
}

static nd_array *kron_body(const nd_array *a, const nd_array *b) {
    static const char fn[] = "nd_kron";
    if (!nd__check_array(fn, "a", a) || !nd__check_array(fn, "b", b)) return NULL;
    int nd = a->ndim > b->ndim ? a->ndim : b->ndim;
    if (2 * nd > ND_MAX_DIMS) {
        nd__error(ND_ERR_VALUE, fn, "kron of %d-dimensional arrays needs more than %d dimensions",
                  nd, ND_MAX_DIMS);
        return NULL;
    }
    /* result[i*bs + j] = a[i] * b[j] per axis: computed as
     * a(a0,1,a1,1,...) * b(1,b0,1,b1,...) into the result seen as
     * (a0,b0,a1,b1,...), which is C-contiguous like the result */
    int64_t rs[ND_MAX_DIMS], is[ND_MAX_DIMS], xs[ND_MAX_DIMS], xst[ND_MAX_DIMS], ys[ND_MAX_DIMS],
        yst[ND_MAX_DIMS], cst[ND_MAX_DIMS];
    for (int d = 0; d < nd; d++) {
        int da = d - (nd - a->ndim), db = d - (nd - b->ndim);
        int64_t sa = da >= 0 ? a->shape[da] : 1, sb = db >= 0 ? b->shape[db] : 1;
        if (nd__mul_overflow(sa, sb, &rs[d])) {
            nd__error(ND_ERR_OVERFLOW, fn, "the result is too large");
            return NULL;
        }
        is[2 * d] = sa, is[2 * d + 1] = sb;
        xs[2 * d] = sa, xst[2 * d] = da >= 0 ? a->strides[da] : 0;
        xs[2 * d + 1] = 1, xst[2 * d + 1] = 0;
        ys[2 * d] = 1, yst[2 * d] = 0;
        ys[2 * d + 1] = sb, yst[2 * d + 1] = db >= 0 ? b->strides[db] : 0;
    }
    nd_array *r = nd__alloc_array(fn, nd, rs, nd_promote_types(a->dtype, b->dtype));
    if (!r || r->size == 0) return r;
    nd__c_strides(2 * nd, is, cst);
    nd_array x, y, c;
    regeom(&x, a, a->data, 2 * nd, xs, xst);
    regeom(&y, b, b->data, 2 * nd, ys, yst);
    regeom(&c, r, r->data, 2 * nd, is, cst);
    if (nd_multiply_out(&x, &y, &c) != ND_OK) {
        nd_free(r);
        return NULL;
    }
    return r;
}

nd_array *nd_kron(const nd_array *a, const nd_array *b) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_array("nd_kron", mark, kron_body(a, b));
}

static nd_array *trace_body(const nd_array *a, int64_t offset, int axis1, int axis2) {
    static const char fn[] = "nd_trace";
    if (!nd__check_array(fn, "a", a)) return NULL;
    nd_array *d = nd_diagonal(a, offset, axis1, axis2); /* which checks the axes */
    if (!d) return NULL;
    int last = -1;
    nd_array *r = nd_sum(d, 1, &last, false);
    nd_free(d);
    return r;
}

nd_array *nd_trace(const nd_array *a, int64_t offset, int axis1, int axis2) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_array("nd_trace", mark, trace_body(a, offset, axis1, axis2));
}

static nd_array *linalg_matrix_power_body(const nd_array *a, int64_t n) {
    static const char fn[] = "nd_linalg_matrix_power";
    if (!nd__check_array(fn, "a", a)) return NULL;
    if (a->ndim < 2) {
        nd__error(ND_ERR_SHAPE, fn, "%d-dimensional array given. Array must be at least two-dimensional",
                  a->ndim);
        return NULL;
    }
    if (a->shape[a->ndim - 1] != a->shape[a->ndim - 2]) {
        char s[ND_SHAPE_STR_CAP];
        nd__error(ND_ERR_SHAPE, fn, "Last 2 dimensions of the array must be square (shape %s)",
                  nd__shape_str(s, sizeof s, a->ndim, a->shape));
        return NULL;
    }
    if (n == 0) {
        /* identity in a's dtype, over a's batch */
        nd_array *r = nd_zeros(a->ndim, a->shape, a->dtype);
        if (!r) return NULL;
        nd_array *one = nd_scalar(1, a->dtype), *diag = nd_diagonal(r, 0, -2, -1);
        nd_status st = one && diag ? nd_copyto(diag, one) : nd_last_status();
        nd_free(one);
        nd_free(diag);
        if (st != ND_OK) {
            nd_free(r);
            return NULL;
        }
        return r;
    }
    uint64_t e = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
    nd_array *base = n < 0 ? nd_linalg_inv(a) : nd_copy(a);
    if (!base) return NULL;
    /* binary powering, as NumPy: z runs through base^(2^i) */
    nd_array *result = NULL, *z = base;
    bool ok = true;
    for (;;) {
        if (e & 1) {
            nd_array *t = result ? nd_matmul(result, z) : z == base ? base : nd_copy(z);
            if (result != base) nd_free(result);
            result = t;
            if (!(ok = result != NULL)) break;
        }
        e >>= 1;
        if (!e) break;
        nd_array *t = nd_matmul(z, z);
        if (z != base) nd_free(z);
        z = t;
        if (!(ok = z != NULL)) break;
    }
    if (z != base) nd_free(z);
    if (result != base) nd_free(base);
    if (!ok) {
        nd_free(result);
        return NULL;
    }
    return result;
}

nd_array *nd_linalg_matrix_power(const nd_array *a, int64_t n) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_array("nd_linalg_matrix_power", mark, linalg_matrix_power_body(a, n));
}
