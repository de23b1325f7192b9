/* Portable loops for the ternary operations: where(cond, a, b) and
 * clip(a, lo, hi). */
#include "kernels/kernel.h"

/* cond arrives as bool bytes (the engine casts it) */
#define where_EXPR(K) (x ? y : z)
/* clip = minimum(maximum(a, lo), hi) with NaN propagating, in NumPy's order:
 * on a tie the bound wins, so clip(-0.0, 0.0, 0.0) is +0.0 */
#define CLIP_FLOAT_(T, sfx)                                                        \
    static inline T clip_val_##sfx(T x, T lo, T hi) {                              \
        T t = (x > lo || x != x) ? x : lo;                                         \
        return (t < hi || t != t) ? t : hi;                                        \
    }
CLIP_FLOAT_(float, f32)
CLIP_FLOAT_(double, f64)
#define clip_EXPR_F _Generic((x), float: clip_val_f32, default: clip_val_f64)(x, y, z)
#define clip_EXPR_INT (x < y ? (y > z ? z : y) : x > z ? z : x)
#define clip_EXPR(K) clip_EXPR_##K
#define clip_EXPR_B clip_EXPR_INT
#define clip_EXPR_S clip_EXPR_INT
#define clip_EXPR_U clip_EXPR_INT

#define WHERE_LOOP_(E, sfx, T, W, K) ND_LOOP3(where_##sfx, uint8_t, T, W, where_EXPR(K))
#define CLIP_LOOP_(E, sfx, T, W, K) ND_LOOP3(clip_##sfx, T, T, W, clip_EXPR(K))
#define ENTRY_(E, sfx, T, W, K)                                                    \
    t[ND_OP_where][E] = where_##sfx;                                               \
    t[ND_OP_clip][E] = clip_##sfx;

#define KINDS_(X) ND_FOR_BOOL(X, B) ND_FOR_SIGNED(X, S) ND_FOR_UNSIGNED(X, U) ND_FOR_FLOAT(X, F)
KINDS_(WHERE_LOOP_)
KINDS_(CLIP_LOOP_)

void nd__ref_ternary_loops(nd_loop_table t) { KINDS_(ENTRY_) }
