/* The bytes nd_loadtxt, nd_loadtxt_file and nd_loadtxt_buffer parse: a
 * regular file read to its end whatever size it reports (/proc, /sys), a
 * caller's stream (a pipe, stdin) read from where it stands to its end, or
 * a caller's buffer used in place. Gzip data is recognised by its magic
 * bytes, whatever the name, and inflated as it is read, so the compressed
 * file is never held whole. One reader for every source, so the parser in
 * text.c sees the same bytes whichever way they came. */
#include "io/text_input.h"
#include "io/file.h"

#include <errno.h>
#include <zlib.h>

#define CHUNK (64 * 1024)

const char *nd__text_name(const nd_text_source *s, char *buf, size_t cap) {
    if (s->path) {
        snprintf(buf, cap, "'%.1000s'", s->path);
        return buf;
    }
    return s->f ? "the stream" : "the buffer";
}

/* A growing buffer of our own (through the allocator hooks). */
typedef struct growbuf {
    char *p;
    size_t n, cap;
} growbuf;

/* Makes room for at least `room` more bytes (plus a spare one, so the
 * result can always be NUL-terminated). */
static nd_status gb_reserve(const char *fn, const char *name, growbuf *b, size_t room) {
    if (b->cap - b->n > room) return ND_OK;
    size_t cap = b->cap ? b->cap : CHUNK;
    while (cap - b->n <= room) {
        if (cap > SIZE_MAX / 2) return nd__error(ND_ERR_OVERFLOW, fn, "%s is too large to read", name);
        cap *= 2;
    }
    char *p = nd__alloc(cap, 64);
    if (!p) return nd__error(ND_ERR_NOMEM, fn, "out of memory reading %s (%zu bytes)", name, cap);
    if (b->n) memcpy(p, b->p, b->n);
    nd__dealloc(b->p);
    b->p = p;
    b->cap = cap;
    return ND_OK;
}

/* The raw bytes, chunk by chunk: from the stream, or all of the caller's
 * buffer at once. */
typedef struct raw {
    const nd_text_source *s;
    FILE *f;
    const char *name;
    size_t mem_pos;
    bool eof;
} raw;

/* Reads up to n bytes into dst (a stream), or points *src at the next
 * bytes of the buffer; *got is 0 only at the end. */
static nd_status raw_read(raw *r, char *dst, size_t n, const char **src, size_t *got) {
    *got = 0;
    if (r->eof) return ND_OK;
    if (!r->f) {
        *src = (const char *)r->s->mem + r->mem_pos;
        *got = r->s->mem_len - r->mem_pos;
        r->mem_pos = r->s->mem_len;
        r->eof = true;
        return ND_OK;
    }
    *src = dst;
    *got = fread(dst, 1, n, r->f);
    if (*got < n) {
        if (ferror(r->f))
            return nd__error(ND_ERR_IO, r->s->fn, "cannot read %s: %s", r->name, strerror(errno ? errno : EIO));
        r->eof = true;
    }
    return ND_OK;
}

/* zlib's memory goes through libnd's allocator hooks too. */
static voidpf z_alloc(voidpf opaque, uInt items, uInt size) {
    (void)opaque;
    size_t t;
    if (__builtin_mul_overflow((size_t)items, (size_t)size, &t)) return NULL;
    return nd__alloc(t ? t : 1, 16);
}
static void z_free(voidpf opaque, voidpf p) {
    (void)opaque;
    nd__dealloc(p);
}

/* Inflates gzip data into out: the first `have` bytes at `first`, then the
 * rest of r. chunk (chunk_len bytes) is where stream reads land. */
