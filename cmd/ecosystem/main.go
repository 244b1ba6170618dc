// Command ecosystem is otpls's check against real code (`make ecosystem`), in the manner of
// Ruff's and mypy_primer's: it runs `otpls check --format json` over the panel repositories
// (testdata/ecosystem/repos.tsv, each at a pinned commit), matches every finding against the
// judged verdicts (testdata/ecosystem/verdicts.tsv) and prints, per rule, true positives,
// false positives, debatable and unjudged findings and the precision of Warning/Error
// findings. An unjudged finding is printed with its code so it can be judged; a judged
// finding that is no longer reported is listed, so a lost true positive is seen.
//
// With -fixes it also runs `otpls fix` and `otpls fix --unsafe` on copies of each
// repository, checks every changed file with Elixir's own parser, checks that the findings
// fixed are gone and that nothing new appeared, and prints every hunk for review.
//
// It is a development tool, not part of the otpls binary, and needs either the network
// (git clone) or -snapshots, a directory of git snapshots (OWNER+NAME/repo or OWNER+NAME).
// The repositories are extracted into a git-ignored cache (.ecosystem/); their code is
// never committed.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

type repo struct {
	Name, Slug, Commit string
	Paths              []string
}

type verdict struct {
	Repo, Path string
	Line       int
	Code       string
	Severity   string
	Verdict    string // TP, FP, DEB
	Cause      string
	Reason     string
}

func (v verdict) key() string { return fmt.Sprintf("%s\t%s\t%d\t%s", v.Repo, v.Path, v.Line, v.Code) }

