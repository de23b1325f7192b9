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

/* One level's tables. Built once per level and never changed after, so a
 * thread that loaded a table pointer can use it for as long as it likes. */
typedef struct kernel_tables {
    nd_loop_table loops;
    nd_reduce_table reduce;
    nd_fold_table fold;
    nd_arg_table arg;
    int arch;
} kernel_tables;

static kernel_tables g_tables[NUM_ARCHES];
static _Atomic bool g_built[NUM_ARCHES];
/* The level in use: switched by one atomic store of a built table. */
static kernel_tables *_Atomic g_current = NULL;
static nd_loop_fn g_casts[ND_NUM_DTYPES][ND_NUM_DTYPES];
static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER; /* builds tables */

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

/* The tables of level arch, built on first use. A level's install runs
 * once, so what it records (the portable loops it falls back to) is written
 * before any thread can reach its loops. */
static kernel_tables *tables_for(int arch) {
    kernel_tables *k = &g_tables[arch];
    if (atomic_load_explicit(&g_built[arch], memory_order_acquire)) return k;
    pthread_mutex_lock(&g_lock);
    if (!atomic_load_explicit(&g_built[arch], memory_order_relaxed)) {
        nd__ref_reduce_loops(k->reduce, k->fold);
        nd__ref_arg_loops(k->arg);
        nd__ref_binary_loops(k->loops);
        nd__ref_unary_loops(k->loops);
        nd__ref_ternary_loops(k->loops);
        if (g_arches[arch].install) g_arches[arch].install(k->loops, k->reduce, k->fold, k->arg);
        k->arch = arch;
        atomic_store_explicit(&g_built[arch], true, memory_order_release);
    }
    pthread_mutex_unlock(&g_lock);
    return k;
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
    atomic_store_explicit(&g_current, tables_for(default_arch()), memory_order_release);
}

/* The tables in use, loaded once per lookup. */
static const kernel_tables *current(void) {
    pthread_once(&g_once, init_once);
    return atomic_load_explicit(&g_current, memory_order_acquire);
}

nd_loop_fn nd__loop(nd_op op, nd_dtype dt) { return current()->loops[op][dt]; }

nd_loop_fn nd__reduce_loop(nd_reduce_op op, nd_dtype dt) { return current()->reduce[op][dt]; }

nd_fold_fn nd__fold_loop(nd_reduce_op op, nd_dtype dt) { return current()->fold[op][dt]; }

nd_arg_fn nd__arg_loop(bool max, nd_dtype dt) { return current()->arg[max][dt]; }

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
    /* Safe while other threads compute: the new level's tables are complete
     * before this one store publishes them, and the old ones stay valid for
     * the operations still using loops they looked up. */
    atomic_store_explicit(&g_current, tables_for(a), memory_order_release);
    return ND_OK;
}

const char *nd_get_arch(void) { return g_arches[current()->arch].name; }
