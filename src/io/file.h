/* Private: opening files for the readers in io/. */
#ifndef ND_IO_FILE_H
#define ND_IO_FILE_H

#include <stdio.h>

#include "core/core.h"

/* Opens path for binary reading if it is a regular file, giving its size;
 * NULL with the error recorded as coming from fn otherwise. */
FILE *nd__open_regular(const char *fn, const char *path, uint64_t *size);

#endif
