#!/bin/sh
# Whether a law, or one requirement, applies at all: the policy's own words
# (not directed to children, not a CCPA business, not offered in the EU,
# online only, no personal data collected, a public body, no cookies), the facts its owner declares (facts: in .policylint.yaml,
# --fact), shown with the sentence that decides; and a gap that several
# profiles require reported once, citing each.
# shellcheck source=workflow.lib
. "$(dirname "$0")/workflow.lib"
cd "$tmp" || exit 1
t="$pl --rules $root/rules --today 2026-12-01"
profile() {  # FILE PROFILE [OPTIONS]: "applies met missing n/a" of PROFILE
  f=$1 p=$2
  shift 2
  $t "$@" -p "$p" -f json "$f" | python3 -c 'import json,sys
c = json.load(sys.stdin)["files"][0]["profiles"][sys.argv[1]]
print(c["applies"], len(c["met"]), len(c["missing"]), len(c["not_applicable"]),
      c.get("why", {}).get("line", 0))' "$p"
}

printf '# Privacy\n\nOur service is not directed to children under 13.\n\nWe collect your e-mail address when you place an order.\n' >adult.md
check coppa-denied-by-the-policy [ "$(profile adult.md coppa)" = "False 0 0 10 3" ]
run $t --no-config -p coppa --color=never adult.md
check coppa-why-in-text has '^  coppa  *0  *0  *10  does not apply: line 3: .*not directed to children'
check coppa-no-findings eval "! has '\[coppa-'"
check coppa-declared-wins [ "$(profile adult.md coppa --fact child_directed=yes | cut -d' ' -f1)" = True ]
printf 'facts:\n  child_directed: true\n' >.policylint.yaml
check coppa-config-fact [ "$(profile adult.md coppa | cut -d' ' -f1)" = True ]
check coppa-option-over-config [ "$(profile adult.md coppa --fact child_directed=no | cut -d' ' -f1)" = False ]
rm .policylint.yaml
printf 'We collect your e-mail address when you place an order.\n' >silent.md
check coppa-default-not-applicable [ "$(profile silent.md coppa --no-config | cut -d' ' -f1,5)" = "False 0" ]
printf 'To set up a player account we ask the child for a nickname.\nA parent may review the information we hold about their child.\n' >kids.md
check coppa-shown-by-the-policy [ "$(profile kids.md coppa --no-config | cut -d' ' -f1)" = True ]

printf 'Our services are available only to residents of the United States.\nWe collect your name.\n' >us.md
check gdpr-no-eu-users [ "$(profile us.md gdpr --no-config | cut -d' ' -f1,5)" = "False 1" ]
check gdpr-fact-eu-users [ "$(profile us.md gdpr --no-config --fact eu_users=yes | cut -d' ' -f1)" = True ]
printf 'We are not a "business" as defined under the California Consumer Privacy Act.\nWe collect your name.\n' >small.md
check ccpa-not-a-business [ "$(profile small.md ccpa --no-config | cut -d' ' -f1,5)" = "False 1" ]
# A foundation speaking for itself is a charity; one it mentions is not it.
printf 'The Example Foundation (EF) is committed to respecting your privacy.\nCalifornia residents may ask us what we collect.\n' >foundation.md
check ccpa-foundation-not-a-business [ "$(profile foundation.md ccpa --no-config | cut -d' ' -f1,5)" = "False 1" ]
printf 'Acme Inc. collects your name.\nThe Acme Foundation is a separate legal entity.\nCalifornia residents may ask us what we collect.\n' >otherfoundation.md
check ccpa-other-foundation-still-a-business [ "$(profile otherfoundation.md ccpa --no-config | cut -d' ' -f1)" = True ]
# A non-profit is no "business" (1798.140(d)(1)); one among its customers
# says nothing of the company.
printf 'Kestrel Club is a U.S. 501(c)(3) nonprofit.\nWe collect your name.\nIf you are a California resident, you may ask us to delete your data.\n' >np.md
check ccpa-nonprofit [ "$(profile np.md ccpa --no-config | cut -d' ' -f1)" = False ]
check ccpa-nonprofit-why [ "$(profile np.md ccpa --no-config | cut -d' ' -f5)" = 1 ]
printf 'Our tools help for-profit and not-for-profit organizations.\nWe collect your name.\nIf you are a California resident, you may ask us to delete your data.\n' >npc.md
check ccpa-nonprofit-customers [ "$(profile npc.md ccpa --no-config | cut -d' ' -f1)" = True ]
# Under --profile all the CCPA applies when the policy addresses its
# consumers.  A Shine-the-Light notice (Civ. Code 1798.83, any business of
# twenty staff) under "California Privacy Rights" is no such sign; a CCPA
# section under the same heading is.
printf '# Privacy\n\nWe collect your name.\n\n## Your California Privacy Rights\n\nCalifornia law permits users who are California residents to request once a year a list of the third parties to whom we disclosed their personal information for their direct marketing purposes.\n' >stl.md
in_all() {  # FILE PROFILE: whether PROFILE applies under --profile all
  $t --no-config -p all -f json "$1" | python3 -c 'import json,sys
print(json.load(sys.stdin)["files"][0]["profiles"][sys.argv[1]]["applies"])' "$2"
}
check ccpa-shine-the-light-no-sign [ "$(in_all stl.md ccpa)" = False ]
printf '# Privacy\n\nWe collect your name.\n\n## Your California Privacy Rights\n\nIf you are a California resident, you have the right to know what personal information we collected about you.\n' >calrights.md
check ccpa-california-section-sign [ "$(in_all calrights.md ccpa)" = True ]

