/* Tests for text files (src/io/text.c): nd_loadtxt's parsing, options and
 * shape rules and its errors, nd_savetxt's formats and header, and interop
 * with np.loadtxt / np.savetxt through /usr/bin/python3 when it has numpy.
 * Expected strings come from NumPy 1.24 unless a comment says otherwise. */
#include "data/io_test.h"

#include <locale.h>
#include <stdlib.h>
#include <zlib.h>

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
    IO_EXPECT_FAIL(nd_loadtxt(io_path("nul.txt"), NULL), ND_ERR_VALUE,
                   "nul.txt' line 1 holds binary data (byte 0x00 at column 2)");
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

/* ------------------------------------------------------------ gzip, streams, buffers */

/* text compressed as gzip by zlib (deflate with a gzip wrapper); *n its
 * length; the caller frees it. */
static unsigned char *gz_bytes(const char *text, size_t len, size_t *n) {
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t cap = deflateBound(&z, (uLong)len) + 64;
    unsigned char *out = malloc(cap);
    assert_non_null(out);
    z.next_in = (Bytef *)text;
    z.avail_in = (uInt)len;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    *n = cap - z.avail_out;
    deflateEnd(&z);
    return out;
}

/* A text of `rows` lines of three numbers, longer than a read chunk when
 * rows is large. */
static char *table_text(int rows, size_t *len) {
    size_t cap = (size_t)rows * 64 + 64, n = 0;
    char *t = malloc(cap);
    assert_non_null(t);
    n += (size_t)snprintf(t, cap, "# a table\n");
    for (int r = 0; r < rows; r++)
        n += (size_t)snprintf(t + n, cap - n, "%d %.17g %d\n", r, r * 0.1 - 7, -r * 3);
    *len = n;
    return t;
}

static void test_load_gzip(void **state) {
    (void)state;
    const int sizes[] = {1, 5, 20000}; /* 20000 rows: several chunks each way */
    for (int k = 0; k < 3; k++) {
        size_t len, glen;
        char *text = table_text(sizes[k], &len);
        unsigned char *gz = gz_bytes(text, len, &glen);
        io_write(io_path("t.txt"), text, len);
        io_write(io_path("t.txt.gz"), gz, glen);
        io_write(io_path("t.dat"), gz, glen); /* the magic decides, not the name */
        nd_array *want = nd_loadtxt(io_path("t.txt"), NULL);
        ND_ASSERT_ARRAY(want);
        nd_array *a = nd_loadtxt(io_path("t.txt.gz"), NULL);
        io_expect_equal(a, want);
        nd_free(a);
        a = nd_loadtxt(io_path("t.dat"), NULL);
        io_expect_equal(a, want);
        nd_free(a);
        a = nd_loadtxt_buffer(gz, glen, NULL);
        io_expect_equal(a, want);
        nd_free(a);
        a = nd_loadtxt_buffer(text, len, NULL);
        io_expect_equal(a, want);
        nd_free(a);
        FILE *f = fopen(io_path("t.txt.gz"), "rb");
        a = nd_loadtxt_file(f, NULL);
        io_expect_equal(a, want);
        assert_true(feof(f) || fgetc(f) == EOF); /* left open, at the end */
        fclose(f);
        nd_free(a);
        /* two members and zero padding, as Python's gzip reads them */
        unsigned char *two = malloc(2 * glen + 16);
        memcpy(two, gz, glen);
        memcpy(two + glen, gz, glen);
        memset(two + 2 * glen, 0, 16);
        a = nd_loadtxt_buffer(two, 2 * glen + 16, NULL);
        ND_ASSERT_ARRAY(a);
        assert_int_equal(nd_size(a), 2 * nd_size(want));
        nd_free(a);
        free(two);
        nd_free(want);
        free(gz);
        free(text);
    }
    /* a file made by Python's gzip module, against what np.loadtxt read */
    nd_array *p = nd_loadtxt(io_data("text", "py_gzip.txt.gz"), NULL);
    ND_ASSERT_ARRAY(p);
    nd_test_shape(p, 2, SH(3, 3));
    size_t n;
    unsigned char *raw = io_read(io_data("text", "py_gzip.raw"), &n);
    assert_int_equal(n, nd_nbytes(p));
    assert_memory_equal(nd_data(p), raw, n);
    free(raw);
    nd_free(p);
    /* empty text, compressed */
    size_t glen;
    unsigned char *gz = gz_bytes("", 0, &glen);
    nd_array *e = nd_loadtxt_buffer(gz, glen, NULL);
    nd_test_shape(e, 1, SH(0));
    nd_free(e);
    free(gz);
}

