/* Portable loops for the binary element-wise operations, generated for every
 * dtype the operation supports from one expression per dtype kind. */
#include "kernels/kernel.h"
#include "kernels/ref/scalar.h"

#include <tgmath.h>

/* Expressions per kind: _B bool, _S signed, _U unsigned, _F float. x and y
 * are the operands, T_ their type, W_ the wide unsigned type. */
#define add_B (x | y)
#define add_S (T_)((W_)x + (W_)y)
#define add_U add_S
#define add_F (x + y)
#define subtract_S (T_)((W_)x - (W_)y)
#define subtract_U subtract_S
#define subtract_F (x - y)
#define multiply_B (x & y)
#define multiply_S (T_)((W_)x * (W_)y)
#define multiply_U multiply_S
#define multiply_F (x * y)
#define divide_F (x / y)
#define floor_divide_S (T_)nd__floordiv_i(x, y)
#define floor_divide_U (T_)(y == 0 ? 0 : x / y)
#define floor_divide_F nd__floordiv_py(x, y)
#define remainder_S (T_)nd__mod_i(x, y)
#define remainder_U (T_)(y == 0 ? 0 : x % y)
#define remainder_F nd__fmod_py(x, y)
/* C's remainder: the sign of the dividend. By 0 gives 0 (NumPy warns), and
 * by -1 gives 0 without computing MIN % -1 (which traps). */
#define fmod_S (T_)((y == 0 || y == -1) ? 0 : x % y)
#define fmod_U (T_)(y == 0 ? 0 : x % y)
#define fmod_F fmod(x, y)
#define power_S (T_)nd__ipow((uint64_t)(int64_t)x, (uint64_t)(int64_t)y)
#define power_U (T_)nd__ipow(x, y)
#define power_F pow(x, y)
#define float_power_D pow(x, y)
#define maximum_B (x | y)
#define maximum_S (x > y ? x : y)
#define maximum_U maximum_S
#define maximum_F ((x > y || x != x) ? x : y)
#define minimum_B (x & y)
#define minimum_S (x < y ? x : y)
#define minimum_U minimum_S
#define minimum_F ((x < y || x != x) ? x : y)
#define fmax_B maximum_B
#define fmax_S maximum_S
#define fmax_U maximum_S
#define fmax_F ((x > y || y != y) ? x : y)
#define fmin_B minimum_B
#define fmin_S minimum_S
#define fmin_U minimum_S
#define fmin_F ((x < y || y != y) ? x : y)
#define arctan2_F atan2(x, y)
#define hypot_F hypot(x, y)
#define copysign_F copysign(x, y)
#define nextafter_F nextafter(x, y)
#define logaddexp_F nd__logaddexp(x, y)
#define logaddexp2_F nd__logaddexp2(x, y)
#define heaviside_F (x != x ? (T_)NAN : x == 0 ? y : x < 0 ? (T_)0 : (T_)1)
#define equal_B (x == y)
#define not_equal_B (x != y)
#define less_B (x < y)
#define less_equal_B (x <= y)
#define greater_B (x > y)
#define greater_equal_B (x >= y)
#define logical_and_B ((x != 0) & (y != 0))
#define logical_or_B ((x != 0) | (y != 0))
#define logical_xor_B ((x != 0) ^ (y != 0))
#define bitwise_and_B (x & y)
#define bitwise_or_B (x | y)
#define bitwise_xor_B (x ^ y)
#define NBITS_ ((int64_t)(sizeof(T_) * 8))
/* A negative or too-large shift count is huge as uint64: NumPy gives 0 (or
 * the sign for a signed right shift). */
#define left_shift_S (((uint64_t)y >= (uint64_t)NBITS_) ? (T_)0 : (T_)((W_)x << y))
#define left_shift_U left_shift_S
#define right_shift_S (((uint64_t)y >= (uint64_t)NBITS_) ? (T_)(x < 0 ? -1 : 0) : (T_)(x >> y))
#define right_shift_U (((uint64_t)y >= (uint64_t)NBITS_) ? (T_)0 : (T_)(x >> y))
/* As NumPy: on magnitudes, in the width of W_ (at least 32 bits, as NumPy
 * computes 8- and 16-bit gcd in int), then truncated: the magnitude of MIN
 * wraps back to MIN, and an lcm beyond the width wraps. */
