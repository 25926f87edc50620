# render-text.sh: text drawn from the glyphs kept while measuring (one
# shaping per topic, batched by font and colour) must stay selectable and
# searchable in every script: ligatures, CJK, right-to-left, accents,
# (no lam-alef: pdftotext reads that ligature back in the wrong order even
# from Pango's own drawing),
# wrapped lines.  pdftotext must give back each topic's words.
if command -v pdftotext > /dev/null; then
	in=tests/render/scripts.xml
	if "$RAMIFY" convert "$in" -o "$tmp/scripts.pdf" 2> "$tmp/diff" &&
	    pdftotext "$tmp/scripts.pdf" "$tmp/scripts.txt" 2>> "$tmp/diff"; then
		rm -f "$tmp/diff"
		missing=
		for w in Customer office files Efficient fiscal offers 客户分类与生命周期 \
		    Kundeoppfølging bedrifter één eigenaar عميل مخلص שירות לקוחות \
		    Café naïve résumé Ελληνικά Русский several narrower; do
			tr '\n' ' ' < "$tmp/scripts.txt" | grep -q -- "$w" || missing="$missing $w"
		done
		if [ -z "$missing" ]; then
			ok "pdf: text in every script is selectable"
		else
			echo "missing:$missing" > "$tmp/diff"
			not_ok "pdf: text in every script is selectable"
		fi
	else
		not_ok "pdf: scripts.xml renders"
	fi
	# Same bytes whatever the number of shaping threads.
	"$RAMIFY" convert "$in" -o "$tmp/t1.pdf" --threads 1 2> /dev/null
	"$RAMIFY" convert "$in" -o "$tmp/t4.pdf" --threads 4 2> /dev/null
	cmp -s "$tmp/t1.pdf" "$tmp/t4.pdf" && ok "pdf: same bytes on 1 or 4 shaping threads" ||
	    not_ok "pdf: same bytes on 1 or 4 shaping threads"
fi
