/* The thread pool behind nd__parallel_for, and the thread-count setting. */
#include "iter/threads.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#define MAX_THREADS 256

/* The count the user set with nd_set_num_threads(n > 0); 0 when none. The
 * default (ND_NUM_THREADS, else the online CPUs) is decided once, apart, so
 * deciding it can never overwrite a count the user set meanwhile. */
static _Atomic int g_user_threads = 0;
static pthread_once_t g_default_once = PTHREAD_ONCE_INIT;
static int g_default_threads;  /* written once, under g_default_once */
static bool g_env_threads;     /* the default came from ND_NUM_THREADS */

/* Resolved only if the program links OpenMP: inside one of its parallel
 * regions libnd stays on the calling thread instead of oversubscribing. */
extern int omp_in_parallel(void) __attribute__((weak));
static _Thread_local bool tl_in_worker = false;

static void decide_default(void) {
    const char *env = getenv("ND_NUM_THREADS");
    if (env && *env) {
        long v = strtol(env, NULL, 10);
        if (v >= 1 && v <= MAX_THREADS) {
            g_env_threads = true;
            g_default_threads = (int)v;
            return;
        }
    }
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    g_default_threads = n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (int)n;
}

nd_status nd_set_num_threads(int n) {
    if (n < 0 || n > MAX_THREADS)
        return nd__error(ND_ERR_VALUE, "nd_set_num_threads", "thread count %d is outside [0, %d]", n, MAX_THREADS);
    atomic_store(&g_user_threads, n);
    return ND_OK;
}

bool nd__threads_user_count(int *n) {
    int u = atomic_load(&g_user_threads);
    if (u > 0) {
        *n = u;
        return true;
    }
    pthread_once(&g_default_once, decide_default);
    *n = g_default_threads;
    return g_env_threads;
}

bool nd__threads_user_set(void) {
    int n;
    return nd__threads_user_count(&n);
}

int nd_get_num_threads(void) {
    int n;
    nd__threads_user_count(&n);
    return n;
}

int64_t nd__parallel_parts(int64_t n, int64_t min_chunk) {
    if (n <= 0) return 0;
    if (min_chunk < 1) min_chunk = 1;
    int64_t parts = nd_get_num_threads();
    if (parts > n / min_chunk) parts = n / min_chunk;
    return parts < 1 ? 1 : parts;
}

/* One job: it lives on the submitting caller's stack. Workers enter it only
 * under g_mu while it is g_job, and the caller waits, under g_mu, until
 * every part is done AND every worker that entered has left before it
 * unpublishes the job and returns. So no worker ever reads a finished job
 * (or the next one's fields thinking they are this one's). */
typedef struct job {
    nd_range_fn fn;
    void *ctx;
    int64_t n, parts;
    _Atomic int64_t next; /* the next part to claim */
    int64_t done;         /* parts finished; under g_mu */
    int inside;           /* workers inside the job; under g_mu */
    uint64_t id;
} job;

/* Only one caller's job at a time (g_submit); a caller that finds the pool
 * busy runs its loop alone, so several calling threads never deadlock or
 * wait on each other. */
static pthread_mutex_t g_submit = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_work_cv = PTHREAD_COND_INITIALIZER;
static pthread_cond_t g_done_cv = PTHREAD_COND_INITIALIZER;
static int g_started = 0;     /* workers running; under g_mu */
static job *g_job = NULL;     /* the job on offer; under g_mu */
static uint64_t g_job_id = 0; /* under g_mu */

/* Claims and runs parts of j until none is left; returns how many ran. */
static int64_t run_parts(job *j) {
    int64_t ran = 0;
    for (;;) {
        int64_t p = atomic_fetch_add(&j->next, 1);
        if (p >= j->parts) return ran;
        int64_t b = j->n * p / j->parts, e = j->n * (p + 1) / j->parts;
        j->fn(j->ctx, b, e);
        ran++;
    }
}

static void *worker(void *arg) {
    (void)arg;
    tl_in_worker = true;
    uint64_t seen = 0;
    pthread_mutex_lock(&g_mu);
    for (;;) {
        while (!g_job || g_job->id == seen) pthread_cond_wait(&g_work_cv, &g_mu);
        job *j = g_job;
        seen = j->id;
        j->inside++;
        pthread_mutex_unlock(&g_mu);
        int64_t ran = run_parts(j);
        pthread_mutex_lock(&g_mu);
        j->done += ran;
        /* the caller may be waiting for the parts or for this worker to leave */
        if (--j->inside == 0 && j->done == j->parts) pthread_cond_signal(&g_done_cv);
    }
    return NULL;
}

void nd__parallel_for(int64_t n, int64_t min_chunk, nd_range_fn fn, void *ctx) {
    if (n <= 0) return;
    int64_t parts = nd__parallel_parts(n, min_chunk);
    if (parts <= 1 || tl_in_worker || (omp_in_parallel && omp_in_parallel()) ||
        pthread_mutex_trylock(&g_submit) != 0) {
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
        pthread_mutex_unlock(&g_submit);
        fn(ctx, 0, n);
        return;
    }
    job j = {.fn = fn, .ctx = ctx, .n = n, .parts = parts, .done = 0, .inside = 0, .id = ++g_job_id};
    atomic_init(&j.next, 0);
    g_job = &j;
    pthread_cond_broadcast(&g_work_cv);
    pthread_mutex_unlock(&g_mu);

    int64_t ran = run_parts(&j); /* the caller works too */

    pthread_mutex_lock(&g_mu);
    j.done += ran;
    while (j.done < j.parts || j.inside > 0) pthread_cond_wait(&g_done_cv, &g_mu);
    g_job = NULL;
    pthread_mutex_unlock(&g_mu);
    pthread_mutex_unlock(&g_submit);
}