# A policy that says no personal data is collected at all: the notice
# duties of gdpr, ccpa, caloppa and us-states have nothing to attach to;
# ePrivacy (storage on the device) still applies.  A denial of one kind of
# data, or of a sale, is no such statement.
printf '# Privacy\n\nThis browser extension does not collect, store or share any personal data.\n' >nodata.md
for p in gdpr ccpa caloppa us-states; do
  check "no-personal-data-$p" [ "$(profile nodata.md $p --no-config | cut -d' ' -f1,5)" = "False 3" ]
done
check no-personal-data-eprivacy-applies [ "$(profile nodata.md eprivacy --no-config | cut -d' ' -f1)" = True ]
check no-personal-data-fact-wins [ "$(profile nodata.md gdpr --no-config --fact eu_users=yes | cut -d' ' -f1)" = True ]
printf 'We do not collect any personal data other than your e-mail address.\nWe do not sell any personal information.\nWe do not knowingly collect personal information from children under 13.\n' >somedata.md
for p in gdpr ccpa caloppa us-states; do
  check "some-personal-data-$p" [ "$(profile somedata.md $p --no-config | cut -d' ' -f1)" = True ]
done

# A claim that nothing is collected does not hold beside data the same
# policy sends off the device (undone-by: in applicability.yaml); a
# denial of sending does not undo it.  "Only used locally" is such a claim.
printf 'This app does not collect any personal data.\n\nYour location is shared with our weather providers to find the forecast.\n' >undone.md
check no-personal-data-undone [ "$(profile undone.md gdpr --no-config | cut -d' ' -f1)" = True ]
run $t --no-config --trace applies.no-personal-data undone.md
check no-personal-data-undone-traced has 'applies.no-personal-data: undone'
printf 'This app does not collect any personal data.\n\nYour location is not shared with anyone.\n' >notundone.md
check no-personal-data-denied-sending [ "$(profile notundone.md gdpr --no-config | cut -d' ' -f1)" = False ]
printf 'All information handled by the extension, including your history, will only be used locally.\n' >local.md
check no-personal-data-local-only [ "$(profile local.md gdpr --no-config | cut -d' ' -f1)" = False ]

# A public body's policy: the US consumer privacy laws bind businesses.
printf 'This is an official website of the United States government.\nWe collect your e-mail address to answer you.\n' >agency.md
for p in ccpa caloppa us-states; do
  check "public-body-$p" [ "$(profile agency.md $p --no-config | cut -d' ' -f1,5)" = "False 1" ]
