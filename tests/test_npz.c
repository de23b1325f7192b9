/* Tests for .npz archives (src/io/npz.c, src/io/zip.c): round trips stored
 * and deflated, names, hand-made ZIP64 and data-descriptor archives, the
 * hostile archives of tests/data/bad_npz/, and interop with np.savez and
 * np.savez_compressed through /usr/bin/python3 when it has numpy. */
#include "data/io_test.h"
#include "nd_test_io.h"

#include <stdlib.h>

/* ------------------------------------------------------------ round trips */

static void roundtrip(bool compressed) {
    nd_array *base = io_iota(ND_FLOAT64, 2, SH(6, 5));
    const nd_array *arrays[] = {
        base,
        nd_transpose(base, NULL),                    /* Fortran order */
        nd_view(base, "::-2, 1:4"),                  /* strided */
        nd_scalar_i64(-7, ND_INT16),                 /* 0-d */
        nd_zeros(2, SH(0, 3), ND_UINT8),             /* empty */
        io_iota(ND_BOOL, 1, SH(9)),
        io_iota(ND_UINT64, 3, SH(2, 3, 4)),
        io_iota(ND_FLOAT32, 1, SH(200000)),          /* several deflate blocks */
    };
    const char *names[] = {"base", "fortran", "strided", "zero_d", "empty", "flags", "u64", "big"};
    int n = (int)(sizeof arrays / sizeof arrays[0]);
    const char *p = io_path(compressed ? "rt_c.npz" : "rt.npz");
    ND_ASSERT_OK(nd_savez(p, n, names, arrays, compressed));
    nd_npz *z = nd_npz_open(p);
    if (!z) fail_msg("nd_npz_open: %s", nd_errmsg());
    assert_int_equal(nd_npz_count(z), n);
    for (int i = 0; i < n; i++) {
        assert_string_equal(nd_npz_name(z, i), names[i]);
        nd_array *a = nd_npz_get(z, names[i]);
        if (!a) fail_msg("nd_npz_get(%s): %s", names[i], nd_errmsg());
        io_expect_equal(a, arrays[i]);
        if (i == 1) assert_true(nd_is_f_contiguous(a));
        nd_free(a);
    }
    /* "name.npy" works too; each call gives a new array */
    nd_array *a = nd_npz_get(z, "u64.npy"), *b = nd_npz_get(z, "u64");
    io_expect_equal(a, b);
    assert_ptr_not_equal(nd_data(a), nd_data(b));
    nd_free(a);
    nd_free(b);
    nd_npz_close(z);
    for (int i = 1; i < n; i++) nd_free((nd_array *)arrays[i]);
    nd_free(base);
}

static void test_roundtrip_stored(void **state) {
    (void)state;
    roundtrip(false);
}

static void test_roundtrip_compressed(void **state) {
    (void)state;
    roundtrip(true);
    /* compression does compress */
    nd_array *zeros = nd_zeros(1, SH(100000), ND_FLOAT64);
    const nd_array *arr[] = {zeros};
    ND_ASSERT_OK(nd_savez(io_path("zs.npz"), 1, NULL, arr, false));
    ND_ASSERT_OK(nd_savez(io_path("zc.npz"), 1, NULL, arr, true));
    size_t ns, nc;
    free(io_read(io_path("zs.npz"), &ns));
    free(io_read(io_path("zc.npz"), &nc));
    assert_true(ns > 800000);
    assert_true(nc < 10000);
    nd_free(zeros);
}

