/*
 * phrases.c: what a topic's disclosure is, in the words a reviewer uses
 * (phrases.h).
 *
 * The table covers the default rule set's topics.  A topic it does not
 * know (a project's own rules) is described by its summary, which every
 * topic has.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "phrases.h"
#include "util.h"

typedef struct {
	const char *topic;
	const char *lost;       /* after "no longer " */
	const char *gained;     /* the whole phrase */
} phrase;

static const phrase phrases[] = {
	/* collection */
	{"collection.first-party", "says what information it collects",
	 "now says what information it collects"},
	{"collection.provided", "says what information people give it",
	 "now says what information people give it"},
	{"collection.automatic", "says what it collects automatically (device, log, usage data)",
	 "now says what it collects automatically (device, log, usage data)"},
	{"collection.sources", "says what it obtains from other sources",
	 "now says it obtains information from other sources"},
	{"collection.source-named", "names the other sources of information",
	 "now names the other sources of information"},
	{"collection.source-direct", "says information is collected directly from people",
	 "now says information is collected directly from people"},
	{"collection.purposes", "says what information is used for",
	 "now says what information is used for"},
	{"collection.purposes-list", "lists the purposes information is used for",
	 "now lists the purposes information is used for"},
	{"collection.lawful-basis", "gives the legal basis of the processing",
	 "now gives the legal basis of the processing"},
	{"collection.consent-basis", "says some processing rests on consent",
	 "now says some processing rests on consent"},
	{"collection.law-basis", "names a legal basis of the processing",
	 "now names a legal basis of the processing"},
	{"collection.legitimate-interests", "relies on legitimate interests",
	 "now relies on legitimate interests"},
	{"collection.legitimate-interests-pursued", "says which legitimate interests it pursues",
	 "now says which legitimate interests it pursues"},
	{"collection.direct-marketing", "says information is used for direct marketing",
	 "now uses information for direct marketing"},
	{"collection.provision-requirement", "says whether giving information is required",
	 "now says whether giving information is required"},
	{"collection.automated-decisions", "says it makes automated decisions or profiles people",
	 "now says it makes automated decisions or profiles people"},
	{"collection.automated-logic", "explains the logic of its automated decisions",
	 "now explains the logic of its automated decisions"},
	{"collection.sensitive-pi", "says it collects sensitive personal information",
	 "now says it collects sensitive personal information"},
	{"collection.last-12-months", "says what it collected in the last 12 months",
	 "now says what it collected in the last 12 months"},
	{"collection.incentive-offered", "says it offers rewards for personal information",
	 "now offers rewards for personal information"},
	/* sharing */
	{"sharing.third-parties", "says whether information is shared with others",
	 "now says whether information is shared with others"},
	{"sharing.service-providers", "says information goes to service providers",
	 "now says information goes to service providers"},
	{"sharing.affiliates", "says information is shared within its corporate family",
	 "now shares information within its corporate family"},
	{"sharing.legal", "says when information is disclosed to authorities or under legal process",
	 "now says when information is disclosed to authorities or under legal process"},
	{"sharing.merger", "says what happens to information in a merger or sale of the business",
	 "now says what happens to information in a merger or sale of the business"},
	{"sharing.public", "says what people post is visible to others",
	 "now says what people post is visible to others"},
	{"sharing.aggregate", "says aggregated or de-identified information is shared",
	 "now shares aggregated or de-identified information"},
	{"sharing.sale", "says whether information is sold",
	 "now says whether information is sold"},
	{"sharing.sale-statement", "says whether it sells or shares personal information",
	 "now says whether it sells or shares personal information"},
	{"sharing.sale-affirmative", "says personal information is sold or shared for advertising",
	 "now says personal information is sold or shared for advertising"},
	{"sharing.third-party-collection", "says other parties (ad networks, analytics) collect information on the service",
	 "now says other parties (ad networks, analytics) collect information on the service"},
	{"sharing.recipient-categories", "names the categories of recipients",
	 "now names the categories of recipients"},
	{"sharing.cross-site-tracking", "says whether others track people across sites",
	 "now says whether others track people across sites"},
	{"sharing.transfer-abroad", "says information is transferred to other countries",
	 "now says information is transferred to other countries"},
	{"sharing.transfer-safeguard", "names the safeguard for international transfers",
	 "now names the safeguard for international transfers"},
	{"sharing.targeted-ads", "says personal data is used for targeted advertising",
	 "now uses personal data for targeted advertising"},
	/* retention */
	{"retention.period", "says how long information is kept",
	 "now says how long information is kept"},
	{"retention.law-criteria", "says how long information is kept or how that is decided",
	 "now says how long information is kept or how that is decided"},
	{"retention.deletion", "says when or how information is deleted",
	 "now says when or how information is deleted"},
	{"retention.storage", "says what information it keeps",
	 "now says what information it keeps"},
	/* rights */
	{"rights.access", "mentions the right to access one's information",
	 "adds the right to access one's information"},
	{"rights.correction", "mentions the right to correct one's information",
	 "adds the right to correct one's information"},
	{"rights.deletion", "mentions the right to delete one's information",
	 "adds the right to delete one's information"},
	{"rights.deletion-request", "says people can ask for their information to be deleted",
	 "now says people can ask for their information to be deleted"},
	{"rights.law-access", "mentions the right of access to one's information",
	 "adds the right of access to one's information"},
	{"rights.law-rectification", "mentions the right to have one's information rectified",
	 "adds the right to have one's information rectified"},
	{"rights.correct-inaccurate", "mentions the right to have inaccurate information corrected",
	 "adds the right to have inaccurate information corrected"},
	{"rights.law-erasure", "mentions the right to have one's information erased",
	 "adds the right to have one's information erased"},
	{"rights.law-restriction", "mentions the right to restrict processing",
	 "adds the right to restrict processing"},
	{"rights.law-objection", "mentions the right to object to processing",
	 "adds the right to object to processing"},
	{"rights.law-portability", "mentions the right to receive one's data or have it sent on",
	 "adds the right to receive one's data or have it sent on"},
	{"rights.portability", "mentions the right to data portability",
	 "adds the right to data portability"},
	{"rights.object-restrict", "mentions the right to object to or restrict processing",
	 "adds the right to object to or restrict processing"},
	{"rights.restriction", "mentions the right to restrict processing",
	 "adds the right to restrict processing"},
	{"rights.objection", "mentions the right to object to processing",
	 "adds the right to object to processing"},
	{"rights.complaint-authority", "mentions the right to complain to a supervisory authority",
	 "adds the right to complain to a supervisory authority"},
	{"rights.ccpa", "describes state-law privacy rights",
	 "now describes state-law privacy rights"},
	{"rights.requests", "says how to make a privacy request",
	 "now says how to make a privacy request"},
	{"rights.appeal", "says how to appeal a refused request",
	 "now says how to appeal a refused request"},
	{"rights.authorized-agent", "says how an authorized agent can make a request",
	 "now says how an authorized agent can make a request"},
	{"rights.non-discrimination", "promises not to discriminate against people who use their rights",
	 "now promises not to discriminate against people who use their rights"},
	{"rights.incentive-notice", "gives a notice of financial incentive",
	 "now gives a notice of financial incentive"},
	/* choices */
	{"choices.opt-out", "says how to opt out",
	 "now says how to opt out"},
	{"choices.law-opt-out-sale", "says how to opt out of the sale of personal information",
	 "now says how to opt out of the sale of personal information"},
	{"choices.unsubscribe", "says how to unsubscribe from messages",
	 "now says how to unsubscribe from messages"},
	{"choices.settings", "points to settings or controls people can change",
	 "now points to settings or controls people can change"},
	{"choices.withdraw-consent", "says consent can be withdrawn",
	 "now says consent can be withdrawn"},
	{"choices.do-not-sell", "offers the right to opt out of sale or sharing",
	 "adds the right to opt out of sale or sharing"},
	{"choices.limit-spi", "offers the right to limit the use of sensitive information",
	 "adds the right to limit the use of sensitive information"},
	{"choices.opt-out-targeted", "says how to opt out of targeted advertising",
	 "now says how to opt out of targeted advertising"},
	/* cookies */
	{"cookies.technology", "says it uses cookies or similar technologies",
	 "now says it uses cookies or similar technologies"},
	{"cookies.none", "says it uses no cookies", "now says it uses no cookies"},
	{"cookies.control", "says how to refuse or manage cookies",
	 "now says how to refuse or manage cookies"},
	{"cookies.purpose", "says what its cookies are for",
	 "now says what its cookies are for"},
	{"cookies.duration", "says how long cookies last",
	 "now says how long cookies last"},
	{"cookies.third-party", "says whether third parties set or read cookies",
	 "now says whether third parties set or read cookies"},
	{"cookies.consent", "says non-essential cookies need consent",
	 "now says non-essential cookies need consent"},
	{"cookies.withdraw", "says consent to cookies can be withdrawn",
	 "now says consent to cookies can be withdrawn"},
	/* security */
	{"security.technical", "describes its technical security measures",
	 "now describes its technical security measures"},
	{"security.safeguards", "says how information is protected",
	 "now says how information is protected"},
	/* children */
	{"children.age", "states a minimum age",
	 "now states a minimum age"},
	{"children.policy", "says how it treats children's information",
	 "now says how it treats children's information"},
	{"children.data-collected", "says what it collects from children",
	 "now says what it collects from children"},
	{"children.data-use", "says how children's information is used",
	 "now says how children's information is used"},
	{"children.data-disclosure", "says whether children's information is disclosed",
	 "now says whether children's information is disclosed"},
	{"children.parent-review", "says how parents can review their child's information",
	 "now says how parents can review their child's information"},
	{"children.parent-delete", "says how parents can have their child's information deleted",
	 "now says how parents can have their child's information deleted"},
	{"children.parent-refuse", "says how parents can refuse further collection",
	 "now says how parents can refuse further collection"},
	{"children.under-16", "says how it treats the sale of minors' information",
	 "now says how it treats the sale of minors' information"},
	/* changes */
	{"changes.update", "says the policy may change",
	 "now says the policy may change"},
	{"changes.notice", "says how changes to the policy are announced",
	 "now says how changes to the policy are announced"},
	{"changes.update-section", "says the page may be updated",
	 "now says the page may be updated"},
	{"changes.unilateral", "says the policy may change at any time",
	 "now says the policy may change at any time"},
	{"changes.effective-date", "gives an effective or last-updated date",
	 "now gives an effective or last-updated date"},
	{"changes.changelog-date", "dates its changes in a change log",
	 "now dates its changes in a change log"},
	/* what makes a law apply or not */
	{"applies.child-directed", "says it is directed to children",
	 "now says it is directed to children"},
	{"applies.not-child-directed", "says it is not directed to children",
	 "now says it is not directed to children"},
	{"applies.not-ccpa-business", "says it is not a business under the CCPA",
	 "now says it is not a business under the CCPA"},
	{"applies.no-eu-users", "says it is not offered in the EU or EEA",
	 "now says it is not offered in the EU or EEA"},
	{"applies.online-only", "says it operates only online",
	 "now says it operates only online"},
	/* dnt */
	{"dnt.signal", "says how it responds to Do Not Track or Global Privacy Control",
	 "now says how it responds to Do Not Track or Global Privacy Control"},
	{"dnt.opt-out-signal", "says how it handles opt-out preference signals",
	 "now says how it handles opt-out preference signals"},
	/* contact */
	{"contact.details", "gives contact details",
	 "now gives contact details"},
	{"contact.channel", "says how to contact it about privacy",
	 "now says how to contact it about privacy"},
	{"contact.controller", "names the controller",
	 "now names the controller"},
	{"contact.dpo-mention", "mentions a data protection officer",
	 "now mentions a data protection officer"},
	{"contact.dpo", "says how to reach the data protection officer",
	 "now says how to reach the data protection officer"},
	{"contact.toll-free", "gives a toll-free number for requests",
	 "now gives a toll-free number for requests"},
};

