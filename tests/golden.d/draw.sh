# draw.sh: themes, notes modes and fold badges through the command line.
# Sourced by tests/golden.sh (ok, not_ok, cli, $RAMIFY, $tmp).

sample=samples/customer-management.xml

# Every theme, every drawing format: renders, and the same bytes twice.
for theme in default print workshop; do
	for t in pdf svg png; do
		if "$RAMIFY" convert "$sample" --theme "$theme" -o "$tmp/t1.$t" 2> "$tmp/diff" &&
		    "$RAMIFY" convert "$sample" --theme "$theme" -o "$tmp/t2.$t" 2>> "$tmp/diff" &&
		    [ -s "$tmp/t1.$t" ] && cmp -s "$tmp/t1.$t" "$tmp/t2.$t"; then
			rm -f "$tmp/diff"; ok "theme $theme: $t renders, same bytes twice"
		else
			not_ok "theme $theme: $t renders, same bytes twice"
		fi
	done
	xmllint --noout --nonet "$tmp/t1.svg" 2> "$tmp/diff" &&
	    { rm -f "$tmp/diff"; ok "theme $theme: svg well-formed"; } ||
	    not_ok "theme $theme: svg well-formed"
done
# Themes differ: the print theme is not the default with another name.
"$RAMIFY" convert "$sample" -o "$tmp/d.png" 2> /dev/null
"$RAMIFY" convert "$sample" --theme print -o "$tmp/p.png" 2> /dev/null
cmp -s "$tmp/d.png" "$tmp/p.png" && not_ok "print differs from default" ||
    ok "print differs from default"
cli "unknown theme is a usage error" 2 "$RAMIFY" convert "$sample" -o "$tmp/x.pdf" --theme neon
grep -q "theme" "$tmp/err.txt" && ok "unknown theme: the message names the option" ||
    not_ok "unknown theme: the message names the option"

# Notes: inline puts the note text in the picture, none leaves it out.
if command -v pdftotext > /dev/null; then
	note="Keeping an existing customer costs far less"
	"$RAMIFY" convert "$sample" --notes inline -o "$tmp/inline.pdf" &&
	    pdftotext "$tmp/inline.pdf" - | tr '\n' ' ' > "$tmp/inline.txt"
	grep -q "$note" "$tmp/inline.txt" && ok "notes inline: note text in the map" ||
	    not_ok "notes inline: note text in the map"
	grep -q "Managing customers" "$tmp/inline.txt" && ok "notes inline: topic text kept" ||
	    not_ok "notes inline: topic text kept"
	"$RAMIFY" convert "$sample" --notes none -o "$tmp/none.pdf" &&
	    pdftotext "$tmp/none.pdf" - | tr '\n' ' ' > "$tmp/none.txt"
	grep -q "$note" "$tmp/none.txt" && not_ok "notes none: no note text" ||
	    ok "notes none: no note text"
	# Fold badges: +N on the folded topics, their children gone.
	"$RAMIFY" convert "$sample" --expand-level 1 -o "$tmp/fold.pdf" &&
	    pdftotext "$tmp/fold.pdf" - > "$tmp/fold.txt"
	grep -q '^+[0-9][0-9]*$' "$tmp/fold.txt" && ok "expand-level: +N badges" ||
	    not_ok "expand-level: +N badges"
	grep -q "Repeat purchases" "$tmp/fold.txt" &&
	    not_ok "expand-level: folded children not drawn" ||
	    ok "expand-level: folded children not drawn"
	# Every sample in every theme, PDF text intact (CJK included).
	for f in samples/*.xml; do
		for theme in print workshop; do
			if "$RAMIFY" convert "$f" --theme "$theme" -o "$tmp/s.pdf" 2> "$tmp/diff" &&
			    pdftotext "$tmp/s.pdf" - | grep -q .; then
				rm -f "$tmp/diff"; ok "$(basename "$f") in $theme"
			else
				not_ok "$(basename "$f") in $theme"
			fi
		done
	done
else
	not_ok "pdftotext is installed (make deps)"
fi
