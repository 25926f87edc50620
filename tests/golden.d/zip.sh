# zip.sh: the zipped map formats (XMind, MindManager) from the command
# line: --sheet, warnings, detection by content, rendering.  Sourced by
# tests/golden.sh (ok, not_ok, expect, cli, $RAMIFY, $tmp).  The fixtures
# are made by tests/fixtures/make-zip-fixtures.py; deep nesting is built
# in memory by tests/test_zip.c.

zen=tests/golden/in/xmind-zen.xmind
x8=tests/golden/in/xmind8.xmind
mm=tests/golden/in/mindmanager.mmap

# --sheet: a number, a title; an unknown one lists the sheets.
for f in "$zen" "$x8"; do
	cli "$f --sheet 2" 0 "$RAMIFY" convert "$f" --sheet 2 -t tree -o -
	head -1 "$tmp/out.txt" > "$tmp/sheet2.txt"
	cli "$f --sheet 1" 0 "$RAMIFY" convert "$f" --sheet 1 -t tree -o -
	if ! cmp -s "$tmp/sheet2.txt" "$tmp/out.txt" &&
	    grep -q '^title "第二张 Second sheet"$\|^title "Sheet two"$' "$tmp/sheet2.txt"; then
		ok "$f: --sheet 2 reads the second sheet"
	else
		not_ok "$f: --sheet 2 reads the second sheet"
	fi
done
cli "--sheet by title" 0 "$RAMIFY" convert "$zen" --sheet "第二张 Second sheet" -t tree -o -
grep -q '^topic "Plans" id="root2"$' "$tmp/out.txt" && ok "--sheet by title picks it" ||
    not_ok "--sheet by title picks it"
cli "unknown --sheet exits 1" 1 "$RAMIFY" convert "$zen" --sheet 3 -o "$tmp/zip-none.pdf"
echo "$zen: error: no sheet 3: the 2 sheets are 1 '客户管理 Customer care', 2 '第二张 Second sheet'" > "$tmp/want.txt"
expect "unknown --sheet lists the sheets" "$tmp/want.txt" "$tmp/err.txt"
cli "unknown --sheet name exits 1" 1 "$RAMIFY" check "$x8" --sheet "Nope"
echo "$x8: error: no sheet named 'Nope': the 2 sheets are 1 '画布 1 Sheet one', 2 'Sheet two'" > "$tmp/want.txt"
expect "unknown --sheet name lists the sheets" "$tmp/want.txt" "$tmp/err.txt"
[ ! -e "$tmp/zip-none.pdf" ] && ok "unknown --sheet writes nothing" || not_ok "unknown --sheet writes nothing"

# Attachment links are dropped with a warning, and the run succeeds.
cli "xap: links warn, exit 0" 0 "$RAMIFY" check "$x8"
echo "$x8:51:11: warning: content.xml: topic 'a2': link to 'xap:attachments/notes.docx' dropped (files attached inside the archive are not read)" > "$tmp/want.txt"
expect "xap: link warning is located" "$tmp/want.txt" "$tmp/err.txt"

# Found by content: no extension, and on standard input.
for f in "$zen" "$x8" "$mm"; do
	cp "$f" "$tmp/noext"
	if "$RAMIFY" convert "$tmp/noext" -t tree -o "$tmp/a.tree" 2> /dev/null &&
	    "$RAMIFY" convert - -t tree -o "$tmp/b.tree" < "$f" 2> /dev/null &&
	    "$RAMIFY" convert "$f" -t tree -o "$tmp/c.tree" 2> /dev/null &&
	    cmp -s "$tmp/a.tree" "$tmp/c.tree" && cmp -s "$tmp/b.tree" "$tmp/c.tree"; then
		ok "$f: recognised by content, from a file and from stdin"
	else
		not_ok "$f: recognised by content, from a file and from stdin"
	fi
done

# The fuzzing seeds are good maps too.
cli "fuzz seeds are valid maps" 0 "$RAMIFY" check tests/fuzz/seeds/xmind/* tests/fuzz/seeds/mmap/*

# Drawn: Chinese text selectable in the PDF; a PNG from MindManager.
if "$RAMIFY" convert "$zen" -o "$tmp/zen.pdf" 2> /dev/null && command -v pdftotext > /dev/null &&
    pdftotext "$tmp/zen.pdf" - | grep -q "浮动主题 Floating" &&
    pdftotext "$tmp/zen.pdf" - | grep -q "客户管理"; then
	ok "xmind: PDF has the topics' text, Chinese too"
else
	not_ok "xmind: PDF has the topics' text, Chinese too"
fi
if "$RAMIFY" convert "$mm" -o "$tmp/mm.png" 2> /dev/null &&
    [ "$(head -c 8 "$tmp/mm.png" | od -An -c | tr -d ' ')" = '211PNG\r\n032\n' ]; then
	ok "mmap: renders to PNG"
else
	not_ok "mmap: renders to PNG"
fi
