/*
 * lsp.h: `policylint lsp`, the language server (lsp.c), and the framing
 * of its messages (lsp_io.c).
 */
#ifndef PL_LSP_H
#define PL_LSP_H

#include <stddef.h>

#include "policylint.h"

/* Serves the Language Server Protocol on in_fd and out_fd with linters
 * made from opts (the command line's rules, profiles, configuration mode,
 * facts), until the client sends exit or goes away.  Returns the exit
 * status: 0 after shutdown and exit, or when the client vanished; 1 after
 * exit without shutdown. */
int pl_lsp_run(const pl_linter_options *opts, int in_fd, int out_fd);

/* ---- Framing (lsp_io.c): "Content-Length: N\r\n\r\n" and N bytes ---- */

/* The largest message body read: a policy at the default size limit with
 * every byte escaped would not fit, but every real one does. */
#define PL_LSP_MAX_BODY ((size_t)512 << 20)

typedef struct {
	int fd;
	char *buf;
	size_t len, pos, cap;
	int eof;
} pl_lsp_reader;

enum { PL_LSP_EOF = 0, PL_LSP_MESSAGE = 1, PL_LSP_BAD_FRAME = -1 };

/* The next message's body into *body (malloc'd, NUL-terminated) and *n:
 * PL_LSP_MESSAGE; PL_LSP_EOF at the end of input; PL_LSP_BAD_FRAME when a
 * header block has no usable Content-Length or the body is too large
 * (skipped, *why says what was wrong: the stream stays in step). */
int pl_lsp_read(pl_lsp_reader *rd, char **body, size_t *n, const char **why);
/* Whether bytes of a next message are already read. */
int pl_lsp_buffered(const pl_lsp_reader *rd);
void pl_lsp_reader_free(pl_lsp_reader *rd);

/* Writes one message; -1 when the client is gone (EPIPE, closed). */
int pl_lsp_write(int fd, const char *body, size_t n);

#endif
