/* Portable conversion loops between every pair of dtypes (astype, and the
 * engine's buffered casts). Float to integer follows NumPy on x86-64 without
 * undefined behaviour: see nd__f2i64. */
#include "kernels/kernel.h"
#include "kernels/ref/scalar.h"

/* CVT_<from kind><to kind>(TO, x): B bool, S signed, U unsigned, F float. */
#define CVT_TO_BOOL_(TO, x) (TO)((x) != 0)
#define CVT_PLAIN_(TO, x) (TO)(x)
#define CVT_F_INT_(TO, x) (sizeof(TO) == 8 ? (TO)nd__f2i64((double)(x)) : (TO)nd__f2i32((double)(x)))
#define CVT_F_UINT_(TO, x)                                                         \
    (sizeof(TO) == 8   ? (TO)nd__f2u64((double)(x))                                \
     : sizeof(TO) == 4 ? (TO)nd__f2u32((double)(x))                                \
                       : (TO)nd__f2i32((double)(x)))
#define CVT_BB CVT_PLAIN_
#define CVT_BS CVT_PLAIN_
#define CVT_BU CVT_PLAIN_
#define CVT_BF CVT_PLAIN_
#define CVT_SB CVT_TO_BOOL_
#define CVT_SS CVT_PLAIN_
#define CVT_SU CVT_PLAIN_
#define CVT_SF CVT_PLAIN_
#define CVT_UB CVT_TO_BOOL_
#define CVT_US CVT_PLAIN_
#define CVT_UU CVT_PLAIN_
#define CVT_UF CVT_PLAIN_
#define CVT_FB CVT_TO_BOOL_
#define CVT_FS CVT_F_INT_
#define CVT_FU CVT_F_UINT_
#define CVT_FF CVT_PLAIN_

/* Same-dtype conversion is a copy; contiguous copies go to memcpy. */
static void copy_loop(char **args, int64_t n, const int64_t *steps, void *params) {
    size_t isz = (size_t)(uintptr_t)params;
    if (steps[0] == (int64_t)isz && steps[1] == (int64_t)isz) {
        memcpy(args[1], args[0], (size_t)n * isz);
        return;
    }
    for (int64_t i = 0; i < n; i++) memcpy(args[1] + i * steps[1], args[0] + i * steps[0], isz);
}

#define COPY_LOOP_(E, sfx, T, W, ...)                                              \
    static void copy_##sfx(char **args, int64_t n, const int64_t *steps, void *p) { \
        (void)p;                                                                   \
        copy_loop(args, n, steps, (void *)(uintptr_t)sizeof(T));                   \
    }
ND_FOR_EACH_DTYPE(COPY_LOOP_, )

/* The cross product of dtype lists: the outer list passes its dtype on to
 * the inner one. The outer list is spelled out because a macro cannot expand
 * inside its own expansion. */
#define FROM_KINDS_(X)                                                             \
    X(ND_BOOL, b8, uint8_t, unsigned, B)                                           \
    X(ND_INT8, i8, int8_t, unsigned, S)                                            \
    X(ND_INT16, i16, int16_t, unsigned, S)                                         \
    X(ND_INT32, i32, int32_t, unsigned, S)                                         \
    X(ND_INT64, i64, int64_t, uint64_t, S)                                         \
    X(ND_UINT8, u8, uint8_t, unsigned, U)                                          \
    X(ND_UINT16, u16, uint16_t, unsigned, U)                                       \
    X(ND_UINT32, u32, uint32_t, unsigned, U)                                       \
    X(ND_UINT64, u64, uint64_t, uint64_t, U)                                       \
    X(ND_FLOAT32, f32, float, float, F)                                            \
    X(ND_FLOAT64, f64, double, double, F)
#define TO_KINDS_(X, ...)                                                          \
    ND_FOR_BOOL(X, B, __VA_ARGS__) ND_FOR_SIGNED(X, S, __VA_ARGS__)                \
    ND_FOR_UNSIGNED(X, U, __VA_ARGS__) ND_FOR_FLOAT(X, F, __VA_ARGS__)

#define CAST_LOOP_(E2, sfx2, T2, W2, K2, E1, sfx1, T1, W1, K1)                     \
    ND_LOOP1(cast_##sfx1##_##sfx2, T1, W1, T2, CVT_##K1##K2(T2, x))
#define CAST_FROM_(E1, sfx1, T1, W1, K1) TO_KINDS_(CAST_LOOP_, E1, sfx1, T1, W1, K1)
FROM_KINDS_(CAST_FROM_)

#define ENTRY_(E2, sfx2, T2, W2, K2, E1, sfx1, T1, W1, K1)                         \
    t[E1][E2] = E1 == E2 ? copy_##sfx1 : cast_##sfx1##_##sfx2;
#define ENTRY_FROM_(E1, sfx1, T1, W1, K1) TO_KINDS_(ENTRY_, E1, sfx1, T1, W1, K1)

void nd__ref_cast_loops(nd_loop_fn t[ND_NUM_DTYPES][ND_NUM_DTYPES]) { FROM_KINDS_(ENTRY_FROM_) }
