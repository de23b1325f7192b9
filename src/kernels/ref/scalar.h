/* Scalar helpers with NumPy's semantics for the portable kernels: floor
 * division and modulo, logaddexp, gcd and lcm, integer power, shifts,
 * float-to-integer conversion. */
#ifndef ND_REF_SCALAR_H
#define ND_REF_SCALAR_H

#include <math.h>
#include <stdint.h>

/* Python's float divmod, as NumPy computes floor_divide and remainder. */
#define ND_FLOAT_DIVMOD(T, SFX)                                                    \
    static inline T nd__fmod_py_##SFX(T a, T b) {                                  \
        if (b == 0) return (T)fmod(a, b);                                          \
        T mod = (T)fmod(a, b);                                                     \
        if (mod != 0) {                                                            \
            if ((b < 0) != (mod < 0)) mod += b;                                    \
        } else {                                                                   \
            mod = (T)copysign(0.0, b);                                             \
        }                                                                          \
        return mod;                                                                \
    }                                                                              \
    static inline T nd__floordiv_py_##SFX(T a, T b) {                              \
        if (b == 0) return a / b;                                                  \
        T mod = (T)fmod(a, b);                                                     \
        T div = (a - mod) / b;                                                     \
        if (mod != 0 && ((b < 0) != (mod < 0))) div -= 1;                          \
        if (div != 0) {                                                            \
            T fl = (T)floor(div);                                                  \
            if (div - fl > (T)0.5) fl += 1;                                        \
            return fl;                                                             \
        }                                                                          \
        return (T)copysign(0.0, (double)(a / b));                                  \
    }
ND_FLOAT_DIVMOD(float, f32)
ND_FLOAT_DIVMOD(double, f64)
#undef ND_FLOAT_DIVMOD

/* Integer floor division and modulo with the divisor's sign; division by
 * zero gives 0 and MIN / -1 wraps, as NumPy (which also warns). The values
 * arrive widened to int64, where MIN of a narrower type cannot overflow. */
static inline int64_t nd__floordiv_i(int64_t a, int64_t b) {
    if (b == 0) return 0;
    if (b == -1) return (int64_t)(0 - (uint64_t)a);
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q -= 1;
    return q;
}
static inline int64_t nd__mod_i(int64_t a, int64_t b) {
    if (b == 0 || b == -1) return 0;
    int64_t r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) r += b;
    return r;
}

/* NumPy's npy_logaddexp and npy_logaddexp2: the larger argument plus the
 * log of 1 + exp of the (non-positive) difference, so nothing overflows.
 * Equal arguments take a shortcut, which also keeps -inf, -inf from giving
 * -inf - -inf = NaN; a NaN difference is returned as it is. */
#define ND_LOGADDEXP(T, SFX, LOG1P, EXP, EXP2, LN2, LOG2E)                        \
    static inline T nd__logaddexp_##SFX(T x, T y) {                                \
        if (x == y) return x + LN2;                                                \
        const T d = x - y;                                                         \
        if (d > 0) return x + LOG1P(EXP(-d));                                      \
        if (d <= 0) return y + LOG1P(EXP(d));                                      \
        return d;                                                                  \
    }                                                                              \
    static inline T nd__logaddexp2_##SFX(T x, T y) {                               \
        if (x == y) return x + 1;                                                  \
        const T d = x - y;                                                         \
        if (d > 0) return x + LOG2E * LOG1P(EXP2(-d));                             \
        if (d <= 0) return y + LOG2E * LOG1P(EXP2(d));                             \
        return d;                                                                  \
    }
ND_LOGADDEXP(float, f32, log1pf, expf, exp2f, 0.693147180559945309417232121458176568f,
             1.442695040888963407359924681001892137f)
ND_LOGADDEXP(double, f64, log1p, exp, exp2, 0.693147180559945309417232121458176568,
             1.442695040888963407359924681001892137)
#undef ND_LOGADDEXP

/* Euclid's algorithm, as NumPy's npy_gcdu. gcd(0, 0) is 0. */
static inline uint64_t nd__gcd_u(uint64_t a, uint64_t b) {
    while (a != 0) {
        uint64_t t = b % a;
        b = a;
        a = t;
    }
    return b;
}
/* NumPy's npy_lcmu: a / gcd * b, wrapping in uint64 (callers truncate to
 * their width, which gives that width's wrapped product); 0 if a or b is. */
static inline uint64_t nd__lcm_u(uint64_t a, uint64_t b) {
    uint64_t g = nd__gcd_u(a, b);
    return g == 0 ? 0 : a / g * b;
}

/* Integer power by squaring in wrapping unsigned arithmetic. Negative
 * exponents are refused before the loop runs. */
static inline uint64_t nd__ipow(uint64_t base, uint64_t exp) {
    uint64_t r = 1;
    while (exp) {
        if (exp & 1) r *= base;
        base *= base;
        exp >>= 1;
    }
    return r;
}

/* Float to integer as NumPy 1.24 gives on x86-64, without undefined
 * behaviour. In range, truncation toward zero. Beyond it, x86's conversion
 * instructions return the "integer indefinite" value (the most negative
 * integer), and NumPy converts to int8..int32, uint8 and uint16 through a
 * 32-bit conversion and takes the low bits; to int64 through a 64-bit one;
 * to uint32 and uint64 by shifting values above the signed range down
 * first. NaN and inf count as out of range. */
static inline int32_t nd__f2i32(double v) {
    if (!(v > -2147483649.0 && v < 2147483648.0)) return INT32_MIN;
    return (int32_t)v;
}
static inline int64_t nd__f2i64(double v) {
    if (!(v > -9223372036854775808.0 && v < 9223372036854775808.0)) return INT64_MIN;
    return (int64_t)v;
}
static inline uint32_t nd__f2u32(double v) {
    if (v >= 2147483648.0) return (uint32_t)nd__f2i32(v - 2147483648.0) ^ 0x80000000u;
    return (uint32_t)nd__f2i32(v);
}
static inline uint64_t nd__f2u64(double v) {
    if (v >= 9223372036854775808.0)
        return (uint64_t)nd__f2i64(v - 9223372036854775808.0) ^ 0x8000000000000000u;
    return (uint64_t)nd__f2i64(v);
}

#endif
