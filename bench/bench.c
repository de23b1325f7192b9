/* The benchmark driver behind `make bench`: runs each group of libnd cases
 * with its C baselines, then NumPy's side (bench_numpy.py under Debian's
 * python3), prints one table of medians and ratios, and writes the CSV
 * (case,impl,median_s). Usage: bench [--numpy SCRIPT] [--csv FILE]. */
#include "bench.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_ROWS 512
#define MAX_NOTES 32

typedef struct row {
    char case_name[64];
    char impl[16];
    double median_s;
} row;

static row g_rows[MAX_ROWS];
static int g_nrows;
static char g_notes[MAX_NOTES][256];
static int g_nnotes;

double bench_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double bench_median(double *t, int n) {
    qsort(t, (size_t)n, sizeof t[0], cmp_double);
    return t[n / 2];
}

void bench_time_turns(int k, void (*const *fns)(void *), void *const *args, int batch, double *med) {
    double t[BENCH_TURNS_MAX][BENCH_REPS];
    assert(k >= 1 && k <= BENCH_TURNS_MAX);
    for (int j = 0; j < k; j++) fns[j](args[j]);
    for (int r = 0; r < BENCH_REPS; r++)
        for (int j = 0; j < k; j++) {
            double t0 = bench_now();
            for (int i = 0; i < batch; i++) fns[j](args[j]);
            t[j][r] = (bench_now() - t0) / batch;
        }
    for (int j = 0; j < k; j++) med[j] = bench_median(t[j], BENCH_REPS);
}

double bench_time(void (*fn)(void *), void *arg, int batch) {
    double t[BENCH_REPS];
    fn(arg);
    for (int r = 0; r < BENCH_REPS; r++) {
        double t0 = bench_now();
        for (int i = 0; i < batch; i++) fn(arg);
        t[r] = (bench_now() - t0) / batch;
    }
    return bench_median(t, BENCH_REPS);
}

void bench_record(const char *case_name, const char *impl, double median_s) {
    if (g_nrows == MAX_ROWS) return;
    row *r = &g_rows[g_nrows++];
    snprintf(r->case_name, sizeof r->case_name, "%s", case_name);
    snprintf(r->impl, sizeof r->impl, "%s", impl);
    r->median_s = median_s;
}

void bench_note(const char *fmt, ...) {
    if (g_nnotes == MAX_NOTES) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(g_notes[g_nnotes++], sizeof g_notes[0], fmt, ap);
    va_end(ap);
}

void bench_fill_f32(float *p, int64_t n, float lo, float hi, uint64_t seed) {
    uint64_t s = seed * 0x9E3779B97F4A7C15u + 1;
    for (int64_t i = 0; i < n; i++) {
        s ^= s << 13, s ^= s >> 7, s ^= s << 17; /* xorshift64 */
        p[i] = lo + (hi - lo) * (float)((s >> 40) * 0x1p-24);
    }
}

double bench_max_rel_diff(const float *a, const float *b, int64_t n) {
    double m = 0;
    for (int64_t i = 0; i < n; i++) {
        double d = fabs((double)a[i] - (double)b[i]) / fmax(1.0, fabs((double)b[i]));
        if (!(d <= m)) m = d; /* NaN counts as a difference */
    }
    return m;
}

/* ---------------------------------------------------------------- NumPy */

/* Runs the NumPy script; its lines are "case,impl,median_s" or "# note". */
static void run_numpy(const char *script) {
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "/usr/bin/python3 '%s' 2>&1", script);
    fflush(stdout);
    FILE *p = popen(cmd, "r");
    if (!p) {
        bench_note("numpy skipped: could not start /usr/bin/python3");
        return;
    }
    char line[512];
    int got = 0;
    while (fgets(line, sizeof line, p)) {
        line[strcspn(line, "\r\n")] = '\0';
        char c[64], impl[16];
        double t;
        if (line[0] == '#') {
            bench_note("%s", line + 1 + (line[1] == ' '));
        } else if (sscanf(line, "%63[^,],%15[^,],%lf", c, impl, &t) == 3) {
            bench_record(c, impl, t);
            got++;
        } else if (line[0]) {
            bench_note("python: %s", line);
        }
    }
    int st = pclose(p);
    if (st != 0 && !got) bench_note("numpy skipped: /usr/bin/python3 %s failed (status %d)", script, st);
}

