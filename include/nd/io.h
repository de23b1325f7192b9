/** @file
 * libnd: NumPy interop (included by nd.h): .npy and .npz files, text files
 * and printing like NumPy's repr. DLPack is in nd/dlpack.h. */
#ifndef ND_IO_H
#define ND_IO_H

#include <stdio.h>

/* ---- .npy
 *
 * Files are untrusted input: every size a header or zip directory claims is
 * checked against the file before anything is allocated from it, and a
 * malformed file gives ND_ERR_IO (truncated, unreadable) or ND_ERR_VALUE
 * (a bad magic, version, header dict, dtype string or shape) with a message
 * naming what is wrong; a valid NumPy file libnd cannot hold (complex,
 * float16, strings, structured dtypes) gives ND_ERR_UNSUPPORTED. The
 * readers take regular files only: a FIFO, a device or a folder is refused
 * at once with ND_ERR_IO (never waited on).
 *
 * Saving (nd_save, nd_savez, nd_savetxt) never destroys what was there:
 * everything that can be checked is checked before any file is touched,
 * then the data goes to a temporary file beside path (same folder, a
 * hidden name ".NAME.XXXXXXXX.tmp"), which replaces path only once it is
 * complete. If writing fails, path is left as it was and the temporary is
 * removed. The replacement keeps the old file's mode (and owner, where
 * allowed); a symbolic link is followed and its target replaced; other hard
 * links to the old file keep the old contents. A read-only path is refused,
 * as opening it would be, and so is a path whose folder does not let a file
 * be created. An existing path that is not a regular file (/dev/null, a
 * FIFO, a device) is written in place, as np.save does, and never removed:
 * /dev/full gives ND_ERR_IO, and writing to a FIFO waits for a reader. So
 * is a path through a link in /proc (/dev/stdout, /dev/fd/N,
 * /proc/self/fd/N), which names an open file rather than a place in a
 * folder. */

/** Writes a as a .npy file, byte for byte what np.save writes for the same
 * array. Version 1.0 (2.0 only if the header needed it), the header padded
 * with spaces and a '\\n' so the data starts at a multiple of 64. A
 * C-contiguous array is written as it is, an F-contiguous one with
 * fortran_order True, any other view in C (logical) order. A failed save
 * leaves path as it was (see "Saving" above). Replacing a file that an
 * nd_load_mmap array maps is safe: the array keeps the old contents.
 * path is used as given (np.save appends ".npy" when it is missing).
 *
 * Errors: ND_ERR_NULL if path or a is NULL; ND_ERR_IO if the file (or the
 * temporary beside it) cannot be created or written, or path is a folder;
 * ND_ERR_NOMEM if memory runs out.
 *
 * NumPy: np.save(path, a)
 * @param path The file to write.
 * @param a The array.
 * @return ND_OK, or the status of the error. */
ND_API nd_status nd_save(const char *path, const nd_array *a);
/** Reads a .npy file. Every libnd dtype in either byte order ('<', '>', '='
 * or '|'; swapped to native), C or Fortran order (a Fortran-ordered file
 * gives an F-contiguous array of its own), versions 1.0, 2.0 and 3.0, 0-d
 * and empty arrays. Bytes of a bool array other than 0 and 1 become 1.
 * Bytes after the data are ignored, as NumPy ignores them.
 *
 * Errors: ND_ERR_NULL if path is NULL; ND_ERR_IO if the file cannot be
 * opened, is not a regular file, or is truncated or unreadable;
 * ND_ERR_VALUE for a malformed file (magic, version, header dict, dtype
 * string, shape, or a byte size beyond int64); ND_ERR_UNSUPPORTED for a
 * NumPy dtype libnd lacks (complex, float16, strings, structured);
 * ND_ERR_NOMEM if memory runs out.
 *
 * NumPy: np.load(path)
 * @param path The .npy file.
 * @return a new handle, or NULL on error. */
ND_API nd_array *nd_load(const char *path);

