/* Opening files for the readers and writers in io/ (.npy, .npz, text): one
 * place for the checks, the messages, and the temporary file a save goes
 * through so that a failed save never destroys what was there. */
#include "io/file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* What a file that is not a regular file is, for messages. */
static const char *file_kind(mode_t m) {
    if (S_ISDIR(m)) return "a folder";
    if (S_ISFIFO(m)) return "a FIFO";
    if (S_ISCHR(m)) return "a character device";
    if (S_ISBLK(m)) return "a block device";
    if (S_ISSOCK(m)) return "a socket";
    return "of an unknown type";
}

/* ------------------------------------------------------------ reading */

int nd__open_regular_fd(const char *fn, const char *path, uint64_t *size) {
    /* O_NONBLOCK: opening a FIFO does not wait for a writer, so its type
     * can be checked first */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        nd__error(ND_ERR_IO, fn, "cannot open '%s': %s", path, strerror(errno));
        return -1;
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        nd__error(ND_ERR_IO, fn, "cannot open '%s': %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    if (!S_ISREG(sb.st_mode)) {
        nd__error(ND_ERR_IO, fn, "'%s' is not a regular file (%s)", path, file_kind(sb.st_mode));
        close(fd);
        return -1;
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl != -1) fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    *size = (uint64_t)sb.st_size;
    return fd;
}

FILE *nd__open_regular(const char *fn, const char *path, uint64_t *size) {
    int fd = nd__open_regular_fd(fn, path, size);
    if (fd < 0) return NULL;
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        nd__error(errno == ENOMEM ? ND_ERR_NOMEM : ND_ERR_IO, fn, "cannot open '%s': %s", path, strerror(errno));
        close(fd);
    }
    return f;
}

/* ------------------------------------------------------------ writing */

/* Symbolic links followed before a link is too many (Linux's limit). */
#define MAX_LINKS 40

/* Copies path into out (PATH_MAX bytes) with its symbolic links followed,
 * a dangling last one included: the file a save writes, as open(O_CREAT)
 * would find it. *open_file is set when a link lives in /proc (/dev/stdout,
 * /dev/fd/N, /proc/self/fd/N): it names an open file, which may have no
 * name in any folder (a memfd, a deleted file), and its text is no path. */
static nd_status follow_links(const char *fn, const char *path, char *out, bool *open_file) {
    *open_file = false;
    if (strlen(path) >= PATH_MAX)
        return nd__error(ND_ERR_IO, fn, "cannot create '%.200s...': %s", path, strerror(ENAMETOOLONG));
    strcpy(out, path);
    for (int hops = 0;; hops++) {
        struct stat lb;
        if (lstat(out, &lb) != 0 || !S_ISLNK(lb.st_mode)) return ND_OK; /* open() reports the rest */
        if (hops == MAX_LINKS) return nd__error(ND_ERR_IO, fn, "cannot create '%s': %s", path, strerror(ELOOP));
        /* the link's folder, with its own links followed */
        char dir[PATH_MAX], real[PATH_MAX];
        const char *slash = strrchr(out, '/');
        if (!slash) strcpy(dir, ".");
        else if (slash == out) strcpy(dir, "/");
        else snprintf(dir, sizeof dir, "%.*s", (int)(slash - out), out);
        if (!realpath(dir, real)) return nd__error(ND_ERR_IO, fn, "cannot create '%s': %s", path, strerror(errno));
        if (!strcmp(real, "/proc") || !strncmp(real, "/proc/", 6)) {
            *open_file = true;
            return ND_OK;
        }
        char target[PATH_MAX];
        ssize_t n = readlink(out, target, sizeof target - 1);
        if (n < 0) return nd__error(ND_ERR_IO, fn, "cannot create '%s': %s", path, strerror(errno));
        target[n] = '\0';
        /* a relative target is relative to the link's folder */
        int len = target[0] == '/' ? snprintf(out, PATH_MAX, "%s", target)
                                   : snprintf(out, PATH_MAX, "%s/%s", strcmp(real, "/") ? real : "", target);
        if (len < 0 || len >= PATH_MAX)
            return nd__error(ND_ERR_IO, fn, "cannot create '%s': %s", path, strerror(ENAMETOOLONG));
    }
}

static char *copy_str(const char *s) {
    size_t n = strlen(s) + 1;
    char *p = nd__alloc(n, 16);
    if (p) memcpy(p, s, n);
    return p;
}

/* A name for the temporary: hidden, beside dest, unlikely to be taken
 * (O_EXCL makes sure). */
static void temp_name(char *out, const char *dest) {
    static _Atomic uint64_t counter;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t x = atomic_fetch_add(&counter, 1) * 0x9e3779b97f4a7c15ull ^ (uint64_t)getpid() << 32 ^
                 (uint64_t)ts.tv_nsec ^ (uint64_t)ts.tv_sec << 20;
    x ^= x >> 31; /* splitmix64's finaliser */
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    const char *slash = strrchr(dest, '/');
    const char *base = slash ? slash + 1 : dest;
    int dir = slash ? (int)(base - dest) : 0;
    /* at most 214 bytes of name, within any file system's NAME_MAX */
    snprintf(out, PATH_MAX, "%.*s.%.200s.%08x.tmp", dir, dest, base, (unsigned)(x >> 32));
}