done
# An EU public body is bound by the GDPR; a US one's site is not reached by it.
printf 'We are a public authority of the City of Vienna.\nWe collect your e-mail address to answer you.\n' >euagency.md
check public-body-eu-gdpr-applies [ "$(profile euagency.md gdpr --no-config | cut -d' ' -f1)" = True ]
check public-body-us-gdpr-not [ "$(profile agency.md gdpr --no-config | cut -d' ' -f1)" = False ]
# ... and a public body outside the EU is out of the GDPR's and ePrivacy's
# reach too (Art. 3(2)); an EU public body is not (public-body-eu-gdpr-applies).
printf 'This policy applies to the dta.gov.au website managed by the Digital Transformation Agency.\nWe collect your e-mail address to answer you.\n' >au.md
for p in gdpr eprivacy ccpa caloppa us-states; do
  check "public-body-abroad-$p" [ "$(profile au.md $p --no-config | cut -d' ' -f1)" = False ]
done
printf 'We may share information with the Australian Government when the law requires it.\nWe collect your e-mail address.\n' >sharesau.md
check public-body-abroad-not-by-mention [ "$(profile sharesau.md gdpr --no-config | cut -d' ' -f1)" = True ]
printf 'As a contractor of federal agencies, we follow the Privacy Act of 1974.\nWe may disclose information to a government agency when the law requires it.\n' >contractor.md
check contractor-is-no-public-body [ "$(profile contractor.md ccpa --no-config | cut -d' ' -f1)" = True ]

# Laws with size thresholds the text rarely shows (the CCPA, the later
# state acts): under --profile all they apply only to a policy that speaks
# to those states' people; named, they apply unless the policy says not.
printf 'We collect your e-mail address to answer you.\n' >plain.md
printf 'We collect your e-mail address.\nIf you are a California resident, you may ask what we hold.\nVirginia residents may appeal a refusal.\n' >states.md
state() {  # FILE PROFILE [OPTIONS]: "applies" of PROFILE under --profile all
  f=$1 p=$2
  shift 2
  $t --no-config "$@" -p all -f json "$f" | python3 -c 'import json,sys
print(json.load(sys.stdin)["files"][0]["profiles"][sys.argv[1]]["applies"])' "$p"
}
for p in ccpa us-states; do
  check "all-$p-not-shown" [ "$(state plain.md $p)" = False ]
  check "all-$p-shown" [ "$(state states.md $p)" = True ]
  check "named-$p-applies" [ "$(profile plain.md $p --no-config | cut -d' ' -f1)" = True ]
  check "all-and-named-$p-applies" [ "$(state plain.md $p -p $p)" = True ]
done
check all-ccpa-fact-wins [ "$(state plain.md ccpa --fact ccpa_business=yes)" = True ]
check all-us-states-fact-wins [ "$(state plain.md us-states --fact state_privacy_laws=yes)" = True ]
run $t --no-config -p all --color=never plain.md
check all-ccpa-why has '^  ccpa .*does not apply: the policy does not show that it applies (declare ccpa_business'
printf 'Our office is at 1 Market Street, San Francisco, California 94105.\nWe collect your e-mail address.\n' >address.md
check all-ccpa-address-is-no-sign [ "$(state address.md ccpa)" = False ]
# CalOPPA binds commercial operators: under all, a policy must show one
# (the operator's legal form, customers, payments, ads) or address
# Californians; a processor's company name is no sign.
printf 'This free app is made by volunteers.\nWe collect your e-mail address.\nOur site is hosted by GitHub, Inc.\n' >hobby.md
printf 'The app is run by Example Apps LLC.\nWe collect your e-mail address.\n' >shop.md
check all-caloppa-hobby [ "$(state hobby.md caloppa)" = False ]
check all-caloppa-company [ "$(state shop.md caloppa)" = True ]
check named-caloppa-hobby [ "$(profile hobby.md caloppa --no-config | cut -d' ' -f1)" = True ]
check all-caloppa-fact [ "$(state hobby.md caloppa --fact commercial_operator=yes)" = True ]

