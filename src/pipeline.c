/*
 * pipeline.c: the command line's file pipeline.  Paths come in (from the
 * arguments, or from a --files-from list read by a thread of its own), up
 * to a window of them are scanned at once on -j worker threads, and each
 * file is finished and reported, in input order, as soon as it and every
 * file before it are done.  Memory is bounded by the window, whatever the
 * length of the list, and `--format jsonl` therefore streams one line per
 * file while the run goes on (a GNU parallel job, a streaming step of a
 * cluster).  Jobs are made and finished on the calling thread only; the
 * workers only scan.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pipeline.h"
#include "util.h"

#define MAX_QUEUED_PATHS 4096   /* read ahead of a --files-from list */

typedef struct {
	pthread_mutex_t lock;
	pthread_cond_t changed;         /* a job done, a path read, input over */
	pthread_cond_t work;            /* a job to scan, or the end */
	pthread_cond_t room;            /* the path queue has room */
	/* Jobs in flight: a ring of cap, [head, tail) in input order;
	 * next_scan is the first not yet taken by a worker. */
	pl_lint_job **jobs;
	unsigned char *done;
	size_t cap, head, tail, next_scan;
	int stop;
	/* Paths waiting to become jobs. */
	char **paths;
	size_t npaths, paths_head, paths_cap;
	int input_over;
} pipeline;