static const phrase *lookup(const char *topic)
{
	for (size_t i = 0; i < sizeof phrases / sizeof *phrases; i++)
		if (strcmp(phrases[i].topic, topic) == 0)
			return &phrases[i];
	return NULL;
}

/* "Whether information is sold" -> "whether information is sold";
 * "The service says it is ..." -> "says it is ...". */
static char *summary_phrase(const char *summary)
{
	static const char *const subjects[] = {"The service ", "The policy ",
					       "The company ", "The business "};
	const char *from = summary && *summary ? summary : "a disclosure";
	for (size_t i = 0; i < sizeof subjects / sizeof *subjects; i++)
		if (strncmp(from, subjects[i], strlen(subjects[i])) == 0 &&
		    strncmp(from + strlen(subjects[i]), "says ", 5) == 0)
			from += strlen(subjects[i]);
	char *s = pl_xstrdup(from);
	if (s[0] && isupper((unsigned char)s[0]) &&
	    !(s[1] && isupper((unsigned char)s[1])))
		s[0] = (char)tolower((unsigned char)s[0]);
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ' '))
		s[--n] = '\0';
	return s;
}

int pl_phrase_known(const char *topic)
{
	return lookup(topic) != NULL;
}

char *pl_phrase_lost(const char *topic, const char *summary)
{
	const phrase *p = lookup(topic);
	if (p)
		return pl_xasprintf("no longer %s", p->lost);
	char *s = summary_phrase(summary);
	char *out = strncmp(s, "says ", 5) == 0 ?
		pl_xasprintf("no longer %s", s) :
		pl_xasprintf("no longer says: %s", s);
	free(s);
	return out;
}

char *pl_phrase_gained(const char *topic, const char *summary)
{
	const phrase *p = lookup(topic);
	if (p)
		return pl_xstrdup(p->gained);
	char *s = summary_phrase(summary);
	char *out = strncmp(s, "says ", 5) == 0 ? pl_xasprintf("now %s", s) :
						   pl_xasprintf("now says: %s", s);
	free(s);
	return out;
}