static void test_names(void **state) {
    (void)state;
    nd_array *a = nd_arange(0, 5, 1, ND_INT32), *b = nd_ones(1, SH(2), ND_FLOAT64);
    const nd_array *arr[] = {a, b};
    ND_ASSERT_OK(nd_savez(io_path("pos.npz"), 2, NULL, arr, false));
    nd_npz *z = nd_npz_open(io_path("pos.npz"));
    ND_ASSERT_ARRAY(z);
    assert_string_equal(nd_npz_name(z, 0), "arr_0");
    assert_string_equal(nd_npz_name(z, 1), "arr_1");
    assert_null(nd_npz_name(z, 2));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "out of range");
    assert_null(nd_npz_name(z, -1));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "out of range");
    IO_EXPECT_FAIL(nd_npz_get(z, "arr_2"), ND_ERR_VALUE, "no array named 'arr_2'");
    IO_EXPECT_FAIL(nd_npz_get(z, NULL), ND_ERR_NULL, "name");
    nd_array *r = nd_npz_get(z, "arr_1");
    io_expect_equal(r, b);
    nd_free(r);
    nd_npz_close(z);
    nd_npz_close(NULL);

    /* an empty archive is valid */
    ND_ASSERT_OK(nd_savez(io_path("none.npz"), 0, NULL, NULL, true));
    z = nd_npz_open(io_path("none.npz"));
    ND_ASSERT_ARRAY(z);
    assert_int_equal(nd_npz_count(z), 0);
    nd_npz_close(z);

    /* refused before anything is written */
    const char *dup[] = {"x", "x"};
    assert_int_equal(nd_savez(io_path("dup.npz"), 2, dup, arr, false), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "given twice");
    const char *empty[] = {"x", ""};
    assert_int_equal(nd_savez(io_path("dup.npz"), 2, empty, arr, false), ND_ERR_VALUE);
    nd_clear_error();
    const nd_array *withnull[] = {a, NULL};
    assert_int_equal(nd_savez(io_path("dup.npz"), 2, NULL, withnull, false), ND_ERR_NULL);
    nd_clear_error();
    assert_int_equal(nd_savez(io_path("dup.npz"), -1, NULL, arr, false), ND_ERR_VALUE);
    nd_clear_error();
    assert_int_equal(access(io_path("dup.npz"), F_OK), -1);
    assert_int_equal(nd_savez(io_path("no/dir/x.npz"), 2, NULL, arr, false), ND_ERR_IO);
    nd_clear_error();
    IO_EXPECT_FAIL_T(nd_npz, nd_npz_close, nd_npz_open(io_path("missing.npz")), ND_ERR_IO, "cannot open");
    IO_EXPECT_FAIL_T(nd_npz, nd_npz_close, nd_npz_open(NULL), ND_ERR_NULL, "path");
    /* UTF-8 names survive */
    const char *utf[] = {"\xc3\xa9t\xc3\xa9", "b"};
    ND_ASSERT_OK(nd_savez(io_path("utf.npz"), 2, utf, arr, true));
    z = nd_npz_open(io_path("utf.npz"));
    ND_ASSERT_ARRAY(z);
    assert_string_equal(nd_npz_name(z, 0), utf[0]);
    nd_npz_close(z);
    nd_free(a);
    nd_free(b);
}

/* "x" and "x.npy" would be stored as entries x.npy and x.npy.npy, and read
 * back as names "x" and "x.npy": refused when writing; when an archive
 * written elsewhere holds both, each name finds its own entry. */
static void replace_all(unsigned char *p, size_t n, const char *from, const char *to) {
    size_t k = strlen(from);
    assert_int_equal(strlen(to), k);
    for (size_t i = 0; i + k <= n; i++)
        if (!memcmp(p + i, from, k)) memcpy(p + i, to, k);
}

