/*
 * rulecache.c: compiled rule sets kept on disk, so that a run need not
 * compile some thousand patterns and derive their literals again.
 *
 * One file per rule set, dir/rules-KEY.bin, where KEY hashes the bytes of
 * every rule file in load order with the versions of policylint, PCRE2
 * and this format: a changed rule file or an upgrade changes the key.  The
 * file holds PCRE2's serialised code for every pattern, in compile order,
 * each with a hash of its expanded source (checked when it is taken, so
 * that a cached pattern is only ever used for the very same source), and
 * each pattern's literal sets.  It is trusted only whole: its header must
 * match and a checksum over the rest must agree (PCRE2 checks nothing past
 * its own header), else it is ignored and written afresh.  Nothing about the file can make
 * a run fail: an unreadable, corrupt, stale or unwritable cache only costs
 * time.  At most MAX_FILES rule sets are kept; the least recently written
 * go first.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "policylint.h"
#include "rulecache.h"
#include "util.h"
#include "wire.h"

#define FORMAT 2                /* 2: the four-lane checksum */
#define MAGIC "PLRULES"                 /* with its NUL: 8 bytes */
#define MAX_FILES 8
#define MAX_FILE_BYTES ((size_t)512 << 20)

typedef struct {
	uint64_t source;        /* hash of the expanded source */
	pl_regex *cached;       /* decoded, not yet taken */
	const pl_regex *re;     /* the compiled pattern, for saving */
	long nsets;             /* literal sets; -1: not recorded */
	pl_literal_set sets[PL_LITERAL_SETS];
} entry;

struct pl_rule_cache {
	char *dir;
	uint64_t key;
	int loaded;             /* the file was read whole */
	int missed;             /* something was not in it: save */
	entry *entries;
	size_t n, cap;
};

/* ---- Hashing -------------------------------------------------------------- */

static uint64_t fnv(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 1099511628211u;
	return h;
}

/* A checksum of a large block: four independent lanes of eight bytes, so
 * that the multiplications overlap instead of waiting on each other (the
 * set snapshot is some megabytes, summed on every warm start). */
static uint64_t mix(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0xFF51AFD7ED558CCDu;
	return h ^ (h >> 29);
}

static uint64_t checksum(const unsigned char *p, size_t len)
{
	uint64_t lane[4] = {0x9E3779B97F4A7C15u ^ len, 0xC2B2AE3D27D4EB4Fu,
			    0x165667B19E3779F9u, 0x27D4EB2F165667C5u};
	size_t i = 0;
	for (; i + 32 <= len; i += 32)
		for (int k = 0; k < 4; k++) {
			uint64_t w;
			memcpy(&w, p + i + 8 * k, 8);
			lane[k] = mix(lane[k], w);
		}
	uint64_t h = lane[0];
	for (int k = 1; k < 4; k++)
		h = mix(h, lane[k]);
	for (; i < len; i++)
		h = (h ^ p[i]) * 1099511628211u;
	return h ^ (h >> 31);
}

static uint64_t cache_key(uint64_t rules_key)
{
	uint64_t h = 1469598103934665603u;
	const char *stamp = PL_VERSION;
	h = fnv(h, stamp, strlen(stamp) + 1);
	stamp = pl_pcre2_version();
	h = fnv(h, stamp, strlen(stamp) + 1);
	uint32_t fmt = FORMAT;
	h = fnv(h, &fmt, sizeof fmt);
	return fnv(h, &rules_key, sizeof rules_key);
}

static uint64_t source_hash(const char *source)
{
	return fnv(1469598103934665603u, source, strlen(source));
}

static entry *entry_at(pl_rule_cache *c, size_t i)
{
	while (c->n <= i) {
		entry e;
		memset(&e, 0, sizeof(e));
		e.nsets = -1;
		PL_PUSH(c->entries, c->n, c->cap, e);
	}
	return &c->entries[i];
}

static char *file_for(const char *dir, const char *prefix, uint64_t key)
{
	size_t n = strlen(dir) + strlen(prefix) + 40;
	char *path = pl_xmalloc(n);
	snprintf(path, n, "%s/%s-%016llx.bin", dir, prefix,
		 (unsigned long long)key);
	return path;
}

/* ---- Reading ---------------------------------------------------------------- */

