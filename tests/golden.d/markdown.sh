# markdown.sh: Markdown reader and writer; sourced by tests/golden.sh (ok,
# not_ok, check, model, cli, $RAMIFY, $tmp).

# ---- round trips, for every Markdown fixture -------------------------------
for in in tests/golden/in/*.md; do
	[ -f "$in" ] || continue
	name=$(basename "$in" .md)
	m=$tmp/md-$name
	"$RAMIFY" convert "$in" -t markdown -o "$m.1.md" 2> "$tmp/diff"
	check "markdown $name: MD -> XML -> MD is MD -> MD" sh -c '
	    "$1" convert "$2" -t ramify -o "$3.x.xml" &&
	    "$1" convert "$3.x.xml" -t markdown -o "$3.2.md" &&
	    diff -u "$3.1.md" "$3.2.md"' sh "$RAMIFY" "$in" "$m"
	check "markdown $name: MD -> MD -> MD is byte-identical" sh -c '
	    "$1" convert "$2.1.md" -t markdown -o "$2.3.md" &&
	    diff -u "$2.1.md" "$2.3.md"' sh "$RAMIFY" "$m"
	model "$in" > "$m.a.tree"
	model "$m.1.md" > "$m.b.tree"
	check "markdown $name: written Markdown reads back to the same map" \
	    diff -u "$m.a.tree" "$m.b.tree"
done

# ---- escaping: any text survives Markdown ---------------------------------
cat > "$tmp/escapes.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<map xmlns="urn:ramify:map:1" version="1">
  <title>Title: "quoted" \ back # not a comment</title>
  <note><p>- a map note that looks like a list</p></note>
  <topic text="# Root with *stars* and _underscores_ #">
    <note><p>1. not a list; &gt; not a quote; [not](a link)</p><p>`code` &amp;amp; &lt;b&gt;</p></note>
    <topic text="  two leading spaces and two trailing  " folded="true">
      <topic text="1. looks ordered">
        <topic text="- looks like a bullet">
          <topic text="+ plus &amp; = equals">
            <link href="https://example.com/a b (c)?x=1&amp;y=&lt;2&gt;" title="say &quot;hi&quot; \ &amp;amp;"/>
            <link href="https://second.example/"/>
          </topic>
          <topic text="&lt;br&gt; &lt;!-- markmap: fold --&gt; &amp;copy; \\ \`">
            <note><p>note with a &lt;br&gt; and | pipes | and ~tilde~</p></note>
          </topic>
          <topic text="line one&#10;line two&#9;tab"/>
          <topic text="===" folded="true"/>
          <topic text="---"/>
          <topic text="    indented code?"/>
          <topic text="![image](x.png) [x]: /ref"/>
          <topic text=""/>
          <topic text="中文 「引号」 ＃全角"/>
        </topic>
      </topic>
    </topic>
  </topic>
</map>
XML
"$RAMIFY" convert "$tmp/escapes.xml" -t ramify -o "$tmp/escapes.1.xml" 2> /dev/null
check "markdown: special characters survive XML -> MD -> XML" sh -c '
    "$1" convert "$2/escapes.xml" -t markdown -o "$2/escapes.md" &&
    "$1" convert "$2/escapes.md" -t ramify -o "$2/escapes.2.xml" &&
    diff -u "$2/escapes.1.xml" "$2/escapes.2.xml"' sh "$RAMIFY" "$tmp"

# ---- deep nesting: a list 300 levels deep ----------------------------------
{
	echo "# Deep"
	i=0 ind=""
	while [ $i -lt 300 ]; do
		echo "$ind- level $i"
		ind="$ind  "; i=$((i + 1))
	done
} > "$tmp/deep300.md"
cli "markdown: a list 300 levels deep is read" 0 "$RAMIFY" check "$tmp/deep300.md"
"$RAMIFY" convert "$tmp/deep300.md" -t tree -o "$tmp/deep300.tree" 2> /dev/null
[ "$(grep -c 'topic "level' "$tmp/deep300.tree")" -eq 300 ] &&
    grep -q '^ \{600\}topic "level 299" id="t300" @301:601$' "$tmp/deep300.tree" &&
    ok "markdown: 300 nested items make a 300-deep chain" ||
    not_ok "markdown: 300 nested items make a 300-deep chain"
check "markdown: 300 levels: MD -> MD -> MD is byte-identical" sh -c '
    "$1" convert "$2/deep300.md" -t markdown -o "$2/deep300.1.md" &&
    "$1" convert "$2/deep300.1.md" -t markdown -o "$2/deep300.2.md" &&
    cmp "$2/deep300.1.md" "$2/deep300.2.md"' sh "$RAMIFY" "$tmp"
cli "markdown: 300 levels are too deep for OPML" 1 "$RAMIFY" convert "$tmp/deep300.md" -t opml -o "$tmp/deep300.opml"
grep -q "deep300.md:256:511: error: topic 't255' is too deep for OPML" "$tmp/err.txt" &&
    [ ! -e "$tmp/deep300.opml" ] &&
    ok "markdown: too deep for OPML is a located error, no output" ||
    { cp "$tmp/err.txt" "$tmp/diff"; not_ok "markdown: too deep for OPML is a located error, no output"; }

# ---- front matter, sniffing --------------------------------------------------
printf -- '---\ntitle: [unclosed\n---\n# Root\n- child\n' > "$tmp/badyaml.md"
cli "markdown: bad front matter is only a warning" 0 "$RAMIFY" check "$tmp/badyaml.md"
grep -q "badyaml.md:3:1: warning: front matter is not YAML" "$tmp/err.txt" &&
    ok "markdown: bad front matter warning is located" ||
    { cp "$tmp/err.txt" "$tmp/diff"; not_ok "markdown: bad front matter warning is located"; }
printf -- '---\ntitle: Quarterly review\nowner: Ann\n...\n## One\n## Two\n' > "$tmp/fm.md"
"$RAMIFY" convert "$tmp/fm.md" -t tree -o "$tmp/fm.tree" 2> /dev/null
grep -q '^title "Quarterly review"$' "$tmp/fm.tree" &&
    grep -q '^topic "Quarterly review" id="t0" @5:4$' "$tmp/fm.tree" &&
    ! grep -q owner "$tmp/fm.tree" &&
    ok "markdown: the front matter title is the root of several headings" ||
    { cp "$tmp/fm.tree" "$tmp/diff"; not_ok "markdown: the front matter title is the root of several headings"; }
if "$RAMIFY" convert - -t tree -o - < tests/golden/in/md-features.md > "$tmp/sniff.tree" 2> "$tmp/diff" &&
    cmp -s "$tmp/sniff.tree" tests/golden/md-features.md.tree; then
	rm -f "$tmp/diff"; ok "markdown: recognised by its content on stdin"
else
	not_ok "markdown: recognised by its content on stdin"
fi
