/* Tests for .npy files (src/io/npy.c, src/io/npy_header.c): round trips of
 * every dtype and layout, the header np.save writes byte for byte, versions
 * 1.0 to 3.0 and both byte orders on load, memory mapping in both modes,
 * the malformed files of tests/data/bad_npy/, and interop with NumPy 1.24
 * through /usr/bin/python3 when it has numpy. */
#include "data/io_test.h"
#include "nd_test_io.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/sysmacros.h>

static const nd_dtype all_dtypes[] = {ND_BOOL,   ND_INT8,   ND_INT16,   ND_INT32,
                                      ND_INT64,  ND_UINT8,  ND_UINT16,  ND_UINT32,
                                      ND_UINT64, ND_FLOAT32, ND_FLOAT64};
#define NDT ((int)(sizeof all_dtypes / sizeof all_dtypes[0]))

static nd_array *roundtrip(const nd_array *a, const char *name) {
    const char *p = io_path(name);
    ND_ASSERT_OK(nd_save(p, a));
    nd_array *b = nd_load(p);
    ND_ASSERT_ARRAY(b);
    io_expect_equal(b, a);
    return b;
}

/* Where the data of a .npy starts, from its prefix. */
static size_t data_offset(const unsigned char *f) {
    if (f[6] == 1) return 10 + (size_t)(f[8] | f[9] << 8);
    return 12 + (size_t)(f[8] | f[9] << 8 | f[10] << 16 | (size_t)f[11] << 24);
}

/* ------------------------------------------------------------ round trips */

static void test_roundtrip_dtypes(void **state) {
    (void)state;
    for (int i = 0; i < NDT; i++) {
        nd_array *a = io_iota(all_dtypes[i], 2, SH(3, 4));
        nd_array *b = roundtrip(a, "dt.npy");
        assert_true(nd_is_c_contiguous(b));
        nd_free(a);
        nd_free(b);
    }
}

static void test_roundtrip_layouts(void **state) {
    (void)state;
    for (int i = 0; i < NDT; i++) {
        nd_dtype dt = all_dtypes[i];
        nd_array *base = io_iota(dt, 3, SH(4, 5, 6));
        /* Fortran-contiguous: saved with fortran_order True, loaded F */
        nd_array *t = nd_transpose(base, NULL);
        nd_array *b = roundtrip(t, "f.npy");
        assert_true(nd_is_f_contiguous(b));
        nd_free(b);
        size_t n;
        unsigned char *raw = io_read(io_path("f.npy"), &n);
        assert_non_null(strstr((char *)raw + 10, "'fortran_order': True"));
        free(raw);
        /* neither C nor F: written in C order */
        nd_array *perm = nd_transpose(base, (const int[]){1, 0, 2});
        b = roundtrip(perm, "perm.npy");
        assert_true(nd_is_c_contiguous(b));
        nd_free(b);
        /* negative strides and steps */
        nd_array *fl = nd_flip(base, ND_ALL_AXES, NULL);
        b = roundtrip(fl, "flip.npy");
        nd_free(b);
        nd_array *st = nd_view(base, "::-2, 1:, ::3");
        b = roundtrip(st, "step.npy");
        nd_free(b);
        /* a broadcast view (stride 0) is written out in full */
        nd_array *row = nd_view(base, "1, 2"), *bc = nd_broadcast_to(row, 2, SH(3, 6));
        b = roundtrip(bc, "bcast.npy");
        assert_int_equal(nd_size(b), 18);
        nd_free(b);
        nd_free(bc);
        nd_free(row);
        /* 0-d, 1-D, empty */
        nd_array *e1 = nd_index(base, 0, 1), *e2 = nd_index(e1, 0, 2), *zd = nd_index(e2, 0, 3);
        b = roundtrip(zd, "zd.npy");
        assert_int_equal(nd_ndim(b), 0);
        nd_free(b);
        b = roundtrip(e2, "oned.npy");
        nd_free(b);
        nd_array *empty = nd_view(base, "2:2, :, :");
        b = roundtrip(empty, "empty.npy");
        nd_free(b);
        nd_array *empty2 = nd_zeros(2, SH(3, 0), dt);
        b = roundtrip(empty2, "empty2.npy");
        nd_free(b);
        nd_free(empty2);
        nd_free(empty);
        nd_free(e1);
        nd_free(e2);
        nd_free(zd);
        nd_free(st);
        nd_free(fl);
        nd_free(perm);
        nd_free(t);
        nd_free(base);
    }
}

/* Large non-contiguous arrays go through the chunked writer. */
static void test_roundtrip_large_strided(void **state) {
    (void)state;
    nd_array *base = io_iota(ND_FLOAT64, 2, SH(700, 900));
    nd_array *v = nd_view(base, "::-1, ::2");       /* rows of 3.6 KB, many chunks */
    nd_array *b = roundtrip(v, "big1.npy");
    nd_free(b);
    nd_array *big = io_iota(ND_UINT8, 3, SH(2, 1100, 1100)); /* rows beyond the chunk */
    nd_array *w = nd_view(big, ":, ::-1, ::1");
    nd_array *t = nd_transpose(w, (const int[]){0, 2, 1});
    b = roundtrip(t, "big2.npy");
    nd_free(b);
    nd_free(t);
    nd_free(w);
    nd_free(big);
    nd_free(v);
    nd_free(base);
}

/* ------------------------------------------------------------ header */

