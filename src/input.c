/*
 * input.c: reads a policy into memory and refuses what is not text.
 *
 * A file is read once, into one buffer that the result then owns: the
 * plain-text extractor works on that buffer in place, so a large input is
 * never copied again.  Every problem names the file and says what is wrong.
 *
 * Only regular files are read (and standard input, as '-'): a FIFO nobody
 * writes to would block the run forever, and a device such as /dev/zero
 * never ends.  Nothing is read past the size limit, so a file that keeps
 * growing, or standard input fed from a device, stops there with a
 * message instead of exhausting memory and losing every other file.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "input.h"
#include "util.h"

/* Names the kind of a binary file from its first bytes, or NULL. */
static const char *binary_signature(const unsigned char *p, size_t n)
{
	if (n >= 5 && memcmp(p, "%PDF-", 5) == 0)
		return "a PDF document";
	if (n >= 4 && memcmp(p, "PK\003\004", 4) == 0)
		return "a ZIP archive (or a .docx/.odt document)";
	if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "a PNG image";
	if (n >= 3 && memcmp(p, "\xff\xd8\xff", 3) == 0)
		return "a JPEG image";
	if (n >= 4 && memcmp(p, "GIF8", 4) == 0)
		return "a GIF image";
	if (n >= 4 && memcmp(p, "\x7f" "ELF", 4) == 0)
		return "an executable";
	if (n >= 8 && memcmp(p, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0)
		return "an old Word/Office document";
	if (n >= 2 && ((p[0] == 0xff && p[1] == 0xfe) ||
		       (p[0] == 0xfe && p[1] == 0xff)))
		return "UTF-16 text (convert it to UTF-8, e.g. with iconv)";
	return NULL;
}

/* Text may hold a stray NUL or control byte; a file whose start is full of
 * them is not text. */
static int looks_binary(const unsigned char *p, size_t n)
{
	size_t probe = n < 8192 ? n : 8192, nul = 0, ctrl = 0;
	for (size_t i = 0; i < probe; i++) {
		if (p[i] == 0)
			nul++;
		else if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' &&
			 p[i] != '\r' && p[i] != '\f' && p[i] != '\v' &&
			 p[i] != 0x1b)
			ctrl++;
	}
	/* A lone NUL in a text file is damage, not a format: lint it. */
	return (nul >= 4 && nul * 100 > probe) ||
	       (probe >= 32 && (nul + ctrl) * 10 > probe);
}

/* Reads fd to its end, at most max bytes: returns 0, 1 when there was more
 * than max (a device, a pipe or a file that keeps growing: it is never
 * read further), or -1 with errno. */
