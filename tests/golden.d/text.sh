# text.sh: the text outline reader (sourced by tests/golden.sh).
#
# Round trips: for every ramify XML fixture, XML -> text -> XML keeps
# what the text format holds (topic texts, order, notes) and text ->
# XML -> text is byte-identical; every text fixture's outline reads back
# to the same bytes.  Then deep nesting, line endings, byte order mark,
# sniffing, warnings and rendering.

# What the text format holds, from a tree dump: topic texts (line breaks
# and tabs as spaces) in order, each topic's notes by their text, and the
# map's notes joined as paragraphs.
text_norm() {
	"$RAMIFY" convert "$1" -t tree -o - | awk '
	function quoted(s) {
		match(s, /"([^"\\]|\\.)*"$/)
		return substr(s, RSTART, RLENGTH)
	}
	/^note #/ { n = $2; sub(/^#/, "", n); text[n] = quoted($0); next }
	/^map-note #/ {
		n = $2; sub(/^#/, "", n); t = text[n]
		maps = maps == "" ? t : substr(maps, 1, length(maps) - 1) \
		    "\\n\\n" substr(t, 2)
		next
	}
	/^ *topic "/ {
		if (!done) { print "map notes " maps; done = 1 }
		ind = $0; sub(/topic .*/, "", ind)
		t = $0; sub(/^ *topic /, "", t)
		match(t, /^"([^"\\]|\\.)*"/); t = substr(t, 1, RLENGTH)
		gsub(/\\n|\\t/, " ", t)
		print ind "topic " t
		next
	}
	/^ *- note #/ {
		ind = $0; sub(/- note .*/, "", ind)
		n = $3; sub(/^#/, "", n)
		print ind "- note " text[n]
	}'
}

# same DESCRIPTION A B: the files are identical.
same() { check "$1" diff -u "$2" "$3"; }

