/*
 * textshape.c: how a piece of text reads, for the extractors and the
 * sentence splitter: character references (&amp;, &#8217;), list markers,
 * heading-shaped lines, white space and invisible characters.  A leaf: it
 * knows nothing of pl_text, only of bytes.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "textshape.h"

/* ---- Character classes -------------------------------------------------- */

static int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static int is_alpha(unsigned char c) { return is_upper(c) || is_lower(c); }
static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* Length of the white-space character at s[i], 0 when there is none.  Besides
 * ASCII white space this counts the no-break space, the zero-width space and
 * a stray byte order mark: pasted policies are full of them, and a line made
 * of nothing else is blank to a reader. */
size_t pl_space_at(const char *s, size_t i, size_t n)
{
	unsigned char c = (unsigned char)s[i];
	if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
		return 1;
	if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0)
		return 2;
	if (i + 2 < n && ((c == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
			   (unsigned char)s[i + 2] == 0x8B) ||
			  (c == 0xEF && (unsigned char)s[i + 1] == 0xBB &&
			   (unsigned char)s[i + 2] == 0xBF)))
		return 3;
	return 0;
}

/* Length of the white-space character that ends at s[end-1], 0 if none. */
size_t pl_space_before(const char *s, size_t start, size_t end)
{
	if (end > start && pl_space_at(s, end - 1, end) == 1)
		return 1;
	if (end >= start + 2 && pl_space_at(s, end - 2, end) == 2)
		return 2;
	if (end >= start + 3 && pl_space_at(s, end - 3, end) == 3)
		return 3;
	return 0;
}

/* ---- Bullets ------------------------------------------------------------ */

/* Bullet glyphs that mark a list item even without a space after them. */
static const char *const bullet_glyphs[] = {
	"\xE2\x80\xA2", /* • */  "\xC2\xB7", /* · */  "\xE2\x96\xAA", /* ▪ */
	"\xE2\x97\xA6", /* ◦ */  "\xE2\x80\xA3", /* ‣ */
	"\xE2\x97\x8F", /* ● */  "\xE2\x97\x8B", /* ○ */
	"\xE2\x96\xA0", /* ■ */  "\xE2\x96\xA1", /* □ */
	"\xE2\x9E\xA2", /* ➢ */  "\xE2\x96\xBA", /* ► */
	"\xE2\x9C\x93", /* ✓ */  "\xE2\x81\x83", /* ⁃ */
	/* Word's Symbol-font bullets, as they survive a copy and paste. */
	"\xEF\x82\xB7", "\xEF\x82\xA7",
};

static int is_roman(unsigned char c)
{
	return strchr("ivxlcIVXLC", c) != NULL && c != '\0';
}

/* Length of a number or letter marker ("12.", "3)", "(a)", "iv.", "1.2")
 * at s[0..n), 0 if none.  The caller checks what follows. */
static size_t number_marker(const char *s, size_t n)
{
	size_t i = 0;
	unsigned char c = (unsigned char)s[0];
	if (c == '(') {
		i = 1;
		size_t j = i;
		while (j < n && j - i < 3 && is_digit((unsigned char)s[j]))
			j++;
		if (j == i)
			while (j < n && j - i < 5 && is_roman((unsigned char)s[j]))
				j++;
		if (j == i && j < n && is_alpha((unsigned char)s[j]))
			j++;
		if (j == i || j >= n || s[j] != ')')
			return 0;
		return j + 1;
	}
	if (is_digit(c)) {
		while (i < n && i < 3 && is_digit((unsigned char)s[i]))
			i++;
		if (i < n && is_digit((unsigned char)s[i]))
			return 0;           /* a year or an amount, not a number */
		int groups = 0;         /* "1.2.3": a section number */
		while (i + 1 < n && s[i] == '.' && is_digit((unsigned char)s[i + 1])) {
			i++;
			while (i < n && is_digit((unsigned char)s[i]))
				i++;
			groups++;
		}
		if (i < n && (s[i] == '.' || s[i] == ')'))
			return i + 1;
		return groups ? i : 0;
	}
	if (is_alpha(c)) {
		/* One letter ("a.", "B)") or a short roman numeral ("iv."). */
		while (i < n && i < 5 && is_roman((unsigned char)s[i]))
			i++;
		if (i == 0 || (i < n && is_alpha((unsigned char)s[i])))
			i = 1;
		if (i < n && (s[i] == '.' || s[i] == ')') &&
		    (i == 1 || is_roman(c)))
			return i + 1;
	}
	return 0;
}

