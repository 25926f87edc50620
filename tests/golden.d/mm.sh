# tests/golden.d/mm.sh: FreeMind / Freeplane .mm (src/read_mm.c,
# src/write_mm.c).  Sourced by tests/golden.sh: uses ok, not_ok, expect,
# check, cli, $RAMIFY and $tmp; its own names start with mm_.

mm_dir=$tmp/mm
mkdir -p "$mm_dir"

# ---- round trips, for every .mm fixture ----------------------------------
for mm_in in tests/golden/in/*.mm; do
	[ -f "$mm_in" ] || continue
	mm_name=$(basename "$mm_in" .mm)
	# mm -> XML -> mm -> XML: the second XML is the first, so the .mm
	# written kept text, order, notes, links, attributes, icons,
	# folding, sides, colours and ids.
	check "$mm_name: mm -> XML -> mm -> XML keeps everything" sh -c '
	    "$1" convert "$2" -t ramify -o "$3/a.xml" &&
	    "$1" convert "$3/a.xml" -t mm -o "$3/b.mm" &&
	    "$1" convert "$3/b.mm" -t ramify -o "$3/c.xml" &&
	    diff -u "$3/a.xml" "$3/c.xml"' sh "$RAMIFY" "$mm_in" "$mm_dir"
	# Writing what was read from our own .mm gives the same bytes.
	check "$mm_name: mm -> mm -> mm is byte-identical" sh -c '
	    "$1" convert "$2" -t mm -o "$3/w1.mm" &&
	    "$1" convert "$3/w1.mm" -t mm -o "$3/w2.mm" &&
	    cmp "$3/w1.mm" "$3/w2.mm"' sh "$RAMIFY" "$mm_in" "$mm_dir"
	# What Freeplane gets is well-formed, ASCII, without timestamps.
	check "$mm_name: written .mm is well-formed ASCII, no timestamps" sh -c '
	    xmllint --noout --nonet "$1" &&
	    ! LC_ALL=C grep -q "[^ -~]" "$1" &&
	    ! grep -q "CREATED=\|MODIFIED=" "$1" &&
	    head -1 "$1" | grep -q "^<map version=\"freeplane 1.9.13\">$"' \
	    sh "$mm_dir/w1.mm"
	# Read from stdin, the format is told by the content.
	check "$mm_name: sniffed as .mm from stdin" sh -c '
	    "$1" convert - -t tree -o "$3/stdin.tree" < "$2" &&
	    "$1" convert "$2" -t tree -o "$3/file.tree" &&
	    cmp "$3/stdin.tree" "$3/file.tree"' sh "$RAMIFY" "$mm_in" "$mm_dir"
done

# ---- the writer's output, as Freeplane will see it -------------------------
for mm_name in mm-features mm-chinese; do
	if "$RAMIFY" convert "tests/golden/in/$mm_name.mm" -t mm \
	    -o "$mm_dir/$mm_name.written.mm" 2> "$tmp/diff"; then
		expect "$mm_name -t mm" "tests/golden/$mm_name.written.mm" \
		    "$mm_dir/$mm_name.written.mm"
	else
		not_ok "$mm_name -t mm exits 0"
	fi
done

# ---- what the reader skips --------------------------------------------------
"$RAMIFY" convert tests/golden/in/mm-freeplane.mm -t tree -o "$mm_dir/fp.tree" 2> "$tmp/diff"
if [ -s "$mm_dir/fp.tree" ] && ! grep -q "must not appear\|styles\.\|ID_271890427" "$mm_dir/fp.tree" &&
    [ "$(grep -c '^ *topic ' "$mm_dir/fp.tree")" -eq 9 ]; then
	ok "mm-freeplane: styles, hooks and properties are skipped, nodes kept"
else
	not_ok "mm-freeplane: styles, hooks and properties are skipped, nodes kept"
fi

# ---- depth: libxml2 takes 257 levels of elements, so 256 nested nodes --------
# mm_deep N FILE: a chain of N nested nodes.
mm_deep() {
	{
		echo '<map version="1.0.1">'
		mm_i=0
		while [ $mm_i -lt "$1" ]; do
			echo "<node TEXT=\"level $mm_i\" ID=\"ID_$mm_i\">"
			mm_i=$((mm_i + 1))
		done
		mm_i=0
		while [ $mm_i -lt "$1" ]; do
			echo '</node>'
			mm_i=$((mm_i + 1))
		done
		echo '</map>'
	} > "$2"
}
mm_deep 256 "$mm_dir/deep256.mm"
mm_deep 300 "$mm_dir/deep300.mm"
cli "mm: 256 nested nodes pass check" 0 "$RAMIFY" check "$mm_dir/deep256.mm"
check "mm: 256 nested nodes: 256 topics, mm -> XML -> mm -> XML keeps them" sh -c '
    "$1" convert "$2/deep256.mm" -t tree -o "$2/deep.tree" &&
    [ "$(grep -c "topic \"level" "$2/deep.tree")" -eq 256 ] &&
    grep -q "^ \{510\}topic \"level 255\" id=\"ID_255\" @257:1$" "$2/deep.tree" &&
    "$1" convert "$2/deep256.mm" -t ramify -o "$2/deep-a.xml" &&
    "$1" convert "$2/deep-a.xml" -t mm -o "$2/deep-b.mm" &&
    "$1" convert "$2/deep-b.mm" -t ramify -o "$2/deep-c.xml" &&
    cmp "$2/deep-a.xml" "$2/deep-c.xml"' sh "$RAMIFY" "$mm_dir"
cli "mm: 300 nested nodes fail check" 1 "$RAMIFY" check "$mm_dir/deep300.mm"
echo "$mm_dir/deep300.mm:258:1: error: document nests too deeply (more than 257 levels of elements)" > "$mm_dir/deep300.want"
check "mm: 300 nested nodes: located error, nothing else" diff -u "$mm_dir/deep300.want" "$tmp/err.txt"

# ---- writing other maps as .mm ----------------------------------------------
cat > "$mm_dir/links.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<map xmlns="urn:ramify:map:1" version="1">
  <title>Dropped: .mm has no title</title>
  <note><p>Map-level note.</p></note>
  <topic id="root" text="Root">
    <note><p>Root note.</p></note>
    <note><p>Second</p><p>note.</p></note>
    <note><p>Third note.</p></note>
    <topic id="a" text="A" side="left">
      <link href="https://example.com/" title="Home"/>
      <link href="#b"/>
      <link href="https://example.org/"/>
      <link href="#nowhere"/>
      <customer ref="C1"/>
      <topic id="a1" text="  two&#10;lines, spaced" side="right"/>
    </topic>
    <topic id="b" text="B"/>
  </topic>
</map>
EOF
cli "mm: writing a ramify map with extra links exits 0" 0 "$RAMIFY" convert "$mm_dir/links.xml" -t mm -o "$mm_dir/links.mm"
cat > "$mm_dir/links.want" <<EOF
$mm_dir/links.xml:9:5: warning: topic 'a': link 'https://example.org/' left out (a .mm node has one link)
$mm_dir/links.xml:9:5: warning: topic 'a': link '#nowhere' left out (a .mm node has one link)
EOF
check "mm: links a node cannot hold are told, one warning each" diff -u "$mm_dir/links.want" "$tmp/err.txt"
cat > "$mm_dir/links.want" <<'EOF'
<map version="freeplane 1.9.13">
<!--To view this file, download free mind mapping software Freeplane from https://www.freeplane.org -->
<node TEXT="Root" ID="root">
<richcontent TYPE="NOTE">
<html>
  <head>

  </head>
  <body>
    <p>
      Root note.
    </p>
  </body>
</html>
</richcontent>
<richcontent TYPE="DETAILS">
<html>
  <head>

  </head>
  <body>
    <p>
      Second
    </p>
    <p>
      note.
    </p>
    <p>
      Third note.
    </p>
    <p>
      Map-level note.
    </p>
  </body>
</html>
</richcontent>
<node TEXT="A" ID="a" POSITION="left" LINK="https://example.com/">
<arrowlink DESTINATION="b"/>
<node TEXT="  two&#xa;lines, spaced" ID="a1"/>
</node>
<node TEXT="B" ID="b"/>
</node>
</map>
EOF
check "mm: one LINK, #key links as arrow links, notes as NOTE then DETAILS" diff -u "$mm_dir/links.want" "$mm_dir/links.mm"
