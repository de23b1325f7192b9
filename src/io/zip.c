/* Zip archives for .npz: a validating reader (end records, ZIP64, central
 * directory, local headers, stored and deflated entries with their CRC-32)
 * and a streaming writer. Archives are untrusted input: every offset and
 * size is checked against the file before it is used or allocated from. */
#include "io/zip.h"
#include "io/file.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <zlib.h>

#define SIG_LOCAL 0x04034b50u
#define SIG_CENTRAL 0x02014b50u
#define SIG_END 0x06054b50u
#define SIG_END64 0x06064b50u
#define SIG_LOCATOR64 0x07064b50u
/* Sizes and offsets above this get ZIP64 fields, as Python's zipfile does. */
#define ZIP64_LIMIT 0x7fffffffu
/* Deflate cannot expand data more than about 1032 to 1. */
#define DEFLATE_MAX_RATIO 1032u
#define IOBUF (64 * 1024)

/* Memory goes through libnd's allocator hooks, zlib's too. */
static void *zmalloc(size_t n) { return nd__alloc(n ? n : 1, 16); }
static void *zcalloc(size_t n, size_t size) {
    size_t t;
    if (__builtin_mul_overflow(n, size, &t)) return NULL;
    void *p = zmalloc(t);
    if (p) memset(p, 0, t);
    return p;
}
static voidpf zhook_alloc(voidpf opaque, uInt items, uInt size) {
    (void)opaque;
    return zcalloc(items, size);
}
static void zhook_free(voidpf opaque, voidpf p) {
    (void)opaque;
    nd__dealloc(p);
}

/* A zlib failure as a status: its allocations failing are ND_ERR_NOMEM
 * (not corrupt data), a zlib of another version ND_ERR_UNSUPPORTED, bad
 * data ND_ERR_VALUE. */
static nd_status zlib_error(const char *fn, int ret, const char *what, const char *name, const char *zmsg) {
    if (ret == Z_MEM_ERROR) return nd__error(ND_ERR_NOMEM, fn, "out of memory %s entry '%s'", what, name);
    if (ret == Z_VERSION_ERROR)
        return nd__error(ND_ERR_UNSUPPORTED, fn, "zlib %s at run time is not the version libnd was built with (%s)",
                         zlibVersion(), ZLIB_VERSION);
    if (ret == Z_DATA_ERROR || ret == Z_NEED_DICT)
        return nd__error(ND_ERR_VALUE, fn, "entry '%s': corrupt deflate data (%s)", name,
                         zmsg ? zmsg : "zlib error");
    return nd__error(ND_ERR_VALUE, fn, "entry '%s': zlib failed %s it (error %d: %s)", name, what, ret,
                     zmsg ? zmsg : "no message");
}

