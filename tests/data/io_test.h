/* Helpers for the file I/O suites (test_npy.c, test_npz.c, test_text.c): a
 * temporary folder per suite, file reading and writing, exact array
 * comparison, the committed malformed files, and running NumPy through
 * /usr/bin/python3 when it is there. */
#ifndef ND_IO_TEST_H
#define ND_IO_TEST_H

#include "nd_test.h"

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static char io_dir[512];

static inline int io_setup(void **state) {
    (void)state;
    const char *t = getenv("TMPDIR");
    snprintf(io_dir, sizeof io_dir, "%s/nd-io-XXXXXX", t && *t ? t : "/tmp");
    return mkdtemp(io_dir) ? 0 : -1;
}

static inline int io_rm(const char *p, const struct stat *sb, int flag, struct FTW *ftw) {
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(p);
}

static inline int io_teardown(void **state) {
    (void)state;
    return nftw(io_dir, io_rm, 16, FTW_DEPTH | FTW_PHYS);
}

/* A path in the suite's folder; eight rotating buffers. */
static inline const char *io_path(const char *name) {
    static char bufs[8][640];
    static int k;
    char *b = bufs[k++ & 7];
    snprintf(b, sizeof bufs[0], "%s/%s", io_dir, name);
    return b;
}

/* A committed test file: tests/data/SUB/NAME from the repository root (where
 * make runs the suites), or under $ND_TEST_DATA. */
static inline const char *io_data(const char *sub, const char *name) {
    static char bufs[4][640];
    static int k;
    char *b = bufs[k++ & 3];
    const char *root = getenv("ND_TEST_DATA");
    snprintf(b, sizeof bufs[0], "%s/%s/%s", root && *root ? root : "tests/data", sub, name);
    return b;
}