static void test_header_bytes(void **state) {
    (void)state;
    /* np.save(f, np.zeros((3, 4))) in NumPy 1.24, byte for byte */
    char expect[128];
    const char *dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }";
    memcpy(expect, "\x93NUMPY\x01\x00\x76\x00", 10);
    memset(expect + 10, ' ', sizeof expect - 10);
    memcpy(expect + 10, dict, strlen(dict));
    expect[127] = '\n';
    nd_array *a = nd_zeros(2, SH(3, 4), ND_FLOAT64);
    ND_ASSERT_OK(nd_save(io_path("h.npy"), a));
    size_t n;
    unsigned char *f = io_read(io_path("h.npy"), &n);
    assert_int_equal(n, 128 + 96);
    assert_memory_equal(f, expect, 128);
    free(f);
    nd_free(a);

    /* every file: version 1.0, data at a multiple of 64, '\n' before it */
    const int64_t shapes[][3] = {{0}, {1}, {7}, {123456789}, {3, 4}, {1, 1, 1}};
    const int ndims[] = {0, 1, 1, 1, 2, 3};
    for (int i = 0; i < NDT; i++)
        for (int s = 0; s < 6; s++) {
            int64_t sh[3];
            memcpy(sh, shapes[s], sizeof sh);
            if (sh[0] == 123456789) sh[0] = 0; /* shape (0,) */
            nd_array *z = nd_zeros(ndims[s], sh, all_dtypes[i]);
            ND_ASSERT_OK(nd_save(io_path("p.npy"), z));
            f = io_read(io_path("p.npy"), &n);
            assert_int_equal(f[6], 1);
            assert_int_equal(f[7], 0);
            size_t off = data_offset(f);
            assert_int_equal(off % 64, 0);
            assert_int_equal(f[off - 1], '\n');
            assert_int_equal(n, off + nd_nbytes(z));
            free(f);
            nd_free(z);
        }
}

/* Writes a .npy by hand: prefix of the given version, dict, padding to
 * `align`, data. */
static void write_npy(const char *path, int major, const char *dict, size_t align, const void *data,
                      size_t n) {
    unsigned char buf[4096];
    size_t pre = major == 1 ? 10 : 12, dl = strlen(dict);
    size_t hl = dl + 1;
    while ((pre + hl) % align) hl++;
    memcpy(buf, "\x93NUMPY", 6);
    buf[6] = (unsigned char)major;
    buf[7] = 0;
    buf[8] = (unsigned char)(hl & 0xff);
    buf[9] = (unsigned char)(hl >> 8);
    if (major > 1) buf[10] = buf[11] = 0;
    memset(buf + pre, ' ', hl);
    memcpy(buf + pre, dict, dl);
    buf[pre + hl - 1] = '\n';
    memcpy(buf + pre + hl, data, n);
    io_write(path, buf, pre + hl + n);
}

static void test_load_versions_and_orders(void **state) {
    (void)state;
    const double v[6] = {1, 2, 3, 4, 5, 6};
    nd_array *expect = nd_test_array(ND_FLOAT64, 2, SH(2, 3), v);
    const char *dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";
    for (int major = 1; major <= 3; major++) {
        write_npy(io_path("v.npy"), major, dict, 64, v, sizeof v);
        nd_array *a = nd_load(io_path("v.npy"));
        io_expect_equal(a, expect);
        nd_free(a);
    }
    /* old NumPy aligned to 16; Python 2 wrote longs; any spacing and quotes */
    write_npy(io_path("v.npy"), 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2L, 3L), }", 16, v,
              sizeof v);
    nd_array *a = nd_load(io_path("v.npy"));
    io_expect_equal(a, expect);
    nd_free(a);
    write_npy(io_path("v.npy"), 1, "  {\"shape\":(2,3),\"fortran_order\" :False,\n 'descr':'=f8'}", 8, v,
              sizeof v);
    a = nd_load(io_path("v.npy"));
    io_expect_equal(a, expect);
    nd_free(a);
    /* the L suffix is Python 2's: version 3.0 files cannot have it */
    write_npy(io_path("v.npy"), 3, "{'descr': '<f8', 'fortran_order': False, 'shape': (2L, 3L), }", 64, v,
              sizeof v);
    IO_EXPECT_FAIL(nd_load(io_path("v.npy")), ND_ERR_VALUE, "after a dimension");

    /* big-endian, swapped to native */
    const unsigned char be[] = {0, 0, 0, 1, 0xff, 0xff, 0xff, 0xfe, 0x12, 0x34, 0x56, 0x78};
    write_npy(io_path("be.npy"), 1, "{'descr': '>i4', 'fortran_order': False, 'shape': (3,), }", 64, be,
              sizeof be);
    a = nd_load(io_path("be.npy"));
    ND_ASSERT_ARRAY(a);
    assert_int_equal(nd_dtype_of(a), ND_INT32);
    const int32_t *x = nd_data(a);
    assert_int_equal(x[0], 1);
    assert_int_equal(x[1], -2);
    assert_int_equal(x[2], 0x12345678);
    nd_free(a);
    const unsigned char bef[] = {0x3f, 0xf0, 0, 0, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0};
    write_npy(io_path("be.npy"), 2, "{'descr': '>f8', 'fortran_order': True, 'shape': (2, 1), }", 64, bef,
              sizeof bef);
    a = nd_load(io_path("be.npy"));
    nd_test_expect(a, (const double[]){1, -2}, 0);
    nd_free(a);
    /* '|' on a multi-byte type means native, as NumPy reads it */
    const uint16_t u[2] = {513, 7};
    write_npy(io_path("bar.npy"), 1, "{'descr': '|u2', 'fortran_order': False, 'shape': (2,), }", 64, u,
              sizeof u);
    a = nd_load(io_path("bar.npy"));
    nd_test_expect(a, (const double[]){513, 7}, 0);
    nd_free(a);
    /* one-byte types ignore the byte order; '?' is bool; stray bool bytes become 1 */
    const unsigned char bb[4] = {0, 1, 2, 255};
    write_npy(io_path("b.npy"), 1, "{'descr': '?', 'fortran_order': False, 'shape': (4,), }", 64, bb, 4);
    a = nd_load(io_path("b.npy"));
    ND_ASSERT_ARRAY(a);
    assert_int_equal(nd_dtype_of(a), ND_BOOL);
    assert_memory_equal(nd_data(a), ((const unsigned char[]){0, 1, 1, 1}), 4);
    nd_free(a);
    write_npy(io_path("b.npy"), 1, "{'descr': '>i1', 'fortran_order': False, 'shape': (4,), }", 64, bb, 4);
    a = nd_load(io_path("b.npy"));
    nd_test_expect(a, (const double[]){0, 1, 2, -1}, 0);
    nd_free(a);
    /* Fortran order: the values land right and the array is F-contiguous */
    const double fv[6] = {1, 4, 2, 5, 3, 6};
    write_npy(io_path("f.npy"), 1, "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }", 64, fv,
              sizeof fv);
    a = nd_load(io_path("f.npy"));
    io_expect_equal(a, expect);
    assert_true(nd_is_f_contiguous(a));
    nd_free(a);
    /* trailing bytes after the data are ignored, as NumPy does */
    double more[7] = {1, 2, 3, 4, 5, 6, 99};
    write_npy(io_path("t.npy"), 1, dict, 64, more, sizeof more);
    a = nd_load(io_path("t.npy"));
    io_expect_equal(a, expect);
    nd_free(a);
    nd_free(expect);
}

