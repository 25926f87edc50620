#!/bin/sh
# bench.sh: ramify against Graphviz on the same synthetic trees, in one run.
# Usage: sh bench/bench.sh BUILD_DIR [SIZES]
#
# For each size: ramify's stages (bench.c), the whole command to PDF with
# its peak memory, and `dot -Tpdf` (rankdir=LR) on the same tree, cut off
# after DOT_TIMEOUT seconds.  Then other tree shapes, and the layout alone
# of a 1M-topic tree.  (Customer data: make bench-customers.)
set -eu
build=$1
sizes=${2:-"1000 10000 100000"}
dot_timeout=${DOT_TIMEOUT:-600}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

wall() { # wall COMMAND...: the best of three runs, "seconds peak-KB"
	best=
	for run in 1 2 3; do
		/usr/bin/time -f "%e %M" -o "$dir/time" "$@" > /dev/null
		read -r t m < "$dir/time"
		if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then
			best=$t
			peak=$m
		fi
	done
	echo "$best $peak"
}

for n in $sizes; do
	echo "== random tree, $n topics (up to 8 levels, 2-11 word labels)"
	"$build/bench" "$n" random 42 "$dir"
	set -- $(wall "$build/ramify" convert "$dir/random-$n.xml" -o "$dir/r.pdf")
	r=$1
	echo "ramify convert -> PDF: $r s (best of 3), peak $(($2 / 1024)) MB"
	if command -v dot > /dev/null; then
		s=$(date +%s.%N)
		if timeout "$dot_timeout" dot -Tpdf "$dir/random-$n.dot" -o "$dir/g.pdf"; then
			e=$(date +%s.%N)
			g=$(echo "$e - $s" | bc)
			echo "dot -Tpdf: $g s"
			echo "dot / ramify: $(echo "scale=1; $g / $r" | bc)x"
		else
			echo "dot -Tpdf: no result within $dot_timeout s"
			echo "dot / ramify: more than $(echo "scale=0; $dot_timeout / $r" | bc)x"
		fi
	fi
done
for shape in chain wide binary; do
	echo "== $shape, 10000 topics"
	"$build/bench" 10000 "$shape" 42 "$dir"
done
echo "== layout alone, 1000000 topics"
"$build/bench" --layout-only 1000000