# A right given only to another law's people is not the CCPA's (scope:
# in profiles.yaml); named with California, or for everyone, it is.
req() {  # FILE PROFILE RULE [OPTIONS]: met | missing | not_applicable
  f=$1 p=$2 rule=$3
  shift 3
  $t --no-config "$@" -p "$p" -f json "$f" | python3 -c 'import json,sys
c = json.load(sys.stdin)["files"][0]["profiles"][sys.argv[1]]
print([k for k in ("met", "missing", "not_applicable") if sys.argv[2] in c[k]][0])' "$p" "$rule"
}
printf 'We collect your e-mail address.\nIf you live in the EEA, you may ask us to correct inaccurate personal data.\n' >eea.md
check scope-eea-sentence-not-ccpa [ "$(req eea.md ccpa ccpa-right-to-correct)" = missing ]
# Portability (Art. 20) covers processing on consent or a contract only: a
# policy that bases its processing on legitimate interests, and names no
# consent or contract, has no such right to tell of.
printf 'We collect your IP address.\nWe process your information based on our legitimate interest in providing a secure service.\n' >li.md
check portability-legitimate-interests-only [ "$(req li.md gdpr gdpr-right-portability)" = not_applicable ]
printf 'We collect your IP address.\nWe process your information based on our legitimate interest in providing a secure service.\nWe use your e-mail address for the newsletter only with your explicit consent.\n' >liconsent.md
check portability-consent-too [ "$(req liconsent.md gdpr gdpr-right-portability)" = missing ]
check scope-eea-sentence-is-gdpr [ "$(req eea.md gdpr gdpr-right-rectification)" = met ]
printf '# Privacy\n\nWe collect your e-mail address.\n\n## Rights of UK residents\n\nYou may ask us to correct inaccurate personal data.\n' >uk.md
check scope-uk-heading-not-ccpa [ "$(req uk.md ccpa ccpa-right-to-correct)" = missing ]
printf 'We collect your e-mail address.\nResidents of the EEA and California may ask us to correct inaccurate personal data.\n' >both.md
check scope-named-with-california [ "$(req both.md ccpa ccpa-right-to-correct)" = met ]
printf 'We collect your e-mail address.\nYou may ask us to correct inaccurate personal data.\n' >anyone.md
check scope-unscoped-counts [ "$(req anyone.md ccpa ccpa-right-to-correct)" = met ]
run $t --no-config --explain ccpa
check scope-explained has "names only other people's law"
printf 'We collect your e-mail address.\nCalifornia residents may ask us to delete their personal information.\n' >ca.md
check scope-california-only-not-gdpr [ "$(req ca.md gdpr gdpr-right-erasure)" = missing ]
check scope-california-only-is-ccpa [ "$(req ca.md ccpa ccpa-right-to-delete)" = met ]

# A site that says it uses no cookies: the cookie requirements do not
# apply, with that sentence as the reason; one that only limits them
# ("not without your permission") is judged as before.
printf '# Privacy\n\nCookies are small files that many sites store on your device.\nOur site does not use cookies or analytics tracking.\n' >nocookies.md
run $t --no-config -p eprivacy -f json nocookies.md
check no-cookies-not-applicable python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))["files"][0]["profiles"]["eprivacy"]
for r in ("eprivacy-cookie-purposes", "eprivacy-cookie-duration", "eprivacy-third-party-cookies",
          "eprivacy-cookie-consent", "eprivacy-cookie-refusal", "eprivacy-consent-withdrawal"):
    assert r in c["not_applicable"], (r, c)
    assert c["why_not_applicable"][r]["line"] == 4, c["why_not_applicable"][r]
assert not c["missing"], c
' "$tmp/.out"
# Whether cookies are used is asked of a website, not of a native app
# whose policy shows no web pages of its own.
printf 'The app keeps your notes on your phone.\nCrash reports are sent to us only if you choose to.\n' >nativeapp.md
printf 'When you visit our website we log your IP address.\n' >website.md
check eprivacy-cookies-not-for-apps [ "$(req nativeapp.md eprivacy eprivacy-cookies)" = not_applicable ]
check eprivacy-cookies-for-websites [ "$(req website.md eprivacy eprivacy-cookies)" = missing ]
# Only strictly necessary cookies: no consent to ask, refuse or withdraw,
# nor the information of Art. 5(3), whose second sentence exempts such
# storage from all of the first.
printf 'We only use strictly necessary cookies, to keep you signed in.\n' >essential.md
run $t --no-config -p eprivacy -f json essential.md
check essential-cookies-no-consent python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))["files"][0]["profiles"]["eprivacy"]
for r in ("eprivacy-cookie-consent", "eprivacy-cookie-refusal", "eprivacy-consent-withdrawal"):
    assert r in c["not_applicable"], (r, c)
