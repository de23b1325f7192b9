/* Shared pieces of the benchmark suite (the bench/ C files): timing, the results
 * table and the CSV. Each group of cases lives in its own file and is
 * listed in bench.c's table of groups. */
#ifndef ND_BENCH_H
#define ND_BENCH_H

#include <nd.h>

#include <stdbool.h>
#include <stdint.h>

/* Repetitions timed per case, after a warm-up; the median is reported. */
#define BENCH_REPS 11

/* Seconds on a monotonic clock. */
double bench_now(void);

/* Calls fn(arg) once to warm up, then times BENCH_REPS repetitions of
 * `batch` calls each; returns the median seconds per call. */
double bench_time(void (*fn)(void *), void *arg, int batch);

/* The median of n timings (sorts t in place). */
double bench_median(double *t, int n);

/* As bench_time for k cases, fns[i](args[i]), their repetitions taken in
 * turns so that all see the same load on a shared machine (for ratios
 * between them; k at most BENCH_TURNS_MAX); writes each one's median
 * seconds per call to med. */
#define BENCH_TURNS_MAX 8
void bench_time_turns(int k, void (*const *fns)(void *), void *const *args, int batch, double *med);

/* Records one result (NaN if the case could not run). */
void bench_record(const char *case_name, const char *impl, double median_s);

/* Prints a note under the table (printf-like). */
void bench_note(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Fills n floats with reproducible values in [lo, hi). */
void bench_fill_f32(float *p, int64_t n, float lo, float hi, uint64_t seed);

/* Largest |a[i] - b[i]| / max(1, |b[i]|) over n floats. */
double bench_max_rel_diff(const float *a, const float *b, int64_t n);

/* Keeps the compiler from removing work whose result is unused. */
static inline void bench_escape(void *p) { __asm__ volatile("" : : "g"(p) : "memory"); }

/* Case groups; each records its results with bench_record. */
void bench_elementwise(void);
void bench_reduce(void);
void bench_linalg(void);
void bench_linalg_einsum(void);
void bench_sort(void);
void bench_lapack(void);
void bench_autodiff(void);

#endif