static void test_name_clash(void **state) {
    (void)state;
    nd_array *a = nd_arange(0, 5, 1, ND_INT32), *b = nd_ones(1, SH(2), ND_FLOAT64);
    const nd_array *arr[] = {a, b};
    const char *clash[][2] = {{"x", "x.npy"}, {"x.npy", "x"}};
    for (int i = 0; i < 2; i++) {
        assert_int_equal(nd_savez(io_path("clash.npz"), 2, clash[i], arr, false), ND_ERR_VALUE);
        ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_savez: the names 'x' and 'x.npy' clash");
        assert_int_equal(access(io_path("clash.npz"), F_OK), -1);
    }
    /* an archive from elsewhere with entries x.npy and x.npy.npy: written
     * under other names of the same length, then renamed in place (the
     * CRC-32 covers the data only) */
    const char *other[] = {"x", "y.npy"};
    ND_ASSERT_OK(nd_savez(io_path("both.npz"), 2, other, arr, false));
    size_t n;
    unsigned char *raw = io_read(io_path("both.npz"), &n);
    replace_all(raw, n, "y.npy.npy", "x.npy.npy");
    io_write(io_path("both.npz"), raw, n);
    free(raw);
    nd_npz *z = nd_npz_open(io_path("both.npz"));
    ND_ASSERT_ARRAY(z);
    assert_string_equal(nd_npz_name(z, 0), "x");
    assert_string_equal(nd_npz_name(z, 1), "x.npy");
    const char *names[] = {"x", "x.npy", "x.npy.npy"};
    const nd_array *want[] = {a, b, b};
    for (int i = 0; i < 3; i++) {
        nd_array *r = nd_npz_get(z, names[i]);
        if (!r) fail_msg("nd_npz_get(%s): %s", names[i], nd_errmsg());
        if (nd_dtype_of(r) != nd_dtype_of(want[i])) fail_msg("nd_npz_get(%s) returned another entry", names[i]);
        io_expect_equal(r, want[i]);
        nd_free(r);
    }
    nd_npz_close(z);
    nd_free(a);
    nd_free(b);
}

/* ------------------------------------------------------------ failures */

typedef struct savez_case {
    const char *path, *dir;
    const nd_array *const *arrays;
    bool compressed;
    const void *old;
    size_t old_len;
} savez_case;

static bool run_savez(void *ctx) {
    savez_case *c = ctx;
    return nd_savez(c->path, 2, NULL, c->arrays, c->compressed) == ND_OK;
}

static void check_untouched(void *ctx) {
    savez_case *c = ctx;
    io_expect_file(c->path, c->old, c->old_len);
    assert_int_equal(io_count_entries(c->dir), 1);
}

/* A failed nd_savez leaves an existing file as it was, and no temporary. */
static void test_failed_save_keeps_file(void **state) {
    (void)state;
    const char *dir = io_subdir("keep");
    char path[700];
    snprintf(path, sizeof path, "%s/a.npz", dir);
    static const char old[] = "precious archive";
    io_write(path, old, sizeof old);
    nd_array *big = io_iota(ND_FLOAT64, 2, SH(300, 400)), *v = nd_view(big, "::2, ::3");
    const nd_array *arr[] = {big, v};
    for (int c = 0; c < 2; c++) {
        savez_case sc = {path, dir, arr, c == 1, old, sizeof old};
        io_write(path, old, sizeof old); /* the sweep's last run replaced it */
        io_limit_file_size(4096);
        nd_status st = nd_savez(path, 2, NULL, arr, c == 1);
        io_limit_file_size(-1);
        assert_int_equal(st, ND_ERR_IO);
        ND_ASSERT_ERROR(ND_ERR_IO, "nd_savez: cannot write");
        check_untouched(&sc);
        const nd_array *small[] = {v, v};
        sc.arrays = small;
        io_alloc_sweep("nd_savez", run_savez, check_untouched, &sc);
    }
    ND_ASSERT_OK(nd_savez(path, 2, NULL, arr, true));
    assert_int_equal(io_count_entries(dir), 1);
    nd_npz *z = nd_npz_open(path);
    ND_ASSERT_ARRAY(z);
    nd_array *r = nd_npz_get(z, "arr_1");
    io_expect_equal(r, v);
    nd_free(r);
    nd_npz_close(z);
    nd_free(v);
    nd_free(big);
}

/* A FIFO: nd_npz_open refuses it at once (it seeks), nd_savez too (the
 * writer seeks back to fill in sizes), and the FIFO stays. */