size_t pl_bullet_len(const char *s, size_t n, int *numbered)
{
	size_t i = 0;
	int num = 0;
	if (numbered)
		*numbered = 0;
	if (n == 0)
		return 0;
	for (size_t g = 0; g < sizeof bullet_glyphs / sizeof *bullet_glyphs; g++) {
		size_t gl = strlen(bullet_glyphs[g]);
		if (n >= gl && memcmp(s, bullet_glyphs[g], gl) == 0) {
			i = gl;
			break;
		}
	}
	if (i == 0) {
		unsigned char c = (unsigned char)s[0];
		int dash = n >= 3 && memcmp(s, "\xE2\x80\x93", 3) == 0; /* – */
		if (c == '-' || c == '*' || c == '+' || dash) {
			i = dash ? 3 : 1;
			/* "-5%" or "*Note": the sign must stand apart. */
			if (i >= n || (s[i] != ' ' && s[i] != '\t'))
				return 0;
		} else {
			i = number_marker(s, n);
			if (i == 0 || i >= n || (s[i] != ' ' && s[i] != '\t'))
				return 0;
			num = 1;
		}
	}
	size_t marker = i;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	/* "3.5 million": a bare section number must be followed by a title. */
	if (num && s[marker - 1] != '.' && s[marker - 1] != ')' &&
	    (i >= n || !is_upper((unsigned char)s[i])))
		return 0;
	if (numbered)
		*numbered = num;
	return i;
}

/* ---- Heading shape ------------------------------------------------------ */

/* Words that open a sentence far more often than a heading. */
static int starts_sentence(const char *w, size_t n)
{
	static const char *const starters[] = {
		"we", "you", "this", "these", "it", "they", "i", "if", "when",
		"please", "there",
	};
	for (size_t k = 0; k < sizeof starters / sizeof *starters; k++) {
		size_t sl = strlen(starters[k]);
		if (sl != n)
			continue;
		size_t j = 0;
		while (j < n && (w[j] | 0x20) == starters[k][j])
			j++;
		if (j == n)
			return 1;
	}
	return 0;
}

/* Whether a '.', '!' or '?' at s[i] ends a sentence inside the line:
 * followed by a space and a capital, after a real word (not "U.S" or
 * "Inc"). */
static int sentence_break(const char *s, size_t n, size_t i)
{
	if (i + 2 >= n || s[i + 1] != ' ' || !is_upper((unsigned char)s[i + 2]))
		return 0;
	size_t a = i;
	while (a > 0 && s[a - 1] != ' ')
		a--;
	size_t len = i - a;
	if (len < 3 || memchr(s + a, '.', len) != NULL)
		return 0;
	static const char *const abbrev[] = {"Inc", "Ltd", "Corp", "Co", "LLC",
					     "Bros", "Jr", "Sr", "etc", "St"};
	for (size_t k = 0; k < sizeof abbrev / sizeof *abbrev; k++)
		if (strlen(abbrev[k]) == len && memcmp(abbrev[k], s + a, len) == 0)
			return 0;
	return 1;
}

static int find(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(s + i, needle, k) == 0)
			return 1;
	return 0;
}

/* Whether s[0..n) reads as a line of a postal address: a number and a
 * street word ("123 Main Street", "Suite 400", "P.O. Box 12"). */
static int address_line(const char *s, size_t n)
{
	static const char *const streets[] = {
		"street", "st", "avenue", "ave", "road", "rd", "boulevard",
		"blvd", "drive", "dr", "lane", "ln", "way", "parkway", "pkwy",
		"place", "plaza", "court", "ct", "suite", "ste", "floor", "box",
		"highway", "hwy", "square", "straße", "strasse", "unit",
		"building", NULL};
	int digit = 0, street = 0;
	for (size_t i = 0; i < n;) {
		while (i < n && !is_alpha((unsigned char)s[i]) &&
		       (unsigned char)s[i] < 0x80) {
			digit |= is_digit((unsigned char)s[i]);
			i++;
		}
		size_t a = i;
		while (i < n && (is_alpha((unsigned char)s[i]) ||
				 (unsigned char)s[i] >= 0x80))
			i++;
		for (size_t k = 0; streets[k] && !street; k++)
			street = strlen(streets[k]) == i - a &&
				 strncasecmp(s + a, streets[k], i - a) == 0;
	}
	return digit && street;
}