/* ------------------------------------------------------------ mmap */

static int count_mappings(const char *path) {
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f) return -1;
    char line[1024];
    int n = 0;
    while (fgets(line, sizeof line, f))
        if (strstr(line, path)) n++;
    fclose(f);
    return n;
}

static void test_mmap_readonly(void **state) {
    (void)state;
    nd_array *a = io_iota(ND_FLOAT32, 2, SH(5, 7));
    const char *p = io_path("ro.npy");
    ND_ASSERT_OK(nd_save(p, a));
    nd_array *m = nd_load_mmap(p, ND_MMAP_READONLY);
    io_expect_equal(m, a);
    assert_false(nd_is_writeable(m));
    assert_int_equal(nd_set_f64(m, SH(0, 0), 1.0), ND_ERR_READONLY);
    nd_clear_error();
    assert_int_equal(nd_fill(m, 2.0), ND_ERR_READONLY);
    nd_clear_error();
    nd_array *v = nd_view(m, "1:3");
    assert_false(nd_is_writeable(v));
    nd_free(v);
    /* the data sits in the mapping, at the header's end */
    size_t n;
    unsigned char *raw = io_read(p, &n);
    assert_memory_equal(nd_data(m), raw + data_offset(raw), nd_nbytes(a));
    free(raw);
    nd_free(m);
    nd_free(a);
}

static void test_mmap_copy_on_write(void **state) {
    (void)state;
    nd_array *a = io_iota(ND_INT64, 2, SH(4, 4));
    const char *p = io_path("cow.npy");
    ND_ASSERT_OK(nd_save(p, a));
    size_t n0, n1;
    unsigned char *before = io_read(p, &n0);
    nd_array *m = nd_load_mmap(p, ND_MMAP_COPY_ON_WRITE);
    ND_ASSERT_ARRAY(m);
    assert_true(nd_is_writeable(m));
    ND_ASSERT_OK(nd_fill(m, 42));
    int64_t x;
    ND_ASSERT_OK(nd_get_i64(m, SH(3, 3), &x));
    assert_int_equal(x, 42);
    nd_free(m);
    unsigned char *after = io_read(p, &n1);
    assert_int_equal(n0, n1);
    assert_memory_equal(before, after, n0);
    nd_array *b = nd_load(p);
    io_expect_equal(b, a);
    nd_free(b);
    free(before);
    free(after);
    nd_free(a);
}

static void test_mmap_outlives_parent(void **state) {
    (void)state;
    nd_array *a = io_iota(ND_FLOAT64, 2, SH(6, 8));
    const char *p = io_path("live.npy");
    ND_ASSERT_OK(nd_save(p, a));
    nd_array *m = nd_load_mmap(p, ND_MMAP_READONLY);
    ND_ASSERT_ARRAY(m);
    int maps = count_mappings(p);
    nd_array *v = nd_view(m, "1:, ::2");
    nd_array *expect = nd_view(a, "1:, ::2");
    nd_free(m);
    if (maps > 0) assert_int_equal(count_mappings(p), maps); /* still mapped */
    io_expect_equal(v, expect);
    nd_free(v);
    if (maps > 0) assert_int_equal(count_mappings(p), 0); /* unmapped with the last view */
    nd_free(expect);
    nd_free(a);
}

