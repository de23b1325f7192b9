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
/* The activations compute in double whatever the dtype (float32 then rounds
 * once, within an ULP of the true value) through the helpers below. */
#define gelu_F (T_)act_gelu((double)x)
#define gelu_tanh_F (T_)act_gelu_tanh((double)x)
#define silu_F (T_)act_silu((double)x)
#define softplus_F (T_)act_softplus((double)x)
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

static inline double act_sigmoid(double x) {
    return x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x));
}
/* For negative x the tails below are ill-conditioned in their argument
 * (gelu(x) ~ exp(-x^2 / 2), so an argument rounded by 1 ULP moves the
 * result by about x^2 ULP): the arguments are carried as double-doubles
 * (hi + lo, the error of each product recovered with fma) and lo enters
 * the result to first order. Float64 results then stay within a few ULP
 * of the true value. */
#define ACT_RSQRT2_HI 0.7071067811865476 /* 1/sqrt(2) = HI + LO */
#define ACT_RSQRT2_LO -4.833646656726457e-17
#define ACT_SQRT2PI_HI 0.7978845608028654 /* sqrt(2/pi) = HI + LO */
#define ACT_SQRT2PI_LO -4.98465440455546e-17
#define ACT_2_SQRTPI 1.1283791670955126 /* 2/sqrt(pi) */

/* x / 2 (1 + erf(x / sqrt 2)) as x / 2 erfc(-x / sqrt 2): 1 + erf(x) cancels
 * for negative x (PyTorch's formula gives 0 below about -8, not the tiny
 * true value). -inf gives -0, the limit, where x * 0 would be NaN. */
static double act_gelu(double x) {
    if (x != x) return x;
    if (x >= 0) return 0.5 * x * erfc(-x * ACT_RSQRT2_HI); /* erfc in [1, 2]: well-conditioned */
    if (x < -40) return -0.0; /* below the smallest subnormal; -inf too */
    double zh = -x * ACT_RSQRT2_HI;
    double zl = fma(-x, ACT_RSQRT2_HI, -zh) - x * ACT_RSQRT2_LO;
    if (zh < 26) {
        /* erfc(zh + zl) = erfc(zh) - zl 2/sqrt(pi) exp(-zh^2) to first order */
        double e = erfc(zh) - zl * ACT_2_SQRTPI * exp(-zh * zh);
        return 0.5 * x * e;
    }
    /* erfc(z) is subnormal here and has lost bits: its asymptotic series
     * exp(-z^2) / (z sqrt(pi)) sum_k (-1)^k (2k-1)!! / (2z^2)^k (terms below
     * 1e-19 by k = 8 at z = 26), with exp(-z^2) formed at exp(64 - z^2) and
     * the product scaled by e^-64 once (64 - z^2 is exact: both in [512, 1024)) */
    double z2h = zh * zh, z2l = fma(zh, zh, -z2h) + 2 * zh * zl;
    double g = exp(64 - z2h) * (1 - z2l);
    double sum = 1, term = 1;
    for (int k = 1; k <= 8; k++) {
        term *= -(2 * k - 1) / (2 * z2h);
        sum += term;
    }
    return 0.5 * x * (g * (0.5 * ACT_2_SQRTPI) / zh * sum) * 1.603810890548638e-28;
}
/* 1 + tanh(u) = 2 sigmoid(2u): the same function without the cancellation
 * for negative x, with u = sqrt(2/pi) (x + 0.044715 x^3) as a double-double.
 * Beyond |x| = 1e10 the result is x or -0 (infinities too). */
static double act_gelu_tanh(double x) {
    if (x != x) return x;
    if (fabs(x) > 1e10) return x > 0 ? x : -0.0;
    const double k = 0.044715;
    double x2h = x * x, x2l = fma(x, x, -x2h);
    double x3h = x2h * x, x3l = fma(x2h, x, -x3h) + x2l * x;
    double kh = k * x3h, kl = fma(k, x3h, -kh) + k * x3l;
    double sh = x + kh, sl = (x - (sh - (sh - x)) + (kh - (sh - x))) + kl; /* two-sum */
    double uh = ACT_SQRT2PI_HI * sh;
    double ul = fma(ACT_SQRT2PI_HI, sh, -uh) + ACT_SQRT2PI_HI * sl + ACT_SQRT2PI_LO * sh;
    double th = 2 * uh + 2 * ul, tl = 2 * ul - (th - 2 * uh);
    if (th >= 0) return x / (1 + exp(-th)); /* well-conditioned: tl is negligible */
    /* exp(th) subnormal: formed at exp(th + 64) (exact sum, both in [512,
     * 1024)) and scaled by e^-64 once; 1 + exp(th) is 1 there */
    if (th < -700) return x * (exp(th + 64) * (1 + tl)) * 1.603810890548638e-28;
    double e = exp(th) * (1 + tl);
    return x * (e / (1 + e));
}
/* x sigmoid(x); below -700 exp(x) is subnormal and has lost bits, so the
 * product is formed at exp(x + 32) and scaled by e^-32 once (x + 32 is exact
 * there: both in [512, 1024)). -inf gives -0, the limit. */
static double act_silu(double x) {
    if (x < -700) return isinf(x) ? -0.0 : x * exp(x + 32) * 1.2664165549094176e-14;
    return x * act_sigmoid(x);
}
/* PyTorch's threshold 20 (beta 1): above it log1p(exp(x)) rounds to x in
 * both float dtypes anyway, and exp(x) never overflows below it. */
static double act_softplus(double x) { return x > 20 ? x : log1p(exp(x)); }

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
    FLOAT_(X, gelu) FLOAT_(X, gelu_tanh) FLOAT_(X, silu) FLOAT_(X, softplus)       \
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

/* leaky_relu: x * slope below 0 in the dtype itself, as PyTorch (the slope
 * converted to the dtype once per call, a weak scalar); NaN stays NaN. */
#define LEAKY_RELU_(E, sfx, T, W, ...)                                             \
    static void leaky_relu_##sfx(char **args, int64_t n, const int64_t *steps, void *params) { \
        const T slope = (T)((const nd_leaky_relu_params *)params)->slope;         \
        const char *pa = args[0];                                                  \
        char *po = args[1];                                                        \
        const int64_t sa = steps[0], so = steps[1];                                \
        for (int64_t i = 0; i < n; i++) {                                          \
            T x = *(const T *)(pa + i * sa);                                       \
            *(T *)(po + i * so) = x > 0 ? x : x * slope;                           \
        }                                                                          \
    }
ND_FOR_FLOAT(LEAKY_RELU_, )
#define LEAKY_RELU_ENTRY_(E, sfx, T, W, ...) t[ND_OP_leaky_relu][E] = leaky_relu_##sfx;

void nd__ref_unary_loops(nd_loop_table t) {
    UNARY_TABLE(FILL_)
    ND_FOR_FLOAT(NAN_TO_NUM_ENTRY_, )
    ND_FOR_FLOAT(LEAKY_RELU_ENTRY_, )
}
