/*
 * fuzz_dates.c: every date found in the input, one after another
 * (dates.c), each checked, counted and formatted; the input as an ISO date.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	pl_date today = {2026, 6, 1};
	size_t at = 0;
	pl_date d;
	size_t start, end;
	while (at < size && pl_date_find(s + at, size - at, &d, &start, &end) == 0) {
		if (start > end || end > size - at || !pl_date_valid(&d))
			abort();
		char buf[32];
		pl_date_format(&d, buf, sizeof buf);
		(void)pl_date_days(&d);
		(void)pl_date_older_than(&d, &today, (int)(size % 40));
		at += end > 0 ? end : 1;
	}
	char *copy = fuzz_copy(data, size);
	if (pl_date_parse_iso(copy, &d) == 0 && !pl_date_valid(&d))
		abort();
	free(copy);
	return 0;
}