type finding struct {
	Path      string `json:"path"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Code      string `json:"code"`
	Severity  string `json:"severity"`
	Message   string `json:"message"`
	Fixable   bool   `json:"fixable"`
	Fix       any    `json:"fix"`
	repo      string
}

func (f finding) key() string { return fmt.Sprintf("%s\t%s\t%d\t%s", f.repo, f.Path, f.Line, f.Code) }

func main() {
	root := flag.String("root", ".", "the otpls repository root")
	bin := flag.String("otpls", "bin/otpls", "the otpls binary")
	cache := flag.String("cache", ".ecosystem", "where the repositories are extracted (git-ignored)")
	snapshots := flag.String("snapshots", os.Getenv("OTPLS_SNAPSHOTS"), "a directory of git snapshots to take the repositories from instead of cloning")
	only := flag.String("repo", "", "run on this panel repository only")
	fixes := flag.Bool("fixes", false, "also run otpls fix (and --unsafe) on copies and check the results")
	info := flag.Bool("info", false, "also list unjudged Information findings")
	reposFile := flag.String("repos", "testdata/ecosystem/repos.tsv", "the repositories to run on (name, OWNER/NAME, commit, paths)")
	flag.Parse()

	repos, err := readRepos(filepath.Join(*root, *reposFile))
	check(err)
	verdicts, err := readVerdicts(filepath.Join(*root, "testdata/ecosystem/verdicts.tsv"))
	check(err)
	otpls := *bin
	if !filepath.IsAbs(otpls) {
		otpls, err = filepath.Abs(filepath.Join(*root, *bin))
		check(err)
	}
	cacheDir, err := filepath.Abs(filepath.Join(*root, *cache))
	check(err)

	var all []finding
	ran := map[string]bool{}
	for _, r := range repos {
		if *only != "" && r.Name != *only {
			continue
		}
		dir, err := materialise(r, cacheDir, *snapshots)
		check(err)
		fs, err := runCheck(otpls, dir, r)
		check(err)
		all = append(all, fs...)
		ran[r.Name] = true
		if *fixes {
			checkFixes(otpls, dir, r, fs)
		}
	}
	report(os.Stdout, all, verdicts, ran, filepath.Join(cacheDir), *info)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "ecosystem:", err)
		os.Exit(2)
	}
}

func readTSV(path string) ([][]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rows [][]string
	for i, line := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		if i == 0 || strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		rows = append(rows, strings.Split(line, "\t"))
	}
	return rows, nil
}

func readRepos(path string) ([]repo, error) {
	rows, err := readTSV(path)
	if err != nil {
		return nil, err
	}
	var out []repo
	for _, r := range rows {
		if len(r) < 4 {
			return nil, fmt.Errorf("%s: short row %q", path, r)
		}
		out = append(out, repo{Name: r[0], Slug: r[1], Commit: r[2], Paths: strings.Fields(r[3])})
	}
	return out, nil
}

func readVerdicts(path string) ([]verdict, error) {
	rows, err := readTSV(path)
	if err != nil {
		return nil, err
	}
	var out []verdict
	for _, r := range rows {
		if len(r) < 8 {
			return nil, fmt.Errorf("%s: short row %q", path, r)
		}
		line, err := strconv.Atoi(r[2])
		if err != nil {
			return nil, fmt.Errorf("%s: bad line in %q", path, r)
		}
		switch r[5] {
		case "TP", "FP", "DEB":
		default:
			return nil, fmt.Errorf("%s: verdict must be TP, FP or DEB in %q", path, r)
		}
		// A finding is matched by place and code, not severity: one that moves to Information
		// keeps its verdict, and a row appended later (judging it at its new severity) wins.
		out = append(out, verdict{Repo: r[0], Path: r[1], Line: line, Code: r[3], Severity: r[4], Verdict: r[5], Cause: r[6], Reason: r[7]})
	}
	return out, nil
}

// materialise extracts the repository's .ex/.exs files at its pinned commit into the cache.
func materialise(r repo, cacheDir, snapshots string) (string, error) {
	dir := filepath.Join(cacheDir, r.Name+"@"+r.Commit[:12])
	if _, err := os.Stat(filepath.Join(dir, ".complete")); err == nil {
		return dir, nil
	}
	os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	gitDir := ""
	if snapshots != "" {
		owner, name, _ := strings.Cut(r.Slug, "/")
		for _, c := range []string{owner + "+" + name + "/repo", owner + "+" + name, owner + "/" + name, name} {
			p := filepath.Join(snapshots, c)
			if out, err := exec.Command("git", "-C", p, "cat-file", "-t", r.Commit).Output(); err == nil && strings.TrimSpace(string(out)) == "commit" {
				gitDir = p
				break
			}
		}
		if gitDir == "" {
			return "", fmt.Errorf("%s: commit %s not found in %s", r.Slug, r.Commit, snapshots)
		}
	} else {
		gitDir = filepath.Join(cacheDir, r.Name+".git")
		if _, err := os.Stat(gitDir); err != nil {
			fmt.Fprintf(os.Stderr, "ecosystem: cloning %s\n", r.Slug)
			cmd := exec.Command("git", "clone", "--bare", "--filter=blob:none", "https://github.com/"+r.Slug+".git", gitDir)
			cmd.Stderr = os.Stderr
			if err := cmd.Run(); err != nil {
				return "", fmt.Errorf("clone %s: %w", r.Slug, err)
			}
		}
	}
	// Blobs are read one by one (git cat-file), not with git archive: some snapshots lack
	// binary blobs the code does not need.
	list, err := exec.Command("git", "-C", gitDir, "ls-tree", "-r", "--name-only", r.Commit).Output()
	if err != nil {
		return "", fmt.Errorf("%s: ls-tree: %w", r.Slug, err)
	}
	var paths []string
	for _, p := range strings.Split(string(list), "\n") {
		if strings.HasSuffix(p, ".ex") || strings.HasSuffix(p, ".exs") {
			paths = append(paths, p)
		}
	}
	cmd := exec.Command("git", "-C", gitDir, "cat-file", "--batch")
	cmd.Stdin = strings.NewReader(r.Commit + ":" + strings.Join(paths, "\n"+r.Commit+":") + "\n")
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%s: cat-file: %w", r.Slug, err)
	}
	br := bufio.NewReader(bytes.NewReader(out))
	for _, p := range paths {
		header, err := br.ReadString('\n')
		if err != nil {
			return "", err
		}
		f := strings.Fields(header)
		if len(f) < 3 {
			continue // missing
		}
		size, _ := strconv.Atoi(f[2])
		buf := make([]byte, size+1)
		if _, err := io.ReadFull(br, buf); err != nil {
			return "", err
		}
		dst := filepath.Join(dir, p)
		os.MkdirAll(filepath.Dir(dst), 0o755)
		if err := os.WriteFile(dst, buf[:size], 0o644); err != nil {
			return "", err
		}
	}
	return dir, os.WriteFile(filepath.Join(dir, ".complete"), nil, 0o644)
}

func runCheck(otpls, dir string, r repo) ([]finding, error) {
	args := append([]string{"check", "--format", "json"}, r.Paths...)
	cmd := exec.Command(otpls, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		return nil, fmt.Errorf("%s: otpls check: %v\n%s", r.Name, err, stderr.String())
	}
	var got struct {
		Diagnostics []finding `json:"diagnostics"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		return nil, fmt.Errorf("%s: otpls check output: %w", r.Name, err)
	}
	for i := range got.Diagnostics {
		got.Diagnostics[i].repo = r.Name
		got.Diagnostics[i].Path = strings.TrimPrefix(filepath.ToSlash(got.Diagnostics[i].Path), "./")
	}
	return got.Diagnostics, nil
}