/* ---------------------------------------------------------------- report */

static void fmt_time(char *out, size_t cap, double s) {
    if (isnan(s)) snprintf(out, cap, "-");
    else if (s < 1e-6) snprintf(out, cap, "%.1f ns", s * 1e9);
    else if (s < 1e-3) snprintf(out, cap, "%.2f us", s * 1e6);
    else if (s < 1) snprintf(out, cap, "%.2f ms", s * 1e3);
    else snprintf(out, cap, "%.3f s", s);
}

static double lookup(const char *c, const char *impl) {
    for (int i = 0; i < g_nrows; i++)
        if (!strcmp(g_rows[i].case_name, c) && !strcmp(g_rows[i].impl, impl)) return g_rows[i].median_s;
    return NAN;
}

static void report(const char *csv_path) {
    /* cases and implementations in order of first appearance, libnd first */
    const char *cases[MAX_ROWS], *impls[16] = {"libnd"};
    int ncases = 0, nimpls = 1;
    for (int i = 0; i < g_nrows; i++) {
        int k;
        for (k = 0; k < ncases && strcmp(cases[k], g_rows[i].case_name); k++) {}
        if (k == ncases) cases[ncases++] = g_rows[i].case_name;
        for (k = 0; k < nimpls && strcmp(impls[k], g_rows[i].impl); k++) {}
        if (k == nimpls && nimpls < 16) impls[nimpls++] = g_rows[i].impl;
    }

    printf("\n%-22s", "case");
    for (int j = 0; j < nimpls; j++) printf(" %11s", impls[j]);
    for (int j = 1; j < nimpls; j++) {
        char h[32];
        snprintf(h, sizeof h, "%s/libnd", impls[j]);
        printf(" %13s", h);
    }
    printf("\n");
    for (int i = 0; i < ncases; i++) {
        printf("%-22s", cases[i]);
        double base = lookup(cases[i], "libnd");
        for (int j = 0; j < nimpls; j++) {
            char t[32];
            fmt_time(t, sizeof t, lookup(cases[i], impls[j]));
            printf(" %11s", t);
        }
        for (int j = 1; j < nimpls; j++) {
            double v = lookup(cases[i], impls[j]);
            if (isnan(v) || isnan(base) || base <= 0) printf(" %13s", "-");
            else printf(" %12.2fx", v / base);
        }
        printf("\n");
    }
    printf("(medians of %d runs; a ratio above 1 means libnd is faster)\n", BENCH_REPS);
    for (int i = 0; i < g_nnotes; i++) printf("note: %s\n", g_notes[i]);

    if (!csv_path) return;
    FILE *f = fopen(csv_path, "w");
    if (!f) {
        fprintf(stderr, "bench: cannot write %s\n", csv_path);
        return;
    }
    fprintf(f, "case,impl,median_s\n");
    for (int i = 0; i < g_nrows; i++)
        if (!isnan(g_rows[i].median_s))
            fprintf(f, "%s,%s,%.9g\n", g_rows[i].case_name, g_rows[i].impl, g_rows[i].median_s);
    fclose(f);
    printf("wrote %s\n", csv_path);
}

int main(int argc, char **argv) {
    const char *numpy = NULL, *csv = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--numpy") && i + 1 < argc) numpy = argv[++i];
        else if (!strcmp(argv[i], "--csv") && i + 1 < argc) csv = argv[++i];
        else {
            fprintf(stderr, "usage: %s [--numpy bench_numpy.py] [--csv results.csv]\n", argv[0]);
            return 2;
        }
    }
    printf("libnd %s benchmarks: %d threads, kernels '%s'\n", nd_version(), nd_get_num_threads(),
           nd_get_arch());
    fflush(stdout);

    bench_elementwise();
    bench_reduce();
    bench_linalg();
    bench_linalg_einsum();
    bench_sort();
    bench_lapack();
    bench_autodiff();
    /* later groups (io, nn, ...) go here */

    if (numpy) run_numpy(numpy);
    else bench_note("numpy skipped: no --numpy script given");
    report(csv);
    return 0;
}
