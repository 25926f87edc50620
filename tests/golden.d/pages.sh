# pages.sh: PDF pages, metadata, bookmarks and links, and SVG extras,
# through the command line.  Sourced by tests/golden.sh (ok, not_ok,
# check, cli, $RAMIFY, $tmp).
pg=samples/customer-management.xml

pdf_pages() { pdfinfo "$1" 2> /dev/null | sed -n 's/^Pages: *//p'; }

cli "pages: --page a4 renders" 0 "$RAMIFY" convert "$pg" -o "$tmp/pg-a4.pdf" --page a4
cli "pages: --page a4 again" 0 "$RAMIFY" convert "$pg" -o "$tmp/pg-a4b.pdf" --page a4
check "pages: a4 tiles are the same bytes twice" cmp -s "$tmp/pg-a4.pdf" "$tmp/pg-a4b.pdf"
check "pages: a4 sheets are A4" sh -c "pdfinfo -f 1 -l 3 '$tmp/pg-a4.pdf' | grep -q 'Page    3 size: *595.276 x 841.89'"
# 1544 x 764 pt on A4 portrait: 4 columns in one row, an overview, and
# two pages of notes.
pg_n=$(pdf_pages "$tmp/pg-a4.pdf")
[ "$pg_n" = 7 ] && ok "pages: sample on A4 is overview + 4 tiles + 2 note pages" ||
    { echo "got $pg_n pages" > "$tmp/diff"; not_ok "pages: sample on A4 is overview + 4 tiles + 2 note pages"; }
check "pages: overview, tile labels and neighbours" sh -c "pdftotext '$tmp/pg-a4.pdf' - | grep -q 'A2 — row 1, column 2' &&
    pdftotext -f 1 -l 1 '$tmp/pg-a4.pdf' - | grep -q 'Overview — 1 row × 4 columns, 4 sheets at 100 %' &&
    pdftotext -f 3 -l 3 '$tmp/pg-a4.pdf' - | grep -q 'A3'"
# Viewers show "Overview", "A1".."A4", "Notes 1", "Notes 2".
check "pages: page labels name the sheets" sh -c "grep -a -q '0 << /P (Overview) >>' '$tmp/pg-a4.pdf' &&
    grep -a -q '1 << /S /D /St 1 /P (A) >>' '$tmp/pg-a4.pdf' && grep -a -q '5 << /S /D /St 1 /P (Notes ) >>' '$tmp/pg-a4.pdf'"

cli "pages: letter,landscape renders" 0 "$RAMIFY" convert "$pg" -o "$tmp/pg-ll.pdf" --page letter,landscape
check "pages: landscape letter is 792 x 612" sh -c "pdfinfo '$tmp/pg-ll.pdf' | grep -q 'Page size: *792 x 612'"
cli "pages: --page a5 is a usage error" 2 "$RAMIFY" convert "$pg" -o "$tmp/x.pdf" --page a5
cli "pages: --page fit,landscape is a usage error" 2 "$RAMIFY" convert "$pg" -o "$tmp/x.pdf" --page fit,landscape

# Endnotes: the default; none with --notes none.
cli "pages: fit with notes" 0 "$RAMIFY" convert "$pg" -o "$tmp/pg-fit.pdf"
pg_n=$(pdf_pages "$tmp/pg-fit.pdf")
[ "$pg_n" -gt 1 ] && ok "pages: endnotes follow the map" || not_ok "pages: endnotes follow the map"
check "pages: endnotes list note 1 and its topic" sh -c "pdftotext -f 2 -l 2 '$tmp/pg-fit.pdf' - | grep -q 'This map is a working checklist'"
cli "pages: --notes none" 0 "$RAMIFY" convert "$pg" -o "$tmp/pg-nn.pdf" --notes none
[ "$(pdf_pages "$tmp/pg-nn.pdf")" = 1 ] && ok "pages: --notes none gives one page" ||
    not_ok "pages: --notes none gives one page"