static void test_fifo(void **state) {
    (void)state;
    const char *fifo = io_path("pipe.npz");
    assert_int_equal(mkfifo(fifo, 0600), 0);
    io_hang_guard(true);
    IO_EXPECT_FAIL_T(nd_npz, nd_npz_close, nd_npz_open(fifo), ND_ERR_IO, "is not a regular file (a FIFO)");
    nd_array *a = nd_zeros(1, SH(3), ND_FLOAT64);
    const nd_array *arr[] = {a};
    assert_int_equal(nd_savez(fifo, 1, NULL, arr, false), ND_ERR_IO);
    ND_ASSERT_ERROR(ND_ERR_IO, "seek");
    io_hang_guard(false);
    struct stat sb;
    assert_int_equal(lstat(fifo, &sb), 0);
    assert_true(S_ISFIFO(sb.st_mode));
    nd_free(a);
}

static bool run_open(void *ctx) {
    nd_npz *z = nd_npz_open(ctx);
    nd_npz_close(z);
    return z != NULL;
}

static bool run_get(void *ctx) {
    nd_npz *z = ctx;
    nd_array *a = nd_npz_get(z, "arr_0");
    nd_free(a);
    return a != NULL;
}

/* Every failed allocation is ND_ERR_NOMEM named after the function called:
 * zlib's Z_MEM_ERROR too (it used to read as "corrupt deflate data"). */
static void test_allocation_failures(void **state) {
    (void)state;
    nd_array *a = io_iota(ND_FLOAT64, 1, SH(5000));
    const nd_array *arr[] = {a};
    for (int c = 0; c < 2; c++) {
        const char *p = io_path(c ? "alloc_c.npz" : "alloc.npz");
        ND_ASSERT_OK(nd_savez(p, 1, NULL, arr, c == 1));
        nd_npz *z = nd_npz_open(p);
        ND_ASSERT_ARRAY(z);
        io_alloc_sweep("nd_npz_get", run_get, NULL, z);
        nd_npz_close(z);
        io_alloc_sweep("nd_npz_open", run_open, NULL, (void *)p);
    }
    nd_free(a);
}

/* ------------------------------------------------------------ hand-made archives */

static uint32_t crc32_of(const unsigned char *p, size_t n) {
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
    }
    return ~c;
}

typedef struct buf {
    unsigned char b[8192];
    size_t n;
} buf;

static void put(buf *o, uint64_t v, int bytes) {
    for (int i = 0; i < bytes; i++) o->b[o->n++] = (unsigned char)(v >> (8 * i));
}
static void put_bytes(buf *o, const void *p, size_t n) {
    memcpy(o->b + o->n, p, n);
    o->n += n;
}

/* One stored member "a.npy" holding payload, written with every size and
 * offset in ZIP64 fields and ZIP64 end records (zip64), or with its sizes
 * in a data descriptor after the data (descriptor). */
