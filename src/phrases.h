/*
 * phrases.h: a topic's disclosure in plain words (phrases.c), for the
 * changes --against reports: "no longer says how long information is
 * kept", "adds the right to correct one's information".
 */
#ifndef PL_PHRASES_H
#define PL_PHRASES_H

/* What losing the topic's disclosure means ("no longer ..."); summary (the
 * topic's own) words a topic the table does not know.  Caller frees. */
char *pl_phrase_lost(const char *topic, const char *summary);
/* Whether the table words the topic (else its summary does). */
int pl_phrase_known(const char *topic);
/* What gaining it means ("now says ...", "adds ..."). */
char *pl_phrase_gained(const char *topic, const char *summary);

#endif