# Metadata: options, else the root's attributes.
cli "pages: --author and --subject" 0 "$RAMIFY" convert "$pg" -o "$tmp/pg-meta.pdf" --author "Ada Lovelace" --subject "Customers, kept"
check "pages: author, subject, title and creator" sh -c "pdfinfo '$tmp/pg-meta.pdf' > '$tmp/info' &&
    grep -q '^Author: *Ada Lovelace' '$tmp/info' && grep -q '^Subject: *Customers, kept' '$tmp/info' &&
    grep -q '^Title: *Managing customers' '$tmp/info' && grep -q '^Creator: *ramify' '$tmp/info'"
cat > "$tmp/attrs.xml" <<'EOF'
<map xmlns="urn:ramify:map:1" version="1"><topic text="Root">
<attr name="author" value="Grace Hopper"/><attr name="subject" value="Compilers"/>
<topic text="Child"/></topic></map>
EOF
cli "pages: author from the root's attributes" 0 "$RAMIFY" convert "$tmp/attrs.xml" -o "$tmp/attrs.pdf"
check "pages: author and subject from attributes" sh -c "pdfinfo '$tmp/attrs.pdf' | grep -q '^Author: *Grace Hopper' &&
    pdfinfo '$tmp/attrs.pdf' | grep -q '^Subject: *Compilers'"

# Bookmarks and links, read from the file (cairo leaves them uncompressed).
check "pages: a bookmark per topic" sh -c "[ \$(grep -a -c '^<< /Title ' '$tmp/pg-fit.pdf') -ge 60 ] &&
    grep -a -q '^<< /Title (Analysing customers)' '$tmp/pg-fit.pdf'"
check "pages: web links are /URI annotations" sh -c "grep -a -q '/URI (https://en.wikipedia.org/wiki/Cross-selling)' '$tmp/pg-fit.pdf' &&
    grep -a -q '/URI (https://en.wikipedia.org/wiki/Cross-selling)' '$tmp/pg-a4.pdf'"

# SVG: <title>, links, --svg-text.
cli "pages: svg" 0 "$RAMIFY" convert "$pg" -o "$tmp/pg.svg"
cli "pages: svg --svg-text" 0 "$RAMIFY" convert "$pg" -o "$tmp/pg-t.svg" --svg-text
cli "pages: svg --svg-text again" 0 "$RAMIFY" convert "$pg" -o "$tmp/pg-t2.svg" --svg-text
check "pages: --svg-text is the same bytes twice" cmp -s "$tmp/pg-t.svg" "$tmp/pg-t2.svg"
check "pages: both SVGs are well-formed" xmllint --noout --nonet "$tmp/pg.svg" "$tmp/pg-t.svg"
check "pages: svg <title> after <svg>" sh -c "sed -n 3p '$tmp/pg.svg' | grep -qx '<title>Managing customers</title>'"
check "pages: svg links" sh -c "grep -q '<a xlink:href=\"https://en.wikipedia.org/wiki/Cross-selling\">' '$tmp/pg.svg'"
# Topic text is <text>; only the small note-marker numbers and "+N"
# badges are still drawn as glyph shapes.
check "pages: --svg-text keeps text as <text>" sh -c "grep -q '>Managing customers</text>' '$tmp/pg-t.svg' &&
    ! grep -q '>Managing customers</tspan>' '$tmp/pg.svg' &&
    [ \$(grep -c '<use xlink:href=\"#glyph' '$tmp/pg-t.svg') -lt \$(grep -c '<use xlink:href=\"#glyph' '$tmp/pg.svg') ]"
pg_a=$(wc -c < "$tmp/pg.svg")
pg_b=$(wc -c < "$tmp/pg-t.svg")
[ $((pg_b * 3)) -lt "$pg_a" ] && ok "pages: --svg-text is under a third of the size" ||
    { echo "$pg_b bytes, $pg_a as glyphs" > "$tmp/diff"; not_ok "pages: --svg-text is under a third of the size"; }
if command -v rsvg-convert > /dev/null; then
	check "pages: rsvg-convert draws --svg-text" rsvg-convert "$tmp/pg-t.svg" -o "$tmp/pg-t.png"
fi