static void make_archive(const char *path, const unsigned char *payload, size_t n, bool zip64,
                         bool descriptor) {
    buf *o = calloc(1, sizeof *o);
    assert_non_null(o);
    uint32_t crc = crc32_of(payload, n);
    const char *name = "a.npy";
    put(o, 0x04034b50, 4);
    put(o, zip64 ? 45 : 20, 2);
    put(o, descriptor ? 8 : 0, 2);
    put(o, 0, 2);               /* stored */
    put(o, 0, 4);               /* time, date */
    put(o, descriptor ? 0 : crc, 4);
    put(o, descriptor ? 0 : zip64 ? 0xffffffff : n, 4);
    put(o, descriptor ? 0 : zip64 ? 0xffffffff : n, 4);
    put(o, 5, 2);
    put(o, zip64 ? 20 : 0, 2);
    put_bytes(o, name, 5);
    if (zip64) {
        put(o, 1, 2);
        put(o, 16, 2);
        put(o, n, 8);
        put(o, n, 8);
    }
    put_bytes(o, payload, n);
    if (descriptor) {
        put(o, 0x08074b50, 4);
        put(o, crc, 4);
        put(o, n, 4);
        put(o, n, 4);
    }
    size_t cd = o->n;
    put(o, 0x02014b50, 4);
    put(o, 0x031e, 2);
    put(o, zip64 ? 45 : 20, 2);
    put(o, descriptor ? 8 : 0, 2);
    put(o, 0, 2);
    put(o, 0, 4);
    put(o, crc, 4);
    put(o, zip64 ? 0xffffffff : n, 4);
    put(o, zip64 ? 0xffffffff : n, 4);
    put(o, 5, 2);
    put(o, zip64 ? 28 : 0, 2);
    put(o, 0, 2);
    put(o, 0, 2);
    put(o, 0, 2);
    put(o, 0, 4);
    put(o, zip64 ? 0xffffffff : 0, 4);
    put_bytes(o, name, 5);
    if (zip64) {
        put(o, 1, 2);
        put(o, 24, 2);
        put(o, n, 8);
        put(o, n, 8);
        put(o, 0, 8);
    }
    size_t cd_size = o->n - cd;
    if (zip64) {
        size_t end64 = o->n;
        put(o, 0x06064b50, 4);
        put(o, 44, 8);
        put(o, 45, 2);
        put(o, 45, 2);
        put(o, 0, 4);
        put(o, 0, 4);
        put(o, 1, 8);
        put(o, 1, 8);
        put(o, cd_size, 8);
        put(o, cd, 8);
        put(o, 0x07064b50, 4);
        put(o, 0, 4);
        put(o, end64, 8);
        put(o, 1, 4);
    }
    put(o, 0x06054b50, 4);
    put(o, 0, 4);
    put(o, zip64 ? 0xffff : 1, 2);
    put(o, zip64 ? 0xffff : 1, 2);
    put(o, zip64 ? 0xffffffff : cd_size, 4);
    put(o, zip64 ? 0xffffffff : cd, 4);
    put(o, 0, 2);
    io_write(path, o->b, o->n);
    free(o);
}

static void test_zip64_and_descriptors(void **state) {
    (void)state;
    nd_array *a = io_iota(ND_INT32, 2, SH(4, 6));
    ND_ASSERT_OK(nd_save(io_path("m.npy"), a));
    size_t n;
    unsigned char *p = io_read(io_path("m.npy"), &n);
    for (int k = 0; k < 3; k++) {
        bool zip64 = k != 1, desc = k != 0;
        make_archive(io_path("hand.npz"), p, n, zip64, desc);
        nd_npz *z = nd_npz_open(io_path("hand.npz"));
        if (!z) fail_msg("case %d: %s", k, nd_errmsg());
        assert_int_equal(nd_npz_count(z), 1);
        nd_array *b = nd_npz_get(z, "a");
        io_expect_equal(b, a);
        nd_free(b);
        nd_npz_close(z);
    }
    free(p);
    nd_free(a);
}

/* ------------------------------------------------------------ hostile archives */

static const bad_file bad_open[] = {
    {"not_zip.npz", ND_ERR_VALUE, "not a zip archive"},
    {"empty.npz", ND_ERR_VALUE, "too short"},
    {"truncated.npz", ND_ERR_VALUE, "not a zip archive"},
    {"no_end_record.npz", ND_ERR_VALUE, "not a zip archive"},
    {"size_lie_stored.npz", ND_ERR_VALUE, "claims 2147483648 bytes of data"},
    {"size_lie_deflate.npz", ND_ERR_VALUE, "more than deflate can give"},
    {"stored_sizes_differ.npz", ND_ERR_VALUE, "stored entry 'a.npy'"},
    {"offset_beyond.npz", ND_ERR_VALUE, "outside the data area"},
    {"overlap.npz", ND_ERR_VALUE, "overlap"},
    {"not_npy_name.npz", ND_ERR_VALUE, "'notes.txt' is not a .npy file"},
    {"duplicate_name.npz", ND_ERR_VALUE, "appears twice"},
    {"name_mismatch.npz", ND_ERR_VALUE, "names another file"},
    {"encrypted.npz", ND_ERR_UNSUPPORTED, "encrypted"},
    {"bzip2.npz", ND_ERR_UNSUPPORTED, "compression method 12"},
    {"count_lie.npz", ND_ERR_VALUE, "claims 50000 entries"},
    {"cd_beyond.npz", ND_ERR_VALUE, "central directory"},
    {"cd_offset_beyond.npz", ND_ERR_VALUE, "central directory"},
};

