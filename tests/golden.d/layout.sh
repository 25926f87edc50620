# layout.sh: every sample in every layout, checked from -t layout JSON
# (sourced by golden.sh).  The JSON is indented one space a level, one
# field a line, so awk can read the boxes.

# layout_boxes FILE: "x y w h edge" for each node of a layout JSON.
layout_boxes() {
	awk '
	/^  \{/ { x = y = w = h = 0; e = "-" }
	/^   "x": / { x = $2 + 0 }
	/^   "y": / { y = $2 + 0 }
	/^   "w": / { w = $2 + 0 }
	/^   "h": / { h = $2 + 0 }
	/^   "edge": / { e = $2; gsub(/[",]/, "", e) }
	/^  \}/ { print x, y, w, h, e }
	' "$1"
}

# layout_overlaps: reads layout_boxes output, prints each overlapping
# pair and fails if there is one.
layout_overlaps() {
	awk '
	{ x[NR] = $1; y[NR] = $2; w[NR] = $3; h[NR] = $4 }
	END {
		eps = 0.02
		for (i = 1; i <= NR; i++)
			for (j = i + 1; j <= NR; j++)
				if (x[i] < x[j] + w[j] - eps && x[j] < x[i] + w[i] - eps &&
				    y[i] < y[j] + h[j] - eps && y[j] < y[i] + h[i] - eps) {
					print "boxes " i " and " j " overlap"
					bad = 1
				}
		exit bad
	}'
}

for in in samples/*.xml templates/*.xml; do
	name=$(basename "$in" .xml)
	# The account plan is drawn with its data: queries filled, cards in.
	data=
	[ "$name" = customer-accounts ] &&
	    data="--data samples/customers.xml --today 2026-11-23"
	for lay in map logic org radial; do
		case $lay in
		map) edge=curve-h ;;
		logic) edge=elbow-h ;;
		org) edge=elbow-v ;;
		radial) edge=straight ;;
		esac
		desc="layout $lay: $name"
		if ! "$RAMIFY" convert "$in" $data -t layout --layout "$lay" \
		    -o "$tmp/lay.json" 2> "$tmp/diff"; then
			not_ok "$desc: convert exits 0"
			continue
		fi
		rm -f "$tmp/diff"
		grep -q "^ \"layout\": \"$lay\",\$" "$tmp/lay.json" &&
		    ok "$desc: JSON names the layout" ||
		    not_ok "$desc: JSON names the layout"
		layout_boxes "$tmp/lay.json" > "$tmp/boxes"
		if [ "$(wc -l < "$tmp/boxes")" -gt 10 ] &&
		    layout_overlaps < "$tmp/boxes" > "$tmp/diff"; then
			rm -f "$tmp/diff"
			ok "$desc: no boxes overlap"
		else
			not_ok "$desc: no boxes overlap"
		fi
		# Every edge but the root's is drawn the layout's way.
		if awk -v e="$edge" 'NR > 1 && $5 != e { exit 1 }' "$tmp/boxes"; then
			ok "$desc: edges are $edge"
		else
			awk 'NR > 1 { print $5 }' "$tmp/boxes" | sort | uniq -c > "$tmp/diff"
			not_ok "$desc: edges are $edge"
		fi
	done
done

# Pictures in every layout; --expand-level folds them all alike.
for lay in logic org radial; do
	cli "layout $lay: renders a PNG" 0 "$RAMIFY" convert "$sample" \
	    --layout "$lay" -o "$tmp/lay-$lay.png"
	[ "$(head -c 4 "$tmp/lay-$lay.png" | od -An -c | tr -d ' ')" = '211PNG' ] &&
	    ok "layout $lay: is a PNG" || not_ok "layout $lay: is a PNG"
	"$RAMIFY" convert "$sample" -t layout --layout "$lay" --expand-level 1 \
	    -o "$tmp/lay1.json" 2> /dev/null
	n1=$(grep -c '"depth": 1,' "$tmp/lay1.json")
	n2=$(grep -c '"depth": 2,' "$tmp/lay1.json")
	if [ "$n1" -gt 3 ] && [ "$n2" -eq 0 ]; then
		ok "layout $lay: --expand-level 1 shows the first level only"
	else
		echo "depth 1: $n1, depth 2: $n2" > "$tmp/diff"
		not_ok "layout $lay: --expand-level 1 shows the first level only"
	fi
done