static void test_mmap_layouts_and_refusals(void **state) {
    (void)state;
    /* Fortran order maps as an F-contiguous array; 0-d and empty map too */
    nd_array *base = io_iota(ND_INT16, 2, SH(3, 5));
    nd_array *t = nd_transpose(base, NULL);
    ND_ASSERT_OK(nd_save(io_path("mf.npy"), t));
    nd_array *m = nd_load_mmap(io_path("mf.npy"), ND_MMAP_READONLY);
    io_expect_equal(m, t);
    assert_true(nd_is_f_contiguous(m));
    nd_free(m);
    nd_array *z = nd_scalar(2.5, ND_FLOAT64);
    ND_ASSERT_OK(nd_save(io_path("m0.npy"), z));
    m = nd_load_mmap(io_path("m0.npy"), ND_MMAP_COPY_ON_WRITE);
    io_expect_equal(m, z);
    nd_free(m);
    nd_array *e = nd_zeros(2, SH(0, 4), ND_UINT32);
    ND_ASSERT_OK(nd_save(io_path("me.npy"), e));
    m = nd_load_mmap(io_path("me.npy"), ND_MMAP_READONLY);
    io_expect_equal(m, e);
    nd_free(m);
    /* the other byte order, unaligned data, stray bools: refused */
    const unsigned char be[8] = {0, 0, 0, 1, 0, 0, 0, 2};
    write_npy(io_path("mbe.npy"), 1, "{'descr': '>u4', 'fortran_order': False, 'shape': (2,), }", 64, be, 8);
    IO_EXPECT_FAIL(nd_load_mmap(io_path("mbe.npy"), ND_MMAP_READONLY), ND_ERR_UNSUPPORTED, "byte order");
    write_npy(io_path("mun.npy"), 1, "{'descr': '<u8', 'fortran_order': False, 'shape': (1,), }", 2, be, 8);
    size_t n;
    unsigned char *raw = io_read(io_path("mun.npy"), &n);
    assert_int_equal(data_offset(raw), 68); /* not a multiple of 8 */
    free(raw);
    IO_EXPECT_FAIL(nd_load_mmap(io_path("mun.npy"), ND_MMAP_READONLY), ND_ERR_UNSUPPORTED, "offset");
    nd_array *un = nd_load(io_path("mun.npy")); /* nd_load copies, so it takes it */
    int64_t uv;
    ND_ASSERT_OK(nd_get_i64(un, (const int64_t[]){0}, &uv));
    assert_true((uint64_t)uv == 144115188092633088ull);
    nd_free(un);
    const unsigned char bb[2] = {1, 7};
    write_npy(io_path("mb.npy"), 1, "{'descr': '|b1', 'fortran_order': False, 'shape': (2,), }", 64, bb, 2);
    IO_EXPECT_FAIL(nd_load_mmap(io_path("mb.npy"), ND_MMAP_READONLY), ND_ERR_UNSUPPORTED, "bool");
    IO_EXPECT_FAIL(nd_load_mmap(io_path("nothing.npy"), ND_MMAP_READONLY), ND_ERR_IO, "cannot open");
    IO_EXPECT_FAIL(nd_load_mmap(io_path("mf.npy"), (nd_mmap_mode)7), ND_ERR_VALUE, "mode");
    IO_EXPECT_FAIL(nd_load_mmap(NULL, ND_MMAP_READONLY), ND_ERR_NULL, "path");
    nd_free(e);
    nd_free(z);
    nd_free(t);
    nd_free(base);
}

/* ------------------------------------------------------------ malformed files */

static const bad_file bad_npy[] = {
    {"empty.npy", ND_ERR_IO, "truncated"},
    {"short_prefix.npy", ND_ERR_IO, "truncated"},
    {"bad_magic.npy", ND_ERR_VALUE, "magic"},
    {"version_4.npy", ND_ERR_VALUE, "version 4.0"},
    {"version_1_1.npy", ND_ERR_VALUE, "version 1.1"},
    {"header_len_cut.npy", ND_ERR_IO, "header length"},
    {"header_len_beyond_file.npy", ND_ERR_IO, "beyond the end"},
    {"header_len_huge_v2.npy", ND_ERR_VALUE, "exceeds the limit"},
    {"header_truncated.npy", ND_ERR_IO, "beyond the end"},
    {"not_a_dict.npy", ND_ERR_VALUE, "dict"},
    {"unknown_key.npy", ND_ERR_VALUE, "unknown key 'extra'"},
    {"missing_shape.npy", ND_ERR_VALUE, "lacks the key 'shape'"},
    {"missing_descr.npy", ND_ERR_VALUE, "lacks the key 'descr'"},
    {"duplicate_key.npy", ND_ERR_VALUE, "'descr' appears twice"},
    {"bad_dtype.npy", ND_ERR_VALUE, "invalid dtype descriptor '<x9'"},
    {"bad_dtype_size.npy", ND_ERR_VALUE, "invalid dtype descriptor '<f3'"},
    {"empty_dtype.npy", ND_ERR_VALUE, "invalid dtype descriptor ''"},
    {"dtype_not_string.npy", ND_ERR_VALUE, "dtype string"},
    {"fortran_not_bool.npy", ND_ERR_VALUE, "fortran_order is not True or False"},
    {"shape_not_tuple.npy", ND_ERR_VALUE, "shape tuple"},
    {"shape_list.npy", ND_ERR_VALUE, "list"},
    {"shape_paren_int.npy", ND_ERR_VALUE, "not a tuple"},
    {"shape_float.npy", ND_ERR_VALUE, "in the shape"},
    {"negative_shape.npy", ND_ERR_VALUE, "negative dimension -1"},
    {"dim_beyond_int64.npy", ND_ERR_VALUE, "too large for int64"},
    {"shape_overflows.npy", ND_ERR_VALUE, "overflows"},
    {"shape_bytes_overflow.npy", ND_ERR_VALUE, "overflows"},
    {"huge_shape.npy", ND_ERR_VALUE, "overflows"},
    {"too_many_dims.npy", ND_ERR_VALUE, "more than 32 dimensions"},
    {"unterminated_string.npy", ND_ERR_VALUE, "invalid dtype descriptor '<f8, '"},
    {"trailing_garbage.npy", ND_ERR_VALUE, "only padding after the dict"},
    {"nul_in_header.npy", ND_ERR_VALUE, "malformed header"},
    {"unclosed_dict.npy", ND_ERR_VALUE, "end of the header"},
    {"non_ascii.npy", ND_ERR_VALUE, "malformed header"},
    {"truncated_body.npy", ND_ERR_IO, "truncated data"},
    {"truncated_body_2d.npy", ND_ERR_IO, "truncated data"},
    {"claims_terabytes.npy", ND_ERR_IO, "truncated data"},
    {"unsupported_complex.npy", ND_ERR_UNSUPPORTED, "'<c16' is not supported"},
    {"unsupported_float16.npy", ND_ERR_UNSUPPORTED, "float16"},
    {"unsupported_unicode.npy", ND_ERR_UNSUPPORTED, "'<U5' is not supported"},
    {"unsupported_structured.npy", ND_ERR_UNSUPPORTED, "structured"},
};