/** How nd_load_mmap maps a file. */
typedef enum nd_mmap_mode {
    ND_MMAP_READONLY = 0,   /**< a read-only array backed by the file (NumPy's mmap_mode='r') */
    ND_MMAP_COPY_ON_WRITE   /**< writeable; writes stay private to the process (mmap_mode='c') */
} nd_mmap_mode;
/** Maps a .npy file instead of reading it. The array's data is the mapping
 * (mode ND_MMAP_READONLY gives a read-only array), which lives until the
 * last view of the array is freed. Files in the non-native byte order, with
 * their data at an offset that is not a multiple of the item size, or with
 * bool bytes other than 0 and 1 are refused with ND_ERR_UNSUPPORTED (use
 * nd_load for those). Shrinking the file while it is mapped is undefined, as
 * for any mapping (SIGBUS).
 *
 * Errors: ND_ERR_NULL if path is NULL; ND_ERR_VALUE for an invalid mode or
 * a malformed file; ND_ERR_IO if the file cannot be opened or mapped, is
 * not a regular file, or is truncated; ND_ERR_UNSUPPORTED for the files
 * above and NumPy dtypes libnd lacks; ND_ERR_NOMEM if memory runs out.
 *
 * NumPy: np.load(path, mmap_mode='r') or np.load(path, mmap_mode='c')
 * @param path The .npy file.
 * @param mode Read-only or copy-on-write.
 * @return a new handle, or NULL on error. */
ND_API nd_array *nd_load_mmap(const char *path, nd_mmap_mode mode);

/* ---- .npz */

/** Writes n arrays into a zip archive, as np.savez, or with deflate as
 * np.savez_compressed when compressed is true. Entry i is names[i] + ".npy";
 * names NULL gives np.savez's positional names arr_0, arr_1, ... Names must
 * be distinct and non-empty, and no name may be another plus ".npy" ("x"
 * and "x.npy" would be stored as x.npy and x.npy.npy, and "x.npy" would be
 * ambiguous when read back). Entries carry the time of writing, so two
 * archives of the same arrays differ in those bytes. A failed save leaves
 * path as it was (see "Saving" above); a FIFO or a socket is refused, as
 * the writer seeks back to fill in sizes. path is used as given (np.savez
 * appends ".npz").
 *
 * Errors: ND_ERR_NULL if path is NULL, arrays is NULL with n > 0, or an
 * arrays[i] (or, with names, a names[i]) is NULL; ND_ERR_VALUE if n < 0 or
 * a name is empty, longer than 65531 bytes, repeated or clashing as above;
 * ND_ERR_IO if the file (or the temporary beside it) cannot be created or
 * written, or path is a folder, a FIFO or a socket; ND_ERR_OVERFLOW if a
 * deflated entry outgrows 4 GiB; ND_ERR_NOMEM if memory runs out (zlib's
 * included).
 *
 * NumPy: np.savez(path, **dict(zip(names, arrays))), np.savez_compressed(...)
 * @param path The archive to write.
 * @param n Number of arrays.
 * @param names The n entry names without ".npy", or NULL for arr_0, arr_1, ...
 * @param arrays The n arrays.
 * @param compressed Deflate the entries.
 * @return ND_OK, or the status of the error. */
ND_API nd_status nd_savez(const char *path, int n, const char *const *names,
                          const nd_array *const *arrays, bool compressed);

/** An open .npz archive (opaque): see nd_npz_open and nd_npz_close. */
typedef struct nd_npz nd_npz;
/** Opens an archive written by np.savez, np.savez_compressed or nd_savez.
 * Stored and deflated entries, data descriptors and ZIP64 are read. The
 * whole directory is checked here: offsets and sizes against the file, no
 * overlapping entries, every entry a ".npy" under a distinct name;
 * encrypted entries and other compression methods give ND_ERR_UNSUPPORTED.
 *
 * Errors: ND_ERR_NULL if path is NULL; ND_ERR_IO if the file cannot be
 * opened or read, is not a regular file, or is truncated; ND_ERR_VALUE if
 * it is not a zip archive or its directory is malformed, or an entry is not
 * a ".npy" or repeats a name; ND_ERR_UNSUPPORTED for encrypted entries,
 * other compression methods and multi-volume archives; ND_ERR_NOMEM if
 * memory runs out.
 *
 * NumPy: np.load(path) of an .npz (an NpzFile)
 * @param path The .npz file.
 * @return a new handle for nd_npz_close, or NULL on error. */