assert "eprivacy-cookie-purposes" not in c["missing"], c
' "$tmp/.out"
# Cookies left to a separate cookie notice the policy points to: linted
# alone, their details are not asked of it (the pointer is the reason);
# linted with the notice (--with), the set must give them.
printf 'We use cookies to count visits.\nFor details of the cookies we set, see our Cookie Policy.\n' >layered.md
printf 'Our analytics cookie lasts 13 months.\n' >cookiepolicy.md
check layered-cookies-left-to-notice [ "$(req layered.md eprivacy eprivacy-cookie-duration)" = not_applicable ]
run $t --no-config -p eprivacy -f json layered.md
check layered-cookies-why-names-the-pointer python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))["files"][0]["profiles"]["eprivacy"]
w = c["why_not_applicable"]["eprivacy-cookie-consent"]
assert w["line"] == 2 and "--with" in w["message"], w
' "$tmp/.out"
check layered-cookies-with-notice-met [ "$(req layered.md eprivacy eprivacy-cookie-duration --with cookiepolicy.md)" = met ]
check layered-cookies-with-notice-missing [ "$(req layered.md eprivacy eprivacy-cookie-consent --with cookiepolicy.md)" = missing ]
# On a profile, `left-to` does the same for each of its requirements:
# the profile still applies, what the policy gives is met, and what it
# does not is left to the document it points to.
rm -rf leftrules && cp -r "$root/rules" leftrules
sed -i 's/^      denied-by: \[applies.no-eu-users, /      left-to: [applies.cookie-notice-elsewhere]\n&/' leftrules/profiles.yaml
# (the pointer is read under the profiles its topic names: left out of
# gdpr's, the profile's left-to could never hold, and --check-rules says so)
run $pl --no-config --no-cache --rules leftrules --check-rules
check left-to-topic-not-scanned-is-an-error eval "is_rc 1 && has_err \"profiles.yaml:[0-9]*:[0-9]*: error: profile 'gdpr': no topic of its left-to (applies.cookie-notice-elsewhere) is scanned under profile 'gdpr'.*\\[rules-unreachable\\]\""
sed -i '/id: applies.cookie-notice-elsewhere/,/profiles:/ s/profiles: \[eprivacy\]/profiles: [eprivacy, gdpr]/' leftrules/eprivacy.yaml
printf 'Acme Ltd is the controller of your data.\nWe keep your e-mail address until you close your account.\nFor details of the cookies we set, see our Cookie Policy.\n' >gdprleft.md
run $pl --no-config --no-cache --rules leftrules --check-rules
check left-to-topic-scanned-passes eval "is_rc 0 && ! has_err rules-unreachable"
# The same for a topic's yield: a baseline topic that yields only to a
# topic of the eprivacy profile never yields under baseline.
rm -rf yieldrules && cp -r "$root/rules" yieldrules
sed -i 's/^    yield: \[choices, children\]$/    yield: [applies.cookie-notice-elsewhere]/' yieldrules/contact.yaml
run $pl --no-config --no-cache --rules yieldrules --check-rules
check yield-topic-not-scanned-is-an-error eval "is_rc 1 && has_err \"contact.yaml:[0-9]*:[0-9]*: error: topic 'contact.details': no topic of its yield (applies.cookie-notice-elsewhere) is scanned under profile 'baseline'\""
run $pl --no-config --no-cache --rules leftrules --today 2026-12-01 -p gdpr -f json gdprleft.md
check profile-left-to-per-requirement python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))["files"][0]["profiles"]["gdpr"]
assert c["applies"], c
assert "gdpr-controller" in c["met"] and "gdpr-retention" in c["met"], c
assert "gdpr-complaint" in c["not_applicable"] and not c["missing"], c
assert "--with" in c["why_not_applicable"]["gdpr-complaint"]["message"], c
' "$tmp/.out"
# What the policy gives itself is met, whatever it also points to: the
# pointer excuses only what is missing.
printf 'We use cookies to count visits.\nOur analytics cookie lasts 13 months.\nFor details of the cookies we set, see our Cookie Policy.\n' >layered2.md
check layered-cookies-met-itself [ "$(req layered2.md eprivacy eprivacy-cookie-duration)" = met ]
check layered-cookies-missing-still-left [ "$(req layered2.md eprivacy eprivacy-cookie-consent)" = not_applicable ]
# Cookies used for nothing but the session and the sign-in: no consent,
# and none of the information that comes with it (Planet49); what they
# are for is said through "them" under the Cookies heading.
printf '# Cookies\n\nWe use cookies, as most sites do.\nWe strictly use them to maintain your session state and login across visits.\n' >sessiononly.md
check session-only-cookies-no-duration [ "$(req sessiononly.md eprivacy eprivacy-cookie-duration)" = not_applicable ]
check session-only-cookies-no-third-party [ "$(req sessiononly.md eprivacy eprivacy-third-party-cookies)" = not_applicable ]
check session-only-cookies-no-consent [ "$(req sessiononly.md eprivacy eprivacy-cookie-consent)" = not_applicable ]
check cookie-purpose-through-them [ "$(req sessiononly.md eprivacy eprivacy-cookie-purposes)" = met ]
printf '# Cookies\n\nWe use cookies, as most sites do.\nWe use them to keep you signed in and to measure traffic with analytics.\n' >mixedcookies.md
check mixed-cookies-ask-duration [ "$(req mixedcookies.md eprivacy eprivacy-cookie-duration)" = missing ]
# A lifetime in a cookie table's column, or under a cookie's term in a
# definition list, is the cookie's lifetime; a retention table's is not.
printf '# Cookies\n\nWe use analytics cookies to measure traffic.\n\n| Cookie | Purpose | How long does the cookie stay on my device? |\n| --- | --- | --- |\n| _ga | analytics | 2 years |\n' >cookietable.md
check cookie-table-duration-column [ "$(req cookietable.md eprivacy eprivacy-cookie-duration)" = met ]
printf '# Cookies\n\nWe use analytics cookies to measure traffic.\n\n| Name | Purpose | Expiry |\n| --- | --- | --- |\n| _ga | analytics | 13 months |\n' >cookieexpiry.md
check cookie-table-expiry-column [ "$(req cookieexpiry.md eprivacy eprivacy-cookie-duration)" = met ]
printf '# Cookies\n\nWe use analytics cookies to measure traffic.\n\n# Retention\n\n| Data | Kept for |\n| --- | --- |\n| server logs | 30 days |\n' >retentiontable.md
check retention-table-no-cookie-duration [ "$(req retentiontable.md eprivacy eprivacy-cookie-duration)" = missing ]
printf '<h1>Cookies</h1>\n<p>We use analytics cookies to measure traffic.</p>\n<dl>\n<dt>Cookie purpose</dt>\n<dd>Data can be kept in your browser storage. The data held here expires after 7 days.</dd>\n</dl>\n' >cookiedl.html
check cookie-definition-list-duration [ "$(req cookiedl.html eprivacy eprivacy-cookie-duration)" = met ]
# A cookie whose only stated purpose is exempt (the record of the cookie
# notice's answer) asks nothing; one for advertising asks consent.
printf '# Cookies\n\nWe use cookies for the following purposes:\n\n- To keep track of whether you have pressed OK on the cookie notice, so we do not ask again.\n' >consentrecord.md
printf '# Cookies\n\nWe use cookies to show you ads from our partners.\n' >adcookies.md
check exempt-purpose-asks-nothing [ "$(req consentrecord.md eprivacy eprivacy-cookie-consent) $(req consentrecord.md eprivacy eprivacy-cookie-purposes)" = "not_applicable not_applicable" ]
check ad-cookies-ask-consent [ "$(req adcookies.md eprivacy eprivacy-cookie-consent)" = missing ]
# A refining rule may give its own `when` only as a require-if.
cp -r "$root/rules" myrules
printf '%s\n' '  - id: test-refine-when' '    kind: require' '    area: cookies' \
  '    severity: info' '    refines: missing-cookies' '    when: [cookies.technology]' \
  '    message: x' '    rationale: x' '    references: ["x"]' >>myrules/eprivacy.yaml