int pl_heading_like(const char *s, size_t n)
{
	if (n == 0 || n > 100)
		return 0;
	size_t words = 0, sig = 0, sigcap = 0, letters = 0, lower = 0;
	size_t commas = 0, first_len = 0;
	const char *first = NULL;
	int first_letter_lower = -1;
	for (size_t i = 0; i < n;) {
		while (i < n && s[i] == ' ')
			i++;
		if (i >= n)
			break;
		size_t a = i, wl = 0;   /* wl: letters in the word */
		while (i < n && s[i] != ' ') {
			unsigned char c = (unsigned char)s[i];
			if (is_alpha(c)) {
				wl++;
				letters++;
				lower += is_lower(c);
				if (first_letter_lower < 0)
					first_letter_lower = is_lower(c);
			}
			commas += c == ',';
			if ((c == '.' || c == '!' || c == '?') &&
			    sentence_break(s, n, i))
				return 0;
			i++;
		}
		words++;
		if (wl > 0 && first == NULL) {
			first = s + a;
			first_len = 0;
			while (a + first_len < i && is_alpha((unsigned char)s[a + first_len]))
				first_len++;
		}
		/* Significant words (4+ letters) decide Title Case, so that
		 * "of", "and", "the" do not count against it. */
		if (wl >= 4 && is_alpha((unsigned char)s[a])) {
			sig++;
			sigcap += is_upper((unsigned char)s[a]);
		}
	}
	unsigned char last = (unsigned char)s[n - 1];
	if (words > 14 || letters < 2 || first_letter_lower == 1)
		return 0;
	/* Addresses, dates and contact lines are information, not titles:
	 * "Support@example.com", "Email: jane [at] example [dot] net",
	 * "Springfield, IL 62701", "May 1, 2024". */
	if (memchr(s, '@', n) != NULL || is_digit(last) || find(s, n, "://") ||
	    find(s, n, "www.") || find(s, n, "[at]") || find(s, n, "(at)") ||
	    address_line(s, n))
		return 0;
	if (lower == 0 && letters >= 3 && (last != '.' || words <= 6))
		return 1;
	if (last == '.' || last == ',' || last == ';' || last == '!')
		return 0;
	int starter = first != NULL && starts_sentence(first, first_len);
	int titled = sig > 0 && sigcap * 2 >= sig;
	if (last == '?')
		return 2;
	if (last == ':')        /* "Cookies:", "Your payment details:" */
		return (titled || words <= 4) && !starter ? 2 : 0;
	if (titled)
		return 2;
	return words <= 8 && commas == 0 && !starter ? 2 : 0;
}


/* ---- Character references ---------------------------------------------- */

typedef struct {
	const char *name;
	unsigned cp;
} entity;

/* The references policies use, and the whole of Latin-1 (names as in
 * HTML 4; case matters: "Eacute" is not "eacute"). */
static const entity entities[] = {
	{"amp", 38}, {"lt", 60}, {"gt", 62}, {"quot", 34}, {"apos", 39},
	{"nbsp", 160}, {"iexcl", 161}, {"cent", 162}, {"pound", 163},
	{"curren", 164}, {"yen", 165}, {"brvbar", 166}, {"sect", 167},
	{"uml", 168}, {"copy", 169}, {"ordf", 170}, {"laquo", 171},
	{"not", 172}, {"shy", 173}, {"reg", 174}, {"macr", 175}, {"deg", 176},
	{"plusmn", 177}, {"sup2", 178}, {"sup3", 179}, {"acute", 180},
	{"micro", 181}, {"para", 182}, {"middot", 183}, {"cedil", 184},
	{"sup1", 185}, {"ordm", 186}, {"raquo", 187}, {"frac14", 188},
	{"frac12", 189}, {"frac34", 190}, {"iquest", 191}, {"Agrave", 192},
	{"Aacute", 193}, {"Acirc", 194}, {"Atilde", 195}, {"Auml", 196},
	{"Aring", 197}, {"AElig", 198}, {"Ccedil", 199}, {"Egrave", 200},
	{"Eacute", 201}, {"Ecirc", 202}, {"Euml", 203}, {"Igrave", 204},
	{"Iacute", 205}, {"Icirc", 206}, {"Iuml", 207}, {"ETH", 208},
	{"Ntilde", 209}, {"Ograve", 210}, {"Oacute", 211}, {"Ocirc", 212},
	{"Otilde", 213}, {"Ouml", 214}, {"times", 215}, {"Oslash", 216},
	{"Ugrave", 217}, {"Uacute", 218}, {"Ucirc", 219}, {"Uuml", 220},
	{"Yacute", 221}, {"THORN", 222}, {"szlig", 223}, {"agrave", 224},
	{"aacute", 225}, {"acirc", 226}, {"atilde", 227}, {"auml", 228},
	{"aring", 229}, {"aelig", 230}, {"ccedil", 231}, {"egrave", 232},
	{"eacute", 233}, {"ecirc", 234}, {"euml", 235}, {"igrave", 236},
	{"iacute", 237}, {"icirc", 238}, {"iuml", 239}, {"eth", 240},
	{"ntilde", 241}, {"ograve", 242}, {"oacute", 243}, {"ocirc", 244},
	{"otilde", 245}, {"ouml", 246}, {"divide", 247}, {"oslash", 248},
	{"ugrave", 249}, {"uacute", 250}, {"ucirc", 251}, {"uuml", 252},
	{"yacute", 253}, {"thorn", 254}, {"yuml", 255}, {"OElig", 338},
	{"oelig", 339}, {"Scaron", 352}, {"scaron", 353}, {"Yuml", 376},
	{"fnof", 402}, {"circ", 710}, {"tilde", 732}, {"ensp", 8194},
	{"emsp", 8195}, {"thinsp", 8201}, {"zwnj", 8204}, {"zwj", 8205},
	{"lrm", 8206}, {"rlm", 8207}, {"ndash", 8211}, {"mdash", 8212},
	{"lsquo", 8216}, {"rsquo", 8217}, {"sbquo", 8218}, {"ldquo", 8220},
	{"rdquo", 8221}, {"bdquo", 8222}, {"dagger", 8224}, {"Dagger", 8225},
	{"bull", 8226}, {"hellip", 8230}, {"permil", 8240}, {"prime", 8242},
	{"Prime", 8243}, {"lsaquo", 8249}, {"rsaquo", 8250}, {"euro", 8364},
	{"trade", 8482}, {"larr", 8592}, {"rarr", 8594},
};

