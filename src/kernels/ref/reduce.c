/* Portable reduction loops (see ND_REDUCE_OPS in kernel.h) and their
 * identities. Float sums fold rows pairwise, as NumPy does, so the error
 * grows with log(n) rather than n. */
#include "kernels/kernel.h"

#include <float.h>
#include <math.h>

/* Pairwise sum of n floats step bytes apart, each element read as VAL(x):
 * blocks of up to 128 summed with eight accumulators (which vectorises when
 * contiguous), halves recursively above that, exactly as NumPy pairs them.
 * nansum reads NaN as 0, as NumPy's nansum does. */
#define VAL_SUM_(x) (x)
#define VAL_NANSUM_(x) ((x) != (x) ? 0 : (x))
#define PAIRWISE_(T, NAME, VAL)                                                    \
    static T NAME(const char *p, int64_t n, int64_t step) {                        \
        if (n < 8) {                                                               \
            T s = (T)0;                                                            \
            for (int64_t i = 0; i < n; i++) s += VAL(*(const T *)(p + i * step));  \
            return s;                                                              \
        }                                                                          \
        if (n <= 128) {                                                            \
            T r[8];                                                                \
            for (int j = 0; j < 8; j++) r[j] = VAL(*(const T *)(p + j * step));    \
            int64_t i = 8;                                                         \
            if (step == (int64_t)sizeof(T)) {                                      \
                const T *a = (const T *)p;                                         \
                for (; i + 8 <= n; i += 8)                                         \
                    for (int j = 0; j < 8; j++) r[j] += VAL(a[i + j]);             \
            } else {                                                               \
                for (; i + 8 <= n; i += 8)                                         \
                    for (int j = 0; j < 8; j++) r[j] += VAL(*(const T *)(p + (i + j) * step)); \
            }                                                                      \
            T s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7])); \
            for (; i < n; i++) s += VAL(*(const T *)(p + i * step));               \
            return s;                                                              \
        }                                                                          \
        int64_t half = (n / 2) & ~(int64_t)7;                                      \
        return NAME(p, half, step) + NAME(p + half * step, n - half, step);        \
    }
PAIRWISE_(float, pairwise_f32, VAL_SUM_)
PAIRWISE_(double, pairwise_f64, VAL_SUM_)
PAIRWISE_(float, pairwise_nan_f32, VAL_NANSUM_)
PAIRWISE_(double, pairwise_nan_f64, VAL_NANSUM_)

/* Folds: acc = FOLD(acc, x). B bool, S signed, U unsigned, F float. */
#define sum_B(acc, x) (acc | x)
#define sum_S(acc, x) (T_)((W_)acc + (W_)x)
#define sum_U sum_S
#define sum_F(acc, x) (acc + x)
#define prod_B(acc, x) (acc & x)
#define prod_S(acc, x) (T_)((W_)acc * (W_)x)
#define prod_U prod_S
#define prod_F(acc, x) (acc * x)
#define min_B(acc, x) (acc & x)
#define min_S(acc, x) (x < acc ? x : acc)
#define min_U min_S
#define min_F(acc, x) ((x < acc || x != x) ? x : acc) /* NaN sticks */
#define max_B(acc, x) (acc | x)
#define max_S(acc, x) (x > acc ? x : acc)
#define max_U max_S
#define max_F(acc, x) ((x > acc || x != x) ? x : acc)
#define nansum_F(acc, x) (x != x ? acc : acc + x)
#define nanmin_F(acc, x) ((acc != acc || x < acc) ? x : acc) /* identity NaN */
#define nanmax_F(acc, x) ((acc != acc || x > acc) ? x : acc)
#define all_ANY(acc, x) (uint8_t)(acc & (x != 0))
#define any_ANY(acc, x) (uint8_t)(acc | (x != 0))
#define count_nonzero_ANY(acc, x) (int64_t)(acc + (x != 0))

/* Row folds, when the accumulator is a single element. */
#define ROW_PLAIN_(FOLD)                                                           \
    for (int64_t i = 0; i < n; i++) {                                              \
        T_ x = *(const T_ *)(pi + i * si);                                         \
        acc = FOLD(acc, x);                                                        \
    }
