/* Tests for text files (src/io/text.c): nd_loadtxt's parsing, options and
 * shape rules and its errors, nd_savetxt's formats and header, and interop
 * with np.loadtxt / np.savetxt through /usr/bin/python3 when it has numpy.
 * Expected strings come from NumPy 1.24 unless a comment says otherwise. */
#include "data/io_test.h"

#include <locale.h>
#include <stdlib.h>

#define VALS(...) ((const double[]){__VA_ARGS__})

static nd_array *load_str(const char *text, const nd_loadtxt_options *o) {
    io_write(io_path("in.txt"), text, strlen(text));
    return nd_loadtxt(io_path("in.txt"), o);
}

static char *save_str(const nd_array *a, const nd_savetxt_options *o) {
    ND_ASSERT_OK(nd_savetxt(io_path("out.txt"), a, o));
    size_t n;
    char *s = (char *)io_read(io_path("out.txt"), &n);
    s[n] = '\0';
    return s;
}

static void expect_saved(const nd_array *a, const nd_savetxt_options *o, const char *expect) {
    char *s = save_str(a, o);
    assert_string_equal(s, expect);
    free(s);
}

/* ------------------------------------------------------------ loadtxt */

static void test_load_basic(void **state) {
    (void)state;
    nd_array *a = load_str("# a header\n1 2 3\n\n  4\t5 6  # trailing\r\n   \n7 8 9\r\n", NULL);
    ND_ASSERT_ARRAY(a);
    assert_int_equal(nd_dtype_of(a), ND_FLOAT64);
    nd_test_shape(a, 2, SH(3, 3));
    nd_test_expect(a, VALS(1, 2, 3, 4, 5, 6, 7, 8, 9), 0);
    nd_free(a);
    a = load_str("nan inf -inf +1e3 .5 5. 1E5 -0 1e400", NULL);
    nd_test_shape(a, 1, SH(9));
    nd_test_expect(a, VALS(NAN, INFINITY, -INFINITY, 1000, .5, 5, 1e5, 0, INFINITY), 0);
    nd_free(a);
    /* a delimiter, with blanks around fields */
    nd_loadtxt_options o = nd_loadtxt_defaults();
    o.delimiter = ',';
    a = load_str("1, 2 ,3\n4,5,6\n", &o);
    nd_test_shape(a, 2, SH(2, 3));
    nd_test_expect(a, VALS(1, 2, 3, 4, 5, 6), 0);
    nd_free(a);
    /* another comment character, or none */
    o.comments = ';';
    a = load_str("1,2;3\n", &o);
    nd_test_expect(a, VALS(1, 2), 0);
    nd_free(a);
    o = nd_loadtxt_defaults();
    o.comments = 0;
    IO_EXPECT_FAIL(load_str("1 2 # x\n", &o), ND_ERR_VALUE, "could not convert '#'");
    /* skiprows counts every line, comments too */
    o = nd_loadtxt_defaults();
    o.skiprows = 2;
    a = load_str("# c\nname value\n1 2\n3 4\n", &o);
    nd_test_shape(a, 2, SH(2, 2));
    nd_free(a);
    /* float32 */
    o = nd_loadtxt_defaults();
    o.dtype = ND_FLOAT32;
    a = load_str("0.1 3.4028235e38\n", &o);
    assert_int_equal(nd_dtype_of(a), ND_FLOAT32);
    const float *f = nd_data(a);
    assert_true(f[0] == 0.1f && f[1] == 3.4028235e38f);
    nd_free(a);
}

static void test_load_shapes(void **state) {
    (void)state;
    nd_array *a = load_str("5\n", NULL);
    nd_test_shape(a, 0, NULL);
    nd_test_expect(a, VALS(5), 0);
    nd_free(a);
    a = load_str("1 2 3\n", NULL);
    nd_test_shape(a, 1, SH(3));
    nd_free(a);
    a = load_str("1\n2\n3\n", NULL);
    nd_test_shape(a, 1, SH(3));
    nd_free(a);
    a = load_str("", NULL);
    nd_test_shape(a, 1, SH(0));
    nd_free(a);
    a = load_str("# only a comment\n\n", NULL);
    nd_test_shape(a, 1, SH(0));
    nd_free(a);
    nd_loadtxt_options o = nd_loadtxt_defaults();
    o.usecols = (const int[]){0, 1};
    o.nusecols = 2;
    a = load_str("", &o);
    nd_test_shape(a, 2, SH(0, 2));
    nd_free(a);
}