static inline unsigned char *io_read(const char *path, size_t *n) {
    FILE *f = fopen(path, "rb");
    if (!f) fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *p = malloc((size_t)len + 1);
    assert_non_null(p);
    assert_int_equal(fread(p, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    *n = (size_t)len;
    return p;
}

static inline void io_write(const char *path, const void *p, size_t n) {
    FILE *f = fopen(path, "wb");
    if (!f) fail_msg("cannot create %s", path);
    assert_int_equal(fwrite(p, 1, n, f), n);
    fclose(f);
}

/* Asserts a and b have the same dtype, shape and element bytes. */
static inline void io_expect_equal(const nd_array *a, const nd_array *b) {
    ND_ASSERT_ARRAY(a);
    ND_ASSERT_ARRAY(b);
    assert_int_equal(nd_dtype_of(a), nd_dtype_of(b));
    nd_test_shape(a, nd_ndim(b), nd_shape(b));
    size_t n = nd_nbytes(a);
    unsigned char *x = malloc(n + 1), *y = malloc(n + 1);
    assert_non_null(x);
    assert_non_null(y);
    ND_ASSERT_OK(nd_copy_to(a, x, n));
    ND_ASSERT_OK(nd_copy_to(b, y, n));
    if (n && memcmp(x, y, n) != 0) {
        free(x);
        free(y);
        fail_msg("arrays differ");
    }
    free(x);
    free(y);
}

/* Element k is (7k mod 101) - 20 (plus 0.25 for float dtypes), converted
 * to dt by nd_astype: varied values, negatives and zeros included. */
static inline nd_array *io_iota(nd_dtype dt, int ndim, const int64_t *shape) {
    int64_t n = 1;
    for (int i = 0; i < ndim; i++) n *= shape[i];
    double *v = malloc(sizeof(double) * (size_t)(n ? n : 1));
    assert_non_null(v);
    for (int64_t i = 0; i < n; i++) v[i] = (double)((i * 7) % 101) - 20 + (dt >= ND_FLOAT32 ? 0.25 : 0);
    nd_array *a = nd_test_array(dt, ndim, shape, v);
    free(v);
    ND_ASSERT_ARRAY(a);
    return a;
}

static inline bool io_have_numpy(void) {
    return system("/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1") == 0;
}

#define IO_SKIP_WITHOUT_NUMPY()                                                    \
    do {                                                                           \
        if (!io_have_numpy()) {                                                    \
            print_message("skipped: /usr/bin/python3 has no numpy\n");             \
            skip();                                                                \
        }                                                                          \
    } while (0)

/* Runs a Python script with /usr/bin/python3 in the suite's folder; the
 * script's exit status. Its output goes to the test log. */
static inline int io_python(const char *script) {
    const char *sp = io_path("script.py");
    io_write(sp, script, strlen(script));
    char cmd[1600];
    snprintf(cmd, sizeof cmd, "cd '%s' && /usr/bin/python3 '%s'", io_dir, sp);
    int rc = system(cmd);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

/* Asserts call (returning a T *, released with freefn) fails with status st
 * and a message containing needle (when not NULL). */
#define IO_EXPECT_FAIL_T(T, freefn, call, st, needle)                              \
    do {                                                                           \
        nd_clear_error();                                                          \
        T *r_ = (call);                                                            \
        if (r_) {                                                                  \
            freefn(r_);                                                            \
            fail_msg("%s succeeded", #call);                                       \
        }                                                                          \
        if (nd_last_status() != (st))                                              \
            fail_msg("%s: status %s, expected %s: %s", #call,                      \
                     nd_status_name(nd_last_status()), nd_status_name(st),         \
                     nd_errmsg());                                                 \
        if ((needle) && !strstr(nd_errmsg(), (needle)))                            \
            fail_msg("%s: message '%s' lacks '%s'", #call, nd_errmsg(),            \
                     (const char *)(needle));                                      \
        nd_clear_error();                                                          \
    } while (0)
#define IO_EXPECT_FAIL(call, st, needle) IO_EXPECT_FAIL_T(nd_array, nd_free, call, st, needle)

/* ------------------------------------------------------------ attacks */

/* A call that could block forever (a FIFO) runs under an alarm: a hang
 * fails the suite with a message instead of stalling it. */
static inline void io_on_alarm(int sig) {
    (void)sig;
    static const char msg[] = "\nFAILED: a call hung (alarm after 20 s): it blocks on a FIFO\n";
    if (write(2, msg, sizeof msg - 1) < 0) _exit(2);
    _exit(1);
}
static inline void io_hang_guard(bool on) {
    if (on) signal(SIGALRM, io_on_alarm);
    alarm(on ? 20 : 0);
}

/* The number of entries in a folder, . and .. aside. */
static inline int io_count_entries(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) fail_msg("cannot open folder %s", dir);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
    closedir(d);
    return n;
}

/* A fresh empty folder in the suite's folder; its path (rotating buffers). */
static inline const char *io_subdir(const char *name) {
    const char *p = io_path(name);
    if (mkdir(p, 0700) != 0) fail_msg("cannot create folder %s", p);
    return p;
}

/* Makes writes beyond `bytes` in any file fail with EFBIG (RLIMIT_FSIZE,
 * SIGXFSZ ignored), or lifts the limit again (bytes < 0): a disk that fills
 * up mid-save, for root too. */
static inline void io_limit_file_size(long long bytes) {
    static struct rlimit saved;
    static bool have;
    if (bytes >= 0) {
        assert_int_equal(getrlimit(RLIMIT_FSIZE, &saved), 0);
        have = true;
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit r = saved;
        r.rlim_cur = (rlim_t)bytes;
        assert_int_equal(setrlimit(RLIMIT_FSIZE, &r), 0);
    } else if (have) {
        assert_int_equal(setrlimit(RLIMIT_FSIZE, &saved), 0);
        have = false;
    }
}

/* Asserts the file at path holds exactly n bytes equal to p. */
static inline void io_expect_file(const char *path, const void *p, size_t n) {
    size_t got;
    unsigned char *b = io_read(path, &got);
    if (got != n || memcmp(b, p, n) != 0) {
        free(b);
        fail_msg("%s changed: %zu bytes, expected its %zu old ones", path, got, n);
    }
    free(b);
}

/* An allocator that fails the allocation numbered fail_at (0-based) after
 * it is installed, and counts the allocations. */
typedef struct io_failing {
    long allocs, fail_at;
} io_failing;

static inline void *io_failing_alloc(size_t size, size_t align, void *ctx) {
    io_failing *f = ctx;
    if (f->allocs++ == f->fail_at) return NULL;
    void *p = NULL;
    return posix_memalign(&p, align < sizeof(void *) ? sizeof(void *) : align, size ? size : 1) ? NULL : p;
}

static inline void io_failing_free(void *p, void *ctx) {
    (void)ctx;
    free(p);
}

static inline void io_fail_allocation(io_failing *f, long at) {
    f->allocs = 0;
    f->fail_at = at;
    nd_allocator hooks = {io_failing_alloc, io_failing_free, f};
    ND_ASSERT_OK(nd_set_allocator(&hooks));
}

/* Runs run(ctx) with allocation N failing, for N = 0, 1, ... until a run
 * makes no more than N allocations (and must then succeed). A run that
 * fails must report ND_ERR_NOMEM under the name fn, the public function
 * called; check(ctx), if not NULL, runs after every failed run (to see that
 * nothing was written). run returns whether it succeeded. */
static inline void io_alloc_sweep(const char *fn, bool (*run)(void *ctx), void (*check)(void *ctx),
                                  void *ctx) {
    char prefix[64];
    snprintf(prefix, sizeof prefix, "%s: ", fn);
    for (long at = 0;; at++) {
        io_failing f;
        nd_clear_error();
        io_fail_allocation(&f, at);
        bool ok = run(ctx);
        ND_ASSERT_OK(nd_set_allocator(NULL));
        if (f.allocs <= at) {
            if (!ok) fail_msg("%s failed with no allocation failing: %s", fn, nd_errmsg());
            break;
        }
        if (ok) continue; /* the failure was absorbed */
        if (nd_last_status() != ND_ERR_NOMEM || strncmp(nd_errmsg(), prefix, strlen(prefix)) != 0)
            fail_msg("%s with allocation %ld failing: status %s, '%s' (expected ND_ERR_NOMEM from %s)", fn,
                     at, nd_status_name(nd_last_status()), nd_errmsg(), fn);
        nd_clear_error();
        if (check) check(ctx);
    }
    nd_clear_error();
}

#endif
