/* Private: opening files for the readers and writers in io/. */
#ifndef ND_IO_FILE_H
#define ND_IO_FILE_H

#include <stdio.h>

#include "core/core.h"

/* Opens path for binary reading if it is a regular file, giving its size;
 * NULL with the error recorded as coming from fn otherwise. The type is
 * checked on a non-blocking descriptor, so a FIFO is refused at once
 * instead of blocking until a writer comes. */
FILE *nd__open_regular(const char *fn, const char *path, uint64_t *size);
/* The same as a descriptor (-1 on error). */
int nd__open_regular_fd(const char *fn, const char *path, uint64_t *size);

/* A file being saved. A regular file (or a new one) is written as a
 * temporary beside it, in the same folder, which replaces it only when
 * complete: a failed save leaves the old file as it was. Any other existing
 * target (a device such as /dev/null, a FIFO) is written in place, as
 * np.save does, and never removed. */
typedef struct nd_out {
    FILE *f;
    const char *fn;
    const char *path;   /* as the caller gave it, for messages */
    char *tmp;          /* the temporary we made; NULL when writing in place */
    char *dest;         /* what tmp replaces: path with its symbolic links followed */
} nd_out;

/* Opens path for a save reported as fn. need_seek refuses FIFOs and sockets
 * before opening them (the zip writer seeks back). */
nd_status nd__out_open(const char *fn, const char *path, bool need_seek, nd_out *o);
/* Ends the save: with st ND_OK, flushes, closes and puts the temporary in
 * place; otherwise (or if that fails) closes and removes the temporary,
 * only it. Returns st, or the error that ending met. */
nd_status nd__out_close(nd_out *o, nd_status st);

#endif