static void test_load_usecols(void **state) {
    (void)state;
    nd_loadtxt_options o = nd_loadtxt_defaults();
    o.usecols = (const int[]){2, 0};
    o.nusecols = 2;
    nd_array *a = load_str("1 2 3\n4 5 6 7\n", &o); /* extra columns are fine */
    nd_test_shape(a, 2, SH(2, 2));
    nd_test_expect(a, VALS(3, 1, 6, 4), 0);
    nd_free(a);
    o.usecols = (const int[]){-1};
    o.nusecols = 1;
    a = load_str("1 2\n3 4 5\n", &o); /* -1 is each line's last, as NumPy */
    nd_test_expect(a, VALS(2, 5), 0);
    nd_free(a);
    o.usecols = (const int[]){2};
    IO_EXPECT_FAIL(load_str("1 2 3\n4 5\n", &o), ND_ERR_INDEX, "line 2: usecols column 2 is out of range");
    o.usecols = NULL;
    IO_EXPECT_FAIL(load_str("1\n", &o), ND_ERR_NULL, "usecols");
}

static void test_load_integers(void **state) {
    (void)state;
    nd_loadtxt_options o = nd_loadtxt_defaults();
    o.dtype = ND_INT8;
    nd_array *a = load_str("-128 +127 0 -0\n", &o);
    nd_test_expect(a, VALS(-128, 127, 0, 0), 0);
    nd_free(a);
    /* stricter than NumPy, which wraps 300 to 44 and truncates 1.5 with a
     * DeprecationWarning */
    IO_EXPECT_FAIL(load_str("1 300\n", &o), ND_ERR_VALUE, "line 1, column 2: 300 is out of range for int8");
    IO_EXPECT_FAIL(load_str("1 -129\n", &o), ND_ERR_VALUE, "out of range");
    IO_EXPECT_FAIL(load_str("1.5\n", &o), ND_ERR_VALUE, "could not convert '1.5' to int8");
    IO_EXPECT_FAIL(load_str("0x10\n", &o), ND_ERR_VALUE, "could not convert");
    o.dtype = ND_UINT64;
    a = load_str("18446744073709551615 0\n", &o);
    const uint64_t *u = nd_data(a);
    assert_true(u[0] == UINT64_MAX && u[1] == 0);
    nd_free(a);
    IO_EXPECT_FAIL(load_str("18446744073709551616\n", &o), ND_ERR_VALUE, "out of range for uint64");
    IO_EXPECT_FAIL(load_str("-1\n", &o), ND_ERR_VALUE, "out of range for uint64");
    o.dtype = ND_INT64;
    a = load_str("-9223372036854775808 9223372036854775807\n", &o);
    const int64_t *i = nd_data(a);
    assert_true(i[0] == INT64_MIN && i[1] == INT64_MAX);
    nd_free(a);
    IO_EXPECT_FAIL(load_str("9223372036854775808\n", &o), ND_ERR_VALUE, "out of range for int64");
    /* bools read integers, any nonzero is true, as NumPy */
    o.dtype = ND_BOOL;
    a = load_str("1 0 2 -0\n", &o);
    assert_memory_equal(nd_data(a), ((const unsigned char[]){1, 0, 1, 0}), 4);
    nd_free(a);
    IO_EXPECT_FAIL(load_str("True\n", &o), ND_ERR_VALUE, "could not convert 'True' to bool");
}

static void test_load_errors(void **state) {
    (void)state;
    IO_EXPECT_FAIL(load_str("1 2\n3 4\n5\n", NULL), ND_ERR_VALUE, "line 3 has 1 columns but line 1 has 2");
    IO_EXPECT_FAIL(load_str("1 2\nx 4\n", NULL), ND_ERR_VALUE, "line 2, column 1: could not convert 'x' to float64");
    IO_EXPECT_FAIL(load_str("1 nan(12)\n", NULL), ND_ERR_VALUE, "could not convert 'nan(12)'");
    IO_EXPECT_FAIL(load_str("0x1p3\n", NULL), ND_ERR_VALUE, "could not convert");
    IO_EXPECT_FAIL(load_str("1_000\n", NULL), ND_ERR_VALUE, "could not convert");
    nd_loadtxt_options o = nd_loadtxt_defaults();
    o.delimiter = ',';
    IO_EXPECT_FAIL(load_str("1,,2\n", &o), ND_ERR_VALUE, "column 2: could not convert ''");
    IO_EXPECT_FAIL(load_str("1,2,\n", &o), ND_ERR_VALUE, "column 3");
    io_write(io_path("nul.txt"), "1\0002\n", 4);
    IO_EXPECT_FAIL(nd_loadtxt(io_path("nul.txt"), NULL), ND_ERR_VALUE, "could not convert '1\\x002'");
    o.comments = ',';
    IO_EXPECT_FAIL(load_str("1\n", &o), ND_ERR_VALUE, "must differ");
    o = nd_loadtxt_defaults();
    o.skiprows = -1;
    IO_EXPECT_FAIL(load_str("1\n", &o), ND_ERR_VALUE, "skiprows");
    o = nd_loadtxt_defaults();
    o.dtype = (nd_dtype)99;
    IO_EXPECT_FAIL(load_str("1\n", &o), ND_ERR_DTYPE, "dtype");
    IO_EXPECT_FAIL(nd_loadtxt(io_path("missing.txt"), NULL), ND_ERR_IO, "cannot open");
    IO_EXPECT_FAIL(nd_loadtxt(NULL, NULL), ND_ERR_NULL, "path");
}

