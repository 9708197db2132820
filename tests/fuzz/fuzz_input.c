/*
 * fuzz_input.c: the file-reading entry point (input.c) on a file holding
 * the input: binary and UTF-16 detection, the size limit (taken from the
 * input's first byte, so that it falls inside, at and beyond the input's
 * size), then the format decision by name and by content.
 */
#include "fuzz.h"
#include "input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(".txt", data, size);
	size_t max = size ? data[0] * 4 + 1 : 1;
	static const char *const names[] = {"p.txt", "p.md", "p.html", "-"};
	for (int limited = 0; limited < 2; limited++) {
		pl_diags d = {0};
		char *buf = NULL;
		size_t len = 0;
		int rc = limited ? pl_input_read_max(path, "shown", max, &buf,
						     &len, &d) :
				   pl_input_read(path, NULL, &buf, &len, &d);
		if (rc == 0) {
			if (len != size || memcmp(buf, data, size) != 0)
				abort();        /* read must be exact */
			for (size_t i = 0; i < 4; i++)
				(void)pl_input_format_decide(PL_INPUT_AUTO,
							     names[i], buf, len);
		} else if (d.count != 1) {
			abort();                /* one diagnostic per refusal */
		}
		free(buf);
		pl_diags_clear(&d);
	}
	return 0;
}