#define MAG_(v) ((W_)((v) < 0 ? (W_)0 - (W_)(v) : (W_)(v)))
#define gcd_S (T_)(W_)nd__gcd_u(MAG_(x), MAG_(y))
#define gcd_U (T_)nd__gcd_u(x, y)
#define lcm_S (T_)(W_)nd__lcm_u(MAG_(x), MAG_(y))
#define lcm_U (T_)(W_)nd__lcm_u(x, y)

/* Float helpers picked by type, as tgmath does for libm. */
#define nd__floordiv_py(x, y) _Generic((x), float: nd__floordiv_py_f32, default: nd__floordiv_py_f64)(x, y)
#define nd__fmod_py(x, y) _Generic((x), float: nd__fmod_py_f32, default: nd__fmod_py_f64)(x, y)
#define nd__logaddexp(x, y) _Generic((x), float: nd__logaddexp_f32, default: nd__logaddexp_f64)(x, y)
#define nd__logaddexp2(x, y) _Generic((x), float: nd__logaddexp2_f32, default: nd__logaddexp2_f64)(x, y)

/* The kinds each op supports, and the output: SAME dtype, BOOL, or BITS (same
 * dtype, one expression for every kind). BOOL ops also use their _B
 * expression for every kind. */
#define ARITH_(X, op) X(op, B, SAME) X(op, S, SAME) X(op, U, SAME) X(op, F, SAME)
#define NOBOOL_(X, op) X(op, S, SAME) X(op, U, SAME) X(op, F, SAME)
#define FLOAT_(X, op) X(op, F, SAME)
#define CMP_(X, op) X(op, B, BOOL) X(op, S, BOOL) X(op, U, BOOL) X(op, F, BOOL)
#define BITS_(X, op) X(op, B, BITS) X(op, S, BITS) X(op, U, BITS)
#define INT_(X, op) X(op, S, SAME) X(op, U, SAME)
/* float64 only (float_power: every input computes in float64) */
#define ND_KIND_LIST_D(X, ...) X(ND_FLOAT64, f64, double, double, __VA_ARGS__)
#define F64_(X, op) X(op, D, SAME)

#define BINARY_TABLE(X)                                                            \
    ARITH_(X, add) NOBOOL_(X, subtract) ARITH_(X, multiply) FLOAT_(X, divide)      \
    NOBOOL_(X, floor_divide) NOBOOL_(X, remainder) NOBOOL_(X, fmod)                \
    NOBOOL_(X, power) F64_(X, float_power)                                         \
    ARITH_(X, maximum) ARITH_(X, minimum) ARITH_(X, fmax) ARITH_(X, fmin)          \
    FLOAT_(X, arctan2) FLOAT_(X, hypot) FLOAT_(X, copysign) FLOAT_(X, nextafter)   \
    FLOAT_(X, logaddexp) FLOAT_(X, logaddexp2) FLOAT_(X, heaviside)                \
    CMP_(X, equal) CMP_(X, not_equal)                                              \
    CMP_(X, less) CMP_(X, less_equal) CMP_(X, greater) CMP_(X, greater_equal)      \
    CMP_(X, logical_and) CMP_(X, logical_or) CMP_(X, logical_xor)                  \
    BITS_(X, bitwise_and) BITS_(X, bitwise_or) BITS_(X, bitwise_xor)               \
    INT_(X, left_shift) INT_(X, right_shift) INT_(X, gcd) INT_(X, lcm)

#define OUT_SAME_(T) T
#define OUT_BOOL_(T) uint8_t
#define OUT_BITS_(T) T
#define EXPR_SAME_(op, K) op##_##K
#define EXPR_BOOL_(op, K) op##_B
#define EXPR_BITS_(op, K) op##_B

#define LOOP_(E, sfx, T, W, op, K, OUT) ND_LOOP2(op##_##sfx, T, W, OUT_##OUT##_(T), EXPR_##OUT##_(op, K))
#define ENTRY_(E, sfx, T, W, op, K, OUT) t[ND_OP_##op][E] = op##_##sfx;
#define GEN_(op, K, OUT) ND_KIND_LIST_##K(LOOP_, op, K, OUT)
#define FILL_(op, K, OUT) ND_KIND_LIST_##K(ENTRY_, op, K, OUT)

BINARY_TABLE(GEN_)

void nd__ref_binary_loops(nd_loop_table t) { BINARY_TABLE(FILL_) }
