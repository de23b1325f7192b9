/* Private zip archive reading and writing for .npz files (zip.c): stored
 * and deflated entries, data descriptors and ZIP64 on read; stored or
 * deflated entries, with ZIP64 where sizes need it, on write. */
#ifndef ND_IO_ZIP_H
#define ND_IO_ZIP_H

#include "core/core.h"
#include "io/file.h"

#include <stdio.h>

/* ------------------------------------------------------------ reading */

typedef struct nd_zip_entry {
    char *name;            /* NUL-terminated, as stored */
    int method;            /* 0 stored, 8 deflated */
    uint32_t crc;
    uint64_t csize, usize; /* from the central directory, checked against the file */
    uint64_t local_offset; /* the local header */
    uint64_t data_offset;  /* the first byte of the (compressed) data */
} nd_zip_entry;

typedef struct nd_zip {
    FILE *f;
    uint64_t size;         /* of the file */
    int count;
    nd_zip_entry *entries;
} nd_zip;

/* Opens and validates an archive: the end records, the central directory
 * and every local header, each offset and size checked against the file,
 * entries refused when they overlap. Errors are reported as from fn. */
nd_zip *nd__zip_open(const char *fn, const char *path);
void nd__zip_close(nd_zip *z); /* NULL is ignored */

/* A stream over one entry's uncompressed bytes. */
typedef struct nd_zip_reader {
    const char *fn;
    nd_zip *zip;
    const nd_zip_entry *e;
    uint64_t in_pos;       /* compressed bytes consumed */
    uint64_t out_pos;      /* uncompressed bytes produced */
    uint32_t crc;
    bool ended;            /* the deflate stream has ended */
    void *z;               /* z_stream, for deflated entries */
    unsigned char *inbuf;
} nd_zip_reader;

nd_status nd__zip_reader_open(const char *fn, nd_zip *z, int i, nd_zip_reader *r);
/* An nd_npy_source read function over the reader. */
nd_status nd__zip_read(void *ctx, void *buf, size_t n, size_t *got);
/* Reads what is left of the entry and checks its size and CRC-32. */
nd_status nd__zip_reader_finish(nd_zip_reader *r);
void nd__zip_reader_close(nd_zip_reader *r);

/* ------------------------------------------------------------ writing */

typedef struct nd_zip_written {
    char *name;
    int method;
    uint32_t crc;
    uint64_t csize, usize, offset;
} nd_zip_written;

typedef struct nd_zip_writer {
    const char *fn;
    const char *path;
    nd_out out;            /* a temporary beside path until the archive is complete */
    FILE *f;               /* out.f */
    uint64_t pos;
    int count, cap;
    nd_zip_written *entries;
    uint16_t dos_time, dos_date;
} nd_zip_writer;

/* A sink the entry's producer writes to (see nd_npy_sink). */
typedef nd_status (*nd_zip_producer)(void *ctx, nd_status (*sink)(void *, const void *, size_t),
                                     void *sink_ctx);

nd_status nd__zip_writer_open(const char *fn, const char *path, nd_zip_writer *w);
/* Adds an entry of usize bytes made by produce(ctx, ...), stored or deflated. */
nd_status nd__zip_add(nd_zip_writer *w, const char *name, bool deflate, uint64_t usize,
                      nd_zip_producer produce, void *ctx);
/* Writes the central directory and puts the archive in place; on error
 * the temporary is removed and path left as it was. */
nd_status nd__zip_writer_close(nd_zip_writer *w);
/* Drops the archive after an error: removes the temporary, only it. */
void nd__zip_writer_abort(nd_zip_writer *w);

#endif