ND_API nd_npz *nd_npz_open(const char *path);
/** The number of arrays in the archive.
 *
 * Errors: ND_ERR_NULL if z is NULL (0 is returned).
 *
 * NumPy: len(npz.files)
 * @param z The archive.
 * @return the number of entries, 0 on error. */
ND_API int nd_npz_count(const nd_npz *z);
/** The i-th array's name, without ".npy"; NULL if i is out of range. The
 * string belongs to z.
 *
 * Errors: ND_ERR_NULL if z is NULL; ND_ERR_INDEX if i is not in
 * [0, nd_npz_count(z)).
 *
 * NumPy: npz.files[i]
 * @param z The archive.
 * @param i The entry's index, in directory order.
 * @return the name, valid until nd_npz_close(z), or NULL on error. */
ND_API const char *nd_npz_name(const nd_npz *z, int i);
/** Reads the named array ("x" or "x.npy"), a new array each call, checking
 * the entry's size and CRC-32. An array's own name (as nd_npz_name gives
 * it) is matched first, then the entry's full name: in an archive holding
 * both x.npy and x.npy.npy, "x" gives the first and "x.npy" the second
 * (NumPy's NpzFile gives the first for both).
 *
 * Errors: ND_ERR_NULL if z or name is NULL; ND_ERR_VALUE if no entry has
 * that name, or the entry is corrupt (deflate data, size or CRC-32
 * mismatch, a malformed .npy); ND_ERR_IO if reading fails or the entry is
 * truncated; ND_ERR_UNSUPPORTED for a NumPy dtype libnd lacks;
 * ND_ERR_NOMEM if memory runs out (zlib's included).
 *
 * NumPy: npz[name]
 * @param z The archive.
 * @param name The entry's name, with or without ".npy".
 * @return a new handle, or NULL on error. */
ND_API nd_array *nd_npz_get(nd_npz *z, const char *name);
/** Closes the archive; arrays read from it stay valid, its names do not.
 * NULL is ignored.
 *
 * Errors: none.
 *
 * NumPy: npz.close()
 * @param z The archive, or NULL. */
ND_API void nd_npz_close(nd_npz *z); /* NULL is ignored */

/* ---- text
 *
 * Numbers are read and written in the C locale ('.' as the decimal point)
 * whatever the process's locale. */

/** Options of nd_loadtxt; start from nd_loadtxt_defaults(). */
typedef struct nd_loadtxt_options {
    char delimiter;       /**< 0: runs of whitespace; else this character, blanks around fields trimmed */
    char comments;        /**< 0: none; default '#' */
    int64_t skiprows;     /**< lines skipped at the start, comment lines included */
    int nusecols;         /**< 0: every column */
    const int *usecols;   /**< column numbers, negative from the end of each line */
    nd_dtype dtype;       /**< default float64 */
} nd_loadtxt_options;
/** Defaults as np.loadtxt: whitespace, '#', no skipped rows, all columns,
 * float64.
 *
 * Errors: none.
 *
 * NumPy: np.loadtxt's defaults
 * @return the default options. */
