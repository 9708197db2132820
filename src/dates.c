/*
 * dates.c: calendar dates in policy text, for the effective / last-updated
 * date checks (a `require` rule with `max-age-months`, e.g. the CCPA's
 * yearly update, Cal. Civ. Code 1798.130(a)(5) and 11 CCR 7011(e)(4)).
 *
 * pl_date_find reads the formats policies use: "January 5, 2024",
 * "Jan. 5th, 2024", "5 January 2024", "5th of January, 2024",
 * "2024-01-05", "01/05/2024" and "1-5-24" (month first, the US habit,
 * unless the first number cannot be a month), "05.01.2024" (day first, the
 * European habit), and a month alone ("January 2024", "Jan. 2024"), which
 * leaves the day 0.  A date that does not exist (February 30) is no date.
 * Everything here is plain C over bytes: no locale, no regex.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "policylint-advanced.h"

static const char *const month_names[12] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"};

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
				     30, 31};
	return m == 2 && leap(y) ? 29 : days[m - 1];
}

int pl_date_valid(const pl_date *d)
{
	return d->year >= 1900 && d->year <= 2199 && d->month >= 1 &&
	       d->month <= 12 && d->day >= 0 &&
	       d->day <= month_days(d->year, d->month);
}

/* Reads 1..max digits at s[*i]; the run must not go on past max digits. */
static int read_number(const char *s, size_t len, size_t *i, int max, int *out)
{
	size_t j = *i;
	int v = 0, n = 0;
	while (j < len && is_digit(s[j]) && n < max) {
		v = v * 10 + (s[j] - '0');
		j++;
		n++;
	}
	if (n == 0 || (j < len && is_digit(s[j])))
		return 0;
	*i = j;
	*out = v;
	return n;
}

/* A four-digit year 1900-2199 at s[*i], not followed by a letter or
 * digit. */
static int read_year(const char *s, size_t len, size_t *i, int *year)
{
	size_t j = *i;
	if (read_number(s, len, &j, 4, year) != 4 || *year < 1900 ||
	    *year > 2199 || (j < len && is_alpha(s[j])))
		return 0;
	*i = j;
	return 1;
}

/* A month name or its abbreviation ("Sept", "Sep", "Jan") at s[*i], with
 * an optional period; returns the month 1-12 or 0. */
static int read_month(const char *s, size_t len, size_t *i)
{
	size_t start = *i;
	size_t n = 0;
	while (start + n < len && is_alpha(s[start + n]))
		n++;
	if (n < 3)
		return 0;
	char word[16];
	if (n >= sizeof word)
		return 0;
	for (size_t k = 0; k < n; k++)
		word[k] = lower(s[start + k]);
	word[n] = '\0';
	int month = 0;
	for (int m = 0; m < 12 && !month; m++) {
		const char *full = month_names[m];
		if (strcmp(word, full) == 0 ||
		    (n == 3 && strncmp(word, full, 3) == 0) ||
		    (m == 8 && strcmp(word, "sept") == 0))
			month = m + 1;
	}
	if (!month)
		return 0;
	size_t j = start + n;
	if (j < len && s[j] == '.')
		j++;
	*i = j;
	return month;
}

static size_t skip_spaces(const char *s, size_t len, size_t i)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
			   s[i] == '\r' || (unsigned char)s[i] == 0xA0))
		i++;
	/* A UTF-8 no-break space (C2 A0). */
	if (i + 1 < len && (unsigned char)s[i] == 0xC2 &&
	    (unsigned char)s[i + 1] == 0xA0)
		return skip_spaces(s, len, i + 2);
	return i;
}

/* "5", "5th", "21st": a day of the month. */
static int read_day(const char *s, size_t len, size_t *i, int *day)
{
	size_t j = *i;
	if (read_number(s, len, &j, 2, day) == 0 || *day < 1 || *day > 31)
		return 0;
	if (j + 1 < len && is_alpha(s[j]) && is_alpha(s[j + 1])) {
		char a = lower(s[j]), b = lower(s[j + 1]);
		if (!((a == 's' && b == 't') || (a == 'n' && b == 'd') ||
		      (a == 'r' && b == 'd') || (a == 't' && b == 'h')))
			return 0;
		j += 2;
	}
	if (j < len && is_alpha(s[j]))
		return 0;
	*i = j;
	return 1;
}

/* The try_ functions return 1 for a date, 0 for no date, and -1 (with
 * *end set) for text shaped like a date that does not exist, which the
 * search then skips ("29 February 2023" is not "February 2023"). */

/* Month first: "January 5, 2024", "Jan. 5th 2024", "January, 2024",
 * "January 2024". */
static int try_month_first(const char *s, size_t len, size_t i, pl_date *d,
			   size_t *end)
{
	int month = read_month(s, len, &i);
	if (!month)
		return 0;
	size_t j = skip_spaces(s, len, i);
	int day = 0;
	size_t k = j;
	if (read_day(s, len, &k, &day)) {
		if (k < len && s[k] == ',')
			k++;
		k = skip_spaces(s, len, k);
		int year;
		if (read_year(s, len, &k, &year)) {
			*d = (pl_date){year, month, day};
			*end = k;
			return pl_date_valid(d) ? 1 : -1;
		}
	}
	if (j < len && s[j] == ',')
		j = skip_spaces(s, len, j + 1);
	int year;
	if (read_year(s, len, &j, &year)) {
		*d = (pl_date){year, month, 0};
		*end = j;
		return 1;
	}
	return 0;
}

