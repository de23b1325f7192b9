/* .npy files: nd_save, nd_load and nd_load_mmap, and the stream reader and
 * writer that npz.c shares. Every size a header claims is checked against
 * what the file (or zip entry) can hold before anything is allocated. */
#include "io/npy.h"
#include "io/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* Non-contiguous arrays are written through a scratch buffer this big. */
#define ND_NPY_CHUNK ((size_t)1 << 20)

void nd__byteswap(void *p, int64_t n, size_t itemsize) {
    unsigned char *b = p;
    for (int64_t i = 0; i < n; i++, b += itemsize) {
        if (itemsize == 2) {
            uint16_t v;
            memcpy(&v, b, 2);
            v = __builtin_bswap16(v);
            memcpy(b, &v, 2);
        } else if (itemsize == 4) {
            uint32_t v;
            memcpy(&v, b, 4);
            v = __builtin_bswap32(v);
            memcpy(b, &v, 4);
        } else if (itemsize == 8) {
            uint64_t v;
            memcpy(&v, b, 8);
            v = __builtin_bswap64(v);
            memcpy(b, &v, 8);
        }
    }
}

/* ------------------------------------------------------------ reading */

/* Reads exactly n bytes unless the stream ends; *got says how many came. */
static nd_status read_full(nd_npy_source *src, void *buf, size_t n, size_t *got) {
    *got = 0;
    while (*got < n) {
        size_t k = 0;
        nd_status st = src->read(src->ctx, (char *)buf + *got, n - *got, &k);
        if (st != ND_OK) return st;
        if (k == 0) break;
        *got += k;
    }
    return ND_OK;
}

nd_array *nd__npy_read(const char *fn, nd_npy_source *src, uint64_t *consumed) {
    unsigned char prefix[12];
    size_t got, plen, offset;
    nd_npy_header h;
    memset(&h, 0, sizeof h);
    if (read_full(src, prefix, 10, &got) != ND_OK) return NULL;
    if (got >= 8 && (prefix[6] == 2 || prefix[6] == 3) && prefix[7] == 0 &&
        !memcmp(prefix, ND_NPY_MAGIC, ND_NPY_MAGIC_LEN)) {
        size_t more;
        if (got == 10 && read_full(src, prefix + 10, 2, &more) != ND_OK) return NULL;
        if (got == 10) got += more;
    }
    if (nd__npy_parse_prefix(fn, prefix, got, &h.major, &h.minor, &plen, &offset) != ND_OK) return NULL;
    if (offset > src->avail) {
        nd__error(ND_ERR_IO, fn, "%s: the header length %zu goes beyond the end (%llu bytes in all)",
                  src->what, offset - plen, (unsigned long long)src->avail);
        return NULL;
    }
    size_t dlen = offset - plen;
    char *dict = nd__alloc(dlen ? dlen : 1, 64);
    if (!dict) {
        nd__error(ND_ERR_NOMEM, fn, "out of memory reading a header of %zu bytes", dlen);
        return NULL;
    }
    nd_status st = read_full(src, dict, dlen, &got);
    if (st == ND_OK && got < dlen) {
        nd__error(ND_ERR_IO, fn, "%s: truncated header (%zu of %zu bytes)", src->what, got, dlen);
        st = ND_ERR_IO;
    }
    if (st == ND_OK) st = nd__npy_parse_dict(fn, dict, dlen, h.major, &h);
    nd__dealloc(dict);
    if (st != ND_OK) return NULL;
    char s[ND_SHAPE_STR_CAP];
    if ((uint64_t)h.nbytes > src->avail - offset) {
        nd__error(ND_ERR_IO, fn, "%s: truncated data: shape %s of %s needs %lld bytes but only %llu follow the header",
                  src->what, nd__shape_str(s, sizeof s, h.ndim, h.shape), nd__dtypes[h.dtype].name,
                  (long long)h.nbytes, (unsigned long long)(src->avail - offset));
        return NULL;
    }
    /* Fortran order: read into the reversed shape in C order, then reverse
     * the axes of the handle: an F-contiguous array of its own, no view */
    int64_t shape[ND_MAX_DIMS];
    bool flip = h.fortran_order && h.ndim > 1;
    for (int i = 0; i < h.ndim; i++) shape[i] = flip ? h.shape[h.ndim - 1 - i] : h.shape[i];
    nd_array *a = nd__alloc_array(fn, h.ndim, shape, h.dtype);
    if (!a) return NULL;
    st = read_full(src, a->data, (size_t)h.nbytes, &got);
    if (st == ND_OK && got < (size_t)h.nbytes) {
        nd__error(ND_ERR_IO, fn, "%s: truncated data: %zu of %lld bytes", src->what, got, (long long)h.nbytes);
        st = ND_ERR_IO;
    }
    if (st != ND_OK) {
        nd_free(a);
        return NULL;
    }
    if (h.swap) nd__byteswap(a->data, a->size, nd__itemsize(h.dtype));
    if (h.dtype == ND_BOOL) /* libnd's bools are 0 or 1; NumPy keeps any nonzero byte as True */
        for (int64_t i = 0; i < a->size; i++) a->data[i] = a->data[i] != 0;
    if (flip) {
        int64_t t = 1;
        for (int i = 0; i < h.ndim; i++) {
            a->shape[i] = h.shape[i];
            a->strides[i] = t;
            t *= h.shape[i] ? h.shape[i] : 1;
        }
        nd__update_flags(a);
    }
    if (consumed) *consumed = offset + (uint64_t)h.nbytes;
    return a;
}