static const bad_file bad_member[] = {
    {"bad_crc.npz", ND_ERR_VALUE, "CRC-32"},
    {"bad_crc_deflate.npz", ND_ERR_VALUE, "CRC-32"},
    {"bad_member.npz", ND_ERR_VALUE, "magic"},
    {"member_truncated_body.npz", ND_ERR_IO, "truncated data"},
    {"deflate_corrupt.npz", ND_ERR_VALUE, "deflate"},
};

static void test_hostile_archives(void **state) {
    (void)state;
    if (access(io_data("bad_npz", "not_zip.npz"), R_OK) != 0) {
        print_message("skipped: tests/data/bad_npz not found (run from the repository root)\n");
        skip();
    }
    ND_ASSERT_OK(nd_set_allocator(&(nd_allocator){count_alloc, count_free, NULL}));
    for (size_t i = 0; i < sizeof bad_open / sizeof bad_open[0]; i++) {
        largest = 0;
        IO_EXPECT_FAIL_T(nd_npz, nd_npz_close, nd_npz_open(io_data("bad_npz", bad_open[i].file)), bad_open[i].st,
                       bad_open[i].msg);
        if (largest > 200000) fail_msg("%s: %zu bytes allocated", bad_open[i].file, largest);
    }
    for (size_t i = 0; i < sizeof bad_member / sizeof bad_member[0]; i++) {
        nd_npz *z = nd_npz_open(io_data("bad_npz", bad_member[i].file));
        if (!z) fail_msg("%s: %s", bad_member[i].file, nd_errmsg());
        largest = 0;
        IO_EXPECT_FAIL(nd_npz_get(z, "a"), bad_member[i].st, bad_member[i].msg);
        if (largest > 200000) fail_msg("%s: %zu bytes allocated", bad_member[i].file, largest);
        nd_npz_close(z);
    }
    ND_ASSERT_OK(nd_set_allocator(NULL));
}

/* Truncating a good archive anywhere is refused, never read out of bounds. */
static void test_truncations(void **state) {
    (void)state;
    nd_array *a = io_iota(ND_FLOAT64, 1, SH(50)), *b = io_iota(ND_INT8, 2, SH(3, 3));
    const nd_array *arr[] = {a, b};
    for (int c = 0; c < 2; c++) {
        ND_ASSERT_OK(nd_savez(io_path("t.npz"), 2, NULL, arr, c == 1));
        size_t n;
        unsigned char *p = io_read(io_path("t.npz"), &n);
        for (size_t cut = 0; cut < n; cut += (cut < 64 || n - cut < 200) ? 1 : 37) {
            io_write(io_path("cut.npz"), p, cut);
            nd_clear_error();
            nd_npz *z = nd_npz_open(io_path("cut.npz"));
            if (z) fail_msg("archive cut at %zu of %zu bytes opened", cut, n);
            assert_true(nd_last_status() != ND_OK);
        }
        /* and flipping any byte of the data makes a read fail or agree */
        for (size_t at = 0; at < n; at += 3) {
            unsigned char save = p[at];
            p[at] ^= 0x5a;
            io_write(io_path("flip.npz"), p, n);
            p[at] = save;
            nd_npz *z = nd_npz_open(io_path("flip.npz"));
            if (!z) {
                nd_clear_error();
                continue;
            }
            for (int i = 0; i < nd_npz_count(z); i++) {
                nd_array *r = nd_npz_get(z, nd_npz_name(z, i));
                if (r) io_expect_equal(r, arr[i]);
                nd_free(r);
                nd_clear_error();
            }
            nd_npz_close(z);
        }
        free(p);
    }
    nd_free(a);
    nd_free(b);
}

/* ------------------------------------------------------------ NumPy */

/* Python writes archives with np.savez, np.savez_compressed, and np.savez to
 * an unseekable stream (data descriptors); each member's values go to
 * ARCHIVE.MEMBER.raw, and manifest.txt lists "ARCHIVE MEMBER DESCR sSHAPE". */
