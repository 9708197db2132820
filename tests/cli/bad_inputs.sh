#!/bin/sh
# The bad-input table: what real repositories and pipelines hand the
# linter.  Each row makes one input (named $in) in a fresh folder beside a
# good policy, runs
#     policylint --no-config --rules SMALL -f gcc ARGS $in good.md
# and checks: the exit status; the diagnostic code on stderr, on a line
# that names the input (codes, never wording); that the good policy was
# still linted (others=yes); that no file the run read changed (hashes
# before and after); and an optional extra condition.  A run that does not
# end within 60 s is a failure (a hang), not a wait.
# shellcheck source=workflow.lib
. "$(dirname "$0")/workflow.lib"
cd "$tmp" || exit 1
small="--no-config --rules $rules -f gcc"

# The rows, fields split by '@': NAME @ SETUP (makes $in) @ ARGS @ EXIT @
# CODE (- none) @ OTHERS (good.md still linted: yes/no) @ EXTRA condition
# (- none).  SETUP may set outfile (where stdout goes: a path, or
# 'closed').
# Findings of the small rules make exit 1 for a policy that was linted.
table() {
  cat <<'ROWS'
missing file     @ in=missing.txt                                     @                  @ 2 @ input-missing      @ yes @ -
directory        @ mkdir dir; in=dir                                  @                  @ 2 @ input-directory    @ yes @ -
symlink loop     @ ln -s loop loop; in=loop                           @                  @ 2 @ input-unreadable   @ yes @ -
UTF-16           @ printf '\377\376W\000e\000 \000k\000e\000e\000p\000' >u16.txt; in=u16.txt @ @ 2 @ input-binary @ yes @ -
binary           @ awk 'BEGIN{for(i=0;i<3000;i++)printf "%c",(i*37)%256}' >blob.txt; in=blob.txt @ @ 2 @ input-binary @ yes @ -
PDF              @ printf '%%PDF-1.7\n%%\342\343\317\323\n1 0 obj\n' >p.pdf.txt; in=p.pdf.txt @ @ 2 @ input-binary @ yes @ -
invalid UTF-8    @ printf 'We keep invoices \303\050 for seven years.\n\377 We may tell trusted partners.\n' >bad8.txt; in=bad8.txt @ @ 1 @ - @ yes @ has "^bad8.txt:2:"
NUL bytes        @ printf 'We keep invoices for seven years.\000 We may tell trusted partners.\n' >nul.txt; in=nul.txt @ @ 1 @ - @ yes @ has "^nul.txt:1:"
CRLF             @ printf 'Title\r\n\r\nEvery file is encrypted.\r\n\r\nWe may tell trusted partners about you.\r\n' >crlf.txt; in=crlf.txt @ @ 1 @ - @ yes @ has "^crlf.txt:5:13: info: .*vague-wording"
lone CR          @ printf 'Title\r\rEvery file is encrypted.\r\rWe may tell trusted partners about you.\r' >cr.txt; in=cr.txt @ @ 1 @ - @ yes @ has "^cr.txt:5:13: info: .*vague-wording"
50 MB            @ yes 'The service is offered as it is, and the terms may be read online.' | head -c 50000000 >big.txt; printf '\nWe may tell trusted partners about you.\n' >>big.txt; in=big.txt @ @ 1 @ - @ yes @ has "^big.txt:[0-9]\{6\}:13: info: .*vague-wording"
50 MB, --max-size 10M @ yes 'We keep invoices for seven years.' | head -c 50000000 >big.txt; in=big.txt @ --max-size 10M @ 2 @ input-too-large @ yes @ -
FIFO, no writer  @ mkfifo fifo; in=fifo                               @                  @ 2 @ input-not-regular  @ yes @ -
/dev/zero        @ in=/dev/zero                                       @                  @ 2 @ input-not-regular  @ yes @ -
/dev/urandom     @ in=/dev/urandom                                    @                  @ 2 @ input-not-regular  @ yes @ -
stdin from /dev/zero @ in=- ; exec </dev/zero                         @ --max-size 1M    @ 2 @ input-too-large    @ yes @ has_err "^<stdin>: error: "
stdin from a pipe @ in=- ; printf 'We may tell trusted partners.\n' >pipe.txt @ --stdin-filename piped.txt @ 1 @ - @ yes @ has "^piped.txt:1:13: info"
empty file       @ : >empty.txt; in=empty.txt                         @                  @ 1 @ input-empty        @ yes @ has "^empty.txt:1:1: .*need-retention"
white space only @ printf ' \n\t\r\n  \n' >ws.txt; in=ws.txt          @                  @ 1 @ input-empty        @ yes @ -
unterminated <!-- @ printf '<p>Every file is encrypted.</p>\n\n<!-- a note\n<p>We keep invoices for seven years.</p>\n' >c.html; in=c.html @ @ 1 @ input-unterminated @ yes @ has_err "^c.html:3:1: warning: "
unterminated <script> @ printf '<p>Every file is encrypted.</p>\n<script>\nvar a = 1;\n<p>We keep invoices for seven years.</p>\n' >s.html; in=s.html @ @ 1 @ input-unterminated @ yes @ has_err "^s.html:2:1: warning: "
unterminated <!-- in Markdown @ printf '# Policy\n\nEvery file is encrypted.\n\n<!-- a draft\nWe keep invoices for seven years.\n' >c.md; in=c.md @ @ 1 @ input-unterminated @ yes @ has_err "^c.md:5:1: warning: "
--write-baseline to a full disk @ in=good.md @ --write-baseline /dev/full @ 2 @ output-write @ no @ has_err "^/dev/full: error: "
deep .policylint.yaml @ mkdir sub; awk 'BEGIN{for(i=0;i<100000;i++)printf "[";print ""}' >sub/.policylint.yaml; cp good.md sub/p.md; in=sub/p.md; small="--rules $rules -f gcc" @ @ 2 @ yaml-too-large @ yes @ has_err "^/.*/sub/.policylint.yaml:1:201: error: "
deep --rules file @ awk 'BEGIN{for(i=0;i<100000;i++)printf "- ";print "x"}' >deep.yaml; in=good.md; small="--no-config --rules deep.yaml -f gcc" @ @ 2 @ yaml-too-large @ no @ has_err "^deep.yaml:1:401: error: "
--files-from /dev/zero @ in=good.md                                  @ --files-from /dev/zero @ 2 @ file-list @ yes @ has_err "^/dev/zero: error: "
--files-from - </dev/urandom @ in=good.md; exec </dev/urandom @ --files-from - @ 2 @ file-list @ yes @ has_err "^<stdin>: error: "
--files-from /dev/null @ in=good.md @ --files-from /dev/null @ 1 @ - @ yes @ [ ! -s "$tmp/.err" ]
--baseline /dev/zero @ in=good.md                                    @ --baseline /dev/zero @ 2 @ baseline-unreadable @ no @ has_err "^/dev/zero: error: "
empty baseline   @ : >empty.bl; in=good.md                            @ --baseline empty.bl @ 1 @ - @ yes @ [ ! -s "$tmp/.err" ]
header-only baseline @ printf '# policylint baseline 1\n' >h.bl; in=good.md @ --baseline h.bl @ 1 @ - @ yes @ [ ! -s "$tmp/.err" ]
stdout full      @ in=good.md; outfile=/dev/full                        @                  @ 2 @ output-write       @ no  @ has_err "^policylint: error: "
stdout closed    @ in=good.md; outfile=closed                           @                  @ 2 @ output-write       @ no  @ has_err "^policylint: error: "
ROWS
}

