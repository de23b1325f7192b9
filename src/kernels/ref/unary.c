/* Portable loops for the unary element-wise operations. Operations that need
 * a float only have float loops: the engine casts integer inputs first. */
#include "kernels/kernel.h"

#include <tgmath.h>

#define negative_S (T_)(0 - (W_)x)
#define negative_U negative_S
#define negative_F (-x)
#define abs_B x
#define abs_S (T_)(x < 0 ? (T_)(0 - (W_)x) : x)
#define abs_U x
#define abs_F fabs(x)
#define sign_S (T_)((x > 0) - (x < 0))
#define sign_U (T_)(x > 0)
/* NaN stays NaN; -0.0 gives +0.0, as NumPy */
#define sign_F (x > 0 ? (T_)1 : x < 0 ? (T_)-1 : x == 0 ? (T_)0 : x)
#define square_S (T_)((W_)x * (W_)x)
#define square_U square_S
#define square_F (x * x)
#define sqrt_F sqrt(x)
#define cbrt_F cbrt(x)
#define reciprocal_F ((T_)1 / x)
#define exp_F exp(x)
#define exp2_F exp2(x)
#define expm1_F expm1(x)
#define log_F log(x)
#define log2_F log2(x)
#define log10_F log10(x)
#define log1p_F log1p(x)
#define sin_F sin(x)
#define cos_F cos(x)
#define tan_F tan(x)
#define arcsin_F asin(x)
#define arccos_F acos(x)
#define arctan_F atan(x)
#define sinh_F sinh(x)
#define cosh_F cosh(x)
#define tanh_F tanh(x)
/* exp of a non-positive argument only, so neither branch overflows */
#define sigmoid_F (x >= 0 ? (T_)1 / ((T_)1 + exp(-x)) : exp(x) / ((T_)1 + exp(x)))
#define relu_B x
#define relu_S (x > 0 ? x : (T_)0)
#define relu_U x
#define relu_F (x > 0 || x != x ? x : (T_)0) /* NaN stays NaN */
/* NumPy's npy_deg2rad and npy_rad2deg: one multiplication by the factor
 * rounded to the dtype (pi / 180 computed in float for float32) */
#define deg2rad_F (x * ((T_)3.141592653589793238462643383279502884 / (T_)180))
#define rad2deg_F (x * ((T_)180 / (T_)3.141592653589793238462643383279502884))
#define floor_F floor(x)
#define ceil_F ceil(x)
#define rint_F rint(x) /* round half to even, in the default rounding mode */
#define trunc_F trunc(x)
#define isnan_B 0
#define isnan_F (x != x)
#define isinf_B 0
#define isinf_F (isinf(x) != 0)
#define isfinite_B 1
#define isfinite_F (isfinite(x) != 0)
#define signbit_B 0
#define signbit_S (x < 0)
#define signbit_F (signbit(x) != 0)
#define logical_not_B (x == 0)
#define bitwise_not_B (T_)(!x)
#define bitwise_not_S (T_)(~x)
#define bitwise_not_U bitwise_not_S
/* integers are already whole */
#define ident_ x

#define ALL_(X, op) X(op, B, SAME) X(op, S, SAME) X(op, U, SAME) X(op, F, SAME)
#define NOBOOL_(X, op) X(op, S, SAME) X(op, U, SAME) X(op, F, SAME)
#define FLOAT_(X, op) X(op, F, SAME)
#define ROUND_(X, op) X(op, B, IDENT) X(op, S, IDENT) X(op, U, IDENT) X(op, F, SAME)
/* predicates: the _B expression serves bool and the integer kinds */
#define PRED_(X, op) X(op, B, BOOL) X(op, S, BOOL) X(op, U, BOOL) X(op, F, BOOLF)
#define NOT_(X, op) X(op, B, BOOL) X(op, S, BOOL) X(op, U, BOOL) X(op, F, BOOL)
/* signbit: x < 0 for signed integers, false for bool and unsigned */
#define SIGNBIT_(X, op) X(op, B, BOOL) X(op, S, BOOLS) X(op, U, BOOL) X(op, F, BOOLF)
#define BITS_(X, op) X(op, B, SAME) X(op, S, SAME) X(op, U, SAME)