static void test_malformed_files(void **state) {
    (void)state;
    if (access(io_data("bad_npy", "empty.npy"), R_OK) != 0) {
        print_message("skipped: tests/data/bad_npy not found (run from the repository root)\n");
        skip();
    }
    ND_ASSERT_OK(nd_set_allocator(&(nd_allocator){count_alloc, count_free, NULL}));
    for (size_t i = 0; i < sizeof bad_npy / sizeof bad_npy[0]; i++) {
        const char *p = io_data("bad_npy", bad_npy[i].file);
        largest = 0;
        IO_EXPECT_FAIL(nd_load(p), bad_npy[i].st, bad_npy[i].msg);
        if (largest > ((size_t)1 << 20) + 4096) fail_msg("%s: %zu bytes allocated", bad_npy[i].file, largest);
        /* mapping refuses them too (its messages may word the cut differently) */
        nd_clear_error();
        nd_array *m = nd_load_mmap(p, ND_MMAP_READONLY);
        if (m) fail_msg("nd_load_mmap accepted %s", bad_npy[i].file);
        if (bad_npy[i].st == ND_ERR_UNSUPPORTED) assert_int_equal(nd_last_status(), ND_ERR_UNSUPPORTED);
        else assert_true(nd_last_status() == ND_ERR_IO || nd_last_status() == ND_ERR_VALUE);
        nd_clear_error();
    }
    ND_ASSERT_OK(nd_set_allocator(NULL));
}

static void test_errors(void **state) {
    (void)state;
    nd_array *a = nd_zeros(1, SH(3), ND_FLOAT64);
    assert_int_equal(nd_save(NULL, a), ND_ERR_NULL);
    nd_clear_error();
    assert_int_equal(nd_save(io_path("x.npy"), NULL), ND_ERR_NULL);
    nd_clear_error();
    assert_int_equal(nd_save(io_path("no/such/dir/x.npy"), a), ND_ERR_IO);
    ND_ASSERT_ERROR(ND_ERR_IO, "cannot create");
    IO_EXPECT_FAIL(nd_load(io_path("missing.npy")), ND_ERR_IO, "cannot open");
    IO_EXPECT_FAIL(nd_load(io_dir), ND_ERR_IO, "not a regular file");
    IO_EXPECT_FAIL(nd_load(NULL), ND_ERR_NULL, "path");
    nd_free(a);
}

/* ------------------------------------------------------------ failed saves */

typedef struct save_case {
    const char *path, *dir;
    const nd_array *a;
    const void *old;
    size_t old_len;
} save_case;

static bool run_save(void *ctx) {
    save_case *c = ctx;
    return nd_save(c->path, c->a) == ND_OK;
}

/* the target as it was, and nothing beside it */
static void check_untouched(void *ctx) {
    save_case *c = ctx;
    io_expect_file(c->path, c->old, c->old_len);
    assert_int_equal(io_count_entries(c->dir), 1);
}

/* A save that fails part way (the disk full, an allocation) leaves the
 * existing file as it was and no temporary beside it; one that succeeds
 * replaces it, keeping its permissions. */
static void test_failed_save_keeps_file(void **state) {
    (void)state;
    const char *dir = io_subdir("keep");
    char path[700];
    snprintf(path, sizeof path, "%s/a.npy", dir);
    static const char old[] = "precious bytes";
    io_write(path, old, sizeof old);
    nd_array *big = io_iota(ND_FLOAT64, 2, SH(300, 400));
    save_case c = {path, dir, big, old, sizeof old};
    io_limit_file_size(4096);
    nd_status st = nd_save(path, big);
    io_limit_file_size(-1);
    assert_int_equal(st, ND_ERR_IO);
    ND_ASSERT_ERROR(ND_ERR_IO, "nd_save: cannot write");
    check_untouched(&c);
    /* a strided view goes through a scratch buffer, allocated after the
     * header is written */
    nd_array *v = nd_view(big, "::2, ::3");
    c.a = v;
    io_alloc_sweep("nd_save", run_save, check_untouched, &c);
    /* success replaces the file and keeps its mode */
    assert_int_equal(chmod(path, 0640), 0);
    ND_ASSERT_OK(nd_save(path, big));
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 07777, 0640);
    assert_int_equal(io_count_entries(dir), 1);
    nd_array *b = nd_load(path);
    io_expect_equal(b, big);
    nd_free(b);
    /* a new file gets 0666 less the umask, as fopen gives */
    char fresh[720];
    snprintf(fresh, sizeof fresh, "%s/new.npy", dir);
    mode_t um = umask(027);
    st = nd_save(fresh, v);
    umask(um);
    ND_ASSERT_OK(st);
    assert_int_equal(stat(fresh, &sb), 0);
    assert_int_equal(sb.st_mode & 07777, 0640);
    /* a symbolic link is followed: its target is replaced, the link stays */
    char link[720];
    snprintf(link, sizeof link, "%s/link.npy", dir);
    assert_int_equal(symlink("new.npy", link), 0);
    ND_ASSERT_OK(nd_save(link, big));
    assert_int_equal(lstat(link, &sb), 0);
    assert_true(S_ISLNK(sb.st_mode));
    b = nd_load(fresh);
    io_expect_equal(b, big);
    nd_free(b);
    /* a dangling link: its target is created */
    assert_int_equal(unlink(fresh), 0);
    ND_ASSERT_OK(nd_save(link, v));
    assert_int_equal(lstat(link, &sb), 0);
    assert_true(S_ISLNK(sb.st_mode));
    b = nd_load(fresh);
    io_expect_equal(b, v);
    nd_free(b);
    assert_int_equal(io_count_entries(dir), 3);
    /* a folder is not replaced */
    assert_int_equal(nd_save(dir, big), ND_ERR_IO);
    ND_ASSERT_ERROR(ND_ERR_IO, "cannot create");
    nd_free(v);
    nd_free(big);
}

