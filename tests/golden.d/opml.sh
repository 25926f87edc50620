# opml.sh: OPML reader and writer; sourced by tests/golden.sh (ok, not_ok,
# check, model, cli, $RAMIFY, $tmp).

# ---- round trips, for every OPML fixture ---------------------------------
for in in tests/golden/in/*.opml; do
	[ -f "$in" ] || continue
	name=$(basename "$in" .opml)
	o=$tmp/opml-$name
	"$RAMIFY" convert "$in" -t opml -o "$o.1.opml" 2> "$tmp/diff"
	# OPML -> ramify XML -> OPML keeps all that OPML holds: same bytes as
	# OPML -> OPML.
	check "opml $name: OPML -> XML -> OPML is OPML -> OPML" sh -c '
	    "$1" convert "$2" -t ramify -o "$3.x.xml" &&
	    "$1" convert "$3.x.xml" -t opml -o "$3.2.opml" &&
	    diff -u "$3.1.opml" "$3.2.opml"' sh "$RAMIFY" "$in" "$o"
	# Writing what was written changes nothing, and the model survives.
	check "opml $name: OPML -> OPML -> OPML is byte-identical" sh -c '
	    "$1" convert "$2.1.opml" -t opml -o "$2.3.opml" &&
	    diff -u "$2.1.opml" "$2.3.opml"' sh "$RAMIFY" "$o"
	model "$in" > "$o.a.tree"
	model "$o.1.opml" > "$o.b.tree"
	check "opml $name: written OPML reads back to the same map" \
	    diff -u "$o.a.tree" "$o.b.tree"
	check "opml $name: output is well-formed XML" \
	    xmllint --noout --nonet "$o.1.opml"
done

# ---- ISO-8859-1 comes out as UTF-8 -----------------------------------------
"$RAMIFY" convert tests/golden/in/opml-latin1.opml -t text -o "$tmp/latin1.txt" 2> /dev/null
if grep -q 'Café « crème »' "$tmp/latin1.txt" &&
    grep -q 'Grüße aus München' "$tmp/latin1.txt" &&
    iconv -f UTF-8 -t UTF-8 "$tmp/latin1.txt" > /dev/null 2>&1; then
	ok "opml: ISO-8859-1 text is read as UTF-8"
else
	cp "$tmp/latin1.txt" "$tmp/diff"; not_ok "opml: ISO-8859-1 text is read as UTF-8"
fi
"$RAMIFY" convert tests/golden/in/opml-latin1.opml -t opml -o "$tmp/latin1.opml" 2> /dev/null
if head -1 "$tmp/latin1.opml" | grep -q 'encoding="UTF-8"' &&
    grep -q 'text="Café « crème »"' "$tmp/latin1.opml"; then
	ok "opml: written as UTF-8"
else
	not_ok "opml: written as UTF-8"
fi

# ---- deep nesting: libxml2 stops at 257 levels of elements -----------------
opml_deep() { # opml_deep N FILE: a chain of N outlines
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo '<opml version="2.0"><body>'
		i=0
		while [ $i -lt "$1" ]; do
			echo "<outline text=\"level $i\">"; i=$((i + 1))
		done
		i=0
		while [ $i -lt "$1" ]; do
			echo "</outline>"; i=$((i + 1))
		done
		echo '</body></opml>'
	} > "$2"
}
opml_deep 254 "$tmp/deep254.opml"
cli "opml: 254 nested outlines are read" 0 "$RAMIFY" check "$tmp/deep254.opml"
"$RAMIFY" convert "$tmp/deep254.opml" -t tree -o "$tmp/deep254.tree" 2> /dev/null
[ "$(grep -c 'topic "level' "$tmp/deep254.tree")" -eq 254 ] &&
    grep -q '^ \{506\}topic "level 253"' "$tmp/deep254.tree" &&
    ok "opml: 254 nested outlines make a 254-deep chain" ||
    not_ok "opml: 254 nested outlines make a 254-deep chain"
check "opml: 254 levels written and read again" sh -c '
    "$1" convert "$2/deep254.opml" -t opml -o "$2/deep254b.opml" &&
    "$1" check "$2/deep254b.opml"' sh "$RAMIFY" "$tmp"
opml_deep 300 "$tmp/deep300.opml"
cli "opml: 300 nested outlines are refused" 1 "$RAMIFY" check "$tmp/deep300.opml"
grep -q "deep300.opml:258:1: error: document nests too deeply" "$tmp/err.txt" &&
    ok "opml: too deep is a located error" || not_ok "opml: too deep is a located error"

# ---- sniffing, folding, the root, what OPML cannot hold --------------------
if "$RAMIFY" convert - -t tree -o - < tests/golden/in/opml-features.opml > "$tmp/sniff.tree" 2> "$tmp/diff" &&
    cmp -s "$tmp/sniff.tree" tests/golden/opml-features.opml.tree; then
	rm -f "$tmp/diff"; ok "opml: recognised by its content on stdin"
else
	not_ok "opml: recognised by its content on stdin"
fi
cat > "$tmp/fold.opml" <<'XML'
<opml version="2.0"><head><title>T</title><expansionState>0,2</expansionState></head>
<body><outline text="a"><outline text="a1"><outline text="x"/></outline><outline text="a2"><outline text="y"/></outline></outline></body></opml>
XML
"$RAMIFY" convert "$tmp/fold.opml" -t tree -o "$tmp/fold.tree" 2> /dev/null
grep -q 'topic "a1" id="t1" @2:25 folded$' "$tmp/fold.tree" &&
    ! grep -q 'topic "a2" .*folded' "$tmp/fold.tree" &&
    ! grep -q 'topic "a" .*folded' "$tmp/fold.tree" &&
    ok "opml: expansionState: lines 0 (a) and 2 (a2) open, a1 folded" ||
    not_ok "opml: expansionState: lines 0 (a) and 2 (a2) open, a1 folded"
sed 's/<outline text="a2">/<outline text="a2" collapse="false">/' "$tmp/fold.opml" > "$tmp/fold2.opml"
"$RAMIFY" convert "$tmp/fold2.opml" -t tree -o "$tmp/fold2.tree" 2> /dev/null
! grep -q folded "$tmp/fold2.tree" &&
    ok "opml: collapse attributes take precedence over expansionState" ||
    not_ok "opml: collapse attributes take precedence over expansionState"
cat > "$tmp/lossy.xml" <<'XML'
<map xmlns="urn:ramify:map:1" version="1">
  <note><p>A map-level note.</p></note>
  <topic text="Root &amp; &lt;co&gt; &quot;x&quot;&#10;two">
    <link href="https://a.example/"/>
    <link href="https://b.example/"/>
    <attr name="Due date" value="2024-05-01"/>
    <attr name="owner" value="Ann&#9;&amp;Bob"/>
    <attr name="text" value="clash"/>
  </topic>
</map>
XML
cli "opml: writes what it can" 0 "$RAMIFY" convert "$tmp/lossy.xml" -t opml -o "$tmp/lossy.opml"
grep -q 'lossy.xml: warning: OPML holds one link per outline: 1 more left out' "$tmp/err.txt" &&
    grep -q 'warning: 2 attributes left out' "$tmp/err.txt" &&
    grep -q 'warning: OPML has no place for map-level notes: 1 left out' "$tmp/err.txt" &&
    ok "opml: what is left out is counted in warnings" ||
    { cp "$tmp/err.txt" "$tmp/diff"; not_ok "opml: what is left out is counted in warnings"; }
grep -q '<outline text="Root &amp; &lt;co&gt; &quot;x&quot;&#10;two" type="link" url="https://a.example/" owner="Ann&#9;&amp;Bob"/>' "$tmp/lossy.opml" &&
    xmllint --noout --nonet "$tmp/lossy.opml" 2> /dev/null &&
    ok "opml: escaped, well-formed output" || not_ok "opml: escaped, well-formed output"
"$RAMIFY" convert "$tmp/lossy.opml" -t tree -o "$tmp/lossy.tree" 2> /dev/null
grep -q 'topic "Root & <co> \\"x\\"\\ntwo"' "$tmp/lossy.tree" && grep -q 'attr "owner" = "Ann\\t&Bob"' "$tmp/lossy.tree" &&
    ok "opml: escaped text reads back the same" ||
    { cp "$tmp/lossy.tree" "$tmp/diff"; not_ok "opml: escaped text reads back the same"; }