/* ------------------------------------------------------------ savetxt */

static void test_save_formats(void **state) {
    (void)state;
    nd_array *a = nd_arange(0, 3, 1, ND_FLOAT64);
    expect_saved(a, NULL, "0.000000000000000000e+00\n1.000000000000000000e+00\n2.000000000000000000e+00\n");
    nd_free(a);
    a = nd_arange(0, 4, 1, ND_INT64);
    nd_array *m = nd_reshape(a, 2, SH(2, 2));
    nd_savetxt_options o = nd_savetxt_defaults();
    o.fmt = "%d";
    o.delimiter = ',';
    o.header = "a\nb";
    expect_saved(m, &o, "# a\n# b\n0,1\n2,3\n");
    o.comments = "%% ";
    o.header = "x";
    expect_saved(m, &o, "%% x\n0,1\n2,3\n");
    /* a non-contiguous view, in logical order */
    nd_array *t = nd_transpose(m, NULL);
    o = nd_savetxt_defaults();
    o.fmt = "%d";
    expect_saved(t, &o, "0 2\n1 3\n");
    nd_free(t);
    nd_free(m);
    nd_free(a);
    nd_array *s = nd_test_array(ND_FLOAT64, 2, SH(1, 3), VALS(1.5, NAN, -INFINITY));
    o.fmt = "%5.2f";
    expect_saved(s, &o, " 1.50   nan  -inf\n");
    nd_free(s);
    s = nd_test_array(ND_FLOAT64, 2, SH(1, 1), VALS(-NAN));
    expect_saved(s, NULL, "nan\n");
    nd_free(s);
    s = nd_test_array(ND_FLOAT64, 2, SH(1, 2), VALS(1.5, 2));
    o.fmt = "%d|%e"; /* one conversion per column: a whole row */
    expect_saved(s, &o, "1|2.000000e+00\n");
    o.fmt = "%ld"; /* length modifiers are ignored, as by Python's % */
    expect_saved(s, &o, "1 2\n");
    o.fmt = "<%g>";
    expect_saved(s, &o, "<1.5> <2>\n");
    o.fmt = "%.1f%%";
    expect_saved(s, &o, "1.5% 2.0%\n");
    nd_free(s);
    s = nd_test_array(ND_FLOAT64, 1, SH(2), VALS(1e20, -2.7));
    o.fmt = "%d";
    expect_saved(s, &o, "100000000000000000000\n-2\n");
    nd_free(s);
    s = nd_test_array(ND_BOOL, 2, SH(1, 2), VALS(1, 0));
    expect_saved(s, NULL, "1.000000000000000000e+00 0.000000000000000000e+00\n");
    nd_free(s);
    nd_array *u = nd_full(1, SH(1), ND_UINT64, 0);
    *(uint64_t *)nd_data(u) = UINT64_MAX;
    o.fmt = "%d";
    expect_saved(u, &o, "18446744073709551615\n");
    o.fmt = "%x";
    expect_saved(u, &o, "ffffffffffffffff\n");
    nd_free(u);
    nd_array *e = nd_zeros(2, SH(0, 3), ND_FLOAT64);
    expect_saved(e, NULL, "");
    nd_free(e);
}

