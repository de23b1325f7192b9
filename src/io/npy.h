/* Private .npy pieces shared by npy.c, npz.c and the header fuzzer: the
 * header parser and formatter, and a reader and writer over byte streams
 * (a file, a zip entry, an inflater). */
#ifndef ND_IO_NPY_H
#define ND_IO_NPY_H

#include "core/core.h"

#define ND_NPY_MAGIC "\x93NUMPY"
#define ND_NPY_MAGIC_LEN 6
/* Headers longer than this are refused before anything is allocated for
 * them. np.save never writes more than a few hundred bytes for a libnd
 * dtype; NumPy's own reader stops at 10000 by default. */
#define ND_NPY_MAX_HEADER ((size_t)1 << 20)
/* Room for any header nd__npy_format_header writes (32 dimensions of up to
 * 19 digits each, the growth padding and the 64-byte alignment). */
#define ND_NPY_HEADER_CAP 2048

typedef struct nd_npy_header {
    int major, minor;       /* format version */
    nd_dtype dtype;
    bool swap;              /* stored in the byte order opposite to this machine's */
    bool fortran_order;
    int ndim;
    int64_t shape[ND_MAX_DIMS];
    int64_t nbytes;         /* bytes of data the shape and dtype need */
    size_t data_offset;     /* where the data starts: magic, version, length and dict */
} nd_npy_header;

/* Parses the fixed prefix in p[0..n): the magic, the version and the header
 * length. On success *data_offset is where the dict ends (and so where the
 * data starts) and *prefix_len where it begins; nothing is checked against
 * any file size here. */
nd_status nd__npy_parse_prefix(const char *fn, const unsigned char *p, size_t n, int *major,
                               int *minor, size_t *prefix_len, size_t *data_offset);
/* Parses the header dict text dict[0..len) (not NUL-terminated; any bytes)
 * of a file of the given major version into h's dtype, order and shape, and
 * computes h->nbytes, refusing shapes whose byte size overflows. */
nd_status nd__npy_parse_dict(const char *fn, const char *dict, size_t len, int major,
                             nd_npy_header *h);
/* Parses a whole header held in memory: buf[0..len) starts with the magic
 * and must hold at least the full header (the data need not follow). */
nd_status nd__npy_parse_header(const char *fn, const unsigned char *buf, size_t len,
                               nd_npy_header *h);

/* Formats the header np.save writes for an array of this dtype, shape and
 * order, byte for byte (the lowest version that fits, the dict padded with
 * spaces and a '\n' so the data starts at a multiple of 64). Returns its
 * length, or 0 if cap is too small. */
size_t nd__npy_format_header(nd_dtype dt, int ndim, const int64_t *shape, bool fortran_order,
                             char *out, size_t cap);

/* A byte stream to read a .npy from. read() fills buf with up to n bytes and
 * sets *got; a short count with ND_OK means the stream ended. A failure of
 * the stream itself (a zlib error, EIO) records its own error and returns
 * it. avail is an upper bound of what the stream can yield, already checked
 * against the real size of the file: claims in the header are checked
 * against it before anything is allocated. what names the stream in
 * messages ("file 'x.npy'", "entry 'a.npy'"). */
typedef struct nd_npy_source {
    nd_status (*read)(void *ctx, void *buf, size_t n, size_t *got);
    void *ctx;
    uint64_t avail;
    const char *what;
} nd_npy_source;

/* Reads a whole .npy (header and data) from src into a new array: native
 * byte order, bools normalised to 0/1, Fortran-ordered files as an
 * F-contiguous array. *consumed (may be NULL) receives the bytes read. */
nd_array *nd__npy_read(const char *fn, nd_npy_source *src, uint64_t *consumed);

/* A byte sink to write a .npy to; returns ND_OK or records its error. */
typedef nd_status (*nd_npy_sink)(void *ctx, const void *p, size_t n);

/* The header np.save would write for a, into hdr (ND_NPY_HEADER_CAP bytes),
 * and the total size of the .npy (header and data). */
nd_status nd__npy_plan(const char *fn, const nd_array *a, char *hdr, size_t *hdr_len,
                       uint64_t *total);
/* Writes a as a .npy to sink: C-contiguous data as it is, F-contiguous
 * (not C) data with fortran_order True, anything else in C order. */
nd_status nd__npy_write(const char *fn, const nd_array *a, nd_npy_sink sink, void *ctx);

/* Swaps the bytes of n items of the given size (2, 4 or 8) in place. */
void nd__byteswap(void *p, int64_t n, size_t itemsize);

#endif
