#!/bin/sh
# golden.sh: end-to-end tests of the ramify command.
#
#   tests/golden/in/NAME.xml   input maps (any readable format: NAME is the
#                              file name less ".xml"); expected outputs:
#     tests/golden/NAME.tree         ramify convert -t tree
#     tests/golden/NAME.txt          ramify convert -t text
#     tests/golden/NAME.layout.json  ramify convert -t layout
#     tests/golden/NAME.xml          ramify convert -t ramify (and writing
#                                    that again must give the same bytes)
#   tests/bad/NAME.xml + NAME.err   `ramify check` must fail with exactly
#                                    that stderr, and `convert` must leave
#                                    no output file behind (any format:
#                                    bad/x.mm has bad/x.mm.err).
#   tests/golden.d/*.sh          more checks, one file per area, sourced
#                                here: they use ok, not_ok, expect, cli,
#                                $RAMIFY and $tmp.
#
# sh tests/golden.sh          compare (prints TAP, then "N passed, N failed")
# sh tests/golden.sh --regen  rewrite the expected files (review the diff!)
set -u
RAMIFY=${RAMIFY:-build/ramify}
regen=${1:-}
pass=0
fail=0
n=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { n=$((n + 1)); pass=$((pass + 1)); echo "ok $n - $1"; }
not_ok() {
	n=$((n + 1)); fail=$((fail + 1)); echo "not ok $n - $1"
	[ -f "$tmp/diff" ] && sed 's/^/#   /' "$tmp/diff" | head -40
	rm -f "$tmp/diff"
}

# check DESCRIPTION COMMAND...: ok when the command succeeds (its output
# is shown when it fails).
check() {
	check_desc=$1
	shift
	if "$@" > "$tmp/diff" 2>&1; then
		rm -f "$tmp/diff"
		ok "$check_desc"
	else
		not_ok "$check_desc"
	fi
}

# model FILE: the model read from FILE, without source positions (they
# differ between formats).
model() {
	"$RAMIFY" convert "$1" -t tree -o - 2>/dev/null | sed 's/ @[0-9]*:[0-9]*//'
}

# expect NAME FILE ACTUAL: compare, or regenerate.
expect() {
	if [ "$regen" = --regen ]; then
		cp "$3" "$2"
		ok "$1 (regenerated)"
	elif [ ! -f "$2" ]; then
		echo "missing $2" > "$tmp/diff"
		not_ok "$1"
	elif diff -u "$2" "$3" > "$tmp/diff"; then
		rm -f "$tmp/diff"
		ok "$1"
	else
		not_ok "$1"
	fi
}