static uint16_t le16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t le32(const unsigned char *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static uint64_t le64(const unsigned char *p) { return le32(p) | (uint64_t)le32(p + 4) << 32; }
static unsigned char *put16(unsigned char *p, unsigned v) {
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    return p + 2;
}
static unsigned char *put32(unsigned char *p, uint32_t v) {
    put16(p, v & 0xffff);
    put16(p + 2, v >> 16);
    return p + 4;
}
static unsigned char *put64(unsigned char *p, uint64_t v) {
    put32(p, (uint32_t)v);
    put32(p + 4, (uint32_t)(v >> 32));
    return p + 8;
}

/* ------------------------------------------------------------ reading */

static nd_status read_at(const char *fn, nd_zip *z, uint64_t off, void *buf, size_t n) {
    if (off > z->size || n > z->size - off)
        return nd__error(ND_ERR_IO, fn, "truncated archive: %zu bytes at offset %llu lie beyond its end",
                         n, (unsigned long long)off);
    if (n == 0) return ND_OK;
    if (fseeko(z->f, (off_t)off, SEEK_SET) != 0 || fread(buf, 1, n, z->f) != n)
        return nd__error(ND_ERR_IO, fn, "read error at offset %llu: %s", (unsigned long long)off,
                         ferror(z->f) ? strerror(errno) : "unexpected end of file");
    return ND_OK;
}

void nd__zip_close(nd_zip *z) {
    if (!z) return;
    if (z->f) fclose(z->f);
    for (int i = 0; i < z->count; i++) nd__dealloc(z->entries[i].name);
    nd__dealloc(z->entries);
    nd__dealloc(z);
}

/* Fills the fields an entry's ZIP64 extra field holds, as those in the
 * fixed part equal to 0xffffffff say. */
static nd_status zip64_extra(const char *fn, const unsigned char *x, size_t n, nd_zip_entry *e,
                             bool need_u, bool need_c, bool need_off) {
    size_t i = 0;
    while (i + 4 <= n) {
        unsigned id = le16(x + i), len = le16(x + i + 2);
        if (len > n - i - 4) break;
        if (id == 1) {
            const unsigned char *q = x + i + 4;
            size_t want = 8u * (need_u + need_c + need_off);
            if (len < want)
                return nd__error(ND_ERR_VALUE, fn, "entry '%s': ZIP64 extra field of %u bytes, %zu needed",
                                 e->name, len, want);
            if (need_u) e->usize = le64(q), q += 8;
            if (need_c) e->csize = le64(q), q += 8;
            if (need_off) e->local_offset = le64(q);
            return ND_OK;
        }
        i += 4 + len;
    }
    if (need_u || need_c || need_off)
        return nd__error(ND_ERR_VALUE, fn, "entry '%s': sizes are marked ZIP64 but it has no ZIP64 field",
                         e->name);
    return ND_OK;
}

static int by_offset_ctx_cmp(const void *a, const void *b) {
    const nd_zip_entry *x = *(nd_zip_entry *const *)a, *y = *(nd_zip_entry *const *)b;
    return x->local_offset < y->local_offset ? -1 : x->local_offset > y->local_offset;
}

/* Finds the end records; sets the central directory's place and count. */
static nd_status find_directory(const char *fn, nd_zip *z, uint64_t *count, uint64_t *cd_off,
                                uint64_t *cd_size, uint64_t *cd_end) {
    if (z->size < 22) return nd__error(ND_ERR_VALUE, fn, "not a zip archive: %llu bytes is too short",
                                       (unsigned long long)z->size);
    size_t tail = z->size < 65535 + 22 ? (size_t)z->size : 65535 + 22;
    unsigned char *buf = zmalloc(tail);
    if (!buf) return nd__error(ND_ERR_NOMEM, fn, "out of memory");
    nd_status st = read_at(fn, z, z->size - tail, buf, tail);
    if (st != ND_OK) {
        nd__dealloc(buf);
        return st;
    }
    size_t p = tail - 22 + 1;
    bool found = false;
    while (p-- > 0) {
        if (le32(buf + p) == SIG_END && p + 22 + le16(buf + p + 20) <= tail) {
            found = true;
            break;
        }
    }
    if (!found) {
        nd__dealloc(buf);
        return nd__error(ND_ERR_VALUE, fn, "not a zip archive (no end of central directory record)");
    }
    const unsigned char *e = buf + p;
    uint64_t end_pos = z->size - tail + p;
    uint32_t disk = le16(e + 4), cd_disk = le16(e + 6);
    uint64_t n_disk = le16(e + 8);
    *count = le16(e + 10);
    *cd_size = le32(e + 12);
    *cd_off = le32(e + 16);
    *cd_end = end_pos;
    nd__dealloc(buf);
    bool maybe64 = *count == 0xffff || *cd_size == 0xffffffff || *cd_off == 0xffffffff ||
                   n_disk == 0xffff || disk == 0xffff || cd_disk == 0xffff;
    unsigned char loc[20];
    if (maybe64 && end_pos >= 20 && read_at(fn, z, end_pos - 20, loc, 20) == ND_OK &&
        le32(loc) == SIG_LOCATOR64) {
        uint64_t off64 = le64(loc + 8);
        unsigned char r[56];
        if (off64 > end_pos - 20 || end_pos - 20 - off64 < 56)
            return nd__error(ND_ERR_VALUE, fn, "the ZIP64 end record's offset %llu lies outside the archive",
                             (unsigned long long)off64);
        if ((st = read_at(fn, z, off64, r, 56)) != ND_OK) return st;
        if (le32(r) != SIG_END64)
            return nd__error(ND_ERR_VALUE, fn, "bad ZIP64 end of central directory record");
        disk = le32(r + 16);
        cd_disk = le32(r + 20);
        n_disk = le64(r + 24);
        *count = le64(r + 32);
        *cd_size = le64(r + 40);
        *cd_off = le64(r + 48);
        *cd_end = off64;
    }
    if (disk != 0 || cd_disk != 0 || n_disk != *count)
        return nd__error(ND_ERR_UNSUPPORTED, fn, "multi-volume zip archives are not supported");
    if (*cd_off > *cd_end || *cd_size > *cd_end - *cd_off)
        return nd__error(ND_ERR_VALUE, fn,
                         "the central directory (%llu bytes at offset %llu) lies beyond the end records at %llu",
                         (unsigned long long)*cd_size, (unsigned long long)*cd_off,
                         (unsigned long long)*cd_end);
    if (*count > *cd_size / 46 || *count > INT_MAX)
        return nd__error(ND_ERR_VALUE, fn, "the archive claims %llu entries but its central directory of %llu bytes holds at most %llu",
                         (unsigned long long)*count, (unsigned long long)*cd_size,
                         (unsigned long long)(*cd_size / 46));
    return ND_OK;
}

/* Reads the local header of e and checks it agrees with the directory. */
static nd_status check_local(const char *fn, nd_zip *z, nd_zip_entry *e, uint64_t cd_off) {
    unsigned char h[30];
    if (e->local_offset > cd_off || cd_off - e->local_offset < 30)
        return nd__error(ND_ERR_VALUE, fn, "entry '%s': its local header at offset %llu lies outside the data area",
                         e->name, (unsigned long long)e->local_offset);
    nd_status st = read_at(fn, z, e->local_offset, h, 30);
    if (st != ND_OK) return st;
    if (le32(h) != SIG_LOCAL)
        return nd__error(ND_ERR_VALUE, fn, "entry '%s': no local header at offset %llu", e->name,
                         (unsigned long long)e->local_offset);
    size_t nlen = le16(h + 26), elen = le16(h + 28), clen = strlen(e->name);
    uint64_t data = e->local_offset + 30 + nlen + elen;
    if (data > cd_off)
        return nd__error(ND_ERR_VALUE, fn, "entry '%s': its local header runs into the central directory", e->name);
    if (le16(h + 8) != e->method)
        return nd__error(ND_ERR_VALUE, fn, "entry '%s': the local header and the directory disagree on the method",
                         e->name);
    char name[256];
    bool same = nlen == clen;
    for (size_t done = 0; same && done < nlen;) {
        size_t k = nlen - done < sizeof name ? nlen - done : sizeof name;
        if ((st = read_at(fn, z, e->local_offset + 30 + done, name, k)) != ND_OK) return st;
        same = memcmp(name, e->name + done, k) == 0;
        done += k;
    }
    if (!same)
        return nd__error(ND_ERR_VALUE, fn, "entry '%s': the local header names another file", e->name);
    if (e->csize > cd_off - data)
        return nd__error(ND_ERR_VALUE, fn, "entry '%s' claims %llu bytes of data, beyond the %llu before the central directory",
                         e->name, (unsigned long long)e->csize, (unsigned long long)(cd_off - data));
    e->data_offset = data;
    return ND_OK;
}

static nd_status parse_directory(const char *fn, nd_zip *z, const unsigned char *cd, uint64_t cd_size,
                                 uint64_t cd_off) {
    uint64_t q = 0;
    for (int i = 0; i < z->count; i++) {
        if (cd_size - q < 46 || le32(cd + q) != SIG_CENTRAL)
            return nd__error(ND_ERR_VALUE, fn, "central directory entry %d is malformed", i);
        const unsigned char *c = cd + q;
        unsigned flags = le16(c + 8), method = le16(c + 10);
        size_t nlen = le16(c + 28), elen = le16(c + 30), clen = le16(c + 32);
        if (cd_size - q - 46 < nlen + elen + clen)
            return nd__error(ND_ERR_VALUE, fn, "central directory entry %d runs past the directory", i);
        nd_zip_entry *e = &z->entries[i];
        if (nlen == 0 || memchr(c + 46, 0, nlen))
            return nd__error(ND_ERR_VALUE, fn, "central directory entry %d has an empty or invalid name", i);
        e->name = zmalloc(nlen + 1);
        if (!e->name) return nd__error(ND_ERR_NOMEM, fn, "out of memory");
        memcpy(e->name, c + 46, nlen);
        e->name[nlen] = '\0';
        if (flags & 0x41)
            return nd__error(ND_ERR_UNSUPPORTED, fn, "entry '%s' is encrypted", e->name);
        if (method != 0 && method != 8)
            return nd__error(ND_ERR_UNSUPPORTED, fn, "entry '%s' uses compression method %u (stored and deflate are supported)",
                             e->name, method);
        e->method = (int)method;
        e->crc = le32(c + 16);
        e->csize = le32(c + 20);
        e->usize = le32(c + 24);
        e->local_offset = le32(c + 42);
        nd_status st = zip64_extra(fn, c + 46 + nlen, elen, e, e->usize == 0xffffffff,
                                   e->csize == 0xffffffff, e->local_offset == 0xffffffff);
        if (st != ND_OK) return st;
        if (method == 0 && e->csize != e->usize)
            return nd__error(ND_ERR_VALUE, fn, "stored entry '%s' claims %llu bytes but holds %llu", e->name,
                             (unsigned long long)e->usize, (unsigned long long)e->csize);
        if (method == 8 && e->usize / DEFLATE_MAX_RATIO > e->csize)
            return nd__error(ND_ERR_VALUE, fn, "entry '%s' claims %llu bytes from %llu compressed, more than deflate can give",
                             e->name, (unsigned long long)e->usize, (unsigned long long)e->csize);
        if ((st = check_local(fn, z, e, cd_off)) != ND_OK) return st;
        q += 46 + nlen + elen + clen;
    }
    if (z->count == 0) return ND_OK;
    /* no entry's data may run into the next entry */
    nd_zip_entry **order = zmalloc(sizeof *order * (size_t)z->count);
    if (!order) return nd__error(ND_ERR_NOMEM, fn, "out of memory");
    for (int i = 0; i < z->count; i++) order[i] = &z->entries[i];
    qsort(order, (size_t)z->count, sizeof *order, by_offset_ctx_cmp);
    nd_status st = ND_OK;
    for (int i = 0; i + 1 < z->count && st == ND_OK; i++)
        if (order[i]->data_offset + order[i]->csize > order[i + 1]->local_offset)
            st = nd__error(ND_ERR_VALUE, fn, "entries '%s' and '%s' overlap", order[i]->name, order[i + 1]->name);
    nd__dealloc(order);
    return st;
}

nd_zip *nd__zip_open(const char *fn, const char *path) {
    nd_zip *z = zcalloc(1, sizeof *z);
    if (!z) {
        nd__error(ND_ERR_NOMEM, fn, "out of memory");
        return NULL;
    }
    z->f = nd__open_regular(fn, path, &z->size);
    if (!z->f) goto fail;
    uint64_t count = 0, cd_off = 0, cd_size = 0, cd_end = 0;
    if (find_directory(fn, z, &count, &cd_off, &cd_size, &cd_end) != ND_OK) goto fail;
    /* both bounded by the file's size now */
    unsigned char *cd = zmalloc(cd_size ? (size_t)cd_size : 1);
    z->entries = zcalloc(count ? (size_t)count : 1, sizeof *z->entries);
    if (!cd || !z->entries) {
        nd__dealloc(cd);
        nd__error(ND_ERR_NOMEM, fn, "out of memory");
        goto fail;
    }
    z->count = (int)count;
    nd_status st = read_at(fn, z, cd_off, cd, (size_t)cd_size);
    if (st == ND_OK) st = parse_directory(fn, z, cd, cd_size, cd_off);
    nd__dealloc(cd);
    if (st != ND_OK) goto fail;
    return z;
fail:
    nd__zip_close(z);
    return NULL;
}

nd_status nd__zip_reader_open(const char *fn, nd_zip *z, int i, nd_zip_reader *r) {
    memset(r, 0, sizeof *r);
    r->fn = fn;
    r->zip = z;
    r->e = &z->entries[i];
    r->crc = (uint32_t)crc32(0, Z_NULL, 0);
    if (r->e->method != 8) return ND_OK;
    z_stream *s = zcalloc(1, sizeof *s);
    r->inbuf = zmalloc(IOBUF);
    r->z = s;
    if (!s || !r->inbuf) {
        nd__dealloc(s);
        r->z = NULL;
        return nd__error(ND_ERR_NOMEM, fn, "out of memory");
    }
    s->zalloc = zhook_alloc;
    s->zfree = zhook_free;
    int ret = inflateInit2(s, -15);
    if (ret != Z_OK) {
        nd__dealloc(s);
        r->z = NULL;
        return zlib_error(fn, ret, "inflating", r->e->name, NULL);
    }
    return ND_OK;
}

void nd__zip_reader_close(nd_zip_reader *r) {
    if (r->z) {
        inflateEnd(r->z);
        nd__dealloc(r->z);
    }
    nd__dealloc(r->inbuf);
    r->z = NULL;
    r->inbuf = NULL;
}

nd_status nd__zip_read(void *ctx, void *buf, size_t n, size_t *got) {
    nd_zip_reader *r = ctx;
    const nd_zip_entry *e = r->e;
    *got = 0;
    nd_status st;
    if (e->method == 0) {
        uint64_t left = e->usize - r->out_pos;
        size_t k = left < n ? (size_t)left : n;
        if ((st = read_at(r->fn, r->zip, e->data_offset + r->out_pos, buf, k)) != ND_OK) return st;
        r->crc = (uint32_t)crc32_z(r->crc, buf, k);
        r->out_pos += k;
        *got = k;
        return ND_OK;
    }
    z_stream *s = r->z;
    unsigned char *out = buf;
    while (*got < n && !r->ended) {
        if (s->avail_in == 0 && r->in_pos < e->csize) {
            uint64_t left = e->csize - r->in_pos;
            size_t k = left < IOBUF ? (size_t)left : IOBUF;
            if ((st = read_at(r->fn, r->zip, e->data_offset + r->in_pos, r->inbuf, k)) != ND_OK) return st;
            r->in_pos += k;
            s->next_in = r->inbuf;
            s->avail_in = (uInt)k;
        }
        size_t room = n - *got;
        s->next_out = out + *got;
        s->avail_out = room > (1u << 30) ? (1u << 30) : (uInt)room;
        uInt before = s->avail_out, in_before = s->avail_in;
        int ret = inflate(s, Z_NO_FLUSH);
        size_t made = before - s->avail_out;
        if (ret == Z_STREAM_END) r->ended = true;
        else if (ret == Z_BUF_ERROR && s->avail_in == 0 && r->in_pos == e->csize)
            return nd__error(ND_ERR_VALUE, r->fn, "entry '%s': the deflate stream is truncated", e->name);
        else if (ret != Z_OK && ret != Z_BUF_ERROR)
            return zlib_error(r->fn, ret, "inflating", e->name, s->msg);
        if (ret != Z_STREAM_END && made == 0 && s->avail_in == in_before && s->avail_in > 0)
            return nd__error(ND_ERR_VALUE, r->fn, "entry '%s': the deflate stream makes no progress", e->name);
        if (made > e->usize - r->out_pos)
            return nd__error(ND_ERR_VALUE, r->fn, "entry '%s' inflates to more than the %llu bytes it declares",
                             e->name, (unsigned long long)e->usize);
        r->crc = (uint32_t)crc32_z(r->crc, out + *got, made);
        r->out_pos += made;
        *got += made;
        if (made == 0 && s->avail_in == 0 && r->in_pos == e->csize && !r->ended)
            return nd__error(ND_ERR_VALUE, r->fn, "entry '%s': the deflate stream is truncated", e->name);
    }
    return ND_OK;
}

nd_status nd__zip_reader_finish(nd_zip_reader *r) {
    unsigned char tmp[4096];
    size_t got;
    nd_status st;
    do {
        if ((st = nd__zip_read(r, tmp, sizeof tmp, &got)) != ND_OK) return st;
    } while (got > 0);
    const nd_zip_entry *e = r->e;
    if (r->out_pos != e->usize)
        return nd__error(ND_ERR_VALUE, r->fn, "entry '%s' holds %llu bytes, not the %llu it declares", e->name,
                         (unsigned long long)r->out_pos, (unsigned long long)e->usize);
    if (r->crc != e->crc)
        return nd__error(ND_ERR_VALUE, r->fn, "entry '%s': CRC-32 mismatch (the archive is corrupt)", e->name);
    return ND_OK;
}

/* ------------------------------------------------------------ writing */

static nd_status put(nd_zip_writer *w, const void *p, size_t n) {
    if (n && fwrite(p, 1, n, w->f) != n)
        return nd__error(ND_ERR_IO, w->fn, "cannot write '%s': %s", w->path, strerror(errno));
    w->pos += n;
    return ND_OK;
}

nd_status nd__zip_writer_open(const char *fn, const char *path, nd_zip_writer *w) {
    memset(w, 0, sizeof *w);
    w->fn = fn;
    w->path = path;
    nd_status st = nd__out_open(fn, path, true, &w->out);
    if (st != ND_OK) return st;
    w->f = w->out.f;
    /* entries carry the time of writing, in local time, as zipfile does */
    time_t now = time(NULL);
    struct tm tm;
    if (localtime_r(&now, &tm) && tm.tm_year >= 80) {
        w->dos_time = (uint16_t)(tm.tm_hour << 11 | tm.tm_min << 5 | tm.tm_sec / 2);
        w->dos_date = (uint16_t)((tm.tm_year - 80) << 9 | (tm.tm_mon + 1) << 5 | tm.tm_mday);
    } else {
        w->dos_date = 1 << 5 | 1; /* 1980-01-01 */
    }
    return ND_OK;
}

void nd__zip_writer_abort(nd_zip_writer *w) {
    if (w->f) nd__out_close(&w->out, ND_ERR_IO); /* the error is recorded already */
    w->f = NULL;
    for (int i = 0; i < w->count; i++) nd__dealloc(w->entries[i].name);
    nd__dealloc(w->entries);
    w->entries = NULL;
    w->count = w->cap = 0;
}

typedef struct entry_sink {
    nd_zip_writer *w;
    z_stream *z;
    unsigned char *out;
    uint32_t crc;
    uint64_t usize, csize;
} entry_sink;

/* Runs the deflater over what it holds (flush: Z_NO_FLUSH or Z_FINISH). */
static nd_status pump(entry_sink *es, int flush) {
    int ret;
    do {
        es->z->next_out = es->out;
        es->z->avail_out = IOBUF;
        ret = deflate(es->z, flush);
        if (ret == Z_STREAM_ERROR) return nd__error(ND_ERR_VALUE, es->w->fn, "zlib's deflater failed");
        size_t have = IOBUF - es->z->avail_out;
        nd_status st = put(es->w, es->out, have);
        if (st != ND_OK) return st;
        es->csize += have;
    } while (es->z->avail_out == 0 || (flush == Z_FINISH && ret != Z_STREAM_END));
    return ND_OK;
}

static nd_status entry_write(void *ctx, const void *p, size_t n) {
    entry_sink *es = ctx;
    es->crc = (uint32_t)crc32_z(es->crc, p, n);
    es->usize += n;
    if (!es->z) {
        es->csize += n;
        return put(es->w, p, n);
    }
    const unsigned char *b = p;
    while (n > 0) {
        size_t k = n > (1u << 30) ? (1u << 30) : n;
        es->z->next_in = (Bytef *)(uintptr_t)b;
        es->z->avail_in = (uInt)k;
        nd_status st = pump(es, Z_NO_FLUSH);
        if (st != ND_OK) return st;
        b += k;
        n -= k;
    }
    return ND_OK;
}

static nd_status patch(nd_zip_writer *w, uint64_t at, const unsigned char *p, size_t n) {
    if (fseeko(w->f, (off_t)at, SEEK_SET) != 0 || fwrite(p, 1, n, w->f) != n ||
        fseeko(w->f, (off_t)w->pos, SEEK_SET) != 0)
        return nd__error(ND_ERR_IO, w->fn, "cannot write '%s': %s", w->path, strerror(errno));
    return ND_OK;
}

static bool is_ascii(const char *s) {
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80) return false;
    return true;
}