func reported(sev string) bool { return sev == "warning" || sev == "error" }

type tally struct{ TP, FP, DEB, Unjudged, Info int }

func (t tally) precision() string {
	n := t.TP + t.FP + t.DEB
	if n == 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", 100*float64(t.TP)/float64(n))
}

func report(w io.Writer, fs []finding, vs []verdict, ran map[string]bool, cacheDir string, showInfo bool) {
	byKey := map[string]verdict{}
	for _, v := range vs {
		byKey[v.key()] = v
	}
	sort.Slice(fs, func(i, j int) bool { return fs[i].key() < fs[j].key() })
	perRule := map[string]*tally{}
	rule := func(code string) *tally {
		if perRule[code] == nil {
			perRule[code] = &tally{}
		}
		return perRule[code]
	}
	matched := map[string]bool{}
	var unjudged []finding
	for _, f := range fs {
		t := rule(f.Code)
		v, ok := byKey[f.key()]
		if ok {
			matched[f.key()] = true
		}
		if !reported(f.Severity) {
			t.Info++
			if !ok && showInfo {
				unjudged = append(unjudged, f)
			}
			continue
		}
		if !ok {
			t.Unjudged++
			unjudged = append(unjudged, f)
			continue
		}
		switch v.Verdict {
		case "TP":
			t.TP++
		case "FP":
			t.FP++
		case "DEB":
			t.DEB++
		}
	}
	var codes []string
	for c := range perRule {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	var total tally
	fmt.Fprintf(w, "%-7s %4s %4s %4s %9s %10s %5s\n", "rule", "TP", "FP", "DEB", "unjudged", "precision", "info")
	for _, c := range codes {
		t := perRule[c]
		fmt.Fprintf(w, "%-7s %4d %4d %4d %9d %10s %5d\n", c, t.TP, t.FP, t.DEB, t.Unjudged, t.precision(), t.Info)
		total.TP += t.TP
		total.FP += t.FP
		total.DEB += t.DEB
		total.Unjudged += t.Unjudged
		total.Info += t.Info
	}
	fmt.Fprintf(w, "%-7s %4d %4d %4d %9d %10s %5d\n", "all", total.TP, total.FP, total.DEB, total.Unjudged, total.precision(), total.Info)

	// Judged findings no longer reported (or reported at another severity), so that a lost
	// true positive is seen.
	var gone []verdict
	for _, v := range vs {
		if ran[v.Repo] && !matched[v.key()] {
			gone = append(gone, v)
		}
	}
	if len(gone) > 0 {
		fmt.Fprintf(w, "\n%d judged findings are no longer reported:\n", len(gone))
		for _, v := range gone {
			mark := ""
			if v.Verdict == "TP" {
				mark = "  <-- LOST TRUE POSITIVE"
			}
			fmt.Fprintf(w, "  %s %s:%d %s (%s, %s)%s\n", v.Repo, v.Path, v.Line, v.Code, v.Verdict, v.Cause, mark)
		}
	}
	lost := 0
	for _, v := range gone {
		if v.Verdict == "TP" {
			lost++
		}
	}
	if len(unjudged) > 0 {
		fmt.Fprintf(w, "\n%d findings have no verdict; judge each and add a row to testdata/ecosystem/verdicts.tsv:\n", len(unjudged))
		for _, f := range unjudged {
			fmt.Fprintf(w, "\n%s\t%s\t%d\t%s\t%s\t?\t?\t%s\n", f.repo, f.Path, f.Line, f.Code, f.Severity, f.Message)
			fmt.Fprint(w, excerpt(filepath.Join(cacheDirFor(cacheDir, f.repo), f.Path), f.Line, 4))
		}
	}
	if lost > 0 {
		fmt.Fprintf(w, "\n%d true positives lost\n", lost)
	}
}

var repoDirs = map[string]string{}

func cacheDirFor(cacheDir, name string) string {
	if d, ok := repoDirs[name]; ok {
		return d
	}
	matches, _ := filepath.Glob(filepath.Join(cacheDir, name+"@*"))
	if len(matches) > 0 {
		repoDirs[name] = matches[0]
		return matches[0]
	}
	return filepath.Join(cacheDir, name)
}

func excerpt(path string, line, around int) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return "  (" + err.Error() + ")\n"
	}
	lines := strings.Split(string(data), "\n")
	var b strings.Builder
	for i := max(1, line-around); i <= min(len(lines), line+around); i++ {
		mark := "  "
		if i == line {
			mark = "> "
		}
		fmt.Fprintf(&b, "  %s%5d  %s\n", mark, i, lines[i-1])
	}
	return b.String()
}