# ---- golden outputs ----------------------------------------------------
for in in tests/golden/in/*; do
	[ -f "$in" ] || continue
	name=$(basename "$in" .xml)
	for spec in tree:tree txt:text layout.json:layout xml:ramify; do
		ext=${spec%%:*}
		fmt=${spec#*:}
		if "$RAMIFY" convert "$in" -t "$fmt" -o "$tmp/$name.$ext" 2> "$tmp/err"; then
			expect "$name -t $fmt" "tests/golden/$name.$ext" "$tmp/$name.$ext"
		else
			cp "$tmp/err" "$tmp/diff"
			not_ok "$name -t $fmt exits 0"
		fi
	done
	# Idempotence: ramify XML -> ramify XML is byte-identical.
	if "$RAMIFY" convert "$tmp/$name.xml" -t ramify -o "$tmp/$name.again.xml" 2> "$tmp/diff" &&
	    cmp -s "$tmp/$name.xml" "$tmp/$name.again.xml"; then
		rm -f "$tmp/diff"
		ok "$name: XML -> XML is byte-identical"
	else
		diff -u "$tmp/$name.xml" "$tmp/$name.again.xml" >> "$tmp/diff" 2>&1
		not_ok "$name: XML -> XML is byte-identical"
	fi
done

# ---- bad input: located errors, exit 1, no output left behind ----------
for in in tests/bad/*; do
	[ -f "$in" ] || continue
	case $in in *.err) continue ;; esac
	name=$(basename "$in" .xml)
	"$RAMIFY" check "$in" 2> "$tmp/$name.err"
	rc=$?
	if [ $rc -eq 1 ]; then
		expect "bad/$name: check reports" "tests/bad/$name.err" "$tmp/$name.err"
	else
		echo "exit status $rc, expected 1" > "$tmp/diff"
		not_ok "bad/$name: check exits 1"
	fi
	mkdir -p "$tmp/out"
	"$RAMIFY" convert "$in" -o "$tmp/out/$name.pdf" 2> /dev/null
	rc=$?
	if [ $rc -eq 1 ] && [ -z "$(ls -A "$tmp/out")" ]; then
		ok "bad/$name: convert exits 1 and writes nothing"
	else
		ls -A "$tmp/out" > "$tmp/diff"
		not_ok "bad/$name: convert exits 1 (got $rc) and writes nothing"
	fi
	rm -rf "$tmp/out"
done

# ---- the command line ----------------------------------------------------
cli() { # cli DESCRIPTION EXPECTED-STATUS COMMAND...
	desc=$1 want=$2
	shift 2
	"$@" > "$tmp/out.txt" 2> "$tmp/err.txt"
	got=$?
	if [ "$got" -eq "$want" ]; then
		ok "$desc"
	else
		{ echo "exit $got, expected $want"; cat "$tmp/err.txt"; } > "$tmp/diff"
		not_ok "$desc"
	fi
}
sample=samples/customer-management.xml
cli "--version exits 0" 0 "$RAMIFY" --version
grep -q '^ramify [0-9]' "$tmp/out.txt" && ok "--version prints the version" || not_ok "--version prints the version"
cli "--help exits 0" 0 "$RAMIFY" --help
cli "no arguments is a usage error" 2 "$RAMIFY"
cli "unknown command is a usage error" 2 "$RAMIFY" frobnicate
cli "unknown option is a usage error" 2 "$RAMIFY" convert "$sample" -o "$tmp/x.pdf" --bogus
cli "unknown output format is a usage error" 2 "$RAMIFY" convert "$sample" -o "$tmp/x.docx"
cli "unknown layout is a usage error" 2 "$RAMIFY" convert "$sample" -o "$tmp/x.pdf" --layout spiral
cli "missing input file exits 1" 1 "$RAMIFY" convert "$tmp/none.xml" -o "$tmp/x.pdf"
cli "formats lists formats" 0 "$RAMIFY" formats
grep -q '^pdf ' "$tmp/out.txt" && ok "formats names pdf" || not_ok "formats names pdf"
cli "check accepts a good map" 0 "$RAMIFY" check "$sample"
cli "samples and templates are valid maps" 0 "$RAMIFY" check samples/*.xml templates/*.xml

# stdin to stdout, format from the content.
if "$RAMIFY" convert - -t text -o - < "$sample" > "$tmp/stdin.txt" 2> "$tmp/diff" &&
    "$RAMIFY" convert "$sample" -t text -o "$tmp/file.txt" 2>> "$tmp/diff" &&
    cmp -s "$tmp/stdin.txt" "$tmp/file.txt"; then
	rm -f "$tmp/diff"; ok "stdin to stdout gives the same outline as files"
else
	not_ok "stdin to stdout gives the same outline as files"
fi

# A failed run keeps an existing output as it was and leaves no temp file.
mkdir -p "$tmp/keep"
echo "old" > "$tmp/keep/map.pdf"
printf '<map xmlns="urn:ramify:map:1"><topic text="x">' > "$tmp/trunc.xml"
"$RAMIFY" convert "$tmp/trunc.xml" -o "$tmp/keep/map.pdf" 2> /dev/null
if [ "$?" -eq 1 ] && [ "$(cat "$tmp/keep/map.pdf")" = old ] &&
    [ "$(ls "$tmp/keep")" = map.pdf ]; then
	ok "failed convert leaves the old output alone"
else
	not_ok "failed convert leaves the old output alone"
fi
cli "unwritable output directory exits 1" 1 "$RAMIFY" convert "$sample" -o "$tmp/no/such/dir/x.pdf"

# Rendering: every drawing format, same bytes twice, text selectable.
for t in pdf svg png; do
	if "$RAMIFY" convert "$sample" -o "$tmp/a.$t" 2> "$tmp/diff" &&
	    "$RAMIFY" convert "$sample" -o "$tmp/b.$t" 2>> "$tmp/diff" &&
	    [ -s "$tmp/a.$t" ] && cmp -s "$tmp/a.$t" "$tmp/b.$t"; then
		rm -f "$tmp/diff"; ok "$t: renders, same bytes twice"
	else
		not_ok "$t: renders, same bytes twice"
	fi
done
head -c 4 "$tmp/a.pdf" | grep -q '%PDF' && ok "pdf: is a PDF" || not_ok "pdf: is a PDF"
if command -v pdftotext > /dev/null; then
	pdftotext "$tmp/a.pdf" "$tmp/a.txt"
	grep -q "Managing customers" "$tmp/a.txt" && ok "pdf: text is selectable" ||
	    not_ok "pdf: text is selectable"
	"$RAMIFY" convert samples/customer-management-zh.xml -o "$tmp/zh.pdf" &&
	    pdftotext "$tmp/zh.pdf" "$tmp/zh.txt"
	grep -q "客户" "$tmp/zh.txt" && ok "pdf: Chinese text is selectable" ||
	    not_ok "pdf: Chinese text is selectable"
else
	not_ok "pdftotext is installed (make deps)"
fi
xmllint --noout --nonet "$tmp/a.svg" 2> "$tmp/diff" && { rm -f "$tmp/diff"; ok "svg: well-formed"; } ||
    not_ok "svg: well-formed"
[ "$(head -c 8 "$tmp/a.png" | od -An -c | tr -d ' ')" = '211PNG\r\n032\n' ] &&
    ok "png: is a PNG" || not_ok "png: is a PNG"

# ---- more checks, one file per area -------------------------------------
for part in tests/golden.d/*.sh; do
	[ -f "$part" ] || continue
	. "./$part"
done

echo "1..$n"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