static int read_literals(pl_wire_in *r, entry *e)
{
	uint32_t nsets = pl_wire_u32(r);
	e->nsets = -1;
	if (nsets == UINT32_MAX)
		return !r->bad;
	if (nsets > PL_LITERAL_SETS)
		return 0;
	for (uint32_t j = 0; j < nsets; j++) {
		pl_literal_set *s = &e->sets[j];
		s->count = pl_wire_u32(r);
		s->shortest = pl_wire_u64(r);
		s->reach.bytes = pl_wire_u64(r);
		s->reach.space_runs = pl_wire_u32(r);
		s->reach.word_runs = pl_wire_u32(r);
		s->reach.token_runs = pl_wire_u32(r);
		s->reach.unbounded = (int)pl_wire_u32(r);
		s->in_lookahead = (int)pl_wire_u32(r);
		if (r->bad || s->count > 4096) {
			s->count = 0;
			pl_literal_sets_free(e->sets, j);
			return 0;
		}
		s->strings = pl_xcalloc(s->count + 1, sizeof(char *));
		for (size_t k = 0; k < s->count; k++) {
			uint32_t len = pl_wire_u32(r);
			const char *str = pl_wire_take(r, len);
			if (str == NULL) {
				pl_literal_sets_free(e->sets, j + 1);
				return 0;
			}
			s->strings[k] = pl_xstrndup(str, len);
		}
	}
	e->nsets = (long)nsets;
	return 1;
}

static unsigned char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	struct stat st;
	unsigned char *data = NULL;
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (size_t)st.st_size <= MAX_FILE_BYTES) {
		*len = (size_t)st.st_size;
		data = pl_xmalloc(*len);
		if (fread(data, 1, *len, f) != *len) {
			free(data);
			data = NULL;
		}
	}
	fclose(f);
	return data;
}

/* A cache file, mapped rather than read: the pages come straight from the
 * page cache, with no copy into a buffer of the same size (read and copied
 * megabytes were a third of a warm start).  Read instead where it cannot
 * be mapped.  A cache file is only ever replaced by a rename (write_file),
 * never truncated in place, so a mapping cannot lose its pages under a run.
 * Release with unmap_file. */
static const unsigned char *map_file(const char *path, size_t *len, int *mapped)
{
	*mapped = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	void *p = MAP_FAILED;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (size_t)st.st_size <= MAX_FILE_BYTES) {
		*len = (size_t)st.st_size;
		p = mmap(NULL, *len, PROT_READ, MAP_PRIVATE, fd, 0);
	}
	close(fd);
	if (p != MAP_FAILED) {
		*mapped = 1;
		return p;
	}
	return read_file(path, len);
}

static void unmap_file(const unsigned char *data, size_t len, int mapped)
{
	if (mapped)
		munmap((void *)data, len);
	else
		free((void *)data);
}

/* The header every cache file starts with: magic, format, byte order,
 * key, then a checksum and the size of the rest, which must agree. */
static int header_ok(pl_wire_in *r, const char *want_magic, uint32_t want_fmt,
		     uint64_t want_key)
{
	const char *magic = pl_wire_take(r, 8);
	uint32_t fmt = pl_wire_u32(r), order = pl_wire_u32(r);
	uint64_t key = pl_wire_u64(r), sum = pl_wire_u64(r), size = pl_wire_u64(r);
	return !r->bad && memcmp(magic, want_magic, 8) == 0 && fmt == want_fmt &&
	       order == 0x01020304u && key == want_key && size == r->len - r->at &&
	       checksum(r->p + r->at, r->len - r->at) == sum;
}

static void free_entry(entry *e)
{
	pl_regex_free(e->cached);
	e->cached = NULL;
	if (e->nsets > 0)
		pl_literal_sets_free(e->sets, (size_t)e->nsets);
	e->nsets = -1;
}

/* Reads the whole file into c, or leaves c empty. */
static void load(pl_rule_cache *c, const char *path)
{
	size_t len = 0;
	int mapped = 0;
	const unsigned char *data = map_file(path, &len, &mapped);
	if (data == NULL)
		return;
	pl_wire_in r;
	pl_wire_in_init(&r, data, len);
	if (!header_ok(&r, MAGIC, FORMAT, c->key)) {
		unmap_file(data, len, mapped);
		return;
	}
	uint64_t n = pl_wire_u64(&r);
	uint64_t code_len = pl_wire_u64(&r);
	const unsigned char *code = pl_wire_take(&r, code_len);
	if (r.bad || n == 0 || n > (uint64_t)1 << 24 || code == NULL) {
		unmap_file(data, len, mapped);
		return;
	}
	entry_at(c, (size_t)n - 1);
	int ok = 1;
	for (size_t i = 0; i < c->n && ok; i++) {
		c->entries[i].source = pl_wire_u64(&r);
		ok = read_literals(&r, &c->entries[i]);
	}
	pl_regex **res = pl_xcalloc(c->n + 1, sizeof(*res));
	if (ok && r.at == len && pl_regex_deserialize(code, code_len, c->n, res)) {
		for (size_t i = 0; i < c->n; i++)
			c->entries[i].cached = res[i];
		c->loaded = 1;
	} else {
		for (size_t i = 0; i < c->n; i++)
			free_entry(&c->entries[i]);
		c->n = 0;
	}
	free(res);
	unmap_file(data, len, mapped);
}

