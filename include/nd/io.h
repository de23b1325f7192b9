/* libnd: NumPy interop (included by nd.h): .npy and .npz files, text files
 * and printing like NumPy's repr. DLPack is in nd/dlpack.h. */
#ifndef ND_IO_H
#define ND_IO_H

#include <stdio.h>

/* ---- .npy */

/* Writes a as a .npy file (format version 1.0, or 2.0/3.0 when the header
 * needs it). A non-contiguous view is written in logical order. */
ND_API nd_status nd_save(const char *path, const nd_array *a);
/* Reads a .npy file: every libnd dtype, either byte order (swapped to
 * native), C or Fortran order, versions 1.0 to 3.0. */
ND_API nd_array *nd_load(const char *path);

typedef enum nd_mmap_mode {
    ND_MMAP_READONLY = 0,   /* a read-only array backed by the file */
    ND_MMAP_COPY_ON_WRITE   /* writeable; writes stay private to the process */
} nd_mmap_mode;
/* Maps a .npy file instead of reading it (native byte order only); the
 * mapping lives as long as the last view of the array. */
ND_API nd_array *nd_load_mmap(const char *path, nd_mmap_mode mode);

/* ---- .npz */

/* Writes n named arrays into a zip archive (names get ".npy" appended, as
 * np.savez does); compressed uses deflate (np.savez_compressed). */
ND_API nd_status nd_savez(const char *path, int n, const char *const *names,
                          const nd_array *const *arrays, bool compressed);

typedef struct nd_npz nd_npz;
/* Opens an archive written by np.savez, np.savez_compressed or nd_savez. */
ND_API nd_npz *nd_npz_open(const char *path);
ND_API int nd_npz_count(const nd_npz *z);
/* The i-th array's name, without ".npy"; NULL if i is out of range. */
ND_API const char *nd_npz_name(const nd_npz *z, int i);
/* Reads the named array (a new array each call). */
ND_API nd_array *nd_npz_get(nd_npz *z, const char *name);
ND_API void nd_npz_close(nd_npz *z); /* NULL is ignored */

/* ---- text */

typedef struct nd_loadtxt_options {
    char delimiter;       /* 0: any whitespace */
    char comments;        /* 0: none; default '#' */
    int64_t skiprows;     /* lines skipped at the start */
    int nusecols;         /* 0: every column */
    const int *usecols;   /* column numbers, negative from the end */
    nd_dtype dtype;       /* default float64 */
} nd_loadtxt_options;
/* Defaults as np.loadtxt: whitespace, '#', no skipped rows, all columns. */
ND_API nd_loadtxt_options nd_loadtxt_defaults(void);
/* A 1-D (one column or one row) or 2-D array from a text file; opts NULL
 * means the defaults. */
ND_API nd_array *nd_loadtxt(const char *path, const nd_loadtxt_options *opts);

typedef struct nd_savetxt_options {
    const char *fmt;       /* printf format of one value; default "%.18e" */
    char delimiter;        /* default ' ' */
    const char *header;    /* written first, each line prefixed by comments */
    const char *comments;  /* default "# " */
} nd_savetxt_options;
ND_API nd_savetxt_options nd_savetxt_defaults(void);
/* Writes a 1-D or 2-D array as text (np.savetxt). */
ND_API nd_status nd_savetxt(const char *path, const nd_array *a, const nd_savetxt_options *opts);

/* ---- printing */

/* NumPy's print options (np.set_printoptions) with its float mode
 * 'maxprec': each float is the shortest decimal that reads back as the same
 * value in its dtype, cut at `precision` digits. */
typedef struct nd_printoptions {
    int precision;      /* digits after the point, 0 to 1000; default 8 */
    int64_t threshold;  /* summarise arrays with more elements (>= 0); default 1000 */
    int edgeitems;      /* items shown at each edge when summarised (>= 0); default 3 */
    int linewidth;      /* characters per line (>= 1); default 75 */
    bool suppress;      /* no scientific notation for small values; default false */
} nd_printoptions;
ND_API nd_printoptions nd_get_printoptions(void);
/* Sets the options for the whole process (NULL restores NumPy's defaults).
 * Values out of range are an ND_ERR_VALUE and change nothing. */
ND_API nd_status nd_set_printoptions(const nd_printoptions *opts);
/* NumPy's repr of a: "array([[1., 2.],\n       [3., 4.]], dtype=float32)",
 * as NumPy 1.24 prints it on 64-bit Linux: aligned columns, scientific
 * notation when values are < 1e-4 or >= 1e8 or span more than 1e3 (unless
 * suppress), nan/inf, "..." beyond threshold, lines wrapped at linewidth,
 * dtype= omitted for float64, int64 and bool. The string is the caller's:
 * release it with free(). */
ND_API char *nd_to_string(const nd_array *a);
/* Writes nd_to_string(a) and a newline to f (stdout if f is NULL). */
ND_API nd_status nd_print(const nd_array *a, FILE *f);

#endif
