/*
 * statements.h: the data-practice statements of a policy, as the reader
 * (statements.c) finds them; conflicts.c compares them.
 *
 * A statement is one claim of one clause about one action: who does it
 * (the company or another party), what (collect, use, share, sell,
 * transfer abroad, retain, track), affirmed or denied, about what data (a
 * node of the data ontology), to whom or where, for what, under which
 * conditions and exceptions, within what scope (audience, region, product,
 * channel), for how long, in which tense and with which modality.  All of
 * it is read through the vocabularies and the grammar of the rule set
 * (rules/conflicts.yaml).
 */
#ifndef PL_STATEMENTS_H
#define PL_STATEMENTS_H

#include "scan.h"
#include "util.h"

#define PL_STMT_TERMS 8

typedef struct {
	size_t v[PL_STMT_TERMS];
	unsigned n;
} pl_termset;

/* How the verb says the action. */
typedef enum {
	PL_FORM_PLAIN,          /* "we sell" */
	PL_FORM_INVERSE,        /* "we delete": denies keeping */
	PL_FORM_CONVERSE        /* "brokers buy from us": the recipient is
	                           the subject */
} pl_form;

typedef enum { PL_TENSE_PRESENT, PL_TENSE_PAST, PL_TENSE_FUTURE } pl_tense;
typedef enum { PL_MODAL_FACT, PL_MODAL_POSSIBLE } pl_modality;

/* How long something is kept, or may be at most. */
typedef enum {
	PL_LIMIT_NONE,          /* nothing said */
	PL_LIMIT_PERIOD,        /* a measured period (hours; 0: at once) */
	PL_LIMIT_PHASE,         /* while something lasts ("while your
	                           account is open") */
	PL_LIMIT_UNBOUNDED      /* "indefinitely" */
} pl_limit_kind;

typedef struct {
	pl_limit_kind kind;
	double hours;
	int after_event;        /* counted from an event ("after you close
	                           your account") */
} pl_limit;

/* Why a denial is not used. */
typedef enum {
	PL_UNRESOLVED_NONE,
	PL_UNRESOLVED_WORDS,    /* words the reader cannot place narrow it */
	PL_UNRESOLVED_REFERENCE,/* "such", "them" with nothing to refer to */
	PL_UNRESOLVED_LIMIT     /* a limit that cannot be measured ("no more
	                           than we need") */
} pl_unresolved;

typedef struct {
	size_t sentence;
	size_t start, end;      /* the clause, in prose */
	size_t verb_start, verb_end;
	size_t action;          /* index into vocab[PL_VOCAB_ACTION] */
	pl_form form;
	int negative;           /* a denial (an inverse verb is one) */
	size_t actor;           /* (size_t)-1: the company; else the
	                           recipient term of the party acting */
	int home;               /* transfer: its places are where data stays */
	int any_data;           /* every data type ("the only data we sell is
	                           ...") */
	pl_termset data, targets, purposes;
	pl_termset scopes[PL_SCOPE_DIMENSIONS];
	unsigned effects;       /* 1 << pl_qual_effect */
	pl_tense tense;
	pl_modality modality;
	pl_limit limit;
	/* exemptions */
	int carved;             /* has an exception or "only" */
	int carved_generic;     /* ... that names nothing ("except as
	                           described below") */
	int only_unnamed;       /* "we disclose it only to:" and a list the
	                           statement does not hold */
	int only_twin;          /* the denial an "only" implies */
	pl_termset ex_data, ex_targets, ex_purposes;
	/* reading */
	pl_unresolved unresolved;
	size_t unread_start, unread_end; /* PL_UNRESOLVED_WORDS: the first
	                                    word not placed, in prose */
	long refers_to;         /* sentence a reference took data or scope
	                           from; -1: none */
} pl_statement;

typedef struct {
	pl_statement *items;
	size_t count, cap;
} pl_statements;

#define PL_STMT_HAS(st, e) ((((st)->effects) >> (e)) & 1u)

/* Reads the statements of sc's text into out (emptied first): with all,
 * every one; else those that can take part in a contradiction (the
 * affirmations of actions the policy denies nowhere are left unread). */
void pl_statements_read(pl_scanner *sc, pl_statements *out, int all);
void pl_statements_free(pl_statements *s);

/* Whether a denial takes part in comparisons: the company's or a named
 * party's, with its scope read. */
int pl_statement_usable(const pl_statement *st);

/* A statement with its places in the input, as a result keeps it for the
 * `statements` output format (report_statements.c). */
struct pl_located_statement {
	pl_statement st;
	pl_location clause, verb;
	pl_location unread;     /* length 0: none */
	unsigned long refers_to_line;   /* 0: none */
};

#endif