static void test_load_gzip_corrupt(void **state) {
    (void)state;
    size_t len, glen;
    char *text = table_text(3000, &len);
    unsigned char *gz = gz_bytes(text, len, &glen);
    unsigned char *bad = malloc(glen + 8);
    /* truncated anywhere: an I/O error, from every source */
    const size_t cuts[] = {2, 3, 10, glen / 2, glen - 4, glen - 1}; /* one byte is no magic */
    for (int i = 0; i < 6; i++) {
        io_write(io_path("cut.gz"), gz, cuts[i]);
        IO_EXPECT_FAIL(nd_loadtxt(io_path("cut.gz"), NULL), ND_ERR_IO, "cut.gz' is truncated: the gzip data ends early");
        IO_EXPECT_FAIL(nd_loadtxt_buffer(gz, cuts[i], NULL), ND_ERR_IO, "nd_loadtxt_buffer: the buffer is truncated");
        FILE *f = fopen(io_path("cut.gz"), "rb");
        IO_EXPECT_FAIL(nd_loadtxt_file(f, NULL), ND_ERR_IO, "nd_loadtxt_file: the stream is truncated");
        fclose(f);
    }
    /* corrupt deflate data, header, CRC-32 or length */
    const size_t flips[] = {glen / 2, 3, glen - 6, glen - 2};
    const char *what[] = {"corrupt gzip data", "corrupt gzip data", "corrupt gzip data (incorrect data check",
                          "corrupt gzip data (incorrect length check"};
    for (int i = 0; i < 4; i++) {
        memcpy(bad, gz, glen);
        bad[flips[i]] ^= 0x55;
        if (i == 1) bad[3] = 0xe0; /* reserved flag bits */
        io_write(io_path("bad.gz"), bad, glen);
        IO_EXPECT_FAIL(nd_loadtxt(io_path("bad.gz"), NULL), ND_ERR_VALUE, what[i]);
        IO_EXPECT_FAIL(nd_loadtxt_buffer(bad, glen, NULL), ND_ERR_VALUE, what[i]);
    }
    /* bytes after the end that are not another member */
    memcpy(bad, gz, glen);
    memcpy(bad + glen, "1 2 3\n", 6);
    IO_EXPECT_FAIL(nd_loadtxt_buffer(bad, glen + 6, NULL), ND_ERR_VALUE,
                   "bytes after the end of the gzip data are not gzip data (byte 0x31)");
    free(bad);
    free(gz);
    free(text);
}

static void test_load_stream(void **state) {
    (void)state;
    /* from the current position of a tmpfile, which stays open */
    FILE *f = tmpfile();
    assert_non_null(f);
    fputs("name value\n1 2\n3 4\n", f);
    fseek(f, 11, SEEK_SET);
    nd_array *a = nd_loadtxt_file(f, NULL);
    nd_test_shape(a, 2, SH(2, 2));
    nd_test_expect(a, VALS(1, 2, 3, 4), 0);
    nd_free(a);
    assert_int_equal(fputs("5 6\n", f) >= 0, 1); /* still open */
    rewind(f);
    nd_loadtxt_options o = nd_loadtxt_defaults();
    o.skiprows = 1;
    o.dtype = ND_INT32;
    a = nd_loadtxt_file(f, &o);
    nd_test_shape(a, 2, SH(3, 2));
    assert_int_equal(nd_dtype_of(a), ND_INT32);
    nd_free(a);
    /* at its end: no data */
    a = nd_loadtxt_file(f, NULL);
    nd_test_shape(a, 1, SH(0));
    nd_free(a);
    rewind(f);
    IO_EXPECT_FAIL(nd_loadtxt_file(f, NULL), ND_ERR_VALUE,
                   "nd_loadtxt_file: the stream line 1, column 1: could not convert 'name' to float64");
    fclose(f);
    /* a pipe, plain and compressed */
    FILE *p = popen("printf '1 2 3\\n4 5 6\\n'", "r");
    assert_non_null(p);
    a = nd_loadtxt_file(p, NULL);
    assert_int_equal(pclose(p), 0);
    nd_test_shape(a, 2, SH(2, 3));
    nd_test_expect(a, VALS(1, 2, 3, 4, 5, 6), 0);
    nd_free(a);
    size_t len, glen;
    char *text = table_text(20000, &len);
    unsigned char *gz = gz_bytes(text, len, &glen);
    io_write(io_path("p.gz"), gz, glen);
    char cmd[800];
    snprintf(cmd, sizeof cmd, "cat '%s'", io_path("p.gz"));
    p = popen(cmd, "r");
    assert_non_null(p);
    a = nd_loadtxt_file(p, NULL);
    assert_int_equal(pclose(p), 0);
    nd_array *want = nd_loadtxt_buffer(text, len, NULL);
    io_expect_equal(a, want);
    nd_free(want);
    nd_free(a);
    free(gz);
    free(text);
    /* a stream that cannot be read */
    FILE *w = fopen("/dev/null", "w");
    assert_non_null(w);
    IO_EXPECT_FAIL(nd_loadtxt_file(w, NULL), ND_ERR_IO, "nd_loadtxt_file: cannot read the stream");
    fclose(w);
    IO_EXPECT_FAIL(nd_loadtxt_file(NULL, NULL), ND_ERR_NULL, "nd_loadtxt_file: argument 'f'");
    o = nd_loadtxt_defaults();
    o.skiprows = -1;
    f = tmpfile();
    IO_EXPECT_FAIL(nd_loadtxt_file(f, &o), ND_ERR_VALUE, "nd_loadtxt_file: skiprows");
    fclose(f);
}

