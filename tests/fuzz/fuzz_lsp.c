/*
 * fuzz_lsp.c: what an editor sends the language server, as the server
 * reads it: the input, written to a file, is cut into messages by the
 * framing reader (lsp_io.c), and each body is parsed by the JSON reader
 * (json.c) and looked into the way the server does.  Nothing may crash,
 * leak or read past a message; a body must be exactly as long as its
 * Content-Length said.
 */
#include "fuzz.h"

#include <fcntl.h>

#include "json.h"
#include "lsp.h"

/* Walks a value as the server's lookups do. */
static void touch(const pl_json *j)
{
	(void)pl_json_get_string(j, "method");
	(void)pl_json_get_number(j, "id", 0);
	const pl_json *p = pl_json_get(j, "params");
	(void)pl_json_get(pl_json_get(p, "textDocument"), "uri");
	for (size_t i = 0; j && i < j->count; i++)
		if (j->type == PL_JSON_STRING || j->items[i] == NULL)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(".lsp", data, size);
	pl_lsp_reader rd = {0};
	rd.fd = open(path, O_RDONLY);
	if (rd.fd < 0)
		abort();
	for (int n = 0; n < 1000; n++) {
		char *body = NULL;
		size_t len = 0;
		const char *why = NULL;
		int rc = pl_lsp_read(&rd, &body, &len, &why);
		if (rc == PL_LSP_EOF)
			break;
		if (rc == PL_LSP_BAD_FRAME) {
			if (why == NULL)
				abort();
			continue;
		}
		if (len > size || strlen(body) > len)
			abort();
		size_t at = 0;
		pl_json *j = pl_json_parse(body, len, &why, &at);
		if (j == NULL && (why == NULL || at > len))
			abort();
		touch(j);
		pl_json_free(j);
		free(body);
	}
	pl_lsp_reader_free(&rd);
	close(rd.fd);
	return 0;
}