#define ROW_sum_F_(FOLD) acc += _Generic(acc, float: pairwise_f32, default: pairwise_f64)(pi, n, si);
#define ROW_nansum_F_(FOLD) acc += _Generic(acc, float: pairwise_nan_f32, default: pairwise_nan_f64)(pi, n, si);

/* One reduction loop: T_ the input type, A_ the accumulator type. */
#define RED_LOOP_(NAME, TI, WI, TA, FOLD, ROW)                                     \
    static void NAME(char **args, int64_t n, const int64_t *steps, void *params) { \
        typedef TI T_;                                                             \
        typedef WI W_;                                                             \
        typedef TA A_;                                                             \
        (void)params;                                                              \
        (void)sizeof(W_);                                                          \
        const char *pi = args[0];                                                  \
        char *po = args[1];                                                        \
        const int64_t si = steps[0], so = steps[1];                                \
        if (so == 0) {                                                             \
            A_ acc = *(A_ *)po;                                                    \
            ROW(FOLD)                                                              \
            *(A_ *)po = acc;                                                       \
        } else if (si == sizeof(T_) && so == sizeof(A_)) {                         \
            const T_ *a = (const T_ *)pi;                                          \
            A_ *o = (A_ *)po;                                                      \
            for (int64_t i = 0; i < n; i++) {                                      \
                A_ acc = o[i];                                                     \
                T_ x = a[i];                                                       \
                o[i] = FOLD(acc, x);                                               \
            }                                                                      \
        } else {                                                                   \
            for (int64_t i = 0; i < n; i++) {                                      \
                A_ acc = *(A_ *)(po + i * so);                                     \
                T_ x = *(const T_ *)(pi + i * si);                                 \
                *(A_ *)(po + i * so) = FOLD(acc, x);                               \
            }                                                                      \
        }                                                                          \
    }

/* Many rows into contiguous accumulators (nd_fold_fn): four rows per pass,
 * in row order, so each accumulator is loaded and stored once per four. */
#define FOLD_LOOP_(NAME, TI, WI, TA, FOLD)                                         \
    static void NAME(char *pacc, const char *const *rows, int nrows, int64_t n) {  \
        typedef TI T_;                                                             \
        typedef WI W_;                                                             \
        typedef TA A_;                                                             \
        (void)sizeof(W_);                                                          \
        A_ *restrict o = (A_ *)pacc;                                               \
        int j = 0;                                                                 \
        for (; j + 4 <= nrows; j += 4) {                                           \
            const T_ *restrict a = (const T_ *)rows[j], *restrict b = (const T_ *)rows[j + 1]; \
            const T_ *restrict c = (const T_ *)rows[j + 2], *restrict d = (const T_ *)rows[j + 3]; \
            for (int64_t i = 0; i < n; i++) {                                      \
                A_ acc = o[i];                                                     \
                T_ x = a[i];                                                       \
                acc = FOLD(acc, x);                                                \
                x = b[i];                                                          \
                acc = FOLD(acc, x);                                                \
                x = c[i];                                                          \
                acc = FOLD(acc, x);                                                \
                x = d[i];                                                          \
                o[i] = FOLD(acc, x);                                               \
            }                                                                      \
        }                                                                          \
        for (; j < nrows; j++) {                                                   \
            const T_ *restrict a = (const T_ *)rows[j];                            \
            for (int64_t i = 0; i < n; i++) {                                      \
                A_ acc = o[i];                                                     \
                T_ x = a[i];                                                       \
                o[i] = FOLD(acc, x);                                               \
            }                                                                      \
        }                                                                          \
    }

/* Which kinds each op has, its accumulator (SAME as the input, BOOL or
 * I64), the fold's kind (ANY: one expression for every kind) and the row
 * fold (pairwise for float sums, plain otherwise). */
#define ALL4_(X, op, FROW)                                                         \
    X(op, B, SAME, B, ROW_PLAIN_) X(op, S, SAME, S, ROW_PLAIN_)                    \
    X(op, U, SAME, U, ROW_PLAIN_) X(op, F, SAME, F, FROW)
