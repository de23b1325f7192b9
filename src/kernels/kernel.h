/* The inner-loop contract shared by every kernel, the operation ids and the
 * dispatch table that maps (operation, dtype) to the best loop for this CPU. */
#ifndef ND_KERNEL_H
#define ND_KERNEL_H

#include "core/core.h"

/* One type-erased 1-D loop, in the spirit of NumPy's ufunc loops: args holds
 * the inputs then the output, steps their strides in BYTES, n the count.
 * A loop picks its own fast path from the steps (all contiguous, one input a
 * broadcast scalar with step 0, or general strided). params is per-op data
 * (NULL for most). An output never partially overlaps an input: the engine
 * copies such inputs first, so out == input exactly is the only aliasing. */
typedef void (*nd_loop_fn)(char **args, int64_t n, const int64_t *steps, void *params);

/* Every element-wise operation, in one enum: binary ops, then unary ops,
 * then the ternary ones and those with parameters. */
typedef enum nd_op {
#define ND_OP_ENUM_(name) ND_OP_##name,
    ND_BINARY_OPS(ND_OP_ENUM_)
    ND_OP_BINARY_END_,
    ND_OP_UNARY_BEGIN_ = ND_OP_BINARY_END_ - 1,
    ND_UNARY_OPS(ND_OP_ENUM_)
    ND_OP_UNARY_END_,
    ND_OP_where = ND_OP_UNARY_END_,
    ND_OP_clip,
    ND_OP_nan_to_num, /* float dtypes only; params: nd_nan_to_num_params */
    ND_OP_leaky_relu, /* float dtypes only; params: nd_leaky_relu_params */
    ND_NUM_OPS
#undef ND_OP_ENUM_
} nd_op;

/* The replacements of nan_to_num's loops, converted to the loop's dtype by
 * the loop (so 1e300 becomes inf in float32, as NumPy's copyto does). */
typedef struct nd_nan_to_num_params {
    double nan, posinf, neginf;
} nd_nan_to_num_params;

/* leaky_relu's negative slope, converted to the loop's dtype by the loop. */
typedef struct nd_leaky_relu_params {
    double slope;
} nd_leaky_relu_params;

/* The loop for op on operands of loop dtype dt, or NULL if the pair has none.
 * The table is filled once (thread-safely) on first use. */
nd_loop_fn nd__loop(nd_op op, nd_dtype dt);
/* Converts n elements of dtype from into dtype to (same dtype: a copy). */
nd_loop_fn nd__cast_loop(nd_dtype from, nd_dtype to);

/* Reduction loops share nd_loop_fn with args = {in, acc}: with acc's step
 * 0 the loop folds the n inputs into *acc (floats summed pairwise); with a
 * nonzero step it folds element-wise, acc[i] = op(acc[i], in[i]). The
 * accumulator has the input's dtype, except bool for all/any and int64 for
 * count_nonzero. */
#define ND_REDUCE_OPS(X)                                                           \
    X(sum) X(prod) X(min) X(max) X(nansum) X(nanmin) X(nanmax) X(all) X(any)      \
    X(count_nonzero)
typedef enum nd_reduce_op {
#define ND_RED_ENUM_(name) ND_RED_##name,
    ND_REDUCE_OPS(ND_RED_ENUM_)
    ND_NUM_REDUCE_OPS
#undef ND_RED_ENUM_
} nd_reduce_op;
typedef nd_loop_fn nd_reduce_table[ND_NUM_REDUCE_OPS][ND_NUM_DTYPES];
/* The loop for op reading dtype dt, or NULL. */
nd_loop_fn nd__reduce_loop(nd_reduce_op op, nd_dtype dt);
/* Folds nrows contiguous rows of n elements (dtype dt) into n contiguous
 * accumulators, in row order: acc[i] = op(...op(acc[i], rows[0][i])...,
 * rows[nrows-1][i]). The same arithmetic as nrows calls of the reduction
 * loop, but each accumulator is loaded and stored once per few rows, so
 * reducing outer axes runs at memory speed. */