/* Windows-1252 for &#128; to &#159;, which pages mean and browsers honour
 * (&#146; is an apostrophe); 0 where the code page has a hole. */
static const unsigned short cp1252[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

static size_t utf8_encode(unsigned cp, char out[8])
{
	if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		cp = 0xFFFD;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static int is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

static size_t decode_numeric(const char *s, size_t n, char out[8],
			     size_t *consumed)
{
	size_t i = 2;   /* after "&#" */
	int hex = i < n && (s[i] == 'x' || s[i] == 'X');
	i += hex;
	size_t digits = i;
	unsigned long cp = 0;
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int v;
		if (c >= '0' && c <= '9')
			v = c - '0';
		else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			v = (c | 0x20) - 'a' + 10;
		else
			break;
		if (cp <= 0x10FFFF)     /* saturate: too big is too big */
			cp = cp * (hex ? 16 : 10) + (unsigned long)v;
	}
	if (i == digits || i >= n || s[i] != ';')
		return 0;
	*consumed = i + 1;
	if (cp >= 0x80 && cp <= 0x9F && cp1252[cp - 0x80])
		cp = cp1252[cp - 0x80];
	return utf8_encode(cp > 0x10FFFF ? 0xFFFD : (unsigned)cp, out);
}

size_t pl_decode_entity(const char *s, size_t n, char out[8],
			size_t *consumed)
{
	if (n < 3 || s[0] != '&')
		return 0;
	if (s[1] == '#')
		return decode_numeric(s, n, out, consumed);
	size_t len = 1;
	while (len < n && len <= 8 && is_alnum((unsigned char)s[len]))
		len++;
	size_t name_len = len - 1;
	if (name_len == 0 || name_len > 7)
		return 0;
	int semi = len < n && s[len] == ';';
	for (size_t k = 0; k < sizeof entities / sizeof *entities; k++) {
		const entity *e = &entities[k];
		if (e->name[0] != s[1] || strlen(e->name) != name_len ||
		    memcmp(e->name, s + 1, name_len) != 0)
			continue;
		/* Without its ';' only the oldest few count, as in browsers;
		 * "AT&T" and "&copy2024" stay as written otherwise. */
		if (!semi && e->cp != 38 && e->cp != 60 && e->cp != 62 &&
		    e->cp != 34 && e->cp != 160 && e->cp != 169 && e->cp != 174)
			return 0;
		*consumed = len + semi;
		return utf8_encode(e->cp, out);
	}
	return 0;
}


size_t pl_invisible_len(const char *s, size_t i, size_t n)
{
	const unsigned char *u = (const unsigned char *)s + i;
	if (u[0] == 0xC2 && i + 1 < n && u[1] == 0xAD)
		return 2;
	if (i + 2 < n && u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x8B &&
	    u[2] <= 0x8F)
		return 3;
	if (i + 2 < n && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		return 3;
	return 0;
}
