/* The thread pool behind nd__parallel_for, and the thread-count setting. */
#include "iter/threads.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#define MAX_THREADS 256

static _Atomic int g_nthreads = 0; /* 0: not yet decided */
/* the count came from the user (ND_NUM_THREADS or nd_set_num_threads) */
static _Atomic bool g_user_set = false;

/* Resolved only if the program links OpenMP: inside one of its parallel
 * regions libnd stays on the calling thread instead of oversubscribing. */
extern int omp_in_parallel(void) __attribute__((weak));
static _Thread_local bool tl_in_worker = false;

static int default_threads(void) {
    const char *env = getenv("ND_NUM_THREADS");
    atomic_store(&g_user_set, false);
    if (env && *env) {
        long v = strtol(env, NULL, 10);
        if (v >= 1 && v <= MAX_THREADS) {
            atomic_store(&g_user_set, true);
            return (int)v;
        }
    }
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (int)n;
}

nd_status nd_set_num_threads(int n) {
    if (n < 0 || n > MAX_THREADS)
        return nd__error(ND_ERR_VALUE, "nd_set_num_threads", "thread count %d is outside [0, %d]", n, MAX_THREADS);
    atomic_store(&g_nthreads, n ? n : default_threads());
    if (n) atomic_store(&g_user_set, true);
    return ND_OK;
}

bool nd__threads_user_set(void) {
    nd_get_num_threads(); /* decides the default, reading ND_NUM_THREADS */
    return atomic_load(&g_user_set);
}

int nd_get_num_threads(void) {
    int n = atomic_load(&g_nthreads);
    if (n == 0) {
        n = default_threads();
        atomic_store(&g_nthreads, n);
    }
    return n;
}

/* One job at a time: a caller that finds the pool busy runs serially. */
static pthread_mutex_t g_job_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_work_cv = PTHREAD_COND_INITIALIZER;
static pthread_cond_t g_done_cv = PTHREAD_COND_INITIALIZER;
static int g_started = 0;        /* workers running */
static uint64_t g_generation = 0; /* bumps once per job */
static struct {
    nd_range_fn fn;
    void *ctx;
    int64_t n, parts;
    _Atomic int64_t next;
    int64_t done;
} g_job;

static void run_parts(void) {
    for (;;) {
        int64_t p = atomic_fetch_add(&g_job.next, 1);
        if (p >= g_job.parts) return;
        int64_t b = g_job.n * p / g_job.parts, e = g_job.n * (p + 1) / g_job.parts;
        g_job.fn(g_job.ctx, b, e);
        pthread_mutex_lock(&g_mu);
        if (++g_job.done == g_job.parts) pthread_cond_signal(&g_done_cv);
        pthread_mutex_unlock(&g_mu);
    }
}

static void *worker(void *arg) {
    (void)arg;
    tl_in_worker = true;
    uint64_t seen = 0;
    pthread_mutex_lock(&g_mu);
    for (;;) {
        while (g_generation == seen) pthread_cond_wait(&g_work_cv, &g_mu);
        seen = g_generation;
        pthread_mutex_unlock(&g_mu);
        run_parts();
        pthread_mutex_lock(&g_mu);
    }
    return NULL;
}

void nd__parallel_for(int64_t n, int64_t min_chunk, nd_range_fn fn, void *ctx) {
    if (n <= 0) return;
    if (min_chunk < 1) min_chunk = 1;
    int64_t parts = nd_get_num_threads();
    if (parts > n / min_chunk) parts = n / min_chunk;
    if (parts <= 1 || tl_in_worker || (omp_in_parallel && omp_in_parallel()) ||
        pthread_mutex_trylock(&g_job_lock) != 0) {
        fn(ctx, 0, n);
        return;
    }
    pthread_mutex_lock(&g_mu);
    while (g_started < parts - 1) {
        pthread_t t;
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        int rc = pthread_create(&t, &attr, worker, NULL);
        pthread_attr_destroy(&attr);
        if (rc != 0) break;
        g_started++;
    }
    if (g_started == 0) { /* no thread could start: stay serial */
        pthread_mutex_unlock(&g_mu);
        pthread_mutex_unlock(&g_job_lock);
        fn(ctx, 0, n);
        return;
    }
    g_job.fn = fn;
    g_job.ctx = ctx;
    g_job.n = n;
    g_job.parts = parts;
    atomic_store(&g_job.next, 0);
    g_job.done = 0;
    g_generation++;
    pthread_cond_broadcast(&g_work_cv);
    pthread_mutex_unlock(&g_mu);

    run_parts(); /* the caller works too */

    pthread_mutex_lock(&g_mu);
    while (g_job.done < g_job.parts) pthread_cond_wait(&g_done_cv, &g_mu);
    pthread_mutex_unlock(&g_mu);
    pthread_mutex_unlock(&g_job_lock);
}