typedef void (*nd_fold_fn)(char *acc, const char *const *rows, int nrows, int64_t n);
typedef nd_fold_fn nd_fold_table[ND_NUM_REDUCE_OPS][ND_NUM_DTYPES];
/* The fold for op reading dtype dt, or NULL. */
nd_fold_fn nd__fold_loop(nd_reduce_op op, nd_dtype dt);
/* Writes op's identity for accumulator dtype dt (the start of every fold:
 * 0, 1, the dtype's max for min, NaN for nanmin, ...) into dst. */
void nd__reduce_identity(nd_reduce_op op, nd_dtype dt, void *dst);
void nd__ref_reduce_loops(nd_reduce_table t, nd_fold_table f);

/* Index of the first maximum (or minimum) of n elements step bytes apart;
 * a NaN counts as the extreme, so the first NaN's index wins. n >= 1. */
typedef int64_t (*nd_arg_fn)(const char *p, int64_t n, int64_t step);
/* Indexed [max][dt]: [0] holds the argmin loops, [1] the argmax ones. */
typedef nd_arg_fn nd_arg_table[2][ND_NUM_DTYPES];
/* The argmax (max) or argmin loop for dtype dt, from the dispatch table. */
nd_arg_fn nd__arg_loop(bool max, nd_dtype dt);
void nd__ref_arg_loops(nd_arg_table a);
/* Running sum (or product) as a loop: args = {in, out}, out[i] = out[i-1]
 * op in[i] with out[0] = in[0]; both of dtype dt. */
nd_loop_fn nd__scan_loop(bool prod, nd_dtype dt);

/* Portable kernels: every ISA starts from these. Each fills its part of a
 * dispatch table. */
typedef nd_loop_fn nd_loop_table[ND_NUM_OPS][ND_NUM_DTYPES];
void nd__ref_binary_loops(nd_loop_table t);
void nd__ref_unary_loops(nd_loop_table t);
void nd__ref_ternary_loops(nd_loop_table t);
void nd__ref_cast_loops(nd_loop_fn t[ND_NUM_DTYPES][ND_NUM_DTYPES]);

/* SIMD levels (one folder each): whether this build has the level, and its
 * overrides on top of the portable tables. The CPU check is dispatch's. */
extern const bool nd__avx2_built;
void nd__avx2_install(nd_loop_table t, nd_reduce_table r, nd_fold_table f, nd_arg_table a);
void nd__avx2_unary_loops(nd_loop_table t);
void nd__avx2_reduce_loops(nd_reduce_table r, nd_fold_table f);
void nd__avx2_arg_loops(nd_arg_table a);

/* Generating loops and table entries per dtype kind: KIND is B, S, U or F
 * and names the ND_FOR_* list; EXPR_op_KIND is the element expression. */
#define ND_KIND_LIST_B ND_FOR_BOOL
#define ND_KIND_LIST_S ND_FOR_SIGNED
#define ND_KIND_LIST_U ND_FOR_UNSIGNED
#define ND_KIND_LIST_F ND_FOR_FLOAT

/* Shapes of generated loops: a fast path for contiguous operands and for
 * one operand broadcast from a scalar, then the general strided loop. Each
 * body sees x (and y, z) of type T_, the wide unsigned type W_ and writes
 * one TO_ result through EXPR. */