pl_rule_cache *pl_rule_cache_open(const char *dir, uint64_t rules_key)
{
	if (dir == NULL || *dir == '\0')
		return NULL;
	pl_rule_cache *c = pl_xcalloc(1, sizeof(*c));
	c->dir = pl_xstrdup(dir);
	c->key = cache_key(rules_key);
	char *path = file_for(dir, "rules", c->key);
	load(c, path);
	free(path);
	return c;
}

int pl_rule_cache_hit(const pl_rule_cache *c)
{
	return c && c->loaded && !c->missed;
}

pl_regex *pl_rule_cache_regex(pl_rule_cache *c, size_t i, const char *source)
{
	if (c == NULL)
		return NULL;
	entry *e = entry_at(c, i);
	pl_regex *re = e->cached;
	if (re == NULL || e->source != source_hash(source)) {
		c->missed = 1;
		return NULL;
	}
	e->cached = NULL;
	e->re = re;
	return re;
}

void pl_rule_cache_put(pl_rule_cache *c, size_t i, const char *source,
		       const pl_regex *re)
{
	if (c == NULL)
		return;
	entry *e = entry_at(c, i);
	pl_regex_free(e->cached);
	e->cached = NULL;
	if (e->source != source_hash(source) && e->nsets > 0) {
		pl_literal_sets_free(e->sets, (size_t)e->nsets);
		e->nsets = -1;
	}
	e->source = source_hash(source);
	e->re = re;
	c->missed = 1;
}

static void copy_sets(pl_literal_set *to, const pl_literal_set *from, size_t n)
{
	for (size_t j = 0; j < n; j++) {
		to[j] = from[j];
		to[j].strings = pl_xcalloc(from[j].count + 1, sizeof(char *));
		for (size_t k = 0; k < from[j].count; k++)
			to[j].strings[k] = pl_xstrdup(from[j].strings[k]);
	}
}

long pl_rule_cache_literals(pl_rule_cache *c, size_t i, pl_literal_set *sets)
{
	if (c == NULL || i >= c->n || c->entries[i].nsets < 0 ||
	    c->entries[i].re == NULL)
		return -1;
	copy_sets(sets, c->entries[i].sets, (size_t)c->entries[i].nsets);
	return c->entries[i].nsets;
}

void pl_rule_cache_put_literals(pl_rule_cache *c, size_t i,
				const pl_literal_set *sets, size_t n)
{
	if (c == NULL || i >= c->n)
		return;
	entry *e = &c->entries[i];
	if (e->nsets > 0)
		pl_literal_sets_free(e->sets, (size_t)e->nsets);
	copy_sets(e->sets, sets, n);
	e->nsets = (long)n;
	c->missed = 1;
}

/* ---- Writing ---------------------------------------------------------------- */

/* Creates dir and its parents (0700: the cache is the user's). */
static int make_dirs(const char *dir)
{
	char *p = pl_xstrdup(dir);
	for (char *s = p + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			if (mkdir(p, 0700) != 0 && errno != EEXIST) {
				free(p);
				return 0;
			}
			*s = '/';
		}
	int ok = mkdir(p, 0700) == 0 || errno == EEXIST;
	free(p);
	return ok;
}

typedef struct {
	char *path;
	time_t written;
} cache_file;

static int newer_first(const void *a, const void *b)
{
	const cache_file *x = a, *y = b;
	return x->written > y->written ? -1 : x->written < y->written;
}

/* Keeps the MAX_FILES most recently written files of a kind. */
static void prune(const char *dir, const char *prefix)
{
	size_t plen0 = strlen(prefix);
	DIR *d = opendir(dir);
	if (d == NULL)
		return;
	cache_file *files = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (strncmp(e->d_name, prefix, plen0) != 0 ||
		    e->d_name[plen0] != '-' || len < plen0 + 5 ||
		    strcmp(e->d_name + len - 4, ".bin") != 0)
			continue;
		size_t plen = strlen(dir) + len + 2;
		cache_file f = {pl_xmalloc(plen), 0};
		snprintf(f.path, plen, "%s/%s", dir, e->d_name);
		struct stat st;
		if (stat(f.path, &st) != 0) {
			free(f.path);
			continue;
		}
		f.written = st.st_mtime;
		PL_PUSH(files, n, cap, f);
	}
	closedir(d);
	qsort(files, n, sizeof(*files), newer_first);
	for (size_t i = 0; i < n; i++) {
		if (i >= MAX_FILES)
			unlink(files[i].path);
		free(files[i].path);
	}
	free(files);
}