/* Saving over a mapped file replaces it (a new file takes the name), so
 * the mapping keeps the old contents instead of losing its pages. */
static void test_save_over_mapped(void **state) {
    (void)state;
    const char *p = io_path("mapped.npy");
    nd_array *a = io_iota(ND_FLOAT64, 2, SH(64, 64)), *b = nd_zeros(1, SH(3), ND_INT8);
    ND_ASSERT_OK(nd_save(p, a));
    nd_array *m = nd_load_mmap(p, ND_MMAP_READONLY);
    ND_ASSERT_ARRAY(m);
    ND_ASSERT_OK(nd_save(p, b));
    io_expect_equal(m, a);
    nd_array *r = nd_load(p);
    io_expect_equal(r, b);
    nd_free(r);
    nd_free(m);
    nd_free(b);
    nd_free(a);
}

/* A path through /proc/self/fd (or /dev/fd, /dev/stdout) names an open
 * file, maybe with no name in any folder (a memfd): it is written in place
 * through the link, as np.save does, not replaced by a temporary made from
 * the link's text. */
static void test_save_to_open_file(void **state) {
    (void)state;
    nd_array *a = io_iota(ND_INT16, 2, SH(4, 5));
    ND_ASSERT_OK(nd_save(io_path("plain.npy"), a));
    size_t n;
    unsigned char *want = io_read(io_path("plain.npy"), &n);
    const char *fmts[] = {"/proc/self/fd/%d", "/dev/fd/%d"};
    for (int i = 0; i < 2; i++) {
        int fd = memfd_create("nd-test", 0);
        assert_true(fd >= 0);
        assert_int_equal(write(fd, "old contents, longer than nothing", 33), 33);
        char path[64];
        snprintf(path, sizeof path, fmts[i], fd);
        ND_ASSERT_OK(nd_save(path, a));
        nd_array *b = nd_load(path);
        io_expect_equal(b, a);
        nd_free(b);
        struct stat sb;
        assert_int_equal(fstat(fd, &sb), 0);
        assert_int_equal((size_t)sb.st_size, n);
        unsigned char got[4096];
        assert_int_equal(pread(fd, got, n, 0), (ssize_t)n);
        assert_memory_equal(got, want, n);
        close(fd);
    }
    assert_int_equal(access("/memfd:nd-test (deleted)", F_OK), -1);
    free(want);
    nd_free(a);
}

/* Saving to a device writes in place, as np.save does: /dev/full fails
 * with ND_ERR_IO and is still there afterwards (before, the failed save
 * removed the device node). A private node for the same device is tried
 * first, so that a regression removes that one and not /dev/full. */
static void expect_device_survives(const char *node, const nd_array *a, const nd_array *m) {
    nd_savetxt_options o = nd_savetxt_defaults();
    o.fmt = "%d";
    const nd_status got[3] = {nd_save(node, a), nd_savez(node, 1, NULL, &a, false), nd_savetxt(node, m, &o)};
    for (int i = 0; i < 3; i++) {
        struct stat sb;
        if (lstat(node, &sb) != 0) fail_msg("save %d removed %s", i, node);
        assert_true(S_ISCHR(sb.st_mode));
        assert_true(sb.st_rdev == makedev(1, 7));
        if (got[i] != ND_ERR_IO) fail_msg("save %d to %s: status %s", i, node, nd_status_name(got[i]));
    }
    nd_clear_error();
}

static void test_save_to_device(void **state) {
    (void)state;
    if (geteuid() != 0 || access("/dev/full", W_OK) != 0) {
        print_message("skipped: needs root and a writable /dev/full\n");
        skip();
    }
    nd_array *a = io_iota(ND_FLOAT64, 2, SH(300, 400)), *m = nd_view(a, ":3, :4");
    const char *node = io_path("full");
    if (mknod(node, S_IFCHR | 0666, makedev(1, 7)) == 0) {
        expect_device_survives(node, a, m);
        assert_int_equal(unlink(node), 0);
    } else {
        print_message("note: cannot make a device node here (%s); trying /dev/full itself\n", strerror(errno));
    }
    expect_device_survives("/dev/full", a, m);
    /* /dev/null takes any save and stays a device */
    ND_ASSERT_OK(nd_save("/dev/null", a));
    struct stat sb;
    assert_int_equal(lstat("/dev/null", &sb), 0);
    assert_true(S_ISCHR(sb.st_mode));
    nd_free(m);
    nd_free(a);
}

/* A FIFO: the readers refuse it at once instead of blocking in open (they
 * need a regular file); nd_save writes through it in place. */