for in in tests/golden/in/*.xml; do
	name=$(basename "$in" .xml)
	if "$RAMIFY" convert "$in" -t text -o "$tmp/rt.txt" 2> "$tmp/diff" &&
	    "$RAMIFY" convert "$tmp/rt.txt" -t ramify -o "$tmp/rt.xml" 2>> "$tmp/diff" &&
	    "$RAMIFY" convert "$tmp/rt.xml" -t text -o "$tmp/rt2.txt" 2>> "$tmp/diff" &&
	    [ ! -s "$tmp/diff" ]; then
		same "$name: text -> XML -> text is byte-identical" "$tmp/rt.txt" "$tmp/rt2.txt"
		text_norm "$in" > "$tmp/a.norm"
		text_norm "$tmp/rt.xml" > "$tmp/b.norm"
		if [ -s "$tmp/a.norm" ] && grep -q '^topic ' "$tmp/a.norm"; then
			same "$name: XML -> text -> XML keeps texts, order and notes" \
			    "$tmp/a.norm" "$tmp/b.norm"
		else
			not_ok "$name: the tree dump has topics to compare"
		fi
	else
		not_ok "$name: converts to text and back without a message"
	fi
done

# The comparison notices a lost note and a changed order.
in=tests/golden/in/xml-shared-notes.xml
"$RAMIFY" convert "$in" -t text -o "$tmp/rt.txt"
text_norm "$in" > "$tmp/a.norm"
for change in 's/review\[W3\]\[W1\]$/review[W3]/' \
    's/Weekly call/Monthly review/; t; s/Monthly review/Weekly call/'; do
	sed "$change" "$tmp/rt.txt" > "$tmp/changed.txt"
	"$RAMIFY" convert "$tmp/changed.txt" -t ramify -o "$tmp/changed.xml" &&
	    text_norm "$tmp/changed.xml" > "$tmp/b.norm"
	if [ -s "$tmp/b.norm" ] && ! cmp -s "$tmp/a.norm" "$tmp/b.norm"; then
		ok "round-trip comparison notices: $change"
	else
		not_ok "round-trip comparison notices: $change"
	fi
done

# Every text fixture: read without a message, and its outline is stable.
for in in tests/golden/in/*.txt; do
	name=$(basename "$in")
	"$RAMIFY" check "$in" > "$tmp/out.txt" 2>&1
	if [ $? -eq 0 ] && [ ! -s "$tmp/out.txt" ]; then
		ok "$name: reads without a message"
	else
		cp "$tmp/out.txt" "$tmp/diff"
		not_ok "$name: reads without a message"
	fi
	"$RAMIFY" convert "$in" -t text -o "$tmp/t1.txt" &&
	    "$RAMIFY" convert "$tmp/t1.txt" -t ramify -o "$tmp/t1.xml" &&
	    "$RAMIFY" convert "$tmp/t1.xml" -t text -o "$tmp/t2.txt"
	same "$name: its outline -> XML -> outline is byte-identical" "$tmp/t1.txt" "$tmp/t2.txt"
done

# The seed's outline: 46 topics under the title, 12 notes, each on the
# topic whose line carries its marker.
in=tests/golden/in/seed000.txt
"$RAMIFY" convert "$in" -t tree -o "$tmp/seed.tree"
[ "$(grep -c '^ *topic ' "$tmp/seed.tree")" -eq 47 ] &&
    [ "$(grep -c '^note #' "$tmp/seed.tree")" -eq 12 ] &&
    [ "$(grep -c '^ *- note #' "$tmp/seed.tree")" -eq 12 ] &&
    ok "seed000: 47 topics, 12 notes, 12 uses" || not_ok "seed000: 47 topics, 12 notes, 12 uses"
# "II. Profiling[W5]" is line 14: its topic is at 14:1 and carries note
# #4 (W5), whose two paragraphs are kept.
if grep -A1 '^  topic "Profiling" id="t12" @14:1$' "$tmp/seed.tree" | grep -q '^    - note #4$' &&
    grep -q '^note #4 id="W5" @54:1 "Use this branch.*buying process\.\\n\\nDetailed knowledge' "$tmp/seed.tree"; then
	ok "seed000: W5 on Profiling, with two paragraphs"
else
	not_ok "seed000: W5 on Profiling, with two paragraphs"
fi

# Deep nesting by indentation: 300 levels with two spaces a level, and
# with tabs; the same outline back from text.
for unit in '  ' '	'; do
	i=0 ind=
	while [ $i -lt 300 ]; do
		printf '%sLevel %d\n' "$ind" $i
		ind="$ind$unit" i=$((i + 1))
	done > "$tmp/deep.txt"
	"$RAMIFY" convert "$tmp/deep.txt" -t tree -o "$tmp/deep.tree" 2> "$tmp/diff"
	last=$(tail -n 1 "$tmp/deep.tree")
	pad=$(printf '%598s' '')
	if [ ! -s "$tmp/diff" ] && [ "$last" = "${pad}topic \"Level 299\" id=\"t299\" @300:$((1 + 299 * ${#unit}))" ]; then
		ok "300 levels by indentation ('$unit'): topic 299 at depth 299"
	else
		echo "$last" >> "$tmp/diff"
		not_ok "300 levels by indentation ('$unit'): topic 299 at depth 299"
	fi
	"$RAMIFY" convert "$tmp/deep.txt" -t text -o "$tmp/deep1.txt" &&
	    "$RAMIFY" convert "$tmp/deep1.txt" -t text -o "$tmp/deep2.txt"
	same "300 levels: the numbered outline reads back the same" "$tmp/deep1.txt" "$tmp/deep2.txt"
done
i=0 ind=
while [ $i -lt 1002 ]; do
	printf '%sLevel %d\n' "$ind" $i
	ind="$ind " i=$((i + 1))
done > "$tmp/deeper.txt"
"$RAMIFY" check "$tmp/deeper.txt" 2> "$tmp/err.txt"
if [ $? -eq 1 ] && [ "$(cat "$tmp/err.txt")" = \
    "$tmp/deeper.txt:1002:1002: error: outline nests too deeply (more than 1000 levels)" ]; then
	ok "1002 levels: located depth error"
else
	cp "$tmp/err.txt" "$tmp/diff"
	not_ok "1002 levels: located depth error"
fi

# CRLF and CR line ends, and a byte order mark, change nothing.
in=tests/golden/in/text-bullets.txt
"$RAMIFY" convert "$in" -t tree -o "$tmp/lf.tree"
sed 's/$/\r/' "$in" > "$tmp/crlf.txt"
tr '\n' '\r' < "$in" > "$tmp/cr.txt"
{ printf '\357\273\277'; cat "$in"; } > "$tmp/bom.txt"
for v in crlf cr bom; do
	"$RAMIFY" convert "$tmp/$v.txt" -t tree -o "$tmp/$v.tree"
	same "$v: the same tree and positions as LF" "$tmp/lf.tree" "$tmp/$v.tree"
done

# Sniffing: from stdin, a numbered outline and plain indented text are
# read as text.
for in in tests/golden/in/seed000.txt tests/golden/in/text-dutch-norwegian.txt; do
	"$RAMIFY" convert - -t tree -o "$tmp/sniffed.tree" < "$in" 2> /dev/null
	"$RAMIFY" convert "$in" -t tree -o "$tmp/named.tree"
	same "$(basename "$in") from stdin is sniffed as text" "$tmp/named.tree" "$tmp/sniffed.tree"
done

# Warnings: exit 0, the map still comes out.
printf 'Title\n    Deep\n  Between\n\n[W1]Never used.\n' > "$tmp/warn.txt"
"$RAMIFY" convert "$tmp/warn.txt" -t tree -o "$tmp/warn.tree" 2> "$tmp/err.txt"
rc=$?
cat > "$tmp/want.txt" <<EOF
$tmp/warn.txt:3:3: warning: inconsistent dedent: indentation 2 matches no enclosing line; placed under line 1
$tmp/warn.txt:5:1: warning: note [W1] is not used by any topic; kept as a note on the map
EOF
if [ $rc -eq 0 ] && cmp -s "$tmp/want.txt" "$tmp/err.txt" &&
    grep -q '^map-note #0$' "$tmp/warn.tree"; then
	ok "warnings: dedent and unused note, exit 0, note kept on the map"
else
	diff -u "$tmp/want.txt" "$tmp/err.txt" > "$tmp/diff"
	not_ok "warnings: dedent and unused note, exit 0, note kept on the map"
fi

# The outlines drawn: their topics are in the PDF.
if command -v pdftotext > /dev/null; then
	"$RAMIFY" convert tests/golden/in/seed000.txt -o "$tmp/seed.pdf" &&
	    pdftotext "$tmp/seed.pdf" "$tmp/seed.pdf.txt"
	grep -q 'Reasons for defection' "$tmp/seed.pdf.txt" &&
	    grep -q 'Managing Customers' "$tmp/seed.pdf.txt" &&
	    ok "seed000.txt renders to PDF" || not_ok "seed000.txt renders to PDF"
	"$RAMIFY" convert tests/golden/in/text-chinese.txt -o "$tmp/zh.pdf" &&
	    pdftotext "$tmp/zh.pdf" "$tmp/zh.pdf.txt"
	grep -q '处理投诉' "$tmp/zh.pdf.txt" && ok "text-chinese.txt renders Chinese to PDF" ||
	    not_ok "text-chinese.txt renders Chinese to PDF"
fi
