/* The dispatch table: filled once from the portable kernels, then overridden
 * by the best ISA the CPU supports that this build has kernels for. */
#include "kernels/kernel.h"

#include <pthread.h>
#include <stdlib.h>

typedef struct arch_info {
    const char *name;
    bool (*usable)(void); /* built, and supported by this CPU and OS */
    /* overrides on top of ref */
    void (*install)(nd_loop_table t, nd_reduce_table r, nd_fold_table f, nd_arg_table a);
} arch_info;

static bool always(void) { return true; }
static bool never(void) { return false; }

#if defined(__x86_64__) || defined(__i386__)
/* libgcc's check covers the OS side too: AVX state enabled in XCR0. */
static bool avx2_usable(void) {
    __builtin_cpu_init();
    return nd__avx2_built && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}
#else
#define avx2_usable never
#endif

/* From the portable level up; SIMD levels join this list with their kernels. */
static const arch_info g_arches[] = {
    {"ref", always, NULL},
    {"avx2", avx2_usable, nd__avx2_install},
    {"avx512", never, NULL},
    {"neon", never, NULL},
};
#define NUM_ARCHES (int)(sizeof g_arches / sizeof g_arches[0])

static nd_loop_table g_loops;
static nd_reduce_table g_reduce;
static nd_fold_table g_fold;
static nd_arg_table g_arg;
static nd_loop_fn g_casts[ND_NUM_DTYPES][ND_NUM_DTYPES];
static _Atomic int g_arch = -1;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;

static int find_arch(const char *name) {
    for (int i = 0; i < NUM_ARCHES; i++)
        if (strcmp(g_arches[i].name, name) == 0) return i;
    return -1;
}

static int best_arch(void) {
    int best = 0;
    for (int i = 1; i < NUM_ARCHES; i++)
        if (g_arches[i].usable()) best = i;
    return best;
}

static void build_table(int arch) {
    nd_loop_table t = {{0}};
    nd_reduce_table r = {{0}};
    nd_fold_table f = {{0}};
    nd_arg_table g = {{0}};
    nd__ref_reduce_loops(r, f);
    nd__ref_arg_loops(g);
    nd__ref_binary_loops(t);
    nd__ref_unary_loops(t);
    nd__ref_ternary_loops(t);
    if (g_arches[arch].install) g_arches[arch].install(t, r, f, g);
    memcpy(g_loops, t, sizeof t);
    memcpy(g_reduce, r, sizeof r);
    memcpy(g_fold, f, sizeof f);
    memcpy(g_arg, g, sizeof g);
}

/* ND_ARCH from the environment when set and usable, else the best level. */
static int default_arch(void) {
    const char *env = getenv("ND_ARCH");
    if (env && *env) {
        int a = find_arch(env);
        if (a >= 0 && g_arches[a].usable()) return a; /* an unusable request keeps the best */
    }
    return best_arch();
}

static void init_once(void) {
    nd__ref_cast_loops(g_casts);
    int arch = default_arch();
    build_table(arch);
    atomic_store(&g_arch, arch);
}

nd_loop_fn nd__loop(nd_op op, nd_dtype dt) {
    pthread_once(&g_once, init_once);
    return g_loops[op][dt];
}

nd_loop_fn nd__reduce_loop(nd_reduce_op op, nd_dtype dt) {
    pthread_once(&g_once, init_once);
    return g_reduce[op][dt];
}

nd_fold_fn nd__fold_loop(nd_reduce_op op, nd_dtype dt) {
    pthread_once(&g_once, init_once);
    return g_fold[op][dt];
}

nd_arg_fn nd__arg_loop(bool max, nd_dtype dt) {
    pthread_once(&g_once, init_once);
    return g_arg[max][dt];
}

nd_loop_fn nd__cast_loop(nd_dtype from, nd_dtype to) {
    pthread_once(&g_once, init_once);
    return g_casts[from][to];
}

nd_status nd_set_arch(const char *arch) {
    static const char fn[] = "nd_set_arch";
    pthread_once(&g_once, init_once);
    int a = arch ? find_arch(arch) : default_arch();
    if (a < 0) return nd__error(ND_ERR_VALUE, fn, "unknown kernel level '%s' (ref, avx2, avx512, neon)", arch);
    if (!g_arches[a].usable())
        return nd__error(ND_ERR_UNSUPPORTED, fn, "kernel level '%s' is not available in this build or on this CPU", arch);
    /* Not safe against operations running concurrently on other threads:
     * call it between computations, as tests and benchmarks do. */
    pthread_mutex_lock(&g_lock);
    build_table(a);
    atomic_store(&g_arch, a);
    pthread_mutex_unlock(&g_lock);
    return ND_OK;
}

const char *nd_get_arch(void) {
    pthread_once(&g_once, init_once);
    return g_arches[atomic_load(&g_arch)].name;
}
