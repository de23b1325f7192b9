/* Portable argmax/argmin and running sum/product loops. */
#include "kernels/kernel.h"

/* Two passes when contiguous: the extreme over 16-byte vectors (GNU C
 * vector extensions, which every GCC and Clang target lowers to its own
 * registers; a strict float max is not associative, so plain loops stay
 * scalar) noting any NaN, then the first index holding it. */
#define ARG_VECS 4
#define ARG_(NAME, T, CMP, ISFLOAT)                                                \
    static int64_t NAME(const char *p, int64_t n, int64_t step) {                  \
        typedef T V_ __attribute__((vector_size(16)));                             \
        enum { L_ = 16 / sizeof(T), BLOCK_ = L_ * ARG_VECS };                      \
        if (step == (int64_t)sizeof(T)) {                                          \
            const T *a = (const T *)p;                                             \
            T m = a[0];                                                            \
            bool nan = false;                                                      \
            int64_t i = 0;                                                         \
            if (n >= 2 * BLOCK_) {                                                 \
                V_ mv[ARG_VECS];                                                   \
                memcpy(mv, a, sizeof mv);                                          \
                __typeof__(mv[0] != mv[0]) nv = mv[0] != mv[0];                        \
                for (; i + BLOCK_ <= n; i += BLOCK_)                               \
                    for (int j = 0; j < ARG_VECS; j++) {                           \
                        V_ x;                                                      \
                        memcpy(&x, a + i + j * L_, sizeof x);                      \
                        __typeof__(nv) k = x CMP mv[j];                            \
                        mv[j] = (V_)((k & (__typeof__(k))x) | (~k & (__typeof__(k))mv[j])); \
                        if (ISFLOAT) nv |= x != x;                                 \
                    }                                                              \
                for (int j = 0; j < ARG_VECS; j++)                                 \
                    for (int l = 0; l < (int)L_; l++) {                            \
                        m = mv[j][l] CMP m ? mv[j][l] : m;                         \
                        nan |= nv[l] != 0;                                         \
                    }                                                              \
            }                                                                      \
            for (; i < n; i++) {                                                   \
                T x = a[i];                                                        \
                m = x CMP m ? x : m;                                               \
                if (ISFLOAT) nan |= x != x;                                        \
            }                                                                      \
            /* the first index of the NaN or of m, a block of 16 at a time
             * (an OR of comparisons vectorises; the block is then scanned) */ \
            bool want_nan = ISFLOAT && (nan || m != m);                           \
            for (int64_t k = 0; k < n; k += 16) {                                  \
                int64_t end = k + 16 < n ? k + 16 : n;                             \
                int hit = 0;                                                       \
                if (end - k == 16) {                                               \
                    if (want_nan)                                                  \
                        for (int j = 0; j < 16; j++) hit |= a[k + j] != a[k + j];  \
                    else                                                           \
                        for (int j = 0; j < 16; j++) hit |= a[k + j] == m;         \
                    if (!hit) continue;                                            \
                }                                                                  \
                for (int64_t q = k; q < end; q++)                                  \
                    if (want_nan ? a[q] != a[q] : a[q] == m) return q;             \
            }                                                                      \
            return 0;                                                              \
        }                                                                          \
        T m = *(const T *)p;                                                       \
        int64_t best = 0;                                                          \
        if (ISFLOAT && m != m) return 0;                                           \
        for (int64_t i = 1; i < n; i++) {                                          \
            T x = *(const T *)(p + i * step);                                      \
            if (ISFLOAT && x != x) return i;                                       \
            if (x CMP m) {                                                         \
                m = x;                                                             \
                best = i;                                                          \
            }                                                                      \
        }                                                                          \
        return best;                                                               \
    }

#define SCAN_(NAME, T, W, OP)                                                      \
    static void NAME(char **args, int64_t n, const int64_t *steps, void *params) { \
        typedef T T_;                                                              \
        typedef W W_;                                                              \
        (void)sizeof(W_);                                                          \
        (void)params;                                                              \
        if (n <= 0) return;                                                        \
        const char *pi = args[0];                                                  \
        char *po = args[1];                                                        \
        T_ acc = *(const T_ *)pi;                                                  \
        *(T_ *)po = acc;                                                           \
        for (int64_t i = 1; i < n; i++) {                                          \
            T_ x = *(const T_ *)(pi + i * steps[0]);                               \
            acc = OP(acc, x);                                                      \
            *(T_ *)(po + i * steps[1]) = acc;                                      \
        }                                                                          \
    }
/* integer arithmetic wraps in the wide unsigned type, as the reductions */
#define SUM_INT_(a, x) (T_)((W_)(a) + (W_)(x))
#define PROD_INT_(a, x) (T_)((W_)(a) * (W_)(x))
#define SUM_F_(a, x) ((a) + (x))
#define PROD_F_(a, x) ((a) * (x))
#define SUM_B_(a, x) (T_)((a) | (x))
#define PROD_B_(a, x) (T_)((a) & (x))

#define GEN_(E, sfx, T, W, ISF, SUM, PROD)                                         \
    ARG_(argmax_##sfx, T, >, ISF)                                                  \
    ARG_(argmin_##sfx, T, <, ISF)                                                  \
    SCAN_(cumsum_##sfx, T, W, SUM)                                                 \
    SCAN_(cumprod_##sfx, T, W, PROD)
#define KINDS_(X)                                                                  \
    ND_FOR_BOOL(X, 0, SUM_B_, PROD_B_) ND_FOR_SIGNED(X, 0, SUM_INT_, PROD_INT_)     \
    ND_FOR_UNSIGNED(X, 0, SUM_INT_, PROD_INT_) ND_FOR_FLOAT(X, 1, SUM_F_, PROD_F_)
KINDS_(GEN_)

#define ENTRY_(E, sfx, T, W, ISF, SUM, PROD) [E] = {cumsum_##sfx, cumprod_##sfx},
typedef struct scan_loops {
    nd_loop_fn cumsum, cumprod;
} scan_loops;
static const scan_loops g_scan[ND_NUM_DTYPES] = {KINDS_(ENTRY_)};

nd_loop_fn nd__scan_loop(bool prod, nd_dtype dt) { return prod ? g_scan[dt].cumprod : g_scan[dt].cumsum; }

/* The arg loops go through the dispatch table (dispatch.c), which SIMD
 * levels override. */
#define ARG_ENTRY_(E, sfx, T, W, ISF, SUM, PROD)                                   \
    a[0][E] = argmin_##sfx;                                                        \
    a[1][E] = argmax_##sfx;
void nd__ref_arg_loops(nd_arg_table a) { KINDS_(ARG_ENTRY_) }
