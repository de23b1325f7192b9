/* libFuzzer target: the .npz reader (zip.c and npz.c) on arbitrary bytes,
 * given to nd_npz_open as an in-memory file (memfd). Every member that
 * opens is read; nothing may crash, leak or read out of bounds. Built and
 * run by `make fuzz`; starts from tests/data/bad_npz/. */
#include "nd.h"

#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    int fd = memfd_create("fuzz.npz", 0);
    if (fd < 0) return 0;
    if (write(fd, data, size) != (ssize_t)size) {
        close(fd);
        return 0;
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    nd_npz *z = nd_npz_open(path);
    if (z) {
        for (int i = 0; i < nd_npz_count(z); i++) {
            const char *name = nd_npz_name(z, i);
            if (!name) __builtin_trap();
            nd_free(nd_npz_get(z, name));
        }
        nd_npz_close(z);
    }
    nd_clear_error();
    close(fd);
    return 0;
}