typedef struct file_source {
    FILE *f;
    const char *fn;
} file_source;

static nd_status file_read(void *ctx, void *buf, size_t n, size_t *got) {
    file_source *fs = ctx;
    *got = fread(buf, 1, n, fs->f);
    if (*got < n && ferror(fs->f))
        return nd__error(ND_ERR_IO, fs->fn, "read error: %s", strerror(errno));
    return ND_OK;
}

nd_array *nd_load(const char *path) {
    static const char fn[] = "nd_load";
    if (!path) {
        nd__null_arg(fn, "path");
        return NULL;
    }
    uint64_t size;
    FILE *f = nd__open_regular(fn, path, &size);
    if (!f) return NULL;
    char what[300];
    snprintf(what, sizeof what, "'%.256s'", path);
    file_source fs = {f, fn};
    nd_npy_source src = {file_read, &fs, size, what};
    nd_array *a = nd__npy_read(fn, &src, NULL);
    fclose(f);
    return a;
}

/* ------------------------------------------------------------ mmap */

typedef struct mapping {
    void *base;
    size_t len;
} mapping;

static void unmap(void *data, void *ctx) {
    (void)data;
    mapping *m = ctx;
    munmap(m->base, m->len);
    nd__dealloc(m);
}

nd_array *nd_load_mmap(const char *path, nd_mmap_mode mode) {
    static const char fn[] = "nd_load_mmap";
    if (!path) {
        nd__null_arg(fn, "path");
        return NULL;
    }
    if (mode != ND_MMAP_READONLY && mode != ND_MMAP_COPY_ON_WRITE) {
        nd__error(ND_ERR_VALUE, fn, "invalid mode %d", (int)mode);
        return NULL;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        nd__error(ND_ERR_IO, fn, "cannot open '%s': %s", path, strerror(errno));
        return NULL;
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        nd__error(ND_ERR_IO, fn, "'%s' is not a regular file", path);
        close(fd);
        return NULL;
    }
    if (sb.st_size < ND_NPY_MAGIC_LEN + 4) {
        nd__error(ND_ERR_IO, fn, "'%s': truncated .npy: %lld bytes, too short for a header", path,
                  (long long)sb.st_size);
        close(fd);
        return NULL;
    }
    size_t len = (size_t)sb.st_size;
    bool cow = mode == ND_MMAP_COPY_ON_WRITE;
    void *base = mmap(NULL, len, cow ? PROT_READ | PROT_WRITE : PROT_READ, cow ? MAP_PRIVATE : MAP_SHARED,
                      fd, 0);
    int err = errno;
    close(fd); /* the mapping keeps the file */
    if (base == MAP_FAILED) {
        nd__error(ND_ERR_IO, fn, "cannot map '%s': %s", path, strerror(err));
        return NULL;
    }
    nd_npy_header h;
    const unsigned char *p = base;
    const char *why = NULL;
    if (nd__npy_parse_header(fn, p, len, &h) != ND_OK) goto fail;
    char s[ND_SHAPE_STR_CAP];
    if ((uint64_t)h.nbytes > len - h.data_offset) {
        nd__error(ND_ERR_IO, fn, "'%s': truncated data: shape %s of %s needs %lld bytes but only %zu follow the header",
                  path, nd__shape_str(s, sizeof s, h.ndim, h.shape), nd__dtypes[h.dtype].name,
                  (long long)h.nbytes, len - h.data_offset);
        goto fail;
    }
    size_t isz = nd__itemsize(h.dtype);
    if (h.swap) why = "is stored in the non-native byte order (use nd_load, which swaps it)";
    else if (h.data_offset % isz) why = "has its data at an offset that is not a multiple of the item size";
    else if (h.dtype == ND_BOOL) {
        for (int64_t i = 0; i < h.nbytes; i++)
            if (p[h.data_offset + (size_t)i] > 1) {
                why = "holds bool bytes other than 0 and 1 (use nd_load, which normalises them)";
                break;
            }
    }
    if (why) {
        nd__error(ND_ERR_UNSUPPORTED, fn, "'%s' cannot be mapped: it %s", path, why);
        goto fail;
    }
    int64_t strides[ND_MAX_DIMS];
    if (h.fortran_order) {
        int64_t t = 1;
        for (int i = 0; i < h.ndim; i++) {
            strides[i] = t;
            t *= h.shape[i] ? h.shape[i] : 1;
        }
    } else {
        nd__c_strides(h.ndim, h.shape, strides);
    }
    mapping *m = nd__alloc(sizeof *m, 64);
    if (!m) {
        nd__error(ND_ERR_NOMEM, fn, "out of memory");
        goto fail;
    }
    m->base = base;
    m->len = len;
    nd_array *a = nd_wrap((char *)base + h.data_offset, h.ndim, h.shape, strides, h.dtype, unmap, m);
    if (!a) {
        nd__reraise(fn);
        nd__dealloc(m);
        goto fail;
    }
    if (!cow) a->flags &= ~ND_FLAG_WRITEABLE;
    return a;
fail:
    munmap(base, len);
    return NULL;
}