#define UNARY_TABLE(X)                                                             \
    NOBOOL_(X, negative) ALL_(X, abs) NOBOOL_(X, sign) NOBOOL_(X, square)          \
    FLOAT_(X, sqrt) FLOAT_(X, cbrt) FLOAT_(X, reciprocal) FLOAT_(X, exp) FLOAT_(X, exp2)           \
    FLOAT_(X, expm1) FLOAT_(X, log) FLOAT_(X, log2) FLOAT_(X, log10)               \
    FLOAT_(X, log1p) FLOAT_(X, sin) FLOAT_(X, cos) FLOAT_(X, tan)                  \
    FLOAT_(X, arcsin) FLOAT_(X, arccos) FLOAT_(X, arctan) FLOAT_(X, sinh)          \
    FLOAT_(X, cosh) FLOAT_(X, tanh) FLOAT_(X, sigmoid) ALL_(X, relu)               \
    FLOAT_(X, deg2rad) FLOAT_(X, rad2deg)                                          \
    ROUND_(X, floor) ROUND_(X, ceil) ROUND_(X, rint) ROUND_(X, trunc)              \
    PRED_(X, isnan) PRED_(X, isinf) PRED_(X, isfinite) SIGNBIT_(X, signbit)        \
    NOT_(X, logical_not)                                                           \
    BITS_(X, bitwise_not)

#define OUT_SAME_(T) T
#define OUT_IDENT_(T) T
#define OUT_BOOL_(T) uint8_t
#define OUT_BOOLF_(T) uint8_t
#define OUT_BOOLS_(T) uint8_t
#define EXPR_SAME_(op, K) op##_##K
#define EXPR_IDENT_(op, K) ident_
#define EXPR_BOOL_(op, K) op##_B
#define EXPR_BOOLF_(op, K) op##_F
#define EXPR_BOOLS_(op, K) op##_S

#define LOOP_(E, sfx, T, W, op, K, OUT) ND_LOOP1(op##_##sfx, T, W, OUT_##OUT##_(T), EXPR_##OUT##_(op, K))
#define ENTRY_(E, sfx, T, W, op, K, OUT) t[ND_OP_##op][E] = op##_##sfx;
#define GEN_(op, K, OUT) ND_KIND_LIST_##K(LOOP_, op, K, OUT)
#define FILL_(op, K, OUT) ND_KIND_LIST_##K(ENTRY_, op, K, OUT)

UNARY_TABLE(GEN_)

/* nan_to_num: the replacements are converted to the dtype once per call of
 * the loop, as NumPy's copyto converts them (1e300 is inf in float32). */
#define NAN_TO_NUM_(E, sfx, T, W, ...)                                             \
    static void nan_to_num_##sfx(char **args, int64_t n, const int64_t *steps, void *params) { \
        const nd_nan_to_num_params *p = params;                                    \
        const T vn = (T)p->nan, vp = (T)p->posinf, vm = (T)p->neginf;              \
        const char *pa = args[0];                                                  \
        char *po = args[1];                                                        \
        const int64_t sa = steps[0], so = steps[1];                                \
        for (int64_t i = 0; i < n; i++) {                                          \
            T x = *(const T *)(pa + i * sa);                                       \
            *(T *)(po + i * so) = x != x ? vn : x == (T)INFINITY ? vp : x == -(T)INFINITY ? vm : x; \
        }                                                                          \
    }
ND_FOR_FLOAT(NAN_TO_NUM_, )
#define NAN_TO_NUM_ENTRY_(E, sfx, T, W, ...) t[ND_OP_nan_to_num][E] = nan_to_num_##sfx;

void nd__ref_unary_loops(nd_loop_table t) {
    UNARY_TABLE(FILL_)
    ND_FOR_FLOAT(NAN_TO_NUM_ENTRY_, )
}