nd_status nd__zip_add(nd_zip_writer *w, const char *name, bool deflate_it, uint64_t usize,
                      nd_zip_producer produce, void *ctx) {
    size_t nlen = strlen(name);
    if (nlen == 0 || nlen > 0xffff)
        return nd__error(ND_ERR_VALUE, w->fn, "an entry name must have 1 to 65535 bytes");
    if (w->count == w->cap) {
        int cap = w->cap ? 2 * w->cap : 8;
        nd_zip_written *e = zcalloc((size_t)cap, sizeof *e);
        if (!e) return nd__error(ND_ERR_NOMEM, w->fn, "out of memory");
        if (w->count) memcpy(e, w->entries, sizeof *e * (size_t)w->count);
        nd__dealloc(w->entries);
        w->entries = e;
        w->cap = cap;
    }
    nd_zip_written *e = &w->entries[w->count];
    memset(e, 0, sizeof *e);
    e->name = zmalloc(nlen + 1);
    if (!e->name) return nd__error(ND_ERR_NOMEM, w->fn, "out of memory");
    memcpy(e->name, name, nlen + 1);
    w->count++;
    e->method = deflate_it ? 8 : 0;
    e->offset = w->pos;
    bool zip64 = usize + usize / 20 > ZIP64_LIMIT;
    unsigned char h[30 + 20], *p = h;
    p = put32(p, SIG_LOCAL);
    p = put16(p, zip64 ? 45 : 20);
    p = put16(p, is_ascii(name) ? 0 : 0x800);
    p = put16(p, (unsigned)e->method);
    p = put16(p, w->dos_time);
    p = put16(p, w->dos_date);
    p = put32(p, 0);
    p = put32(p, zip64 ? 0xffffffff : 0);
    p = put32(p, zip64 ? 0xffffffff : 0);
    p = put16(p, (unsigned)nlen);
    p = put16(p, zip64 ? 20 : 0);
    nd_status st = put(w, h, 30);
    if (st == ND_OK) st = put(w, name, nlen);
    if (st == ND_OK && zip64) {
        p = put16(h, 1);
        p = put16(p, 16);
        memset(p, 0, 16);
        st = put(w, h, 20);
    }
    if (st != ND_OK) return st;

    z_stream zs;
    entry_sink es = {.w = w, .crc = (uint32_t)crc32(0, Z_NULL, 0)};
    if (deflate_it) {
        memset(&zs, 0, sizeof zs);
        zs.zalloc = zhook_alloc;
        zs.zfree = zhook_free;
        es.out = zmalloc(IOBUF);
        if (!es.out) return nd__error(ND_ERR_NOMEM, w->fn, "out of memory");
        int ret = deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
        if (ret != Z_OK) {
            nd__dealloc(es.out);
            return zlib_error(w->fn, ret, "deflating", name, NULL);
        }
        es.z = &zs;
    }
    st = produce(ctx, entry_write, &es);
    if (st == ND_OK && deflate_it) {
        zs.next_in = NULL;
        zs.avail_in = 0;
        st = pump(&es, Z_FINISH);
    }
    if (deflate_it) {
        deflateEnd(&zs);
        nd__dealloc(es.out);
    }
    if (st != ND_OK) return st;
    if (es.usize != usize)
        return nd__error(ND_ERR_VALUE, w->fn, "entry '%s': %llu bytes were planned but %llu written", name,
                         (unsigned long long)usize, (unsigned long long)es.usize);
    if (!zip64 && es.csize > 0xffffffffu)
        return nd__error(ND_ERR_OVERFLOW, w->fn, "entry '%s' compressed beyond the 4 GiB a plain zip entry holds", name);
    e->crc = es.crc;
    e->csize = es.csize;
    e->usize = es.usize;
    /* now that they are known: the CRC and the sizes */
    unsigned char fix[12];
    p = put32(fix, e->crc);
    p = put32(p, zip64 ? 0xffffffff : (uint32_t)e->csize);
    put32(p, zip64 ? 0xffffffff : (uint32_t)e->usize);
    st = patch(w, e->offset + 14, fix, 12);
    if (st == ND_OK && zip64) {
        unsigned char x[16];
        put64(put64(x, e->usize), e->csize);
        st = patch(w, e->offset + 30 + nlen + 4, x, 16);
    }
    return st;
}