run $pl --no-config --no-cache --rules myrules --check-rules
check refine-when-only-require-if eval "is_rc 2 && has_err \"'when' only applies to rules of kind require-if\""
# The refusal is asked the same way: eprivacy-cookie-refusal refines the
# baseline cookies-no-refusal with a narrower trigger of its own.
printf '# Cookies\n\nA cookie keeps you logged in to your account between visits.\n' >logincookie.md
check login-cookie-no-refusal [ "$(req logincookie.md eprivacy eprivacy-cookie-refusal)" = not_applicable ]
check ad-cookies-ask-refusal [ "$(req adcookies.md eprivacy eprivacy-cookie-refusal)" = missing ]
printf 'Our site sets a cookie to remember your language.\nNo other cookies are set without your permission.\n' >somecookies.md
run $t --no-config -p eprivacy -f json somecookies.md
check limited-cookies-still-judged python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))["files"][0]["profiles"]["eprivacy"]
assert "eprivacy-cookie-duration" in c["missing"], c
assert "eprivacy-cookie-consent" in c["met"], c
' "$tmp/.out"

# CalOPPA's Do Not Track question arises only for an operator that shows
# cookies or such technologies (22575(b)(5): "if the operator engages in
# that collection").
printf 'We collect your e-mail address when you place an order.\n' >nocookies.md
check dnt-not-asked-without-tracking [ "$(req nocookies.md caloppa missing-dnt)" = not_applicable ]
printf 'We collect your e-mail address when you place an order.\nWe use Google Analytics to count visits.\n' >analytics.md
check dnt-asked-with-analytics [ "$(req analytics.md caloppa missing-dnt)" = missing ]