static void test_load_buffer(void **state) {
    (void)state;
    /* parsed in place: no NUL terminator needed, only len bytes read */
    static const char text[] = "1,2\n3,4\n5,6";
    nd_loadtxt_options o = nd_loadtxt_defaults();
    o.delimiter = ',';
    nd_array *a = nd_loadtxt_buffer(text, 8, &o);
    nd_test_shape(a, 2, SH(2, 2));
    nd_test_expect(a, VALS(1, 2, 3, 4), 0);
    nd_free(a);
    char *exact = malloc(3); /* ASan sees a read past the end */
    memcpy(exact, "7 8", 3);
    a = nd_loadtxt_buffer(exact, 3, NULL);
    nd_test_expect(a, VALS(7, 8), 0);
    nd_free(a);
    free(exact);
    a = nd_loadtxt_buffer(text, 0, NULL);
    nd_test_shape(a, 1, SH(0));
    nd_free(a);
    IO_EXPECT_FAIL(nd_loadtxt_buffer(text, sizeof text - 1, NULL), ND_ERR_VALUE,
                   "nd_loadtxt_buffer: the buffer line 1, column 1: could not convert '1,2'");
    IO_EXPECT_FAIL(nd_loadtxt_buffer("1 2\n3\n", 6, NULL), ND_ERR_VALUE,
                   "nd_loadtxt_buffer: the buffer line 2 has 1 columns but line 1 has 2");
    IO_EXPECT_FAIL(nd_loadtxt_buffer(NULL, 0, NULL), ND_ERR_NULL, "nd_loadtxt_buffer: argument 'data'");
    o.usecols = NULL;
    o.nusecols = 1;
    IO_EXPECT_FAIL(nd_loadtxt_buffer(text, 3, &o), ND_ERR_NULL, "nd_loadtxt_buffer: argument 'usecols'");
}