static void test_save_errors(void **state) {
    (void)state;
    nd_array *c = nd_zeros(3, SH(1, 1, 1), ND_FLOAT64), *m = nd_zeros(2, SH(2, 2), ND_FLOAT64);
    assert_int_equal(nd_savetxt(io_path("e.txt"), c, NULL), ND_ERR_SHAPE);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "1-D or 2-D");
    nd_array *z = nd_scalar(1, ND_FLOAT64);
    assert_int_equal(nd_savetxt(io_path("e.txt"), z, NULL), ND_ERR_SHAPE);
    nd_clear_error();
    nd_savetxt_options o = nd_savetxt_defaults();
    const char *bad[] = {"%s", "%c", "%*d", "no conversion", "%d %d %d", "%"};
    for (int i = 0; i < 6; i++) {
        o.fmt = bad[i];
        assert_int_equal(nd_savetxt(io_path("e.txt"), m, &o), ND_ERR_VALUE);
        nd_clear_error();
    }
    o.fmt = "%x";
    assert_int_equal(nd_savetxt(io_path("e.txt"), m, &o), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "integer array");
    nd_array *n = nd_full(1, SH(1), ND_FLOAT64, NAN);
    o.fmt = "%d";
    assert_int_equal(nd_savetxt(io_path("e.txt"), n, &o), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "cannot format");
    assert_int_equal(access(io_path("e.txt"), F_OK), -1); /* nothing left behind */
    assert_int_equal(nd_savetxt(NULL, m, NULL), ND_ERR_NULL);
    nd_clear_error();
    assert_int_equal(nd_savetxt(io_path("no/dir/x.txt"), m, NULL), ND_ERR_IO);
    nd_clear_error();
    nd_free(n);
    nd_free(z);
    nd_free(c);
    nd_free(m);
}

static void test_roundtrip(void **state) {
    (void)state;
    nd_array *a = io_iota(ND_FLOAT64, 2, SH(7, 3));
    nd_array *r = nd_random_normal(&(nd_rng){1, 0}, 0, 1e5, 2, SH(4, 5), ND_FLOAT64);
    const nd_array *cases[] = {a, r};
    for (int i = 0; i < 2; i++) {
        ND_ASSERT_OK(nd_savetxt(io_path("rt.txt"), cases[i], NULL));
        nd_array *b = nd_loadtxt(io_path("rt.txt"), NULL);
        io_expect_equal(b, cases[i]); /* %.18e round-trips doubles exactly */
        nd_free(b);
    }
    nd_free(r);
    nd_free(a);
    /* whatever the process's locale, numbers use '.' */
    const char *old = setlocale(LC_NUMERIC, NULL);
    char saved[64];
    snprintf(saved, sizeof saved, "%s", old ? old : "C");
    if (setlocale(LC_NUMERIC, "de_DE.UTF-8") || setlocale(LC_NUMERIC, "fr_FR.UTF-8")) {
        nd_array *h = nd_full(1, SH(1), ND_FLOAT64, 0.5);
        expect_saved(h, NULL, "5.000000000000000000e-01\n");
        nd_array *l = load_str("0.25\n", NULL);
        nd_test_expect(l, VALS(0.25), 0);
        nd_free(l);
        nd_free(h);
    }
    setlocale(LC_NUMERIC, saved);
}

/* ------------------------------------------------------------ attacks */

/* Values that cannot be formatted are found before the file is touched:
 * an existing file stays as it was (it used to be truncated and removed). */