static nd_status gunzip(raw *r, const char *first, size_t have, char *chunk, size_t chunk_len, growbuf *out) {
    const char *fn = r->s->fn, *name = r->name;
    z_stream z;
    memset(&z, 0, sizeof z);
    z.zalloc = z_alloc;
    z.zfree = z_free;
    int ret = inflateInit2(&z, 16 + MAX_WBITS); /* gzip wrapper only */
    if (ret != Z_OK) {
        if (ret == Z_MEM_ERROR) return nd__error(ND_ERR_NOMEM, fn, "out of memory decompressing %s", name);
        return nd__error(ND_ERR_UNSUPPORTED, fn, "zlib could not start decompressing %s (error %d)", name, ret);
    }
    z.next_in = (Bytef *)first;
    z.avail_in = (uInt)have; /* have <= CHUNK, or the buffer's length: see below */
    size_t mem_left = 0;     /* caller's-buffer bytes beyond what avail_in holds */
    if (!r->f && have > (size_t)UINT_MAX / 2) {
        mem_left = have - (size_t)UINT_MAX / 2;
        z.avail_in = UINT_MAX / 2;
    }
    nd_status st = ND_OK;
    bool member_done = false; /* between members: only zeros or a new one may follow */
    for (;;) {
        if (z.avail_in == 0) {
            if (mem_left) {
                size_t k = mem_left > (size_t)UINT_MAX / 2 ? (size_t)UINT_MAX / 2 : mem_left;
                z.avail_in = (uInt)k;
                mem_left -= k;
            } else {
                const char *src;
                size_t got;
                if ((st = raw_read(r, chunk, chunk_len, &src, &got)) != ND_OK) break;
                if (got > (size_t)UINT_MAX / 2) { /* only a huge caller's buffer */
                    mem_left = got - (size_t)UINT_MAX / 2;
                    got = (size_t)UINT_MAX / 2;
                }
                z.next_in = (Bytef *)src;
                z.avail_in = (uInt)got;
            }
            if (z.avail_in == 0) {
                if (!member_done)
                    st = nd__error(ND_ERR_IO, fn, "%s is truncated: the gzip data ends early (%zu bytes decompressed)",
                                   name, out->n);
                break;
            }
        }
        if (member_done) {
            /* Python's gzip skips zero padding and reads further members */
            while (z.avail_in && *z.next_in == 0) z.next_in++, z.avail_in--;
            if (!z.avail_in) continue;
            if (*z.next_in != 0x1f) {
                st = nd__error(ND_ERR_VALUE, fn, "%s: bytes after the end of the gzip data are not gzip data (byte 0x%02x)",
                               name, *z.next_in);
                break;
            }
            inflateReset(&z);
            member_done = false;
        }
        if ((st = gb_reserve(fn, name, out, CHUNK)) != ND_OK) break;
        size_t room = out->cap - out->n - 1;
        if (room > UINT_MAX / 2) room = UINT_MAX / 2;
        z.next_out = (Bytef *)out->p + out->n;
        z.avail_out = (uInt)room;
        ret = inflate(&z, Z_NO_FLUSH);
        out->n += room - z.avail_out;
        if (ret == Z_STREAM_END) {
            member_done = true;
        } else if (ret == Z_MEM_ERROR) {
            st = nd__error(ND_ERR_NOMEM, fn, "out of memory decompressing %s", name);
            break;
        } else if (ret == Z_DATA_ERROR || ret == Z_NEED_DICT || ret == Z_STREAM_ERROR) {
            st = nd__error(ND_ERR_VALUE, fn, "%s holds corrupt gzip data (%s, after %zu bytes decompressed)", name,
                           z.msg ? z.msg : "zlib error", out->n);
            break;
        }
        /* Z_OK, or Z_BUF_ERROR with all input used: read on */
    }
    inflateEnd(&z);
    return st;
}

static bool is_gzip(const char *p, size_t n) {
    return n >= 2 && (unsigned char)p[0] == 0x1f && (unsigned char)p[1] == 0x8b;
}

nd_status nd__text_read(const nd_text_source *s, nd_text *t) {
    const char *fn = s->fn;
    char namebuf[1024];
    raw r = {.s = s, .name = nd__text_name(s, namebuf, sizeof namebuf)};
    memset(t, 0, sizeof *t);
    uint64_t size = 0;
    if (s->path) {
        r.f = nd__open_regular(fn, s->path, &size);
        if (!r.f) return ND_ERR_IO; /* recorded */
    } else if (s->f) {
        r.f = s->f;
    } else {
        /* a caller's buffer: text is parsed where it is */
        if (!is_gzip(s->mem, s->mem_len)) {
            t->p = s->mem;
            t->n = s->mem_len;
            return ND_OK;
        }
    }
    nd_status st = ND_OK;
    growbuf in = {0}, out = {0};
    if (r.f) {
        const char *src;
        size_t got = 0;
        /* a first chunk, enough to see the magic (a stream may give one
         * byte at a time) */
        st = gb_reserve(fn, r.name, &in, CHUNK - 1);
        while (st == ND_OK && in.n < 2 && !r.eof) {
            st = raw_read(&r, in.p + in.n, in.cap - in.n - 1, &src, &got);
            in.n += got;
        }
        if (st == ND_OK && is_gzip(in.p, in.n)) {
            /* inflated chunk by chunk: once the first bytes are used, in's
             * memory takes the next reads, so the compressed data is never
             * held whole */
            t->gzip = true;
            st = gunzip(&r, in.p, in.n, in.p, in.cap - 1, &out);
        } else if (st == ND_OK) {
            /* the file's size only sizes the buffer: /proc and /sys files
             * report 0 or 4096 whatever they hold, and streams nothing */
            if (size > in.n && size < SIZE_MAX / 4) st = gb_reserve(fn, r.name, &in, (size_t)size - in.n + 4096);
            while (st == ND_OK && !r.eof) {
                if ((st = gb_reserve(fn, r.name, &in, 4096)) != ND_OK) break;
                st = raw_read(&r, in.p + in.n, in.cap - in.n - 1, &src, &got);
                in.n += got;
            }
        }
        if (s->path) fclose(r.f);
    } else {
        t->gzip = true;
        r.eof = true; /* the buffer is read in place, all at once */
        st = gunzip(&r, s->mem, s->mem_len, NULL, 0, &out);
    }
    if (st != ND_OK) {
        nd__dealloc(in.p);
        nd__dealloc(out.p);
        return st;
    }
    growbuf *g = t->gzip ? &out : &in;
    if (t->gzip) nd__dealloc(in.p);
    if (!g->p && (st = gb_reserve(fn, r.name, g, 0)) != ND_OK) return st;
    g->p[g->n] = '\0';
    t->p = g->p;
    t->n = g->n;
    t->own = true;
    return ND_OK;
}

void nd__text_release(nd_text *t) {
    if (t->own) nd__dealloc((void *)t->p);
    memset(t, 0, sizeof *t);
}