static const char numpy_writes[] =
    "import numpy as np, io\n"
    "class Unseekable(io.RawIOBase):\n"
    "    def __init__(self, f): self.f = f\n"
    "    def writable(self): return True\n"
    "    def write(self, b): return self.f.write(b)\n"
    "arrays = {\n"
    "    'c': (np.arange(12) * 7 % 101 - 20).astype('i4').reshape(3, 4),\n"
    "    'f': np.asfortranarray(np.arange(24.).reshape(2, 3, 4)),\n"
    "    'be': np.arange(10, dtype='>f4') - 3.5,\n"
    "    'bef': np.asfortranarray(np.arange(6, dtype='>u8').reshape(2, 3)),\n"
    "    'zero_d': np.array(True),\n"
    "    'empty': np.zeros((0, 5), 'u2'),\n"
    "    'big': np.sin(np.arange(300000.)),\n"
    "}\n"
    "lines = []\n"
    "np.savez('s.npz', **arrays)\n"
    "np.savez_compressed('c.npz', **arrays)\n"
    "with open('d.npz', 'wb') as raw: np.savez(Unseekable(raw), **arrays)\n"
    "np.savez('p.npz', arrays['c'], arrays['zero_d'])\n"
    "for z in ['s', 'c', 'd']:\n"
    "    for k, a in arrays.items():\n"
    "        n = np.ascontiguousarray(a.astype(a.dtype.newbyteorder('=')))\n"
    "        open('%s.%s.raw' % (z, k), 'wb').write(n.tobytes())\n"
    "        lines.append('%s %s %s s%s' % (z, k, n.dtype.str, ','.join(map(str, a.shape))))\n"
    "open('manifest.txt', 'w').write('\\n'.join(lines) + '\\n')\n";

static nd_dtype dtype_of_descr(const char *d) {
    static const char *const names[] = {"|b1", "|i1", "<i2", "<i4", "<i8", "|u1",
                                        "<u2", "<u4", "<u8", "<f4", "<f8"};
    for (int i = 0; i < ND_NUM_DTYPES; i++)
        if (!strcmp(d, names[i])) return (nd_dtype)i;
    fail_msg("unknown descr %s", d);
    return ND_NUM_DTYPES;
}

static void test_numpy_archives_load(void **state) {
    (void)state;
    IO_SKIP_WITHOUT_NUMPY();
    assert_int_equal(io_python(numpy_writes), 0);
    FILE *m = fopen(io_path("manifest.txt"), "r");
    assert_non_null(m);
    char arc[8], member[32], descr[8], shape[64];
    int cases = 0;
    while (fscanf(m, "%7s %31s %7s %63s", arc, member, descr, shape) == 4) {
        char file[96];
        snprintf(file, sizeof file, "%s.npz", arc);
        nd_npz *z = nd_npz_open(io_path(file));
        if (!z) fail_msg("%s: %s", file, nd_errmsg());
        assert_int_equal(nd_npz_count(z), 7);
        nd_array *a = nd_npz_get(z, member);
        if (!a) fail_msg("%s/%s: %s", file, member, nd_errmsg());
        assert_int_equal(nd_dtype_of(a), dtype_of_descr(descr));
        int64_t sh[ND_MAX_DIMS];
        int nd = 0;
        for (char *s = shape + 1; *s; s++) {
            sh[nd++] = strtoll(s, &s, 10);
            if (!*s) break;
        }
        nd_test_shape(a, nd, sh);
        snprintf(file, sizeof file, "%s.%s.raw", arc, member);
        size_t n;
        unsigned char *raw = io_read(io_path(file), &n);
        assert_int_equal(n, nd_nbytes(a));
        unsigned char *got = malloc(n + 1);
        ND_ASSERT_OK(nd_copy_to(a, got, n));
        if (memcmp(got, raw, n)) fail_msg("%s/%s: values differ", arc, member);
        free(got);
        free(raw);
        nd_free(a);
        nd_npz_close(z);
        cases++;
    }
    fclose(m);
    assert_int_equal(cases, 21);
    /* positional names */
    nd_npz *z = nd_npz_open(io_path("p.npz"));
    ND_ASSERT_ARRAY(z);
    assert_string_equal(nd_npz_name(z, 0), "arr_0");
    assert_string_equal(nd_npz_name(z, 1), "arr_1");
    nd_npz_close(z);
}

