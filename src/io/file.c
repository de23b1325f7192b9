/* Opening files for the readers in io/ (.npy, .npz, text): one place for
 * the checks and their messages. */
#include "io/file.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

FILE *nd__open_regular(const char *fn, const char *path, uint64_t *size) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        nd__error(ND_ERR_IO, fn, "cannot open '%s': %s", path, strerror(errno));
        return NULL;
    }
    struct stat sb;
    if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
        nd__error(ND_ERR_IO, fn, "'%s' is not a regular file", path);
        fclose(f);
        return NULL;
    }
    *size = (uint64_t)sb.st_size;
    return f;
}