/* ------------------------------------------------------------ writing */

nd_status nd__npy_plan(const char *fn, const nd_array *a, char *hdr, size_t *hdr_len,
                       uint64_t *total) {
    bool fortran = !(a->flags & ND_FLAG_C) && (a->flags & ND_FLAG_F);
    size_t n = nd__npy_format_header(a->dtype, a->ndim, a->shape, fortran, hdr, ND_NPY_HEADER_CAP);
    if (!n) return nd__error(ND_ERR_VALUE, fn, "the .npy header does not fit");
    *hdr_len = n;
    *total = n + (uint64_t)a->size * nd__itemsize(a->dtype);
    return ND_OK;
}

/* Writes v's elements in C order through scratch (ND_NPY_CHUNK bytes),
 * splitting the outer axes until each piece fits. v is a private copy of a
 * handle: its fields are changed, nothing is retained. */
static nd_status write_strided(const char *fn, const nd_array *v, char *scratch, nd_npy_sink sink,
                               void *ctx) {
    size_t isz = nd__itemsize(v->dtype);
    size_t nbytes = (size_t)v->size * isz;
    if (nbytes == 0) return ND_OK;
    if (v->flags & ND_FLAG_C) return sink(ctx, v->data, nbytes);
    if (nbytes <= ND_NPY_CHUNK) {
        if (nd_copy_to(v, scratch, ND_NPY_CHUNK) != ND_OK) return nd_last_status();
        return sink(ctx, scratch, nbytes);
    }
    int64_t rows = v->shape[0];
    size_t rowbytes = nbytes / (size_t)rows;
    nd_array s = *v;
    nd_status st = ND_OK;
    if (rowbytes <= ND_NPY_CHUNK) {
        int64_t step = (int64_t)(ND_NPY_CHUNK / rowbytes);
        for (int64_t i = 0; i < rows && st == ND_OK; i += step) {
            s.shape[0] = rows - i < step ? rows - i : step;
            s.data = v->data + i * v->strides[0] * (int64_t)isz;
            nd__update_flags(&s);
            st = write_strided(fn, &s, scratch, sink, ctx);
        }
    } else {
        s.ndim = v->ndim - 1;
        memmove(s.shape, v->shape + 1, sizeof(int64_t) * (size_t)s.ndim);
        memmove(s.strides, v->strides + 1, sizeof(int64_t) * (size_t)s.ndim);
        for (int64_t i = 0; i < rows && st == ND_OK; i++) {
            s.data = v->data + i * v->strides[0] * (int64_t)isz;
            nd__update_flags(&s);
            st = write_strided(fn, &s, scratch, sink, ctx);
        }
    }
    return st;
}

nd_status nd__npy_write(const char *fn, const nd_array *a, nd_npy_sink sink, void *ctx) {
    char hdr[ND_NPY_HEADER_CAP];
    size_t hlen;
    uint64_t total;
    nd_status st = nd__npy_plan(fn, a, hdr, &hlen, &total);
    if (st == ND_OK) st = sink(ctx, hdr, hlen);
    if (st != ND_OK || a->size == 0) return st;
    if (a->flags & (ND_FLAG_C | ND_FLAG_F)) /* as the header says: raw memory */
        return sink(ctx, a->data, (size_t)a->size * nd__itemsize(a->dtype));
    char *scratch = nd__alloc(ND_NPY_CHUNK, 64);
    if (!scratch) return nd__error(ND_ERR_NOMEM, fn, "out of memory");
    st = write_strided(fn, a, scratch, sink, ctx);
    nd__dealloc(scratch);
    return st;
}

typedef struct file_sink {
    FILE *f;
    const char *fn;
    const char *path;
} file_sink;

static nd_status file_write(void *ctx, const void *p, size_t n) {
    file_sink *fs = ctx;
    if (fwrite(p, 1, n, fs->f) != n)
        return nd__error(ND_ERR_IO, fs->fn, "cannot write '%s': %s", fs->path, strerror(errno));
    return ND_OK;
}

nd_status nd_save(const char *path, const nd_array *a) {
    static const char fn[] = "nd_save";
    if (!path) return nd__null_arg(fn, "path");
    if (!a) return nd__null_arg(fn, "a");
    FILE *f = fopen(path, "wb");
    if (!f) return nd__error(ND_ERR_IO, fn, "cannot create '%s': %s", path, strerror(errno));
    file_sink fs = {f, fn, path};
    nd_status st = nd__npy_write(fn, a, file_write, &fs);
    if (fclose(f) != 0 && st == ND_OK)
        st = nd__error(ND_ERR_IO, fn, "cannot write '%s': %s", path, strerror(errno));
    if (st != ND_OK) remove(path); /* no half-written file is left behind */
    return st;
}