hashes() { find . -type f ! -name '.out' ! -name '.err' -exec sha256sum {} + 2>/dev/null | sort; }
trim() { sed 's/^ *//; s/ *$//'; }

# one NAME SETUP ARGS EXIT CODE OTHERS EXTRA [RUNAS...]
one() {
  name=$1 setup=$2 args=$3 want=$4 code=$5 others=$6 extra=$7
  shift 7
  rm -rf "$tmp/case" && mkdir "$tmp/case" && cp "$data/findings.md" "$tmp/case/good.md"
  cd "$tmp/case" || exit 1
  in= small="--no-config --rules $rules -f gcc" outfile=$tmp/.out
  : >"$tmp/.out"
  (
    eval "$setup"
    hashes >"$tmp/.before"
    # shellcheck disable=SC2086
    if [ "$in" = - ] && [ -f pipe.txt ]; then
      cat pipe.txt | timeout 60 "$@" "$pl" $small $args - good.md >"$outfile" 2>"$tmp/.err"
    elif [ "$in" = - ]; then
      timeout 60 "$@" "$pl" $small $args - good.md >"$outfile" 2>"$tmp/.err"
    elif [ "$outfile" = closed ]; then
      timeout 60 "$@" "$pl" $small $args "$in" good.md 2>"$tmp/.err" >&-
    else
      timeout 60 "$@" "$pl" $small $args "$in" good.md 2>"$tmp/.err" >"$outfile"
    fi
    echo $? >"$tmp/.rc"
    hashes >"$tmp/.after"
    echo "$in" >"$tmp/.in"
  ) </dev/null >/dev/null 2>&1
  rc=$(cat "$tmp/.rc") in=$(cat "$tmp/.in")
  out=$(cat "$tmp/.out") err=$(cat "$tmp/.err")
  why=
  [ "$rc" = 124 ] && why="$why hung (killed after 60 s);"
  [ "$rc" = "$want" ] || why="$why exit $rc, not $want;"
  if [ "$code" != - ]; then
    subject=$in
    [ "$in" = - ] && subject='<stdin>'
    case $code in yaml-too-large|file-list|baseline-unreadable|output-write) subject='[^ ]*' ;; esac
    grep -q "^$subject\(:[0-9]*:[0-9]*\)\{0,1\}: [a-z]*: .* \[$code\]\$" "$tmp/.err" ||
      why="$why no [$code] naming $subject;"
  fi
  if [ "$others" = yes ] && [ "$in" != good.md ]; then
    grep -q '^good.md:5:13: info: .*\[vague-wording\]$' "$tmp/.out" ||
      why="$why good.md not linted;"
  fi
  cmp -s "$tmp/.before" "$tmp/.after" || why="$why an input changed;"
  if [ "$extra" != - ] && ! eval "$extra"; then why="$why $extra fails;"; fi
  cd "$tmp" || exit 1
  if [ -z "$why" ]; then ok "bad-input: $name"; else
    echo "  ($name:$why)"; no "bad-input: $name"; fi
}

