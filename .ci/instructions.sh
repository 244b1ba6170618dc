#!/usr/bin/env bash
# Counts the CPU instructions of check's steps against tree-sitter parsing alone, under
# valgrind (callgrind), where the shared machine's noise cannot move the figures the way it
# moves timings. BenchmarkCheckSteps runs the first N steps of check on a generated corpus
# (0: make the corpus; 1: parse-only pass; 2: trees; 3: summaries; 4: index and rules); each
# step's count is the difference between two runs. It is done twice: with the collector off
# (the analysis's own work) and with Go's default collector (GOMAXPROCS=1, so the
# collector's work is counted as well). cpu.rdtscp=off: valgrind 3.19 cannot decode RDTSCP,
# which Go's runtime uses for its clock where the (emulated) processor has it, and the run
# died with SIGILL. Usage: .ci/instructions.sh [corpus lines]; OTPLS_BENCH_RULES (codes,
# comma-separated) counts only those rules, to compare with an older commit at its rules.
set -euo pipefail
cd "$(dirname "$0")/.."
lines="${1:-20000}"

if ! command -v valgrind >/dev/null; then
	echo "installing valgrind" >&2
	SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends valgrind >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
go test -c -o "$work/workspace.test" ./analysis/workspace/

# count GOGC STEPS: the instructions of a run of the first STEPS steps.
count() {
	(cd "$work" && GOGC="$1" GOMAXPROCS=1 GODEBUG=asyncpreemptoff=1,cpu.rdtscp=off \
		valgrind --tool=callgrind --callgrind-out-file=/dev/null ./workspace.test \
		-test.run '^$' -test.bench '^BenchmarkCheckSteps$' -test.benchtime 1x \
		-check-steps "$2" -check-lines "$lines" 2>&1 |
		awk '/Collected/ {print $4}' >"$work/count.$1.$2")
}

for gc in off 100; do
	# Two at a time: the machine has two cores, and counts do not depend on timing.
	count "$gc" 0 & count "$gc" 1 & wait
	count "$gc" 2 & count "$gc" 3 & wait
	count "$gc" 4
	awk -v gc="$gc" -v lines="$lines" -v d="$work" 'BEGIN {
		for (i = 0; i <= 4; i++) { f = d "/count." gc "." i; getline r[i] < f }
		parse = r[1] - r[0]
		tree = (r[2] - r[1]) - parse
		printf "check instructions, %d-line corpus, GOGC=%s: parse %.0fM; over parse: tree %.3f summaries %.3f rules %.3f; check/parse %.3f\n",
			lines, gc, parse / 1e6, tree / parse, (r[3] - r[2]) / parse, (r[4] - r[3]) / parse, (r[4] - r[1]) / parse
	}'
done