# One requirement: a toll-free number, unless the business is online only.
printf 'Because we operate exclusively online, e-mail privacy@example.org with requests.\n' >online.md
run $t --no-config -p ccpa -f json online.md
check online-only-request-methods python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))["files"][0]["profiles"]["ccpa"]
assert "ccpa-request-methods" in c["not_applicable"], c
w = c["why_not_applicable"]["ccpa-request-methods"]
assert w["line"] == 1 and "online" in w["message"], w
' "$tmp/.out"
run $t --no-config -p ccpa -f gcc --fact online_only=yes silent.md
check online-only-fact eval "! has ccpa-request-methods"
# Asked of a business that shows it meets consumers offline too; of a
# website or app that shows nothing of the kind, not (online-only
# businesses may give an e-mail address alone), saying which fact to
# declare.
run $t --no-config -p ccpa -f gcc silent.md
check request-methods-not-asked-online eval "! has ccpa-request-methods"
run $t --no-config -p ccpa -f json silent.md
check request-methods-names-fact python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))["files"][0]["profiles"]["ccpa"]
w = c["why_not_applicable"]["ccpa-request-methods"]
assert "online_only: false" in w["message"], w
' "$tmp/.out"
run $t --no-config -p ccpa -f gcc --fact online_only=no silent.md
check request-methods-fact-not-online has ccpa-request-methods
printf 'We collect your e-mail address when you order.\nYou can also pick up your order at one of our stores.\n' >stores.md
check request-methods-offline-business [ "$(req stores.md ccpa ccpa-request-methods)" = missing ]
printf 'We collect your e-mail address when you sign up.\nWe also buy contact details from data brokers.\n' >broker.md
check request-methods-no-direct-relationship [ "$(req broker.md ccpa ccpa-request-methods)" = missing ]
printf 'We collect your e-mail address when you sign up.\nWe never sell your data to data brokers.\n' >nobroker.md
check request-methods-denied-broker-online [ "$(req nobroker.md ccpa ccpa-request-methods)" = not_applicable ]