ND_API nd_loadtxt_options nd_loadtxt_defaults(void);
/** A numeric array from a text file, as np.loadtxt. The shape follows its
 * rule: the (rows, columns) table with its length-1 axes dropped, so one
 * row or one column gives 1-D and one value 0-d; no data gives shape (0,)
 * (or (0, k) with k usecols). Blank lines are skipped. Every line must
 * have as many columns as the first (unless usecols is given): a ragged
 * line is an ND_ERR_VALUE naming the line. Integer and bool columns take
 * an optional sign and decimal digits only; a value out of the dtype's
 * range is an error (NumPy 1.24 wraps it, and accepts "1.5" with a
 * DeprecationWarning). Floats take what np.loadtxt takes (nan, inf,
 * exponents; not hex). opts NULL means the defaults. The file is read to
 * its end whatever size it reports, so /proc and /sys files work; it must
 * be a regular file (a FIFO or a device is refused, not waited on; read a
 * pipe with nd_loadtxt_file).
 *
 * Gzip data is decompressed as it is read, recognised by its magic bytes
 * (1f 8b) whatever the file's name (np.loadtxt goes by a ".gz" name):
 * concatenated members and zero padding after them are read as Python's
 * gzip module reads them. Corrupt gzip data (a bad header, deflate data or
 * CRC-32) is an ND_ERR_VALUE, gzip data that ends early an ND_ERR_IO.
 *
 * Binary data is refused with a message naming it: a NUL byte, a control
 * character other than blanks, DEL or invalid UTF-8 in a line's data
 * (before any comment) gives "'data.npy' line 1 holds binary data (byte
 * 0x93 at column 1); is this a .npy file? use nd_load", with a hint for
 * .npy files, zip archives (.npz), gzip data compressed twice and PNG
 * images.
 *
 * Errors: ND_ERR_NULL if path is NULL, or usecols is NULL with nusecols >
 * 0; ND_ERR_DTYPE for an invalid dtype; ND_ERR_VALUE if skiprows or
 * nusecols is negative, delimiter and comments are equal or a line end, a
 * line is ragged or holds binary data, a value does not parse or is out of
 * range, or the gzip data is corrupt; ND_ERR_INDEX if a usecols column is
 * out of range for a line; ND_ERR_IO if the file cannot be opened or read,
 * is not a regular file, or its gzip data is truncated; ND_ERR_OVERFLOW if
 * the text outgrows the address space; ND_ERR_NOMEM if memory runs out
 * (zlib's included).
 *
 * NumPy: np.loadtxt(path, dtype, comments, delimiter, skiprows=skiprows, usecols=usecols)
 * @param path The text file, plain or gzip-compressed.
 * @param opts The options, or NULL for nd_loadtxt_defaults().
 * @return a new handle, or NULL on error. */
ND_API nd_array *nd_loadtxt(const char *path, const nd_loadtxt_options *opts);
/** nd_loadtxt over a stream of the caller's: reads f from its current
 * position to its end, and leaves it open there (at its end, or where a
 * read failed). Any stream works, pipes (popen) and stdin included, as
 * np.loadtxt reads any file-like object; gzip data is decompressed as it
 * is read, a chunk at a time. Messages name the source "the stream".
 * Parsing, shapes, options and errors are nd_loadtxt's.
 *
 * Errors: ND_ERR_NULL if f is NULL, or usecols is NULL with nusecols > 0;
 * ND_ERR_IO if reading f fails or its gzip data is truncated; otherwise as
 * nd_loadtxt.
 *
 * NumPy: np.loadtxt(f, ...) with f an open file object
 * @param f The stream, open for reading.
 * @param opts The options, or NULL for nd_loadtxt_defaults().
 * @return a new handle, or NULL on error. */
ND_API nd_array *nd_loadtxt_file(FILE *f, const nd_loadtxt_options *opts);
/** nd_loadtxt over len bytes of memory: plain text is parsed where it is
 * (no copy, no NUL terminator needed), gzip data is decompressed first.
 * Messages name the source "the buffer". Parsing, shapes, options and
 * errors are nd_loadtxt's.
 *
 * Errors: ND_ERR_NULL if data is NULL (even with len 0), or usecols is
 * NULL with nusecols > 0; ND_ERR_IO if its gzip data is truncated;
 * otherwise as nd_loadtxt.
 *
 * NumPy: np.loadtxt(io.BytesIO(data), ...)
 * @param data The text (or gzip data).
 * @param len Its length in bytes.
 * @param opts The options, or NULL for nd_loadtxt_defaults().
 * @return a new handle, or NULL on error. */
ND_API nd_array *nd_loadtxt_buffer(const void *data, size_t len, const nd_loadtxt_options *opts);

/** Options of nd_savetxt; start from nd_savetxt_defaults(). */
typedef struct nd_savetxt_options {
    const char *fmt;       /**< printf-style format (see nd_savetxt); default, or NULL: "%.18e" */
    char delimiter;        /**< default ' ' */
    const char *header;    /**< written first, each line prefixed by comments; NULL or "": none */
    const char *comments;  /**< default, or NULL: "# " */
} nd_savetxt_options;
/** Defaults as np.savetxt: fmt "%.18e", delimiter ' ', no header, comments
 * "# ".
 *
 * Errors: none.
 *
 * NumPy: np.savetxt's defaults
 * @return the default options. */