static void test_fifo(void **state) {
    (void)state;
    const char *fifo = io_path("pipe.npy");
    assert_int_equal(mkfifo(fifo, 0600), 0);
    io_hang_guard(true);
    IO_EXPECT_FAIL(nd_load(fifo), ND_ERR_IO, "nd_load: '");
    IO_EXPECT_FAIL(nd_load(fifo), ND_ERR_IO, "is not a regular file (a FIFO)");
    IO_EXPECT_FAIL(nd_load_mmap(fifo, ND_MMAP_READONLY), ND_ERR_IO, "is not a regular file (a FIFO)");
    int rd = open(fifo, O_RDONLY | O_NONBLOCK);
    assert_true(rd >= 0);
    nd_array *a = io_iota(ND_INT32, 1, SH(5));
    ND_ASSERT_OK(nd_save(fifo, a));
    unsigned char buf[4096];
    ssize_t n = read(rd, buf, sizeof buf);
    close(rd);
    io_hang_guard(false);
    assert_true(n > 0);
    ND_ASSERT_OK(nd_save(io_path("via_fifo.npy"), a));
    io_expect_file(io_path("via_fifo.npy"), buf, (size_t)n);
    struct stat sb;
    assert_int_equal(lstat(fifo, &sb), 0);
    assert_true(S_ISFIFO(sb.st_mode));
    nd_free(a);
}

static bool run_load_mmap(void *ctx) {
    nd_array *a = nd_load_mmap(ctx, ND_MMAP_READONLY);
    nd_free(a);
    return a != NULL;
}

static bool run_load(void *ctx) {
    nd_array *a = nd_load(ctx);
    nd_free(a);
    return a != NULL;
}

/* Every failed allocation in the readers is ND_ERR_NOMEM named after the
 * function called (nd_load_mmap used to report nd_wrap's name). */
static void test_allocation_failures(void **state) {
    (void)state;
    nd_array *a = io_iota(ND_FLOAT32, 2, SH(3, 4));
    const char *p = io_path("alloc.npy");
    ND_ASSERT_OK(nd_save(p, a));
    io_alloc_sweep("nd_load", run_load, NULL, (void *)p);
    io_alloc_sweep("nd_load_mmap", run_load_mmap, NULL, (void *)p);
    nd_free(a);
}

/* ------------------------------------------------------------ NumPy */

/* Python writes each case as NAME.npy with np.save (or write_array for a
 * given version) and its values in native order, C order, as NAME.raw;
 * manifest.txt lists "NAME DESCR sSHAPE". */
static const char numpy_writes[] =
    "import numpy as np\n"
    "from numpy.lib import format as fmt\n"
    "cases = []\n"
    "def add(name, a, version=None):\n"
    "    if version:\n"
    "        with open(name + '.npy', 'wb') as f: fmt.write_array(f, a, version=version)\n"
    "    else:\n"
    "        np.save(name + '.npy', a)\n"
    "    n = a.astype(a.dtype.newbyteorder('='))\n"
    "    open(name + '.raw', 'wb').write(np.ascontiguousarray(n).tobytes())\n"
    "    cases.append('%s %s s%s' % (name, n.dtype.str, ','.join(map(str, a.shape))))\n"
    "for dt in ['?', 'i1', 'i2', 'i4', 'i8', 'u1', 'u2', 'u4', 'u8', 'f4', 'f8']:\n"
    "    a = (np.arange(12) * 7 % 101 - 20).astype(dt).reshape(3, 4)\n"
    "    add('c_' + dt.replace('?', 'b'), a)\n"
    "    add('f_' + dt.replace('?', 'b'), np.asfortranarray(a))\n"
    "    if np.dtype(dt).itemsize > 1:\n"
    "        add('be_' + dt, a.astype(np.dtype(dt).newbyteorder('>')))\n"
    "        add('bef_' + dt, np.asfortranarray(a.astype(np.dtype(dt).newbyteorder('>'))))\n"
    "add('zero_d', np.array(3.5))\n"
    "add('zero_d_be', np.array(-7, dtype='>i8'))\n"
    "add('empty', np.zeros((0, 3), 'i4'))\n"
    "add('empty_f', np.asfortranarray(np.zeros((2, 0, 3))))\n"
    "add('f3d', np.asfortranarray(np.arange(24.).reshape(2, 3, 4)))\n"
    "add('special', np.array([np.nan, np.inf, -np.inf, -0.0, 5e-324, 1.7976931348623157e308]))\n"
    "add('v2', np.arange(6.).reshape(2, 3), (2, 0))\n"
    "add('v3', np.arange(6, dtype='<i2').reshape(3, 2), (3, 0))\n"
    "add('v2f', np.asfortranarray(np.arange(6, dtype='>u4').reshape(3, 2)), (2, 0))\n"
    "open('manifest.txt', 'w').write('\\n'.join(cases) + '\\n')\n";

static nd_dtype dtype_of_descr(const char *d) {
    static const char *const names[] = {"|b1", "|i1", "<i2", "<i4", "<i8", "|u1",
                                        "<u2", "<u4", "<u8", "<f4", "<f8"};
    for (int i = 0; i < NDT; i++)
        if (!strcmp(d, names[i])) return all_dtypes[i];
    fail_msg("unknown descr %s", d);
    return ND_NUM_DTYPES;
}