static void test_load_binary(void **state) {
    (void)state;
    /* a .npy and an .npz passed by mistake */
    nd_array *x = io_iota(ND_FLOAT64, 1, SH(4));
    ND_ASSERT_OK(nd_save(io_path("data.npy"), x));
    IO_EXPECT_FAIL(nd_loadtxt(io_path("data.npy"), NULL), ND_ERR_VALUE,
                   "data.npy' line 1 holds binary data (byte 0x93 at column 1); is this a .npy file? use nd_load");
    ND_ASSERT_OK(nd_savez(io_path("data.npz"), 1, NULL, (const nd_array *const[]){x}, false));
    IO_EXPECT_FAIL(nd_loadtxt(io_path("data.npz"), NULL), ND_ERR_VALUE,
                   "data.npz' line 1 holds binary data (byte 0x03 at column 3); is this a zip archive such as an "
                   ".npz? use nd_npz_open");
    size_t n;
    unsigned char *npy = io_read(io_path("data.npy"), &n);
    IO_EXPECT_FAIL(nd_loadtxt_buffer(npy, n, NULL), ND_ERR_VALUE,
                   "nd_loadtxt_buffer: the buffer line 1 holds binary data (byte 0x93 at column 1); is this a .npy");
    /* a compressed .npy: decompressed, then named */
    size_t glen;
    unsigned char *gz = gz_bytes((const char *)npy, n, &glen);
    IO_EXPECT_FAIL(nd_loadtxt_buffer(gz, glen, NULL), ND_ERR_VALUE, "(byte 0x93 at column 1); is this a .npy file?");
    /* gzip data compressed twice */
    size_t g2len;
    unsigned char *gz2 = gz_bytes((const char *)gz, glen, &g2len);
    IO_EXPECT_FAIL(nd_loadtxt_buffer(gz2, g2len, NULL), ND_ERR_VALUE,
                   "(byte 0x1f at column 1); it is gzip data inside gzip data");
    free(gz2);
    free(gz);
    free(npy);
    static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
    IO_EXPECT_FAIL(nd_loadtxt_buffer(png, sizeof png, NULL), ND_ERR_VALUE,
                   "line 1 holds binary data (byte 0x89 at column 1); is this a PNG image?");
    /* control characters and invalid UTF-8 later on, no hint */
    IO_EXPECT_FAIL(nd_loadtxt_buffer("1 2\n3 \x01\n", 8, NULL), ND_ERR_VALUE,
                   "the buffer line 2 holds binary data (byte 0x01 at column 3)");
    IO_EXPECT_FAIL(nd_loadtxt_buffer("1 2\n3 4\xff\n", 9, NULL), ND_ERR_VALUE, "line 2 holds binary data (byte 0xff at column 4)");
    IO_EXPECT_FAIL(nd_loadtxt_buffer("1 \xc3\n", 5, NULL), ND_ERR_VALUE, "(byte 0xc3 at column 3)"); /* cut short */
    IO_EXPECT_FAIL(nd_loadtxt_buffer("1 \xed\xa0\x80\n", 7, NULL), ND_ERR_VALUE, "(byte 0xed at column 3)"); /* a surrogate */
    IO_EXPECT_FAIL(nd_loadtxt_buffer("1 2\x7f\n", 5, NULL), ND_ERR_VALUE, "(byte 0x7f at column 4)");
    /* valid UTF-8 is text: in a comment it is fine, in a field it does not
     * convert; blanks and \r are text too */
    static const char utf8[] = "# caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\n1\t2\r\n";
    nd_array *a = nd_loadtxt_buffer(utf8, sizeof utf8 - 1, NULL);
    nd_test_expect(a, VALS(1, 2), 0);
    nd_free(a);
    IO_EXPECT_FAIL(nd_loadtxt_buffer("1 \xc3\xa9\n", 6, NULL), ND_ERR_VALUE, "could not convert '\\xc3\\xa9'");
    /* a skipped row is not looked at */
    nd_loadtxt_options o = nd_loadtxt_defaults();
    o.skiprows = 1;
    a = nd_loadtxt_buffer("\x93\x00\n5\n", 5, &o);
    nd_test_expect(a, VALS(5), 0);
    nd_free(a);
    nd_free(x);
}

typedef struct src_case {
    int kind; /* 0 path, 1 stream, 2 buffer */
    const char *path;
    const void *mem;
    size_t len;
    const char *fn;
} src_case;

static bool run_source(void *ctx) {
    src_case *c = ctx;
    nd_array *a = NULL;
    if (c->kind == 0) {
        a = nd_loadtxt(c->path, NULL);
    } else if (c->kind == 1) {
        FILE *f = fopen(c->path, "rb");
        a = nd_loadtxt_file(f, NULL);
        fclose(f);
    } else {
        a = nd_loadtxt_buffer(c->mem, c->len, NULL);
    }
    nd_free(a);
    return a != NULL;
}

static void test_source_allocation_failures(void **state) {
    (void)state;
    size_t len, glen;
    char *text = table_text(3000, &len); /* beyond one read chunk */
    unsigned char *gz = gz_bytes(text, len, &glen);
    io_write(io_path("af.txt"), text, len);
    io_write(io_path("af.txt.gz"), gz, glen);
    src_case cases[] = {
        {0, io_path("af.txt.gz"), NULL, 0, "nd_loadtxt"},        {1, io_path("af.txt"), NULL, 0, "nd_loadtxt_file"},
        {1, io_path("af.txt.gz"), NULL, 0, "nd_loadtxt_file"},   {2, NULL, text, len, "nd_loadtxt_buffer"},
        {2, NULL, gz, glen, "nd_loadtxt_buffer"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) io_alloc_sweep(cases[i].fn, run_source, NULL, &cases[i]);
    free(gz);
    free(text);
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
        cmocka_unit_test(test_load_gzip), cmocka_unit_test(test_load_gzip_corrupt),
        cmocka_unit_test(test_load_stream), cmocka_unit_test(test_load_buffer),
        cmocka_unit_test(test_load_binary), cmocka_unit_test(test_source_allocation_failures),
        cmocka_unit_test(test_numpy_interop),
    };
    return cmocka_run_group_tests(tests, io_setup, io_teardown);
}