table | while IFS='@' read -r name setup args want code others extra; do
  one "$(echo "$name" | trim)" "$setup" "$(echo "$args" | trim)" \
    "$(echo "$want" | trim)" "$(echo "$code" | trim)" \
    "$(echo "$others" | trim)" "$(echo "$extra" | trim)"
  echo "$failures" >"$tmp/.failures"
done
failures=$(cat "$tmp/.failures")

# An unreadable file: root reads anything, so as root the run is made as
# the unprivileged user nobody (setpriv, from util-linux, is on every
# Debian system); skipped visibly where neither works.
chmod 755 "$tmp"
if [ "$(id -u)" != 0 ]; then
  one "unreadable file" 'printf "x\n" >u.txt; chmod 000 u.txt; in=u.txt' "" 2 input-unreadable yes -
elif setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
  one "unreadable file (as nobody)" \
    'chmod 755 .; printf "x\n" >u.txt; chmod 000 u.txt; in=u.txt' "" 2 input-unreadable yes - \
    setpriv --reuid=65534 --regid=65534 --clear-groups
else
  echo "SKIP bad-input: unreadable file: running as root and setpriv cannot drop to nobody"
fi

# A file that grows while it is read (a log being written): the run ends,
# with the file linted or refused at the limit, and the others linted.
rm -rf case && mkdir case && cp "$data/findings.md" case/good.md && cd case || exit 1
( while :; do echo 'We keep invoices for seven years.'; done >>grow.txt ) &
writer=$!
sleep 1
timeout 60 "$pl" $small --max-size 1M grow.txt good.md >"$tmp/.out" 2>"$tmp/.err"
rc=$?
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
cd "$tmp" || exit 1
check "bad-input: growing file" eval '[ "$rc" = 2 ] && has_err "^grow.txt: error: .*\[input-too-large\]$" && has "^good.md:5:13: info"'
finish