static void test_save_checks_first(void **state) {
    (void)state;
    const char *dir = io_subdir("keep");
    char path[700];
    snprintf(path, sizeof path, "%s/a.txt", dir);
    static const char old[] = "1 2 3\n";
    io_write(path, old, sizeof old - 1);
    nd_array *n = nd_test_array(ND_FLOAT64, 2, SH(2, 2), VALS(1, 2, 3, INFINITY));
    nd_array *f = nd_test_array(ND_FLOAT32, 1, SH(2), VALS(1, 2));
    nd_savetxt_options o = nd_savetxt_defaults();
    o.fmt = "%d";
    assert_int_equal(nd_savetxt(path, n, &o), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_savetxt: cannot format inf with %d");
    o.fmt = "%.1f %i"; /* only the second column holds the inf */
    assert_int_equal(nd_savetxt(path, n, &o), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "cannot format inf with %i");
    o.fmt = "%x";
    assert_int_equal(nd_savetxt(path, f, &o), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "%x needs an integer array, not float32");
    io_expect_file(path, old, sizeof old - 1);
    assert_int_equal(io_count_entries(dir), 1);
    /* the inf column under %f is fine */
    o.fmt = "%d %.1f";
    ND_ASSERT_OK(nd_savetxt(path, n, &o));
    io_expect_file(path, "1 2.0\n3 inf\n", 12);
    /* the disk fills up part way */
    io_write(path, old, sizeof old - 1);
    nd_array *big = io_iota(ND_FLOAT64, 2, SH(300, 40));
    io_limit_file_size(4096);
    nd_status st = nd_savetxt(path, big, NULL);
    io_limit_file_size(-1);
    assert_int_equal(st, ND_ERR_IO);
    ND_ASSERT_ERROR(ND_ERR_IO, "nd_savetxt: cannot write");
    io_expect_file(path, old, sizeof old - 1);
    assert_int_equal(io_count_entries(dir), 1);
    nd_free(big);
    nd_free(f);
    nd_free(n);
}

/* Widths and precisions are bounded (at most 1100): an overflowing width
 * was ignored, and "%.2147483647f" wrote gigabytes. */
static void test_save_format_bounds(void **state) {
    (void)state;
    nd_array *a = nd_test_array(ND_FLOAT64, 1, SH(2), VALS(1.5, -2));
    nd_savetxt_options o = nd_savetxt_defaults();
    const char *bad[] = {"%99999999999999999999d", "%.2147483647f", "%.99999999999999999999e", "%1101d",
                         "%.1101g", "%-+ #01101.3f"};
    for (int i = 0; i < 6; i++) {
        o.fmt = bad[i];
        assert_int_equal(nd_savetxt(io_path("b.txt"), a, &o), ND_ERR_VALUE);
        if (!strstr(nd_errmsg(), bad[i]) || !strstr(nd_errmsg(), "1100"))
            fail_msg("fmt %s: message '%s'", bad[i], nd_errmsg());
        nd_clear_error();
    }
    assert_int_equal(access(io_path("b.txt"), F_OK), -1);
    /* the bounds themselves work: every digit of the smallest double */
    nd_array *tiny = nd_full(1, SH(1), ND_FLOAT64, 5e-324);
    o.fmt = "%.1074f";
    char *s = save_str(tiny, &o);
    assert_int_equal(strlen(s), 1077);
    assert_memory_equal(s + 1071, "65625\n", 6);
    free(s);
    o.fmt = "%1100d";
    s = save_str(a, &o);
    assert_int_equal(strlen(s), 2 * 1101);
    free(s);
    /* flags repeat as Python allows; '%.d' is precision 0 */
    o.fmt = "%--5d|%.f";
    nd_array *m = nd_reshape(a, 2, SH(1, 2));
    expect_saved(m, &o, "1    |-2\n");
    nd_free(m);
    nd_free(tiny);
    nd_free(a);
}

/* Files whose size says nothing (/proc, st_size 0) are read to their end;
 * a FIFO is refused at once instead of blocking. */
static void test_load_special_files(void **state) {
    (void)state;
    FILE *f = fopen("/proc/sys/kernel/pid_max", "r");
    if (f) {
        long long want = 0;
        assert_int_equal(fscanf(f, "%lld", &want), 1);
        fclose(f);
        nd_loadtxt_options o = nd_loadtxt_defaults();
        o.dtype = ND_INT64;
        nd_array *a = nd_loadtxt("/proc/sys/kernel/pid_max", &o);
        ND_ASSERT_ARRAY(a);
        assert_int_equal(nd_ndim(a), 0);
        assert_int_equal(*(const int64_t *)nd_data(a), want);
        nd_free(a);
    } else {
        print_message("note: no /proc/sys/kernel/pid_max\n");
    }
    nd_array *m = nd_loadtxt("/proc/self/statm", NULL); /* seven numbers */
    if (m) {
        nd_test_shape(m, 1, SH(7));
        nd_free(m);
    } else {
        fail_msg("/proc/self/statm: %s", nd_errmsg());
    }
    const char *fifo = io_path("pipe.txt");
    assert_int_equal(mkfifo(fifo, 0600), 0);
    io_hang_guard(true);
    IO_EXPECT_FAIL(nd_loadtxt(fifo, NULL), ND_ERR_IO, "nd_loadtxt: '");
    IO_EXPECT_FAIL(nd_loadtxt(fifo, NULL), ND_ERR_IO, "is not a regular file (a FIFO)");
    io_hang_guard(false);
    IO_EXPECT_FAIL(nd_loadtxt("/dev/null", NULL), ND_ERR_IO, "is not a regular file (a character device)");
    IO_EXPECT_FAIL(nd_loadtxt(io_dir, NULL), ND_ERR_IO, "is not a regular file (a folder)");
}

typedef struct text_case {
    const char *path;
    const nd_array *a;
    const nd_savetxt_options *o;
} text_case;

static bool run_loadtxt(void *ctx) {
    text_case *c = ctx;
    nd_array *a = nd_loadtxt(c->path, NULL);
    nd_free(a);
    return a != NULL;
}

static bool run_savetxt(void *ctx) {
    text_case *c = ctx;
    return nd_savetxt(c->path, c->a, c->o) == ND_OK;
}

static void test_allocation_failures(void **state) {
    (void)state;
    nd_array *a = io_iota(ND_FLOAT64, 2, SH(30, 4));
    text_case c = {io_path("alloc.txt"), a, NULL};
    ND_ASSERT_OK(nd_savetxt(c.path, a, NULL));
    io_alloc_sweep("nd_loadtxt", run_loadtxt, NULL, &c);
    io_alloc_sweep("nd_savetxt", run_savetxt, NULL, &c);
    nd_free(a);
}

/* ------------------------------------------------------------ NumPy */

static void test_numpy_interop(void **state) {
    (void)state;
    IO_SKIP_WITHOUT_NUMPY();
    nd_array *a = io_iota(ND_FLOAT64, 2, SH(5, 4));
    nd_array *b = io_iota(ND_INT32, 1, SH(6));
    ND_ASSERT_OK(nd_savetxt(io_path("nd_a.txt"), a, NULL));
    nd_savetxt_options o = nd_savetxt_defaults();
    o.fmt = "%d";
    o.delimiter = ',';
    o.header = "ints\nsecond line";
    ND_ASSERT_OK(nd_savetxt(io_path("nd_b.txt"), b, &o));
    o = nd_savetxt_defaults();
    o.fmt = "%10.4g";
    ND_ASSERT_OK(nd_savetxt(io_path("nd_c.txt"), a, &o));
    /* NumPy reads libnd's files, and writes the same bytes for the same
     * arrays; it also writes files for libnd to read */
    static const char script[] =
        "import numpy as np, sys\n"
        "a = ((np.arange(20) * 7 % 101 - 20) + 0.25).reshape(5, 4)\n"
        "b = (np.arange(6) * 7 % 101 - 20).astype('i4')\n"
        "ok = np.array_equal(np.loadtxt('nd_a.txt'), a)\n"
        "ok &= np.array_equal(np.loadtxt('nd_b.txt', delimiter=',', dtype='i4'), b)\n"
        "np.savetxt('np_a.txt', a)\n"
        "np.savetxt('np_b.txt', b, fmt='%d', delimiter=',', header='ints\\nsecond line')\n"
        "np.savetxt('np_c.txt', a, fmt='%10.4g')\n"
        "for x in 'abc':\n"
        "    ok &= open('nd_%s.txt' % x).read() == open('np_%s.txt' % x).read()\n"
        "np.savetxt('np_d.txt', np.sin(np.arange(12.)).reshape(3, 4), delimiter=';', header='h')\n"
        "np.sin(np.arange(12.)).reshape(3, 4).tofile('np_d.raw')\n"
        "sys.exit(0 if ok else 1)\n";
    assert_int_equal(io_python(script), 0);
    nd_loadtxt_options lo = nd_loadtxt_defaults();
    lo.delimiter = ';';
    nd_array *d = nd_loadtxt(io_path("np_d.txt"), &lo);
    ND_ASSERT_ARRAY(d);
    nd_test_shape(d, 2, SH(3, 4));
    size_t n;
    unsigned char *raw = io_read(io_path("np_d.raw"), &n);
    assert_int_equal(n, nd_nbytes(d));
    assert_memory_equal(nd_data(d), raw, n);
    free(raw);
    nd_free(d);
    nd_free(b);
    nd_free(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_basic),    cmocka_unit_test(test_load_shapes),
        cmocka_unit_test(test_load_usecols),  cmocka_unit_test(test_load_integers),
        cmocka_unit_test(test_load_errors),   cmocka_unit_test(test_save_formats),
        cmocka_unit_test(test_save_errors),   cmocka_unit_test(test_roundtrip),
        cmocka_unit_test(test_save_checks_first), cmocka_unit_test(test_save_format_bounds),
        cmocka_unit_test(test_load_special_files), cmocka_unit_test(test_allocation_failures),
        cmocka_unit_test(test_numpy_interop),
    };
    return cmocka_run_group_tests(tests, io_setup, io_teardown);
}
