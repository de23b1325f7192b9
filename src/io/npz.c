/* .npz archives: nd_savez (np.savez / np.savez_compressed) and the
 * nd_npz_* reader, on top of zip.c for the archive and npy.c for each
 * member. Every member must be a .npy file; its claimed sizes are checked
 * against the archive before anything is allocated from them. */
#include "io/npy.h"
#include "io/zip.h"

#include <stdio.h>

struct nd_npz {
    nd_zip *zip;
    char **names;   /* entry names without ".npy" */
    char *path;
};

/* ------------------------------------------------------------ writing */

typedef struct member {
    const char *fn;
    const nd_array *a;
} member;

static nd_status produce_member(void *ctx, nd_status (*sink)(void *, const void *, size_t),
                                void *sink_ctx) {
    member *m = ctx;
    return nd__npy_write(m->fn, m->a, sink, sink_ctx);
}

nd_status nd_savez(const char *path, int n, const char *const *names,
                   const nd_array *const *arrays, bool compressed) {
    static const char fn[] = "nd_savez";
    if (!path) return nd__null_arg(fn, "path");
    if (n < 0) return nd__error(ND_ERR_VALUE, fn, "n is %d", n);
    if (n > 0 && !arrays) return nd__null_arg(fn, "arrays");
    /* every check before the file is created */
    for (int i = 0; i < n; i++) {
        if (!arrays[i]) return nd__null_arg(fn, "arrays[i]");
        if (!names) continue;
        if (!names[i]) return nd__null_arg(fn, "names[i]");
        size_t len = strlen(names[i]);
        if (len == 0 || len > 0xffff - 4)
            return nd__error(ND_ERR_VALUE, fn, "name %d must have 1 to 65531 bytes", i);
        for (int j = 0; j < i; j++) {
            if (!strcmp(names[i], names[j]))
                return nd__error(ND_ERR_VALUE, fn, "the name '%.200s' is given twice", names[i]);
            /* "x" and "x.npy" are stored as x.npy and x.npy.npy: NumPy (and
             * a reader accepting "x.npy" for "x") would read one for the other */
            const char *s = names[i], *l = names[j];
            if (strlen(s) > strlen(l)) s = names[j], l = names[i];
            size_t n = strlen(s);
            if (strlen(l) == n + 4 && !strncmp(l, s, n) && !strcmp(l + n, ".npy"))
                return nd__error(ND_ERR_VALUE, fn,
                                 "the names '%.200s' and '%.200s' clash: with entries '%.200s.npy' and "
                                 "'%.200s.npy', the name '%.200s' is ambiguous when read back",
                                 s, l, s, l, l);
        }
    }
    nd_zip_writer w;
    nd_status st = nd__zip_writer_open(fn, path, &w);
    for (int i = 0; i < n && st == ND_OK; i++) {
        char fallback[32];
        const char *base = names ? names[i] : fallback;
        if (!names) snprintf(fallback, sizeof fallback, "arr_%d", i); /* np.savez's positional names */
        size_t len = strlen(base);
        char *entry = nd__alloc(len + 5, 16);
        if (!entry) {
            st = nd__error(ND_ERR_NOMEM, fn, "out of memory");
            break;
        }
        memcpy(entry, base, len);
        memcpy(entry + len, ".npy", 5);
        char hdr[ND_NPY_HEADER_CAP];
        size_t hlen;
        uint64_t total;
        st = nd__npy_plan(fn, arrays[i], hdr, &hlen, &total);
        member m = {fn, arrays[i]};
        if (st == ND_OK) st = nd__zip_add(&w, entry, compressed, total, produce_member, &m);
        nd__dealloc(entry);
    }
    if (st == ND_OK) return nd__zip_writer_close(&w);
    nd__zip_writer_abort(&w);
    return st;
}

/* ------------------------------------------------------------ reading */

void nd_npz_close(nd_npz *z) {
    if (!z) return;
    if (z->names)
        for (int i = 0; i < z->zip->count; i++) nd__dealloc(z->names[i]);
    nd__dealloc(z->names);
    nd__dealloc(z->path);
    nd__zip_close(z->zip);
    nd__dealloc(z);
}

