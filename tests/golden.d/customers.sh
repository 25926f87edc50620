# golden.d/customers.sh: customer data (docs/CUSTOMERS.md), sourced by
# tests/golden.sh.  Reports and portfolio maps of hand-checked files (the
# expected figures are worked out in each file's comment), links from maps
# by id and by query, every error with its exact message, the command line,
# and the sample rendered with its data.
#
#   tests/customers/NAME.xml              customer data
#     NAME.report.txt / .md / .json       ramify report -t text / md / json
#     NAME.portfolio.txt                  ramify convert NAME.xml -t text
#     ties.portfolio-nocards.txt          the same with --no-cards
#   tests/customers/bad/NAME.xml + .err   ramify report: exactly that stderr
#   tests/customers/links/data.xml        data for the maps beside it
#     map-NAME.xml + .txt / .tree / .ramify   convert --data -t text / tree / ramify
#     bad-NAME.xml + .err                 convert --data: exactly that stderr
cdir=tests/customers
today="--today 2026-11-23"

# ---- Reports and portfolios ---------------------------------------------
for in in $cdir/*.xml; do
	[ -f "$in" ] || continue
	name=$(basename "$in" .xml)
	for spec in txt:text md:md json:json; do
		ext=${spec%%:*}
		fmt=${spec#*:}
		if "$RAMIFY" report "$in" -t "$fmt" $today -o "$tmp/c.$ext" 2> "$tmp/err"; then
			expect "customers/$name: report -t $fmt" \
			    "$cdir/$name.report.$ext" "$tmp/c.$ext"
		else
			cp "$tmp/err" "$tmp/diff"
			not_ok "customers/$name: report -t $fmt exits 0"
		fi
	done
	if "$RAMIFY" convert "$in" -t text $today -o "$tmp/c.txt" 2> "$tmp/err"; then
		expect "customers/$name: portfolio outline" \
		    "$cdir/$name.portfolio.txt" "$tmp/c.txt"
	else
		cp "$tmp/err" "$tmp/diff"
		not_ok "customers/$name: portfolio exits 0"
	fi
	cli "customers/$name: check accepts it" 0 "$RAMIFY" check "$in"
done

# With --no-cards, a customer's topic also says its value and contact.
"$RAMIFY" convert $cdir/ties.xml --no-cards -t text $today -o "$tmp/c.txt" \
    2> "$tmp/diff" &&
    expect "customers/ties: portfolio outline with --no-cards" \
	"$cdir/ties.portfolio-nocards.txt" "$tmp/c.txt" ||
    not_ok "customers/ties: portfolio outline with --no-cards"

# ---- Every error: located, exit 1, nothing written -------------------------
for in in $cdir/bad/*.xml; do
	[ -f "$in" ] || continue
	name=$(basename "$in" .xml)
	mkdir -p "$tmp/out"
	"$RAMIFY" report "$in" -o "$tmp/out/report.txt" 2> "$tmp/c.err"
	rc=$?
	if [ $rc -eq 1 ] && [ -z "$(ls -A "$tmp/out")" ]; then
		expect "customers/bad/$name: report says" "$cdir/bad/$name.err" \
		    "$tmp/c.err"
	else
		echo "exit $rc, expected 1; wrote: $(ls -A "$tmp/out")" > "$tmp/diff"
		not_ok "customers/bad/$name: report exits 1 and writes nothing"
	fi
	rm -rf "$tmp/out"
done

# ---- Links from maps ---------------------------------------------------------
data=$cdir/links/data.xml
for map in $cdir/links/map-*.xml; do
	[ -f "$map" ] || continue
	name=$(basename "$map" .xml)
	for spec in txt:text tree:tree ramify:ramify; do
		ext=${spec%%:*}
		fmt=${spec#*:}
		if "$RAMIFY" convert "$map" --data "$data" $today -t "$fmt" \
		    -o "$tmp/l.$ext" 2> "$tmp/err"; then
			expect "links/$name: convert --data -t $fmt" \
			    "$cdir/links/$name.$ext" "$tmp/l.$ext"
		else
			cp "$tmp/err" "$tmp/diff"
			not_ok "links/$name: convert --data -t $fmt exits 0"
		fi
	done
	# The resolved map, read and linked again: the cards are refreshed,
	# not added twice, and the queries do not run again.
	if "$RAMIFY" convert "$tmp/l.ramify" --data "$data" $today -t ramify \
	    -o "$tmp/l2.ramify" 2> "$tmp/diff" && cmp -s "$tmp/l.ramify" "$tmp/l2.ramify"; then
		rm -f "$tmp/diff"
		ok "links/$name: linking the resolved map again changes nothing"
	else
		diff -u "$tmp/l.ramify" "$tmp/l2.ramify" >> "$tmp/diff" 2>&1
		not_ok "links/$name: linking the resolved map again changes nothing"
	fi
	# Without data the map is a map: queries kept as they are.
	if "$RAMIFY" convert "$map" -t ramify -o "$tmp/l3.xml" 2> "$tmp/diff" &&
	    [ "$(grep -c '<query' "$tmp/l3.xml")" = "$(grep -c '<query' "$map")" ]; then
		rm -f "$tmp/diff"
		ok "links/$name: without --data the queries are kept"
	else
		not_ok "links/$name: without --data the queries are kept"
	fi
done
for map in $cdir/links/bad-*.xml; do
	[ -f "$map" ] || continue
	name=$(basename "$map" .xml)
	mkdir -p "$tmp/out"
	"$RAMIFY" convert "$map" --data "$data" -o "$tmp/out/map.pdf" 2> "$tmp/l.err"
	rc=$?
	if [ $rc -eq 1 ] && [ -z "$(ls -A "$tmp/out")" ]; then
		expect "links/$name: convert --data says" "$cdir/links/$name.err" \
		    "$tmp/l.err"
	else
		echo "exit $rc, expected 1" > "$tmp/diff"
		not_ok "links/$name: convert --data exits 1 and writes nothing"
	fi
	rm -rf "$tmp/out"
done

# Grouping a portfolio another way.
if "$RAMIFY" convert "$data" --group-by team,type $today -t text \
    -o "$tmp/g.txt" 2> "$tmp/err"; then
	expect "links/data: portfolio --group-by team,type" \
	    "$cdir/links/data.group-team-type.txt" "$tmp/g.txt"
else
	cp "$tmp/err" "$tmp/diff"
	not_ok "links/data: portfolio --group-by team,type exits 0"
fi

# ---- The command line ----------------------------------------------------------
cs=samples/customers.xml
cli "report without a file is a usage error" 2 "$RAMIFY" report
cli "report -t pdf is a usage error" 2 "$RAMIFY" report "$cs" -t pdf
cli "report with an unknown option is a usage error" 2 "$RAMIFY" report "$cs" --bogus
cli "report --today 2026-02-30 is a usage error" 2 "$RAMIFY" report "$cs" --today 2026-02-30
cli "report --abc 95,80 is a usage error" 2 "$RAMIFY" report "$cs" --abc 95,80
cli "report on a missing file exits 1" 1 "$RAMIFY" report "$tmp/none.xml"
cli "report on a map exits 1" 1 "$RAMIFY" report samples/customer-accounts.xml
cli "convert of data with --data is a usage error" 2 "$RAMIFY" convert "$cs" \
    --data "$cs" -o "$tmp/x.pdf"
cli "convert with an unknown --group-by is a usage error" 2 "$RAMIFY" convert \
    "$cs" --group-by colour -o "$tmp/x.txt"
cli "convert --data with a missing data file exits 1" 1 "$RAMIFY" convert \
    samples/customer-accounts.xml --data "$tmp/none.xml" -o "$tmp/x.pdf"
cli "convert --data with bad data exits 1" 1 "$RAMIFY" convert \
    samples/customer-accounts.xml --data $cdir/bad/amounts.xml -o "$tmp/x.pdf"
cli "check reads customer data and maps together" 0 "$RAMIFY" check "$cs" \
    samples/customer-accounts.xml
cli "check -f ramify reads customer data as a map (and fails)" 1 "$RAMIFY" \
    check -f ramify "$cs"
cli "report writes text to standard output" 0 "$RAMIFY" report "$cs" $today
grep -q '^Customer report: Fjordline Packaging' "$tmp/out.txt" &&
    ok "report: the text report names the file's title" ||
    not_ok "report: the text report names the file's title"
cli "report reads standard input" 0 sh -c "'$RAMIFY' report - -t json $today < $cs"
grep -q '"customers_count": 40' "$tmp/out.txt" &&
    ok "report: standard input gives the same figures" ||
    not_ok "report: standard input gives the same figures"
cli "report takes the format from -o" 0 "$RAMIFY" report "$cs" $today -o "$tmp/r.json"
head -c 1 "$tmp/r.json" | grep -q '{' && ok "report -o x.json writes JSON" ||
    not_ok "report -o x.json writes JSON"

# Same bytes twice; a failed report keeps the old file.
"$RAMIFY" report "$cs" -t json $today -o "$tmp/a.json" 2> /dev/null
"$RAMIFY" report "$cs" -t json $today -o "$tmp/b.json" 2> /dev/null
cmp -s "$tmp/a.json" "$tmp/b.json" && ok "report: same bytes twice" ||
    not_ok "report: same bytes twice"
echo old > "$tmp/keep.json"
"$RAMIFY" report $cdir/bad/amounts.xml -o "$tmp/keep.json" 2> /dev/null
[ "$(cat "$tmp/keep.json")" = old ] && ok "failed report leaves the old output alone" ||
    not_ok "failed report leaves the old output alone"

# --abc moves the classes: with 50,90 fewer customers are A.
"$RAMIFY" report "$cs" -t json $today --abc 50,90 -o "$tmp/abc.json" 2> /dev/null
a80=$(grep -c '"abc": "A"' "$tmp/a.json")
a50=$(grep -c '"abc": "A"' "$tmp/abc.json")
[ "$a50" -lt "$a80" ] && grep -q '"abc_cutoffs": \["50", "90"\]' "$tmp/abc.json" &&
    ok "report --abc 50,90: $a50 A customers instead of $a80" ||
    not_ok "report --abc 50,90 moves the classes"

# ---- An independent look at the JSON, with jq ---------------------------------
# jq recomputes from the report's own raw fields (amount, per, currency and
# the rates of the sample): the yearly values, the order, shares, classes and
# gold flags.  jq uses binary floating point; the sample's figures are exact
# at 4 decimals, so the comparisons round to 1/10000.
if command -v jq > /dev/null; then
	jq -e '
	  def rate: {"EUR": 1, "NOK": 0.085, "USD": 0.92}[.];
	  def r4: . * 10000 | round;
	  .customers as $c
	  | ($c | map(if .per == null then 0 else (.amount | tonumber)
	      * (if .per == "month" then 12 else 1 end) * (.currency | rate) end)) as $v
	  | ($v | add) as $total
	  | ([range(0; $c | length)] | sort_by([-($v[.] | r4), $c[.].id])) as $order
	  | ($c | map(.value | tonumber | r4)) == ($v | map(r4))
	    and (.total_value | tonumber | r4) == ($total | r4)
	    and ($order == [range(0; $c | length)])
	    and ([$c[].rank] == [range(1; ($c | length) + 1)])
	    and ([range(0; $c | length) as $i
	          | ([$v[0:$i][]] | add // 0) as $before
	          | (if $v[$i] <= 0 then "C"
	             elif $before * 100 < 80 * $total then "A"
	             elif $before * 100 < 95 * $total then "B" else "C" end)]
	         == [$c[].abc])
	    and ([$v[] | select(. > 0)] | length) as $paying
	    | ([range(0; $c | length) | . < (($paying * 0.1) | ceil)] == [$c[].gold10])
	    and ([range(0; $c | length) | . < (($paying * 0.2) | ceil)] == [$c[].gold20])
	    and ([range(0; $c | length) as $i | ($v[$i] * 100 / $total * 10000 | round)]
	         == [$c[].share | tonumber * 10000 | round])
	' "$tmp/a.json" > /dev/null 2>&1 &&
	    ok "jq: values, ranks, shares, classes and gold agree with the raw amounts" ||
	    not_ok "jq: values, ranks, shares, classes and gold agree with the raw amounts"
	jq -e '.plan.overdue as $n | [.customers[] |
	    select(.overdue_days != null and .overdue_days > 0)] | length == $n' \
	    "$tmp/a.json" > /dev/null 2>&1 &&
	    ok "jq: the overdue count is the customers with overdue days" ||
	    not_ok "jq: the overdue count is the customers with overdue days"
else
	not_ok "jq is installed (make deps installs it)"
fi

# ---- The sample, drawn with its data ---------------------------------------------
if "$RAMIFY" convert samples/customer-accounts.xml --data "$cs" $today \
    -o "$tmp/plan.pdf" 2> "$tmp/diff" && command -v pdftotext > /dev/null; then
	pdftotext "$tmp/plan.pdf" "$tmp/plan.txt"
	grep -q "Nordlys Shipping AS" "$tmp/plan.txt" &&
	    grep -q "Key accounts: 4" "$tmp/plan.txt" &&
	    ok "sample plan with data: the PDF shows the customers and the summaries" ||
	    not_ok "sample plan with data: the PDF shows the customers and the summaries"
	# The drawn cards: the class disc, the owner, the contact lines and
	# the warning tags (the sample's topics say only the names).
	grep -q "^Ingrid Berg, success" "$tmp/plan.txt" &&
	    grep -q "Last  *2026-10-28, visit" "$tmp/plan.txt" &&
	    grep -q "days overdue" "$tmp/plan.txt" &&
	    grep -q "^Lost" "$tmp/plan.txt" &&
	    ok "sample plan with data: every linked customer draws its card" ||
	    not_ok "sample plan with data: every linked customer draws its card"
	"$RAMIFY" convert samples/customer-accounts.xml --data "$cs" $today \
	    --no-cards -o "$tmp/plain.pdf" 2> "$tmp/diff" &&
	pdftotext "$tmp/plain.pdf" "$tmp/plain.txt" &&
	    grep -q "Nordlys Shipping AS" "$tmp/plain.txt" &&
	    ! grep -q "^Ingrid Berg, success" "$tmp/plain.txt" &&
	    ok "--no-cards: the topics without their cards" ||
	    not_ok "--no-cards: the topics without their cards"
	# A card makes its topic's box taller by its own height.
	"$RAMIFY" convert samples/customer-accounts.xml --data "$cs" $today \
	    -t layout -o "$tmp/l1.json" 2> "$tmp/diff" &&
	"$RAMIFY" convert samples/customer-accounts.xml --data "$cs" $today \
	    --no-cards -t layout -o "$tmp/l2.json" 2>> "$tmp/diff" &&
	    h1=$(jq '[.nodes[] | select(.text == "Harbour Logistics Ltd") | .h][0]' "$tmp/l1.json") &&
	    h2=$(jq '[.nodes[] | select(.text == "Harbour Logistics Ltd") | .h][0]' "$tmp/l2.json") &&
	    [ "$(jq -n "$h1 > $h2 + 40")" = true ] &&
	    ok "layout: a card adds its height to the topic's box" ||
	    not_ok "layout: a card adds its height to the topic's box"
else
	not_ok "sample plan with data renders to PDF"
fi
for th in print workshop; do
	"$RAMIFY" convert samples/customer-accounts.xml --data "$cs" $today \
	    --theme $th -o "$tmp/plan-$th.png" 2> "$tmp/diff" &&
	    ok "sample plan with data: $th theme renders cards to PNG" ||
	    not_ok "sample plan with data: $th theme renders cards to PNG"
done
if "$RAMIFY" convert "$cs" $today -o "$tmp/portfolio.svg" 2> "$tmp/diff"; then
	xmllint --noout --nonet "$tmp/portfolio.svg" 2> "$tmp/diff" &&
	    ok "portfolio: renders to SVG" || not_ok "portfolio: renders to SVG"
else
	not_ok "portfolio: renders to SVG"
fi