/* Python checks every member of libnd's archives against its raw values
 * and the archive's CRCs with zipfile's testzip. */
static const char numpy_reads[] =
    "import numpy as np, sys, zipfile\n"
    "bad = 0\n"
    "for line in open('out_manifest.txt'):\n"
    "    arc, member, descr, shape = line.split()\n"
    "    shape = tuple(int(x) for x in shape[1:].split(',') if x)\n"
    "    if zipfile.ZipFile(arc).testzip() is not None: print('bad CRC', arc); bad += 1\n"
    "    with np.load(arc) as z: a = z[member]\n"
    "    raw = np.frombuffer(open('%s.%s.raw' % (arc, member), 'rb').read(), dtype=descr).reshape(shape)\n"
    "    if a.dtype != raw.dtype or a.shape != raw.shape or a.tobytes() != raw.tobytes():\n"
    "        print('values differ:', arc, member); bad += 1\n"
    "sys.exit(1 if bad else 0)\n";

static void test_numpy_reads_libnd(void **state) {
    (void)state;
    IO_SKIP_WITHOUT_NUMPY();
    static const char *const descrs[] = {"|b1", "|i1", "<i2", "<i4", "<i8", "|u1",
                                         "<u2", "<u4", "<u8", "<f4", "<f8"};
    nd_array *base = io_iota(ND_FLOAT64, 2, SH(40, 30));
    const nd_array *arrays[] = {base, nd_transpose(base, NULL), nd_view(base, "::-3, 5:"),
                                nd_scalar(1.5, ND_FLOAT32), nd_zeros(1, SH(0), ND_INT64),
                                io_iota(ND_UINT16, 3, SH(2, 2, 2)), io_iota(ND_BOOL, 1, SH(7))};
    const char *names[] = {"base", "t", "v", "s", "e", "u", "b"};
    int n = 7;
    FILE *m = fopen(io_path("out_manifest.txt"), "w");
    assert_non_null(m);
    for (int c = 0; c < 2; c++) {
        const char *arc = c ? "lc.npz" : "ls.npz";
        ND_ASSERT_OK(nd_savez(io_path(arc), n, names, arrays, c == 1));
        for (int i = 0; i < n; i++) {
            size_t nb = nd_nbytes(arrays[i]);
            unsigned char *raw = malloc(nb + 1);
            ND_ASSERT_OK(nd_copy_to(arrays[i], raw, nb));
            char file[64];
            snprintf(file, sizeof file, "%s.%s.raw", arc, names[i]);
            io_write(io_path(file), raw, nb);
            free(raw);
            fprintf(m, "%s %s %s s", arc, names[i], descrs[nd_dtype_of(arrays[i])]);
            for (int d = 0; d < nd_ndim(arrays[i]); d++)
                fprintf(m, "%s%lld", d ? "," : "", (long long)nd_shape(arrays[i])[d]);
            fprintf(m, "\n");
        }
    }
    fclose(m);
    assert_int_equal(io_python(numpy_reads), 0);
    for (int i = 1; i < n; i++) nd_free((nd_array *)arrays[i]);
    nd_free(base);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip_stored),
        cmocka_unit_test(test_roundtrip_compressed),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_name_clash),
        cmocka_unit_test(test_failed_save_keeps_file),
        cmocka_unit_test(test_fifo),
        cmocka_unit_test(test_allocation_failures),
        cmocka_unit_test(test_zip64_and_descriptors),
        cmocka_unit_test(test_hostile_archives),
        cmocka_unit_test(test_truncations),
        cmocka_unit_test(test_numpy_archives_load),
        cmocka_unit_test(test_numpy_reads_libnd),
    };
    return cmocka_run_group_tests(tests, io_setup, io_teardown);
}