nd_npz *nd_npz_open(const char *path) {
    static const char fn[] = "nd_npz_open";
    if (!path) {
        nd__null_arg(fn, "path");
        return NULL;
    }
    nd_zip *zip = nd__zip_open(fn, path);
    if (!zip) return NULL;
    nd_npz *z = nd__alloc(sizeof *z, 16);
    size_t plen = strlen(path);
    char **names = nd__alloc(sizeof *names * (size_t)(zip->count ? zip->count : 1), 16);
    char *p = nd__alloc(plen + 1, 16);
    if (!z || !names || !p) {
        nd__dealloc(z);
        nd__dealloc(names);
        nd__dealloc(p);
        nd__zip_close(zip);
        nd__error(ND_ERR_NOMEM, fn, "out of memory");
        return NULL;
    }
    memcpy(p, path, plen + 1);
    memset(names, 0, sizeof *names * (size_t)(zip->count ? zip->count : 1));
    z->zip = zip;
    z->names = names;
    z->path = p;
    for (int i = 0; i < zip->count; i++) {
        const char *e = zip->entries[i].name;
        size_t len = strlen(e);
        if (len < 5 || strcmp(e + len - 4, ".npy") != 0) {
            nd__error(ND_ERR_VALUE, fn, "'%s': entry '%.200s' is not a .npy file", path, e);
            goto fail;
        }
        for (int j = 0; j < i; j++)
            if (!strcmp(e, zip->entries[j].name)) {
                nd__error(ND_ERR_VALUE, fn, "'%s': entry '%.200s' appears twice", path, e);
                goto fail;
            }
        if (!(names[i] = nd__alloc(len - 3, 16))) {
            nd__error(ND_ERR_NOMEM, fn, "out of memory");
            goto fail;
        }
        memcpy(names[i], e, len - 4);
        names[i][len - 4] = '\0';
    }
    return z;
fail:
    nd_npz_close(z);
    return NULL;
}

int nd_npz_count(const nd_npz *z) {
    if (!z) {
        nd__null_arg("nd_npz_count", "z");
        return 0;
    }
    return z->zip->count;
}

const char *nd_npz_name(const nd_npz *z, int i) {
    if (!z) {
        nd__null_arg("nd_npz_name", "z");
        return NULL;
    }
    if (i < 0 || i >= z->zip->count) {
        nd__error(ND_ERR_INDEX, "nd_npz_name", "index %d is out of range for %d arrays", i, z->zip->count);
        return NULL;
    }
    return z->names[i];
}

nd_array *nd_npz_get(nd_npz *z, const char *name) {
    static const char fn[] = "nd_npz_get";
    if (!z) {
        nd__null_arg(fn, "z");
        return NULL;
    }
    if (!name) {
        nd__null_arg(fn, "name");
        return NULL;
    }
    /* "x" or "x.npy", as NpzFile accepts either; an array's own name first,
     * so an archive holding both x.npy and x.npy.npy gives each name its own
     * entry (NpzFile would give x.npy for "x.npy") */
    int idx = -1;
    for (int i = 0; i < z->zip->count && idx < 0; i++)
        if (!strcmp(z->names[i], name)) idx = i;
    for (int i = 0; i < z->zip->count && idx < 0; i++)
        if (!strcmp(z->zip->entries[i].name, name)) idx = i;
    if (idx < 0) {
        nd__error(ND_ERR_VALUE, fn, "'%s' holds no array named '%.200s'", z->path, name);
        return NULL;
    }
    const nd_zip_entry *e = &z->zip->entries[idx];
    nd_zip_reader r;
    nd_array *a = NULL;
    if (nd__zip_reader_open(fn, z->zip, idx, &r) == ND_OK) {
        char what[512];
        snprintf(what, sizeof what, "entry '%.200s' of '%.256s'", e->name, z->path);
        nd_npy_source src = {nd__zip_read, &r, e->usize, what};
        a = nd__npy_read(fn, &src, NULL);
        if (a && nd__zip_reader_finish(&r) != ND_OK) {
            nd_free(a);
            a = NULL;
        }
    }
    nd__zip_reader_close(&r);
    return a;
}