/* Day first: "5 January 2024", "5th of January, 2024". */
static int try_day_first(const char *s, size_t len, size_t i, pl_date *d,
			 size_t *end)
{
	int day;
	if (!read_day(s, len, &i, &day))
		return 0;
	i = skip_spaces(s, len, i);
	if (i + 2 < len && lower(s[i]) == 'o' && lower(s[i + 1]) == 'f' &&
	    !is_alpha(s[i + 2]))
		i = skip_spaces(s, len, i + 2);
	int month = read_month(s, len, &i);
	if (!month)
		return 0;
	if (i < len && s[i] == ',')
		i++;
	i = skip_spaces(s, len, i);
	int year;
	if (!read_year(s, len, &i, &year))
		return 0;
	*d = (pl_date){year, month, day};
	*end = i;
	return pl_date_valid(d) ? 1 : -1;
}

/* Numbers: "2024-01-05", "2024/1/5", "01/05/2024", "1-5-24", "05.01.2024". */
static int try_numeric(const char *s, size_t len, size_t i, pl_date *d,
		       size_t *end)
{
	size_t j = i;
	int a, b, c;
	int na = read_number(s, len, &j, 4, &a);
	if (na == 0 || j >= len)
		return 0;
	char sep = s[j];
	if (sep != '-' && sep != '/' && sep != '.')
		return 0;
	j++;
	if (read_number(s, len, &j, 2, &b) == 0 || j >= len || s[j] != sep)
		return 0;
	j++;
	int nc = read_number(s, len, &j, 4, &c);
	if (nc == 0 || (j < len && is_alpha(s[j])))
		return 0;
	/* "1.2.3.4" or "10.0.0.1": a version or an address, no date. */
	if (j + 1 < len && s[j] == sep && is_digit(s[j + 1]))
		return 0;
	if (na == 4) {
		if (nc > 2)
			return 0;
		*d = (pl_date){a, b, c};
	} else {
		if (na > 2 || (nc != 4 && nc != 2))
			return 0;
		int year = nc == 2 ? (c < 70 ? 2000 + c : 1900 + c) : c;
		if (sep == '.' || a > 12)
			*d = (pl_date){year, b, a};   /* day first */
		else
			*d = (pl_date){year, a, b};   /* month first */
	}
	*end = j;
	return d->day != 0 && pl_date_valid(d) ? 1 : -1;
}

int pl_date_find(const char *s, size_t len, pl_date *out, size_t *start,
		 size_t *end)
{
	for (size_t i = 0; i < len; i++) {
		if (i > 0 && (is_alpha(s[i - 1]) || is_digit(s[i - 1])))
			continue;    /* only at the start of a word */
		pl_date d = {0, 0, 0};
		size_t e = 0;
		int ok = 0;
		if (is_alpha(s[i]))
			ok = try_month_first(s, len, i, &d, &e);
		else if (is_digit(s[i]) &&
			 (ok = try_numeric(s, len, i, &d, &e)) == 0)
			ok = try_day_first(s, len, i, &d, &e);
		if (ok < 0) {
			i = e - 1;   /* a date that does not exist: skip all of it */
			continue;
		}
		if (ok) {
			*out = d;
			if (start)
				*start = i;
			if (end)
				*end = e;
			return 0;
		}
	}
	return -1;
}

int pl_date_parse_iso(const char *s, pl_date *out)
{
	size_t len = strlen(s), i = 0;
	int y, m, d;
	if (len != 10 || read_number(s, len, &i, 4, &y) != 4 || s[i++] != '-' ||
	    read_number(s, len, &i, 2, &m) != 2 || s[i++] != '-' ||
	    read_number(s, len, &i, 2, &d) != 2 || i != len)
		return -1;
	pl_date r = {y, m, d};
	if (d == 0 || !pl_date_valid(&r))
		return -1;
	*out = r;
	return 0;
}

pl_date pl_date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	pl_date d = {1970, 1, 1};
	if (localtime_r(&now, &tm) != NULL) {
		d.year = tm.tm_year + 1900;
		d.month = tm.tm_mon + 1;
		d.day = tm.tm_mday;
	}
	return d;
}

long pl_date_days(const pl_date *d)
{
	/* Days from civil (Howard Hinnant's algorithm). */
	int day = d->day ? d->day : month_days(d->year, d->month);
	long y = d->year - (d->month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (d->month + 9) % 12;
	long doy = (153 * mp + 2) / 5 + day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int pl_date_older_than(const pl_date *d, const pl_date *today, int months)
{
	/* The last day the date is still fresh: months later, clamped to the
	 * length of that month (2023-03-31 + 11 months = 2024-02-29). */
	int day = d->day ? d->day : month_days(d->year, d->month);
	int total = d->year * 12 + (d->month - 1) + months;
	pl_date limit = {total / 12, total % 12 + 1, 0};
	int last = month_days(limit.year, limit.month);
	limit.day = day < last ? day : last;
	return pl_date_days(today) > pl_date_days(&limit);
}

void pl_date_format(const pl_date *d, char *buf, size_t size)
{
	if (d->day)
		snprintf(buf, size, "%04d-%02d-%02d", d->year, d->month, d->day);
	else
		snprintf(buf, size, "%04d-%02d", d->year, d->month);
}
