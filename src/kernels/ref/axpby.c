/* The fused y = alpha * x + beta * y loop (see kernels/axpby.h), for the
 * optimizer updates nd_axpy_inplace and nd_axpby_inplace: one pass over x
 * and y instead of a temporary for alpha * x. Written once for both float
 * dtypes; contiguous and broadcast-x rows get loops the compiler
 * vectorises. */
#include "kernels/axpby.h"

/* The element expressions: products rounded on their own, then the sum,
 * so the result is bit for bit NumPy's y + alpha * x (no fused multiply-add). */
#define AXPY_EXPR_(x, y) ((y) + a * (x))
#define AXPBY_EXPR_(x, y) (a * (x) + b * (y))

#define AXPBY_BODY_(T, EXPR)                                                       \
    if (sx == (int64_t)sizeof(T) && sy == (int64_t)sizeof(T) && so == (int64_t)sizeof(T)) { \
        const T *xp = (const T *)px;                                               \
        const T *yp = (const T *)py;                                               \
        T *op = (T *)po;                                                           \
        for (int64_t i = 0; i < n; i++) op[i] = EXPR(xp[i], yp[i]);                \
    } else if (sx == 0 && sy == (int64_t)sizeof(T) && so == (int64_t)sizeof(T)) { \
        const T xv = *(const T *)px;                                               \
        const T *yp = (const T *)py;                                               \
        T *op = (T *)po;                                                           \
        for (int64_t i = 0; i < n; i++) op[i] = EXPR(xv, yp[i]);                   \
    } else {                                                                       \
        for (int64_t i = 0; i < n; i++, px += sx, py += sy, po += so)              \
            *(T *)po = EXPR(*(const T *)px, *(const T *)py);                       \
    }

#define AXPBY_LOOP_(ENUM, SFX, T, W, ...)                                          \
    static void axpby_##SFX(char **args, int64_t n, const int64_t *steps, void *params) { \
        const nd_axpby_params *p = params;                                         \
        const T a = (T)p->alpha, b = (T)p->beta;                                   \
        const char *px = args[0], *py = args[1];                                   \
        char *po = args[2];                                                        \
        const int64_t sx = steps[0], sy = steps[1], so = steps[2];                 \
        if (p->axpy) {                                                             \
            AXPBY_BODY_(T, AXPY_EXPR_)                                             \
        } else {                                                                   \
            AXPBY_BODY_(T, AXPBY_EXPR_)                                            \
        }                                                                          \
    }
ND_FOR_FLOAT(AXPBY_LOOP_, )

nd_loop_fn nd__axpby_loop(nd_dtype dt) {
    switch (dt) {
    case ND_FLOAT32: return axpby_f32;
    case ND_FLOAT64: return axpby_f64;
    default: return NULL;
    }
}