// checkFixes runs `otpls fix` and then `otpls fix --unsafe` on copies of dir and checks
// what they changed: every changed file must parse with Elixir's own parser, the findings
// fixed must be gone and no new finding may appear. Every hunk is printed for review, with
// the Mix project (nearest mix.exs) of its file.
func checkFixes(otpls, dir string, r repo, before []finding) {
	for _, unsafe := range []bool{false, true} {
		mode := "fix"
		if unsafe {
			mode = "fix --unsafe"
		}
		work, err := os.MkdirTemp("", "otpls-ecosystem-")
		check(err)
		copyDir := filepath.Join(work, r.Name)
		check(exec.Command("cp", "-a", dir, copyDir).Run())
		args := []string{"fix"}
		if unsafe {
			args = append(args, "--unsafe")
		}
		cmd := exec.Command(otpls, append(args, r.Paths...)...)
		cmd.Dir = copyDir
		out, _ := cmd.CombinedOutput()
		diff, _ := exec.Command("diff", "-ru", "--exclude=.complete", dir, copyDir).Output()
		changed := changedFiles(string(diff), dir)
		fmt.Printf("\n== %s: otpls %s changed %d files\n", r.Name, mode, len(changed))
		if s := strings.TrimSpace(string(out)); s != "" {
			fmt.Println(indent(s))
		}
		if len(changed) == 0 {
			os.RemoveAll(work)
			continue
		}
		for _, p := range changed {
			fmt.Printf("-- %s (Mix project: %s)\n", p, mixProject(copyDir, p))
		}
		fmt.Println(indent(strings.ReplaceAll(string(diff), dir, "a")))
		var abs []string
		for _, p := range changed {
			abs = append(abs, filepath.Join(copyDir, p))
		}
		bad := parseCheck(abs)
		if len(bad) == 0 {
			fmt.Printf("   parse: all %d changed files parse with Elixir's parser\n", len(changed))
		}
		for _, b := range bad {
			fmt.Printf("   PARSE ERROR after %s: %s\n", mode, strings.ReplaceAll(b, copyDir+"/", ""))
		}
		after, err := runCheck(otpls, copyDir, r)
		check(err)
		for _, f := range newFindings(before, after) {
			fmt.Printf("   NEW FINDING after %s: %s:%d %s %s\n", mode, f.Path, f.Line, f.Code, f.Message)
		}
		os.RemoveAll(work)
	}
}

func indent(s string) string {
	return "   " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n   ")
}

func changedFiles(diff, dir string) []string {
	var out []string
	for _, line := range strings.Split(diff, "\n") {
		if strings.HasPrefix(line, "diff -ru ") {
			f := strings.Fields(line)
			out = append(out, strings.TrimPrefix(f[len(f)-2], dir+"/"))
		} else if strings.HasPrefix(line, "Only in ") {
			out = append(out, "(only) "+line)
		}
	}
	return out
}

func mixProject(root, path string) string {
	d := filepath.Dir(filepath.Join(root, path))
	for strings.HasPrefix(d, root) {
		if _, err := os.Stat(filepath.Join(d, "mix.exs")); err == nil {
			rel, _ := filepath.Rel(root, d)
			return rel
		}
		d = filepath.Dir(d)
	}
	return "(none)"
}

// parseCheck parses each file with Code.string_to_quoted in one Elixir VM and returns the
// failures.
func parseCheck(paths []string) []string {
	script := `for p <- System.argv() do
  case Code.string_to_quoted(File.read!(p), file: p) do
    {:ok, _} -> :ok
    {:error, e} -> IO.puts("#{p}: #{inspect(e)}")
  end
end`
	out, err := exec.Command("elixir", append([]string{"-e", script, "--"}, paths...)...).CombinedOutput()
	if err != nil {
		return []string{"elixir could not run: " + err.Error() + ": " + string(out)}
	}
	var bad []string
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if l != "" {
			bad = append(bad, l)
		}
	}
	return bad
}

// newFindings returns the findings of after that before did not have, compared by file, code
// and message (lines move when a fix inserts code).
func newFindings(before, after []finding) []finding {
	count := map[string]int{}
	k := func(f finding) string { return f.Path + "\t" + f.Code + "\t" + f.Message }
	for _, f := range before {
		count[k(f)]++
	}
	var out []finding
	for _, f := range after {
		if count[k(f)] > 0 {
			count[k(f)]--
			continue
		}
		out = append(out, f)
	}
	return out
}