/* Opens path for writing as it is (no temporary, nothing ever removed). */
static nd_status open_in_place(const char *fn, const char *path, int flags, bool need_seek, nd_out *o) {
    struct stat sb;
    if (need_seek && stat(path, &sb) == 0 && (S_ISFIFO(sb.st_mode) || S_ISSOCK(sb.st_mode)))
        return nd__error(ND_ERR_IO, fn, "cannot write '%s': it is %s, and a zip archive needs a file it can seek in",
                         path, file_kind(sb.st_mode));
    int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY | flags, 0666);
    if (fd < 0) return nd__error(ND_ERR_IO, fn, "cannot create '%s': %s", path, strerror(errno));
    if (!(o->f = fdopen(fd, "wb"))) {
        nd_status st = nd__error(errno == ENOMEM ? ND_ERR_NOMEM : ND_ERR_IO, fn, "cannot create '%s': %s", path,
                                 strerror(errno));
        close(fd);
        return st;
    }
    return ND_OK;
}

nd_status nd__out_open(const char *fn, const char *path, bool need_seek, nd_out *o) {
    memset(o, 0, sizeof *o);
    o->fn = fn;
    o->path = path;
    char dest[PATH_MAX];
    bool open_file;
    nd_status st = follow_links(fn, path, dest, &open_file);
    if (st != ND_OK) return st;
    /* an open file named through /proc: written in place through the link,
     * as np.save does, having no folder to make a temporary in */
    if (open_file) return open_in_place(fn, path, O_CREAT | O_TRUNC, need_seek, o);
    struct stat sb;
    bool exists = stat(dest, &sb) == 0;
    if (!exists && errno != ENOENT) return nd__error(ND_ERR_IO, fn, "cannot create '%s': %s", path, strerror(errno));
    if (exists && S_ISDIR(sb.st_mode))
        return nd__error(ND_ERR_IO, fn, "cannot create '%s': %s", path, strerror(EISDIR));
    /* a device or a FIFO: written in place, never replaced or removed */
    if (exists && !S_ISREG(sb.st_mode)) return open_in_place(fn, path, 0, need_seek, o);
    /* a regular file is replaced only if it could have been opened for
     * writing, as fopen would check */
    if (exists && faccessat(AT_FDCWD, dest, W_OK, AT_EACCESS) != 0)
        return nd__error(ND_ERR_IO, fn, "cannot create '%s': %s", path, strerror(errno));
    o->dest = copy_str(dest);
    o->tmp = nd__alloc(PATH_MAX, 16);
    if (!o->dest || !o->tmp) {
        nd__dealloc(o->dest);
        nd__dealloc(o->tmp);
        o->dest = o->tmp = NULL;
        return nd__error(ND_ERR_NOMEM, fn, "out of memory");
    }
    int fd = -1;
    for (int tries = 0; fd < 0 && tries < 100; tries++) {
        temp_name(o->tmp, dest);
        /* 0666 less the umask, as fopen creates files */
        fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
        if (fd < 0 && errno != EEXIST) break;
    }
    if (fd < 0) {
        st = nd__error(ND_ERR_IO, fn, "cannot create '%s': %s (making a temporary file beside it)", path,
                       strerror(errno));
        nd__dealloc(o->dest);
        nd__dealloc(o->tmp);
        o->dest = o->tmp = NULL;
        return st;
    }
    if (exists) {
        /* the replacement keeps the old file's owner (where allowed) and mode */
        if ((sb.st_uid != geteuid() || sb.st_gid != getegid()) && fchown(fd, sb.st_uid, sb.st_gid) != 0) {
            /* not allowed: the file becomes the caller's, as a copy would */
        }
        fchmod(fd, sb.st_mode & 07777);
    }
    if (!(o->f = fdopen(fd, "wb"))) {
        int err = errno;
        close(fd);
        unlink(o->tmp);
        st = nd__error(err == ENOMEM ? ND_ERR_NOMEM : ND_ERR_IO, fn, "cannot create '%s': %s", path, strerror(err));
        nd__dealloc(o->dest);
        nd__dealloc(o->tmp);
        o->dest = o->tmp = NULL;
    }
    return st;
}

nd_status nd__out_close(nd_out *o, nd_status st) {
    const char *fn = o->fn;
    if (o->f) {
        if (fflush(o->f) != 0 && st == ND_OK)
            st = nd__error(ND_ERR_IO, fn, "cannot write '%s': %s", o->path, strerror(errno));
        if (ferror(o->f) && st == ND_OK) st = nd__error(ND_ERR_IO, fn, "cannot write '%s': write error", o->path);
        if (fclose(o->f) != 0 && st == ND_OK)
            st = nd__error(ND_ERR_IO, fn, "cannot write '%s': %s", o->path, strerror(errno));
        o->f = NULL;
    }
    if (o->tmp) {
        if (st == ND_OK && rename(o->tmp, o->dest) != 0)
            st = nd__error(ND_ERR_IO, fn, "cannot replace '%s': %s", o->path, strerror(errno));
        if (st != ND_OK) unlink(o->tmp); /* ours alone */
    }
    nd__dealloc(o->tmp);
    nd__dealloc(o->dest);
    o->tmp = o->dest = NULL;
    return st;
}
