#!/usr/bin/env bash
# Compares check/parse (BenchmarkCheckVsParse) of this tree with an older commit's, on the
# same corpus and the same machine: the question "within noise of before?" that an issue
# asks when rules are added. The older commit is built with this tree's corpus generator
# (analysis/benchcorpus, which has changed since), and the two benchmarks are run one
# after the other, alternately, ROUNDS times: the speed of this shared machine drifts by a
# quarter over minutes, and only runs next to each other meet the same drift. Each round's
# two runs are a pair (which runs first alternates from round to round, so neither side
# always meets the drift second); the question is answered from the pairs' differences.
# Prints every run, the median of each side, the median of the paired differences with a
# 95% bootstrap interval, and the verdict: within noise when the interval holds 0. Usage:
# .ci/compare.sh COMMIT [ROUNDS] (default 6; 16 make the interval about a percent wide).
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
for r in $(seq "$rounds"); do
	if ((r % 2)); then order="base head"; else order="head base"; fi
	for side in $order; do
		echo "$r $side $(run "$side")"
	done
done | tee "$work/runs"
awk -v base="$base" '
	function median(a, n,    i, j, t) { # sorts a[1..n] in place
		for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	{ v[$1, $2] = $3; rounds[$1] = 1 }
	END {
		for (r in rounds) if ((r, "base") in v && (r, "head") in v) {
			n++; b[n] = v[r, "base"]; h[n] = v[r, "head"]; d[n] = h[n] - b[n]; slower += d[n] > 0
		}
		if (n == 0) { print "no complete round"; exit 1 }
		for (i = 1; i <= n; i++) { bs[i] = b[i]; hs[i] = h[i]; ds[i] = d[i] }
		printf "base (%s): median check/parse %.3f over %d runs\n", base, median(bs, n), n
		printf "head: median check/parse %.3f over %d runs\n", median(hs, n), n
		md = median(ds, n)
		# The interval: medians of 2000 resamples of the pairs, with replacement.
		srand(1)
		for (k = 1; k <= 2000; k++) {
			for (i = 1; i <= n; i++) s[i] = d[int(rand() * n) + 1]
			m[k] = median(s, n)
		}
		median(m, 2000)
		lo = m[50]; hi = m[1951]
		printf "head - base, paired: median %+.4f (%+.1f%%), 95%% interval %+.4f..%+.4f; head slower in %d of %d rounds\n", md, 100 * md / median(bs, n), lo, hi, slower, n
		if (lo <= 0 && hi >= 0) print "within noise: the interval holds 0"
		else if (lo > 0) print "head slower: the interval lies above 0"
		else print "head faster: the interval lies below 0"
	}' "$work/runs"