static void *worker(void *arg)
{
	pipeline *p = arg;
	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (p->next_scan == p->tail && !p->stop)
			pthread_cond_wait(&p->work, &p->lock);
		if (p->next_scan == p->tail)
			break;
		size_t i = p->next_scan++ % p->cap;
		pl_lint_job *job = p->jobs[i];
		pthread_mutex_unlock(&p->lock);
		pl_lint_job_run(job);
		pthread_mutex_lock(&p->lock);
		p->done[i] = 1;
		pthread_cond_signal(&p->changed);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* Called with the lock held. */
static void push_path(pipeline *p, const char *path)
{
	while (p->npaths - p->paths_head >= MAX_QUEUED_PATHS && !p->stop)
		pthread_cond_wait(&p->room, &p->lock);
	if (p->paths_head > 1024 && 2 * p->paths_head > p->npaths) {
		/* Taken paths are gone: move the rest to the front. */
		memmove(p->paths, p->paths + p->paths_head,
			(p->npaths - p->paths_head) * sizeof(*p->paths));
		p->npaths -= p->paths_head;
		p->paths_head = 0;
	}
	PL_PUSH(p->paths, p->npaths, p->paths_cap, pl_xstrdup(path));
	pthread_cond_signal(&p->changed);
}

/* ---- The file list ------------------------------------------------------ */

/* A file list's longest path: PATH_MAX on Linux.  A longer record is not
 * a path (binary data, /dev/zero through a pipe). */
#define LIST_RECORD_MAX 4096

/* Whether st is /dev/null: an empty list (standard input in CI). */
static int is_dev_null(const struct stat *st)
{
	struct stat null;
	return S_ISCHR(st->st_mode) && stat("/dev/null", &null) == 0 &&
	       S_ISCHR(null.st_mode) && st->st_rdev == null.st_rdev;
}

/* Why a file list cannot be read, or NULL: it must be a regular file, a
 * pipe or a terminal (--files-from <(find ...) is a pipe), never a device
 * that never ends (/dev/zero, /dev/urandom) or a directory. */
static const char *list_refusal(FILE *f)
{
	struct stat st;
	if (fstat(fileno(f), &st) != 0)
		return NULL;
	if (S_ISDIR(st.st_mode))
		return "is a directory, not a file list";
	if ((S_ISCHR(st.st_mode) && !isatty(fileno(f)) && !is_dev_null(&st)) ||
	    S_ISBLK(st.st_mode))
		return "is a device, not a file list";
	return NULL;
}

typedef struct {
	FILE *f;
	char buf[LIST_RECORD_MAX + 1];
	size_t len;
	int mode;               /* 0 not known yet, 1 lines, 2 NUL-separated:
	                           the first record's end decides */
	unsigned long records;
} record_reader;

/* The next record into r->buf: 1, 0 at the end, -1 when it is longer
 * than any path.  Lines end at '\n' (a '\r' before it is dropped) or NUL;
 * in a NUL-separated list (find -print0) only NUL ends a record, so names
 * may hold line ends. */
static int next_record(record_reader *r)
{
	int c;
	r->len = 0;
	while ((c = getc(r->f)) != EOF) {
		if (c == '\0' || c == '\n') {
			if (r->mode == 0)
				r->mode = c == '\0' ? 2 : 1;
			if (c == '\0' || r->mode == 1)
				break;
		}
		if (r->len == LIST_RECORD_MAX)
			return -1;
		r->buf[r->len++] = (char)c;
	}
	if (c == EOF && r->len == 0)
		return 0;
	r->records++;
	if (r->mode != 2 && r->len && r->buf[r->len - 1] == '\r')
		r->len--;
	r->buf[r->len] = '\0';
	return 1;
}

typedef struct {
	pipeline *p;
	const char *list;
	char *problem;          /* why the list could not be read whole */
} list_reader;

/* Reads the whole list into the path queue (a thread of its own, so that
 * finished files are reported while it waits for more). */
static void *read_list(void *arg)
{
	list_reader *lr = arg;
	pipeline *p = lr->p;
	int is_stdin = strcmp(lr->list, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(lr->list, "r");
	const char *refused = f ? list_refusal(f) : NULL;
	if (f == NULL)
		lr->problem = pl_xasprintf("cannot read the file list: %s",
					   strerror(errno));
	else if (refused)
		lr->problem = pl_xstrdup(refused);
	record_reader *r = pl_xcalloc(1, sizeof(*r));
	r->f = f;
	int k = 0;
	while (f && !refused && (k = next_record(r)) > 0) {
		if (r->len == 0 && r->mode == 2) {
			lr->problem = pl_xasprintf("record %lu is empty: a "
						   "NUL-separated list names no "
						   "empty path", r->records);
			break;
		}
		if (r->len == 0)
			continue;       /* a blank line */
		pthread_mutex_lock(&p->lock);
		push_path(p, r->buf);
		pthread_mutex_unlock(&p->lock);
	}
	if (k < 0)
		lr->problem = pl_xasprintf("record %lu is longer than any path "
					   "(%d bytes): not a list of files",
					   r->records + 1, LIST_RECORD_MAX);
	else if (f && !refused && !lr->problem && ferror(f))
		lr->problem = pl_xasprintf("cannot read the file list: %s",
					   strerror(errno));
	free(r);
	if (f && !is_stdin)
		fclose(f);
	pthread_mutex_lock(&p->lock);
	p->input_over = 1;
	pthread_cond_signal(&p->changed);
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* ---- The pipeline --------------------------------------------------------- */

size_t pl_pipeline_run(pl_linter *lint, char *const *files, size_t nfiles,
		       const char *list, const char *stdin_name, size_t threads,
		       pl_pipeline_sink sink, void *arg, char **list_problem)
{
	pipeline p;
	memset(&p, 0, sizeof(p));
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.changed, NULL);
	pthread_cond_init(&p.work, NULL);
	pthread_cond_init(&p.room, NULL);
	if (threads > PL_PIPELINE_MAX_THREADS)
		threads = PL_PIPELINE_MAX_THREADS;
	/* Enough files in flight to keep every worker busy while the oldest
	 * one waits to be reported. */
	p.cap = threads == 0 ? 1 : 4 * threads < 16 ? 16 : 4 * threads;
	p.jobs = pl_xcalloc(p.cap, sizeof(*p.jobs));
	p.done = pl_xcalloc(p.cap, 1);
	for (size_t i = 0; i < nfiles; i++)
		PL_PUSH(p.paths, p.npaths, p.paths_cap, pl_xstrdup(files[i]));

	pthread_t reader;
	list_reader lr = {&p, list, NULL};
	int reading = list != NULL &&
		      pthread_create(&reader, NULL, read_list, &lr) == 0;
	if (!reading) {
		p.input_over = 1;
		if (list)
			lr.problem = pl_xstrdup("cannot start reading the file list");
	}
	pthread_t workers[PL_PIPELINE_MAX_THREADS];
	size_t started = 0;
	for (size_t t = 0; t < threads; t++)
		if (pthread_create(&workers[started], NULL, worker, &p) == 0)
			started++;

	pthread_mutex_lock(&p.lock);
	for (;;) {
		if (p.paths_head < p.npaths && p.tail - p.head < p.cap) {
			char *path = p.paths[p.paths_head++];
			pthread_cond_signal(&p.room);
			pthread_mutex_unlock(&p.lock);
			int is_stdin = strcmp(path, "-") == 0;
			pl_lint_job *job = pl_lint_job_new(lint, path,
							   is_stdin ? stdin_name : NULL);
			free(path);
			pthread_mutex_lock(&p.lock);
			size_t at = p.tail++ % p.cap;
			p.jobs[at] = job;
			p.done[at] = 0;
			if (started == 0) {     /* no worker thread: scan here */
				p.next_scan++;
				pthread_mutex_unlock(&p.lock);
				pl_lint_job_run(job);
				pthread_mutex_lock(&p.lock);
				p.done[at] = 1;
			}
			pthread_cond_signal(&p.work);
			continue;
		}
		if (p.head < p.tail && p.done[p.head % p.cap]) {
			pl_lint_job *job = p.jobs[p.head % p.cap];
			p.head++;
			pthread_mutex_unlock(&p.lock);
			sink(job, arg);
			pthread_mutex_lock(&p.lock);
			continue;
		}
		if (p.head == p.tail && p.input_over && p.paths_head == p.npaths)
			break;
		pthread_cond_wait(&p.changed, &p.lock);
	}
	p.stop = 1;
	pthread_cond_broadcast(&p.work);
	pthread_cond_broadcast(&p.room);
	pthread_mutex_unlock(&p.lock);
	for (size_t t = 0; t < started; t++)
		pthread_join(workers[t], NULL);
	if (reading)
		pthread_join(reader, NULL);
	*list_problem = lr.problem;
	for (size_t i = p.paths_head; i < p.npaths; i++)
		free(p.paths[i]);
	free(p.paths);
	free(p.jobs);
	free(p.done);
	pthread_cond_destroy(&p.room);
	pthread_cond_destroy(&p.work);
	pthread_cond_destroy(&p.changed);
	pthread_mutex_destroy(&p.lock);
	return started ? started : 1;
}