#define FLOATS_(X, op, FROW) X(op, F, SAME, F, FROW)
#define ANYK_(X, op, ACC)                                                          \
    X(op, B, ACC, ANY, ROW_PLAIN_) X(op, S, ACC, ANY, ROW_PLAIN_)                  \
    X(op, U, ACC, ANY, ROW_PLAIN_) X(op, F, ACC, ANY, ROW_PLAIN_)
#define REDUCE_TABLE(X)                                                            \
    ALL4_(X, sum, ROW_sum_F_) ALL4_(X, prod, ROW_PLAIN_) ALL4_(X, min, ROW_PLAIN_) \
    ALL4_(X, max, ROW_PLAIN_) FLOATS_(X, nansum, ROW_nansum_F_)                    \
    FLOATS_(X, nanmin, ROW_PLAIN_) FLOATS_(X, nanmax, ROW_PLAIN_)                  \
    ANYK_(X, all, BOOL) ANYK_(X, any, BOOL) ANYK_(X, count_nonzero, I64)

#define ACC_SAME_(T) T
#define ACC_BOOL_(T) uint8_t
#define ACC_I64_(T) int64_t

#define LOOP_(E, sfx, T, W, op, K, ACC, FK, ROW)                                   \
    RED_LOOP_(red_##op##_##sfx, T, W, ACC_##ACC##_(T), op##_##FK, ROW)             \
    FOLD_LOOP_(fold_##op##_##sfx, T, W, ACC_##ACC##_(T), op##_##FK)
#define ENTRY_(E, sfx, T, W, op, K, ACC, FK, ROW)                                  \
    t[ND_RED_##op][E] = red_##op##_##sfx;                                          \
    f[ND_RED_##op][E] = fold_##op##_##sfx;
#define GEN_(op, K, ACC, FK, ROW) ND_KIND_LIST_##K(LOOP_, op, K, ACC, FK, ROW)
#define FILL_(op, K, ACC, FK, ROW) ND_KIND_LIST_##K(ENTRY_, op, K, ACC, FK, ROW)

REDUCE_TABLE(GEN_)

void nd__ref_reduce_loops(nd_reduce_table t, nd_fold_table f) { REDUCE_TABLE(FILL_) }

/* Identities, by accumulator dtype. */
#define IDENT_CASE_(E, sfx, T, LO, HI, NANV)                                          \
    case E: {                                                                      \
        T v;                                                                       \
        switch (op) {                                                              \
        case ND_RED_prod: case ND_RED_all: v = (T)1; break;                        \
        case ND_RED_min: v = (T)(HI); break;                                       \
        case ND_RED_max: v = (T)(LO); break;                                       \
        case ND_RED_nanmin: case ND_RED_nanmax: v = NANV; break; /* floats only */                 \
        default: v = (T)0; break;                                                  \
        }                                                                          \
        memcpy(dst, &v, sizeof v);                                                 \
        return;                                                                    \
    }

void nd__reduce_identity(nd_reduce_op op, nd_dtype dt, void *dst) {
    switch (dt) {
        IDENT_CASE_(ND_BOOL, b8, uint8_t, 0, 1, 0)
        IDENT_CASE_(ND_INT8, i8, int8_t, INT8_MIN, INT8_MAX, 0)
        IDENT_CASE_(ND_INT16, i16, int16_t, INT16_MIN, INT16_MAX, 0)
        IDENT_CASE_(ND_INT32, i32, int32_t, INT32_MIN, INT32_MAX, 0)
        IDENT_CASE_(ND_INT64, i64, int64_t, INT64_MIN, INT64_MAX, 0)
        IDENT_CASE_(ND_UINT8, u8, uint8_t, 0, UINT8_MAX, 0)
        IDENT_CASE_(ND_UINT16, u16, uint16_t, 0, UINT16_MAX, 0)
        IDENT_CASE_(ND_UINT32, u32, uint32_t, 0, UINT32_MAX, 0)
        IDENT_CASE_(ND_UINT64, u64, uint64_t, 0, UINT64_MAX, 0)
        IDENT_CASE_(ND_FLOAT32, f32, float, -INFINITY, INFINITY, NAN)
        IDENT_CASE_(ND_FLOAT64, f64, double, -INFINITY, INFINITY, NAN)
    default: return;
    }
}
