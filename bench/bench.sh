#!/bin/sh
# bench.sh: ramify against Graphviz on the same synthetic trees, in one run.
# Usage: sh bench/bench.sh BUILD_DIR [SIZES]
set -eu
build=$1
sizes=${2:-"1000 10000"}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for n in $sizes; do
	echo "== random tree, $n topics"
	"$build/bench" "$n" random 42 "$dir"
	s=$(date +%s.%N)
	/usr/bin/time -f "ramify-cli-pdf %e s, %M KB peak" "$build/ramify" convert "$dir/random-$n.xml" -o "$dir/r.pdf"
	e=$(date +%s.%N)
	r=$(echo "$e - $s" | bc)
	if command -v dot > /dev/null; then
		s=$(date +%s.%N)
		timeout 600 dot -Tpdf "$dir/random-$n.dot" -o "$dir/g.pdf" || echo "dot: failed or timed out"
		e=$(date +%s.%N)
		g=$(echo "$e - $s" | bc)
		echo "dot-Tpdf $g s"
		echo "ratio dot/ramify: $(echo "scale=1; $g / $r" | bc)x"
	fi
done
for shape in chain wide binary; do
	echo "== $shape, 10000 topics"
	"$build/bench" 10000 "$shape" 42 "$dir"
done