#define ND_LOOP1(NAME, TI, WI, TO, EXPR)                                           \
    static void NAME(char **args, int64_t n, const int64_t *steps, void *params) { \
        typedef TI T_;                                                             \
        typedef WI W_;                                                             \
        typedef TO TO_;                                                            \
        (void)params;                                                              \
        (void)sizeof(W_);                                                          \
        char *pa = args[0], *po = args[1];                                         \
        const int64_t sa = steps[0], so = steps[1];                                \
        if (sa == sizeof(T_) && so == sizeof(TO_)) {                               \
            const T_ *a = (const T_ *)pa;                                          \
            TO_ *o = (TO_ *)po;                                                    \
            for (int64_t i = 0; i < n; i++) {                                      \
                T_ x = a[i];                                                       \
                (void)x;                                                           \
                o[i] = (TO_)(EXPR);                                                \
            }                                                                      \
        } else {                                                                   \
            for (int64_t i = 0; i < n; i++) {                                      \
                T_ x = *(const T_ *)(pa + i * sa);                                 \
                (void)x;                                                           \
                *(TO_ *)(po + i * so) = (TO_)(EXPR);                               \
            }                                                                      \
        }                                                                          \
    }

#define ND_LOOP2(NAME, TI, WI, TO, EXPR)                                           \
    static void NAME(char **args, int64_t n, const int64_t *steps, void *params) { \
        typedef TI T_;                                                             \
        typedef WI W_;                                                             \
        typedef TO TO_;                                                            \
        (void)params;                                                              \
        (void)sizeof(W_);                                                          \
        char *pa = args[0], *pb = args[1], *po = args[2];                          \
        const int64_t sa = steps[0], sb = steps[1], so = steps[2];                 \
        if (sa == sizeof(T_) && sb == sizeof(T_) && so == sizeof(TO_)) {           \
            const T_ *a = (const T_ *)pa, *b = (const T_ *)pb;                     \
            TO_ *o = (TO_ *)po;                                                    \
            for (int64_t i = 0; i < n; i++) {                                      \
                T_ x = a[i], y = b[i];                                             \
                o[i] = (TO_)(EXPR);                                                \
            }                                                                      \
        } else if (sa == 0 && sb == sizeof(T_) && so == sizeof(TO_)) {             \
            const T_ x = *(const T_ *)pa, *b = (const T_ *)pb;                     \
            TO_ *o = (TO_ *)po;                                                    \
            for (int64_t i = 0; i < n; i++) {                                      \
                T_ y = b[i];                                                       \
                o[i] = (TO_)(EXPR);                                                \
            }                                                                      \
        } else if (sb == 0 && sa == sizeof(T_) && so == sizeof(TO_)) {             \
            const T_ y = *(const T_ *)pb, *a = (const T_ *)pa;                     \
            TO_ *o = (TO_ *)po;                                                    \
            for (int64_t i = 0; i < n; i++) {                                      \
                T_ x = a[i];                                                       \
                o[i] = (TO_)(EXPR);                                                \
            }                                                                      \
        } else {                                                                   \
            for (int64_t i = 0; i < n; i++) {                                      \
                T_ x = *(const T_ *)(pa + i * sa), y = *(const T_ *)(pb + i * sb); \
                *(TO_ *)(po + i * so) = (TO_)(EXPR);                               \
            }                                                                      \
        }                                                                          \
    }

/* Ternary loops (where, clip) see x, y, z of types TX, T_, T_. */
#define ND_LOOP3(NAME, TX, TI, WI, EXPR)                                           \
    static void NAME(char **args, int64_t n, const int64_t *steps, void *params) { \
        typedef TI T_;                                                             \
        typedef WI W_;                                                             \
        (void)params;                                                              \
        (void)sizeof(W_);                                                          \
        char *pa = args[0], *pb = args[1], *pc = args[2], *po = args[3];           \
        const int64_t sa = steps[0], sb = steps[1], sc = steps[2], so = steps[3];  \
        for (int64_t i = 0; i < n; i++) {                                          \
            TX x = *(const TX *)(pa + i * sa);                                     \
            T_ y = *(const T_ *)(pb + i * sb), z = *(const T_ *)(pc + i * sc);     \
            *(T_ *)(po + i * so) = (T_)(EXPR);                                     \
        }                                                                          \
    }

#endif