# A fact nothing depends on is a warning naming it.
run $t --no-config -f gcc --fact child_directd=yes silent.md
check unknown-fact-option has_err 'child_directd.*\[unknown-fact\]$'
printf 'facts:\n  eu_user: true\n' >.policylint.yaml
run $t -f gcc silent.md
check unknown-fact-config has_err '^.*\.policylint\.yaml:2:3: warning: .*eu_user.*\[unknown-fact\]$'
rm .policylint.yaml

# The purposes gap, required by gdpr and ccpa alike: one finding, both ids,
# both citations; each profile's coverage still lists its own.
run $t --no-config -p gdpr,ccpa -f json silent.md
check gap-reported-once python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))["files"][0]
f = [x for x in d["findings"] if "gdpr-purposes" in x.get("rules", [x["rule"]])]
assert len(f) == 1, f
assert set(f[0]["rules"]) == {"gdpr-purposes", "ccpa-purposes"}, f[0]
assert "gdpr:" in f[0]["message"] and "ccpa:" in f[0]["message"], f[0]["message"]
assert "gdpr-purposes" in d["profiles"]["gdpr"]["missing"]
assert "ccpa-purposes" in d["profiles"]["ccpa"]["missing"]
' "$tmp/.out"
printf '<!-- policylint-disable-file gdpr-purposes -- tested -->\n\nWe collect your e-mail address when you place an order.\n' >quiet.md
run $t --no-config -p gdpr,ccpa -f gcc quiet.md
check gap-suppressed-by-any-id eval "! has purposes"

# A service that says it collects no personal data at all has nothing to
# keep, protect, correct or choose about: those baseline requirements do
# not apply (a declared fact decides first); a narrower denial does not.
printf '# Privacy\n\nThis app does not collect, store or share any personal data.\n\nQuestions: write to dev@example.org.\n' >nodata.md
run $t --no-config -f gcc nodata.md
for r in retention rights security purposes choices children collection cookies; do
  check "no-data-no-missing-$r" eval "! has '\[missing-$r\]'"
done
check no-data-still-dated has '\[missing-effective-date\]'
run $t --no-config -f gcc --fact collects_personal_data=yes nodata.md
check no-data-fact-wins has '\[missing-retention\]'
printf 'We do not collect any personal data unless you write to us.\n' >scoped.md
run $t --no-config -f gcc scoped.md
check scoped-denial-still-missing has '\[missing-retention\]'

# Choices are asked of a service that shows something to choose about
# (marketing, ads, analytics, cookies, an account, an option, a setting),
# not of a site that keeps server logs and answers e-mail.
printf 'Our web server keeps a log of each request, with your IP address, for seven days.\n\nQuestions: write to dev@example.org.\n' >logs.md
run $t --no-config -f gcc logs.md
check logs-only-no-missing-choices eval "! has '\[missing-choices\]'"
printf 'Our web server keeps a log of each request for seven days.\n\nWe send a monthly newsletter to those who ask for it.\n' >news.md
run $t --no-config -f gcc news.md
check newsletter-missing-choices has '\[missing-choices\]'
run $t --no-config -f gcc --fact collects_personal_data=yes logs.md
check choices-fact-wins has '\[missing-choices\]'

# The CCPA's opt-out preference signals are not asked of a business that
# says it neither sells nor shares; a denial of selling alone is no such
# statement.
na() {  # FILE: the ccpa requirements that do not apply
  $t --no-config -p ccpa -f json "$1" | python3 -c 'import json,sys
print(" ".join(json.load(sys.stdin)["files"][0]["profiles"]["ccpa"]["not_applicable"]))'
}
printf 'California residents have rights under the CCPA.\n\nKestrel does not sell or share Personal Information.\n' >nosale.md
check no-sale-or-share-no-signals eval 'na nosale.md | grep -qw ccpa-opt-out-signals'
printf 'California residents have rights under the CCPA.\n\nKestrel does not sell Personal Information.\n' >nosell.md
check no-sell-only-signals-apply eval '! na nosell.md | grep -qw ccpa-opt-out-signals'
finish
