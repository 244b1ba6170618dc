# otpls build and test entry points. `make test` is what CI runs (.ci/run).
GO ?= go
BIN := bin/otpls
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)

.PHONY: all build sample test deps lint gotest asan fuzz fuzz-short bench compare docs goldens clean vsix vsix-linux-x64 vsix-linux-arm64 ecosystem

# Fuzz targets: "package:Target:inputs". `make fuzz FUZZTIME=10m` runs each for that long;
# `make test` runs each for its number of inputs (a few seconds each here). The short runs
# count inputs rather than time because Go 1.26's fuzzer can fail a run that reaches its
# time limit while a worker is busy ("context deadline exceeded", go.dev/issue/75804),
# with nothing found. Crashers are kept by Go under the package's testdata/fuzz/ and then
# run as regression cases by every `go test`.
FUZZ_TARGETS := ./analysis/rules/all:FuzzAnalyze:10000x ./analysis/rules/all:FuzzIncremental:3000x ./analysis/rules/all:FuzzFixes:10000x ./server:FuzzLSPStream:30000x
FUZZTIME ?= 60s

all: build

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/otpls

# Build, then show otpls's findings on the sample Mix project (exit 1 = findings, expected).
sample: build
	./$(BIN) check testdata/sample_app || test $$? -eq 1

deps:
	./.ci/install-deps.sh

lint:
	@out="$$(gofmt -l $$(git ls-files '*.go'))"; if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

gotest:
	$(GO) test -count=1 ./...

# The package that frees tree-sitter's C memory itself (the walk that frees a tree as it
# reads it), under the address sanitizer: a subtree freed twice, read once freed or never
# freed fails the run. Needs gcc's libasan, which Debian's gcc brings.
asan:
	ASAN_OPTIONS=allocator_may_return_null=1:detect_leaks=1 $(GO) test -asan -count=1 ./analysis/source/

test: deps lint build vsix gotest asan fuzz-short

# The VS Code extension, packaged offline (and the test-only driver extension).
vsix:
	cd editors/vscode && npm run --silent package
	cd editors/vscode/test/driver && npx --prefix ../.. vsce package --no-dependencies --allow-missing-repository -o driver.vsix
	@if [ "$$(go env GOHOSTOS)/$$(go env GOHOSTARCH)" = linux/amd64 ]; then $(MAKE) --no-print-directory vsix-linux-x64 vsix-linux-arm64; \
	  else echo "vsix: not on linux/amd64, skipping otpls-linux-x64.vsix and otpls-linux-arm64.vsix"; fi

# The linux-x64 package: the same extension with the otpls binary in bin/, which it runs
# when otpls.path is not set and no otpls is on PATH (bin/ exists only while packaging).
vsix-linux-x64:
	cd editors/vscode && npm run --silent bundle && rm -rf bin && CGO_ENABLED=1 go build -trimpath -o bin/otpls ../../cmd/otpls \
	  && npx vsce package --no-dependencies --target linux-x64 -o otpls-linux-x64.vsix; s=$$?; rm -rf bin; exit $$s

# The linux-arm64 package: otpls cross-compiled with Debian's aarch64 C compiler (cgo, for
# tree-sitter; .ci/install-deps.sh installs gcc-aarch64-linux-gnu). Built by `make vsix`
# on linux/amd64, so `make test` checks it (editors.TestVSCodeArm64Binary): the first cross
# build of tree-sitter's C takes a minute or two, later ones come from Go's build cache.
AARCH64_CC ?= aarch64-linux-gnu-gcc
vsix-linux-arm64:
	cd editors/vscode && npm run --silent bundle && rm -rf bin && CGO_ENABLED=1 GOOS=linux GOARCH=arm64 CC=$(AARCH64_CC) go build -trimpath -o bin/otpls ../../cmd/otpls \
	  && npx vsce package --no-dependencies --target linux-arm64 -o otpls-linux-arm64.vsix; s=$$?; rm -rf bin; exit $$s

fuzz:
	@for t in $(FUZZ_TARGETS); do pkg=$${t%%:*}; rest=$${t#*:}; fn=$${rest%%:*}; \
	  budget=$(FUZZTIME); if [ -n "$(FUZZ_SHORT)" ]; then budget=$${rest##*:}; fi; \
	  echo "fuzz $$fn ($$budget)"; \
	  $(GO) test -run '^$$' -fuzz "^$$fn\$$" -fuzztime $$budget $$pkg || exit 1; done

fuzz-short:
	@$(MAKE) --no-print-directory fuzz FUZZ_SHORT=1

# Benchmarks: throughput of check vs parse-only on a generated 100k-line corpus, index
# memory, where check's time goes (tree, summaries, index, rules; and the tree's own cost:
# the C walk and the Go nodes), columns on a long non-ASCII line and many findings on one
# line (linear in the line), the language server's keystroke latency (and where a keystroke's time goes:
# reparse, summary, rules), the language server in a generated 1.5M-line workspace (keystrokes in a
# function body and on a module attribute, a code action while indexing, memory once indexed;
# OTPLS_BENCH_LINES=N sets another size), and the OTP008 call graph: incremental update after a one-file
# edit vs building from scratch; `otpls check`'s peak memory per source byte (each run a
# process of its own: the corpus as check runs it and with its trees dropped, a 5 MB file,
# the generated 1.5M-line workspace, whose size OTPLS_BENCH_LINES sets too);
# and check's instructions over parsing's, counted under
# valgrind, which the machine's noise cannot move. Figures are ratios from one run. The
# check/parse benchmarks take ten passes; the whole-pass ratio is the median over check
# passes of each one against the parse passes on either side of it.
bench:
	$(GO) test -run '^$$' -bench . -benchtime 10x -count 1 ./analysis/workspace/ | tee bench.out
	$(GO) test -run '^$$' -bench 'TreeCost|HostileWhitespace|LongLineColumns' -benchtime 2x -count 1 ./analysis/source/ | tee -a bench.out
	$(GO) test -run '^$$' -bench . -benchtime 1x -count 1 ./server/ | tee -a bench.out
	$(GO) test -run '^$$' -bench Graph -benchtime 20x -count 1 ./analysis/callgraph/ | tee -a bench.out
	$(GO) test -run '^$$' -bench 'CheckMemory|ServeMemory' -benchtime 1x -count 1 ./cmd/otpls/ | tee -a bench.out
	./.ci/instructions.sh | tee -a bench.out

# check/parse of this tree against an older commit's (BASE=commit), in pairs of runs
# alternated on the same corpus: whether a change stays within noise of before (the paired
# differences' 95% bootstrap interval holds 0). ROUNDS sets the pairs (default 6).
compare:
	./.ci/compare.sh "$(BASE)" $(ROUNDS)

# Regenerate fix goldens and rule docs after an intended change (review the diff!).
goldens:
	$(GO) test ./analysis/rules/... -update

clean:
	rm -rf bin bench.out

# The check against real code (needs the network, or SNAPSHOTS=DIR of git snapshots; not part
# of CI): precision per rule against testdata/ecosystem/verdicts.tsv, and with FIXES=1 the
# fixes applied to copies and checked with Elixir's parser. REPOS=testdata/ecosystem/fresh.tsv
# runs on the repositories judged after the rules were changed (code the rules were not
# tuned on) instead of the panel.
ecosystem: build
	$(GO) run ./cmd/ecosystem -snapshots "$(SNAPSHOTS)" $(if $(REPOS),-repos $(REPOS)) $(if $(FIXES),-fixes) $(if $(REPO),-repo $(REPO)) | tee ecosystem.out
