#!/bin/sh
# The policy's dates beyond a "Last updated" line: Markdown front matter
# (YAML or TOML) and a change log's dated entries count as update dates;
# the newest one is what the age checks measure.
# shellcheck source=workflow.lib
. "$(dirname "$0")/workflow.lib"
cd "$tmp" || exit 1
t="$pl --no-config --rules $root/rules -f gcc -p ccpa --today 2024-06-01"
printf -- '---\ntitle: Privacy\nlast_updated: 2024-03-05\n---\n\n# Privacy\n\nWe collect your name.\n' >fm.md
run $t fm.md
check front-matter-date-counts eval "! has missing-effective-date && ! has ccpa-last-updated"
printf -- '---\ntitle: Privacy\nlastmod: 2022-01-10\n---\n\n# Privacy\n\nWe collect your name.\n' >old.md
run $t old.md
check front-matter-date-stale has '^old.md:3:1: .*dated 2022-01-10.*\[ccpa-last-updated\]'
printf -- '# Privacy\n\nWe collect your name.\n\n## Change log\n\n- 2021-02-01: first version\n- 2024-04-20: added analytics\n' >log.md
run $t log.md
check changelog-newest-date eval "! has missing-effective-date && ! has ccpa-last-updated"
printf -- '# Privacy\n\nWe collect your name.\n\n## Our history\n\n- 2024-04-20: we moved offices\n' >hist.md
run $t hist.md
check dates-outside-changelog-do-not-count has '^hist.md:1:1: .*\[ccpa-last-updated\]' 
# A camel-case date field (Astro, Nuxt content) counts as well.
printf -- '---\ntitle: Privacy\nupdatedAt: 2024-03-05\n---\n\n# Privacy\n\nWe collect your name.\n' >camel.md
run $t camel.md
check front-matter-camel-case-date eval "! has missing-effective-date && ! has ccpa-last-updated"
# Another field whose value says it is the date counts too; one that
# merely holds a date does not.
printf -- '---\ntitle: Privacy\nshort_desc: "Last Update: Mar 5, 2024"\n---\n\n# Privacy\n\nWe collect your name.\n' >desc.md
run $t desc.md
check front-matter-dated-value-counts eval "! has missing-effective-date && ! has ccpa-last-updated"
printf -- '---\ntitle: Privacy\nfounded: "March 5, 2024"\n---\n\n# Privacy\n\nWe collect your name.\n' >founded.md
run $t founded.md
check front-matter-other-date-not has 'shows no last-updated date.*\[ccpa-last-updated\]'
printf -- '---\ntitle: Privacy\n---\n\nWe keep logs.\n' >nodate.md
run $pl --no-config --rules "$root/rules" -f gcc nodate.md
check front-matter-without-date has '^nodate.md:1:1: .*\[missing-effective-date\]'
# A date the site's template fills in ("{{ page.last_modified_at }}") is
# a date on the published page; a template value that is no date is not.
printf -- '# Privacy\n\n_Last updated: {{ page.last_modified_at | date: "%%B %%d, %%Y" }}_\n\nWe collect your name.\n' >tmpl.md
run $t tmpl.md
check template-date-counts eval "! has missing-effective-date && ! has ccpa-last-updated"
printf -- '# Privacy\n\nHello {{ user.name }}.\n\nWe collect your name.\n' >tmplname.md
run $pl --no-config --rules "$root/rules" -f gcc tmplname.md
check template-name-is-no-date has '^tmplname.md:1:1: .*\[missing-effective-date\]'
finish
