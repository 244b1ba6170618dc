#!/usr/bin/env bash
# Compares check/parse (BenchmarkCheckVsParse) of this tree with an older commit's, on the
# same corpus and the same machine: the question "within noise of before?" that an issue
# asks when rules are added. The older commit is built with this tree's corpus generator
# (analysis/benchcorpus, which has changed since), and the two benchmarks are run one
# after the other, alternately, ROUNDS times: the speed of this shared machine drifts by a
# quarter over minutes, and only runs next to each other meet the same drift. Prints every
# run and the median of each side. Usage: .ci/compare.sh COMMIT [ROUNDS] (default 6).
set -euo pipefail
cd "$(dirname "$0")/.."
base="${1:?usage: .ci/compare.sh COMMIT [ROUNDS]}"
rounds="${2:-6}"

work="$(mktemp -d)"
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --detach "$work/base" "$base" >/dev/null
cp analysis/benchcorpus/benchcorpus.go "$work/base/analysis/benchcorpus/benchcorpus.go"
(cd "$work/base" && go test -c -o "$work/base.test" ./analysis/workspace/)
go test -c -o "$work/head.test" ./analysis/workspace/

run() {
	"$work/$1.test" -test.run '^$' -test.bench '^BenchmarkCheckVsParse$' -test.benchtime 8x |
		awk '/check\/parse/ { for (i = 1; i < NF; i++) if ($(i + 1) == "check/parse") print $i }'
}
for _ in $(seq "$rounds"); do
	echo "base $(run base)"
	echo "head $(run head)"
done | tee "$work/runs"
for side in base head; do
	awk -v side="$side" '$1 == side { print $2 }' "$work/runs" | sort -n |
		awk -v side="$side" -v base="$base" '{ v[NR] = $1 } END {
			m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
			printf "%s%s: median check/parse %.3f over %d runs (%.3f-%.3f)\n", side, side == "base" ? " (" base ")" : "", m, NR, v[1], v[NR]
		}'
done