nd_status nd__zip_writer_close(nd_zip_writer *w) {
    uint64_t cd_off = w->pos;
    nd_status st = ND_OK;
    for (int i = 0; i < w->count && st == ND_OK; i++) {
        const nd_zip_written *e = &w->entries[i];
        size_t nlen = strlen(e->name);
        bool big = e->usize > ZIP64_LIMIT || e->csize > ZIP64_LIMIT, far = e->offset > ZIP64_LIMIT;
        unsigned char c[46 + 28], x[28], *p = c, *q = x + 4;
        if (big) q = put64(put64(q, e->usize), e->csize);
        if (far) q = put64(q, e->offset);
        size_t xlen = (big || far) ? (size_t)(q - x) : 0;
        put16(put16(x, 1), (unsigned)(xlen ? xlen - 4 : 0));
        unsigned version = (big || far) ? 45 : 20;
        p = put16(put32(p, SIG_CENTRAL), 0x0300 | version); /* made by Unix */
        p = put16(p, version);
        p = put16(p, is_ascii(e->name) ? 0 : 0x800);
        p = put16(p, (unsigned)e->method);
        p = put16(p, w->dos_time);
        p = put16(p, w->dos_date);
        p = put32(p, e->crc);
        p = put32(p, big ? 0xffffffff : (uint32_t)e->csize);
        p = put32(p, big ? 0xffffffff : (uint32_t)e->usize);
        p = put16(p, (unsigned)nlen);
        p = put16(p, (unsigned)xlen);
        p = put16(p, 0);                 /* comment */
        p = put16(p, 0);                 /* disk */
        p = put16(p, 0);                 /* internal attributes */
        p = put32(p, 0600u << 16);       /* rw------- as zipfile gives np.savez's entries */
        p = put32(p, far ? 0xffffffff : (uint32_t)e->offset);
        st = put(w, c, 46);
        if (st == ND_OK) st = put(w, e->name, nlen);
        if (st == ND_OK) st = put(w, x, xlen);
    }
    uint64_t cd_size = w->pos - cd_off, count = (uint64_t)w->count;
    if (st == ND_OK && (count >= 0xffff || cd_size > ZIP64_LIMIT || cd_off > ZIP64_LIMIT)) {
        uint64_t end64 = w->pos;
        unsigned char r[56 + 20], *p = r;
        p = put32(p, SIG_END64);
        p = put64(p, 44);
        p = put16(p, 0x0300 | 45);
        p = put16(p, 45);
        p = put32(p, 0);
        p = put32(p, 0);
        p = put64(p, count);
        p = put64(p, count);
        p = put64(p, cd_size);
        p = put64(p, cd_off);
        p = put32(p, SIG_LOCATOR64);
        p = put32(p, 0);
        p = put64(p, end64);
        p = put32(p, 1);
        st = put(w, r, sizeof r);
    }
    if (st == ND_OK) {
        unsigned char r[22], *p = r;
        unsigned n16 = count >= 0xffff ? 0xffff : (unsigned)count;
        p = put32(p, SIG_END);
        p = put16(p, 0);
        p = put16(p, 0);
        p = put16(p, n16);
        p = put16(p, n16);
        p = put32(p, cd_size > 0xffffffffu ? 0xffffffff : (uint32_t)cd_size);
        p = put32(p, cd_off > 0xffffffffu ? 0xffffffff : (uint32_t)cd_off);
        put16(p, 0);
        st = put(w, r, 22);
    }
    st = nd__out_close(&w->out, st);
    w->f = NULL;
    nd__zip_writer_abort(w); /* frees the entries */
    return st;
}