/* Writes header and body to dir/PREFIX-KEY.bin through a temporary file
 * renamed into place, then prunes that kind of file. */
static void write_file(const char *dir, const char *prefix, const char *magic,
		       uint32_t fmt, uint64_t key, const pl_buf *body)
{
	pl_buf file;
	pl_buf_init(&file);
	pl_wire_put(&file, magic, 8);
	pl_wire_put_u32(&file, fmt);
	pl_wire_put_u32(&file, 0x01020304u);
	pl_wire_put_u64(&file, key);
	pl_wire_put_u64(&file, checksum((const unsigned char *)body->data, body->len));
	pl_wire_put_u64(&file, body->len);
	pl_wire_put(&file, body->data, body->len);
	if (make_dirs(dir)) {
		char *path = file_for(dir, prefix, key);
		size_t tlen = strlen(path) + 16;
		char *tmp = pl_xmalloc(tlen);
		snprintf(tmp, tlen, "%s.XXXXXX", path);
		int fd = mkstemp(tmp);
		if (fd >= 0) {
			FILE *f = fdopen(fd, "wb");
			int ok = f != NULL &&
				 fwrite(file.data, 1, file.len, f) == file.len;
			if (f == NULL)
				close(fd);
			if (f != NULL && fclose(f) != 0)
				ok = 0;
			if (!ok || rename(tmp, path) != 0)
				unlink(tmp);
		}
		free(tmp);
		free(path);
		prune(dir, prefix);
	}
	pl_buf_free(&file);
}

void pl_rule_cache_save(pl_rule_cache *c)
{
	if (c == NULL || !c->missed || c->n == 0)
		return;
	const pl_regex **res = pl_xmalloc(c->n * sizeof(*res));
	for (size_t i = 0; i < c->n; i++) {
		res[i] = c->entries[i].re;
		if (res[i] == NULL) {   /* a gap: not every pattern compiled */
			free(res);
			return;
		}
	}
	size_t code_len = 0;
	unsigned char *code = pl_regex_serialize(res, c->n, &code_len);
	free(res);
	if (code == NULL)
		return;
	pl_buf body;
	pl_buf_init(&body);
	pl_wire_put_u64(&body, c->n);
	pl_wire_put_u64(&body, code_len);
	pl_wire_put(&body, code, code_len);
	free(code);
	for (size_t i = 0; i < c->n; i++) {
		const entry *e = &c->entries[i];
		pl_wire_put_u64(&body, e->source);
		if (e->nsets < 0) {
			pl_wire_put_u32(&body, UINT32_MAX);
			continue;
		}
		pl_wire_put_u32(&body, (uint32_t)e->nsets);
		for (long j = 0; j < e->nsets; j++) {
			const pl_literal_set *s = &e->sets[j];
			pl_wire_put_u32(&body, (uint32_t)s->count);
			pl_wire_put_u64(&body, s->shortest);
			pl_wire_put_u64(&body, s->reach.bytes);
			pl_wire_put_u32(&body, s->reach.space_runs);
			pl_wire_put_u32(&body, s->reach.word_runs);
			pl_wire_put_u32(&body, s->reach.token_runs);
			pl_wire_put_u32(&body, (uint32_t)s->reach.unbounded);
			pl_wire_put_u32(&body, (uint32_t)s->in_lookahead);
			for (size_t k = 0; k < s->count; k++) {
				uint32_t len = (uint32_t)strlen(s->strings[k]);
				pl_wire_put_u32(&body, len);
				pl_wire_put(&body, s->strings[k], len);
			}
		}
	}
	write_file(c->dir, "rules", MAGIC, FORMAT, c->key, &body);
	pl_buf_free(&body);
}

void pl_rule_cache_close(pl_rule_cache *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n; i++)
		free_entry(&c->entries[i]);
	free(c->entries);
	free(c->dir);
	free(c);
}