ND_API nd_savetxt_options nd_savetxt_defaults(void);
/** Writes a 1-D (as one column) or 2-D array as text, as np.savetxt. fmt is
 * one conversion, repeated for each column with the delimiter between, or
 * one conversion per column forming the whole row. Conversions format as
 * Python's \% operator does: \%d/\%i/\%u truncate floats (NaN and inf are
 * errors), \%e/\%f/\%g/\%a take integers as doubles, length modifiers are
 * ignored, "%%" is a percent sign; \%s, \%c and '*' are refused. Widths
 * and precisions are at most 1100 (enough for every digit of any double:
 * "\%.1074f" writes the smallest one exactly). Every value is checked
 * against the format before the file is touched, and a failed save leaves
 * path as it was (see "Saving" above).
 *
 * Errors: ND_ERR_NULL if path or a is NULL; ND_ERR_SHAPE if a is not 1-D or
 * 2-D; ND_ERR_VALUE if fmt has no conversion, a refused one, more than 64,
 * a width or precision above 1100, or neither 1 nor one per column, or a
 * value cannot be formatted (NaN or inf with \%d, a float array with
 * \%o/\%x/\%X); ND_ERR_IO if the file (or the temporary beside it) cannot
 * be created or written, or path is a folder; ND_ERR_NOMEM if memory runs
 * out.
 *
 * NumPy: np.savetxt(path, a, fmt, delimiter, header=header, comments=comments)
 * @param path The file to write.
 * @param a The array (1-D or 2-D).
 * @param opts The options, or NULL for nd_savetxt_defaults().
 * @return ND_OK, or the status of the error. */
ND_API nd_status nd_savetxt(const char *path, const nd_array *a, const nd_savetxt_options *opts);

/* ---- printing */

/** NumPy's print options (np.set_printoptions). The float mode is
 * 'maxprec': each float is the shortest decimal that reads back as the same
 * value in its dtype, cut at `precision` digits. */
typedef struct nd_printoptions {
    int precision;      /**< digits after the point, 0 to 1000; default 8 */
    int64_t threshold;  /**< summarise arrays with more elements (>= 0); default 1000 */
    int edgeitems;      /**< items shown at each edge when summarised (>= 0); default 3 */
    int linewidth;      /**< characters per line (>= 1); default 75 */
    bool suppress;      /**< no scientific notation for small values; default false */
} nd_printoptions;
/** The current print options, shared by the whole process.
 *
 * Errors: none.
 *
 * NumPy: np.get_printoptions()
 * @return a copy of the options. */
ND_API nd_printoptions nd_get_printoptions(void);
/** Sets the options for the whole process (NULL restores NumPy's defaults).
 * Values out of range are an ND_ERR_VALUE and change nothing.
 *
 * Errors: ND_ERR_VALUE if a field is out of its range.
 *
 * NumPy: np.set_printoptions(precision, threshold, edgeitems, linewidth, suppress)
 * @param opts The new options, or NULL for the defaults.
 * @return ND_OK, or the status of the error. */
ND_API nd_status nd_set_printoptions(const nd_printoptions *opts);
/** NumPy's repr of a, as a new string. For example
 * "array([[1., 2.],\n       [3., 4.]], dtype=float32)", as NumPy 1.24
 * prints it on 64-bit Linux: aligned columns, scientific notation when
 * values are < 1e-4 or >= 1e8 or span more than 1e3 (unless suppress),
 * nan/inf, "..." beyond threshold, lines wrapped at linewidth, dtype=
 * omitted for float64, int64 and bool (shown for empty arrays, as NumPy
 * does). The string is the caller's: release it with free().
 *
 * Errors: ND_ERR_NULL if a is NULL; ND_ERR_NOMEM if memory runs out.
 *
 * NumPy: repr(a)
 * @param a The array.
 * @return a new NUL-terminated string, or NULL on error. */
ND_API char *nd_to_string(const nd_array *a);
/** Writes nd_to_string(a) and a newline to f (stdout if f is NULL).
 *
 * Errors: ND_ERR_NULL if a is NULL; ND_ERR_NOMEM if memory runs out;
 * ND_ERR_IO if writing to f fails.
 *
 * NumPy: print(repr(a))
 * @param a The array.
 * @param f The stream, or NULL for stdout.
 * @return ND_OK, or the status of the error. */
ND_API nd_status nd_print(const nd_array *a, FILE *f);

#endif