static void test_numpy_files_load(void **state) {
    (void)state;
    IO_SKIP_WITHOUT_NUMPY();
    assert_int_equal(io_python(numpy_writes), 0);
    FILE *m = fopen(io_path("manifest.txt"), "r");
    assert_non_null(m);
    char name[64], descr[16], shape[256];
    int cases = 0;
    while (fscanf(m, "%63s %15s %255s", name, descr, shape) == 3) {
        char file[80];
        snprintf(file, sizeof file, "%s.npy", name);
        nd_array *a = nd_load(io_path(file));
        if (!a) fail_msg("%s: %s", file, nd_errmsg());
        assert_int_equal(nd_dtype_of(a), dtype_of_descr(descr));
        int64_t sh[ND_MAX_DIMS];
        int nd = 0;
        for (char *s = shape + 1; *s; s++) {
            sh[nd++] = strtoll(s, &s, 10);
            if (!*s) break;
        }
        nd_test_shape(a, nd, sh);
        snprintf(file, sizeof file, "%s.raw", name);
        size_t n;
        unsigned char *raw = io_read(io_path(file), &n);
        assert_int_equal(n, nd_nbytes(a));
        unsigned char *got = malloc(n + 1);
        ND_ASSERT_OK(nd_copy_to(a, got, n));
        if (memcmp(got, raw, n)) fail_msg("%s: values differ", name);
        if (name[0] == 'f' && nd > 1) assert_true(nd_is_f_contiguous(a));
        /* mapping works for the native ones */
        if (strncmp(name, "be", 2) && strcmp(name, "zero_d_be") && strcmp(name, "v2f")) {
            snprintf(file, sizeof file, "%s.npy", name);
            nd_array *mm = nd_load_mmap(io_path(file), ND_MMAP_READONLY);
            if (!mm) fail_msg("mmap %s: %s", file, nd_errmsg());
            io_expect_equal(mm, a);
            nd_free(mm);
        }
        free(got);
        free(raw);
        nd_free(a);
        cases++;
    }
    fclose(m);
    assert_int_equal(cases, 47);
}

/* libnd writes each case as NAME.npy and its values as NAME.raw; Python
 * checks np.load gives those values, and that np.save of what it loaded
 * reproduces the file byte for byte. */
static const char numpy_reads[] =
    "import numpy as np, io, sys\n"
    "bad = 0\n"
    "for line in open('out_manifest.txt'):\n"
    "    name, descr, shape = line.split()\n"
    "    shape = tuple(int(x) for x in shape[1:].split(',') if x)\n"
    "    a = np.load(name + '.npy')\n"
    "    raw = np.frombuffer(open(name + '.raw', 'rb').read(), dtype=descr).reshape(shape)\n"
    "    if a.dtype != raw.dtype or a.shape != raw.shape or a.tobytes() != raw.tobytes():\n"
    "        print('values differ:', name, a.dtype, a.shape); bad += 1; continue\n"
    "    b = io.BytesIO(); np.save(b, a)\n"
    "    if b.getvalue() != open(name + '.npy', 'rb').read():\n"
    "        print('bytes differ from np.save:', name); bad += 1\n"
    "sys.exit(1 if bad else 0)\n";

static void test_numpy_reads_libnd(void **state) {
    (void)state;
    IO_SKIP_WITHOUT_NUMPY();
    static const char *const descrs[] = {"|b1", "|i1", "<i2", "<i4", "<i8", "|u1",
                                         "<u2", "<u4", "<u8", "<f4", "<f8"};
    FILE *m = fopen(io_path("out_manifest.txt"), "w");
    assert_non_null(m);
    int k = 0;
    for (int i = 0; i < NDT; i++) {
        nd_array *base = io_iota(all_dtypes[i], 3, SH(3, 4, 5));
        nd_array *cases[8];
        int nc = 0;
        cases[nc++] = nd_copy(base);
        cases[nc++] = nd_transpose(base, NULL);
        cases[nc++] = nd_transpose(base, (const int[]){2, 0, 1});
        cases[nc++] = nd_view(base, "::-1, 1:3, ::2");
        cases[nc++] = nd_view(base, "1, 2, 3");
        cases[nc++] = nd_view(base, "1:1");
        cases[nc++] = nd_view(base, "2, ::-1, 0");
        cases[nc++] = nd_zeros(2, SH(0, 3), all_dtypes[i]);
        for (int c = 0; c < nc; c++) {
            ND_ASSERT_ARRAY(cases[c]);
            char file[64];
            snprintf(file, sizeof file, "o%d.npy", k);
            ND_ASSERT_OK(nd_save(io_path(file), cases[c]));
            size_t n = nd_nbytes(cases[c]);
            unsigned char *raw = malloc(n + 1);
            ND_ASSERT_OK(nd_copy_to(cases[c], raw, n));
            snprintf(file, sizeof file, "o%d.raw", k);
            io_write(io_path(file), raw, n);
            free(raw);
            fprintf(m, "o%d %s s", k, descrs[i]);
            for (int d = 0; d < nd_ndim(cases[c]); d++)
                fprintf(m, "%s%lld", d ? "," : "", (long long)nd_shape(cases[c])[d]);
            fprintf(m, "\n");
            nd_free(cases[c]);
            k++;
        }
        nd_free(base);
    }
    fclose(m);
    assert_int_equal(io_python(numpy_reads), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip_dtypes),
        cmocka_unit_test(test_roundtrip_layouts),
        cmocka_unit_test(test_roundtrip_large_strided),
        cmocka_unit_test(test_header_bytes),
        cmocka_unit_test(test_load_versions_and_orders),
        cmocka_unit_test(test_mmap_readonly),
        cmocka_unit_test(test_mmap_copy_on_write),
        cmocka_unit_test(test_mmap_outlives_parent),
        cmocka_unit_test(test_mmap_layouts_and_refusals),
        cmocka_unit_test(test_malformed_files),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_failed_save_keeps_file),
        cmocka_unit_test(test_save_over_mapped),
        cmocka_unit_test(test_save_to_device),
        cmocka_unit_test(test_save_to_open_file),
        cmocka_unit_test(test_fifo),
        cmocka_unit_test(test_allocation_failures),
        cmocka_unit_test(test_numpy_files_load),
        cmocka_unit_test(test_numpy_reads_libnd),
    };
    return cmocka_run_group_tests(tests, io_setup, io_teardown);
}