/* ---- Whole rule sets ---------------------------------------------------------
 *
 * dir/set-KEY.bin holds a rule set as loaded and compiled (rulesnap.c),
 * with PCRE2's serialised code for its patterns, so that a run with the
 * same rule files reads neither YAML nor patterns: KEY covers the paths
 * given, the name and bytes of every file they load, and the versions of
 * policylint, PCRE2 and both formats, so that any change to what shapes
 * the rule set is another key.  Trusted only whole, like the pattern
 * cache above; written only for a rule set that loaded and compiled
 * without any diagnostic, so that a run from it reports what one from the
 * YAML would. */

/* Raise SET_FORMAT whenever the loading or linking of rules
 * (rules_load.c, profiles.c, rules_compile.c) changes what the same
 * rule files mean, as well as when the layout changes: a snapshot keyed
 * by the files alone would otherwise be read back as the old meaning by
 * a build of the same version.  3: a refining require-if rule may give
 * its own `when`; 4: the conflict grammar has `advice-aux`; 7: a matcher
 * has `exclude-lead-in`, an applicability `left-to`; 8: the four-lane
 * checksum; 9: the prefilter's transition table in 16 bits a state. */
#define SET_FORMAT 9
#define SET_MAGIC "PLRSET1"             /* with its NUL: 8 bytes */

int pl_rule_set_key(const char *const *paths, size_t n, uint64_t *key)
{
	uint64_t h = cache_key(SET_FORMAT);
	int ok = n > 0;
	for (size_t i = 0; i < n && ok; i++) {
		h = fnv(h, paths[i], strlen(paths[i]) + 1);
		size_t nfiles = 0;
		char **files = pl_rule_files(paths[i], &nfiles);
		ok = files != NULL;
		for (size_t k = 0; k < nfiles; k++) {
			size_t len = 0;
			unsigned char *data = ok ? read_file(files[k], &len) : NULL;
			ok = data != NULL;
			if (ok) {
				h = fnv(h, files[k], strlen(files[k]) + 1);
				uint64_t sum = checksum(data, len);
				h = fnv(h, &sum, sizeof sum);
				h = fnv(h, &len, sizeof len);
			}
			free(data);
			free(files[k]);
		}
		free(files);
	}
	*key = h;
	return ok;
}

pl_ruleset *pl_rule_set_cached(const char *dir, uint64_t key)
{
	if (dir == NULL || *dir == '\0')
		return NULL;
	char *path = file_for(dir, "set", key);
	size_t len = 0;
	int mapped = 0;
	const unsigned char *data = map_file(path, &len, &mapped);
	free(path);
	if (data == NULL)
		return NULL;
	pl_ruleset *rs = NULL;
	pl_wire_in r;
	pl_wire_in_init(&r, data, len);
	if (header_ok(&r, SET_MAGIC, SET_FORMAT, key)) {
		uint64_t nres = pl_wire_u64(&r), code_len = pl_wire_u64(&r);
		const unsigned char *code = pl_wire_take(&r, code_len);
		pl_regex **res = NULL;
		if (!r.bad && nres > 0 && nres < ((uint64_t)1 << 24)) {
			res = pl_xcalloc((size_t)nres, sizeof(*res));
			if (!pl_regex_deserialize(code, code_len, (size_t)nres, res)) {
				free(res);
				res = NULL;
			}
		}
		if (res) {
			pl_wire_in in;
			pl_wire_in_init(&in, data + r.at, len - r.at);
			rs = pl_ruleset_decode(&in, res, (size_t)nres);
			if (rs && in.at != in.len) {    /* bytes left over */
				pl_ruleset_free(rs);
				rs = NULL;
			}
			free(res);
		}
	}
	unmap_file(data, len, mapped);
	if (rs) {
		rs->from_cache = 1;
		pl_ruleset_set_cache(rs, dir);
	}
	return rs;
}

void pl_rule_set_save(const char *dir, uint64_t key, const pl_ruleset *rs)
{
	if (dir == NULL || *dir == '\0' || rs == NULL || !rs->compiled)
		return;
	pl_buf set;
	pl_buf_init(&set);
	const pl_regex **res = NULL;
	size_t nres = 0, code_len = 0;
	unsigned char *code = NULL;
	if (pl_ruleset_encode(rs, &set, &res, &nres) && nres > 0)
		code = pl_regex_serialize(res, nres, &code_len);
	free(res);
	if (code) {
		pl_buf body;
		pl_buf_init(&body);
		pl_wire_put_u64(&body, nres);
		pl_wire_put_u64(&body, code_len);
		pl_wire_put(&body, code, code_len);
		pl_wire_put(&body, set.data, set.len);
		write_file(dir, "set", SET_MAGIC, SET_FORMAT, key, &body);
		pl_buf_free(&body);
		free(code);
	}
	pl_buf_free(&set);
}
