/*
 * input.c: reads a policy into memory and refuses what is not text.
 *
 * A file is read once, into one buffer that the result then owns: the
 * plain-text extractor works on that buffer in place, so a large input is
 * never copied again.  Every problem names the file and says what is wrong.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
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

static int read_fd(int fd, size_t hint, char **data, size_t *len)
{
	size_t cap = hint + 1 > 65536 ? hint + 1 : 65536, n = 0;
	char *buf = pl_xmalloc(cap + 1);
	for (;;) {
		if (n == cap) {
			cap *= 2;
			buf = pl_xrealloc(buf, cap + 1);
		}
		ssize_t r = read(fd, buf + n, cap - n);
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
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

int pl_input_read(const char *path, const char *display_name, char **data,
		  size_t *len, pl_diags *diags)
{
	const char *name = display_name ? display_name : path;
	int fd = 0;
	int is_stdin = strcmp(path, "-") == 0;
	struct stat st;
	*data = NULL;
	*len = 0;
	if (!is_stdin) {
		if (stat(path, &st) != 0) {
			pl_diags_add(diags, errno == ENOENT ?
						    PL_DIAG_INPUT_MISSING :
						    PL_DIAG_INPUT_UNREADABLE,
				     name, 0, 0, "cannot read: %s",
				     strerror(errno));
			return -1;
		}
		if (S_ISDIR(st.st_mode)) {
			pl_diags_add(diags, PL_DIAG_INPUT_DIRECTORY, name, 0, 0,
				     "is a directory, not a policy file");
			return -1;
		}
		fd = open(path, O_RDONLY);
		if (fd < 0) {
			pl_diags_add(diags, PL_DIAG_INPUT_UNREADABLE, name, 0, 0,
				     "cannot open: %s", strerror(errno));
			return -1;
		}
	}
	size_t hint = (!is_stdin && S_ISREG(st.st_mode)) ? (size_t)st.st_size : 0;
	int rc = read_fd(fd, hint, data, len);
	int err = errno;
	if (!is_stdin)
		close(fd);
	if (rc != 0) {
		pl_diags_add(diags, PL_DIAG_INPUT_UNREADABLE, name, 0, 0,
			     "cannot read: %s",
			     strerror(err));
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