static int read_fd(int fd, size_t hint, size_t max, char **data, size_t *len)
{
	size_t want = hint < max ? hint : max;
	size_t cap = want + 1 > 65536 ? want + 1 : 65536, n = 0;
	char *buf = pl_xmalloc(cap + 1);
	for (;;) {
		if (n == cap) {
			cap = cap > SIZE_MAX / 4 ? SIZE_MAX / 2 : cap * 2;
			buf = pl_xrealloc(buf, cap + 1);
		}
		/* One byte past the limit is enough to know it is over. */
		size_t room = cap - n;
		if (max - n < room)
			room = max - n + 1;
		ssize_t r = read(fd, buf + n, room);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			free(buf);
			errno = e;
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max) {
			free(buf);
			return 1;
		}
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

static const char *kind_of(mode_t m)
{
	return S_ISFIFO(m) ? "a FIFO (named pipe)" :
	       S_ISCHR(m) ? "a character device" :
	       S_ISBLK(m) ? "a block device" :
	       S_ISSOCK(m) ? "a socket" : "not a regular file";
}

pl_file_status pl_file_read(const char *path, size_t max, char **data,
			    size_t *len, pl_file_info *info)
{
	memset(info, 0, sizeof(*info));
	*data = NULL;
	*len = 0;
	/* O_NONBLOCK: opening a FIFO nobody writes to would wait forever;
	 * it only matters for what is refused below. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		info->err = errno;
		if (fd >= 0)
			close(fd);
		return info->err == ENOENT ? PL_FILE_MISSING : PL_FILE_ERROR;
	}
	info->mode = st.st_mode;
	info->size = (unsigned long long)st.st_size;
	pl_file_status rc = PL_FILE_OK;
	if (S_ISDIR(st.st_mode))
		rc = PL_FILE_DIRECTORY;
	else if (!S_ISREG(st.st_mode))
		rc = PL_FILE_NOT_REGULAR;
	else if (info->size > max)
		rc = PL_FILE_TOO_LARGE;
	if (rc == PL_FILE_OK) {
		int flags = fcntl(fd, F_GETFL);
		if (flags >= 0)
			fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
		int r = read_fd(fd, (size_t)st.st_size, max, data, len);
		info->err = errno;
		rc = r == 0 ? PL_FILE_OK : r > 0 ? PL_FILE_TOO_LARGE : PL_FILE_ERROR;
	}
	close(fd);
	return rc;
}

pl_file_status pl_file_read_stdin(size_t max, char **data, size_t *len,
				  pl_file_info *info)
{
	memset(info, 0, sizeof(*info));
	*data = NULL;
	*len = 0;
	struct stat st;
	size_t hint = 0;
	if (fstat(STDIN_FILENO, &st) == 0) {
		info->mode = st.st_mode;
		if (S_ISREG(st.st_mode))
			hint = (size_t)st.st_size;
	}
	int r = read_fd(STDIN_FILENO, hint, max, data, len);
	info->err = errno;
	return r == 0 ? PL_FILE_OK : r > 0 ? PL_FILE_TOO_LARGE : PL_FILE_ERROR;
}

char *pl_file_problem(pl_file_status status, const pl_file_info *info,
		      size_t max)
{
	switch (status) {
	case PL_FILE_OK:
		return pl_xstrdup("");
	case PL_FILE_MISSING:
	case PL_FILE_ERROR:
		return pl_xasprintf("cannot read: %s", strerror(info->err));
	case PL_FILE_DIRECTORY:
		return pl_xstrdup("is a directory, not a file");
	case PL_FILE_NOT_REGULAR:
		return pl_xasprintf("is %s, not a regular file: not read%s",
				    kind_of(info->mode),
				    S_ISFIFO(info->mode) ?
					    " (to lint what a pipe carries, "
					    "send it to standard input, '-')" :
					    "");
	case PL_FILE_TOO_LARGE:
		if (S_ISREG(info->mode) && info->size > max)
			return pl_xasprintf("is %llu bytes, over the size limit "
					    "of %zu bytes (--max-size)",
					    info->size, max);
		return pl_xasprintf("holds more than the size limit of %zu "
				    "bytes (--max-size): reading stopped there",
				    max);
	}
	return pl_xstrdup("cannot read");
}

/* The diagnostic code of a reading problem of a policy. */
static pl_diag_code input_code(pl_file_status status)
{
	switch (status) {
	case PL_FILE_MISSING:
		return PL_DIAG_INPUT_MISSING;
	case PL_FILE_DIRECTORY:
		return PL_DIAG_INPUT_DIRECTORY;
	case PL_FILE_NOT_REGULAR:
		return PL_DIAG_INPUT_NOT_REGULAR;
	case PL_FILE_TOO_LARGE:
		return PL_DIAG_INPUT_TOO_LARGE;
	default:
		return PL_DIAG_INPUT_UNREADABLE;
	}
}

int pl_input_read_max(const char *path, const char *display_name,
		      size_t max, char **data, size_t *len, pl_diags *diags)
{
	const char *name = display_name ? display_name : path;
	pl_file_info info;
	pl_file_status st = strcmp(path, "-") == 0 ?
				    pl_file_read_stdin(max, data, len, &info) :
				    pl_file_read(path, max, data, len, &info);
	if (st != PL_FILE_OK) {
		char *why = pl_file_problem(st, &info, max);
		pl_diags_add(diags, input_code(st), name, 0, 0, "%s", why);
		free(why);
		return -1;
	}
	const char *kind = binary_signature((const unsigned char *)*data, *len);
	if (kind == NULL && looks_binary((const unsigned char *)*data, *len))
		kind = "binary data";
	if (kind) {
		pl_diags_add(diags, PL_DIAG_INPUT_BINARY, name, 0, 0,
			     "is %s, not a text, Markdown or HTML policy", kind);
		free(*data);
		*data = NULL;
		*len = 0;
		return -1;
	}
	return 0;
}

int pl_input_read(const char *path, const char *display_name, char **data,
		  size_t *len, pl_diags *diags)
{
	return pl_input_read_max(path, display_name, PL_DEFAULT_MAX_SIZE, data,
				 len, diags);
}
