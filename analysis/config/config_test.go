package config

import (
	"encoding/json"
	"fmt"
	"reflect"
	"runtime/debug"
	"strings"
	"testing"
)

func TestParseCatalogueExample(t *testing.T) {
	text := `# otpls settings
[
  rules: [OTP001: [min_concerns: 4], OTP003: [extra: ["MyApp.Http.get"], severity: :error], OTP005: false],
  exclude: ["deps/**", "_build/**"],
  task_supervisor: MyApp.TaskSupervisor
]
`
	cfg, problems := Parse(".otpls.exs", text)
	if len(problems) != 0 {
		t.Fatalf("problems: %v", problems)
	}
	if got := cfg.Rules["OTP001"].Options["min_concerns"]; got != int64(4) {
		t.Errorf("min_concerns = %#v", got)
	}
	if got := cfg.Rules["OTP003"].Options["extra"]; !reflect.DeepEqual(got, []any{"MyApp.Http.get"}) {
		t.Errorf("extra = %#v", got)
	}
	if cfg.Rules["OTP003"].Severity != "error" {
		t.Errorf("severity = %q", cfg.Rules["OTP003"].Severity)
	}
	if e := cfg.Rules["OTP005"].Enabled; e == nil || *e {
		t.Errorf("OTP005 enabled = %v", e)
	}
	if !reflect.DeepEqual(cfg.Exclude, []string{"deps/**", "_build/**"}) || cfg.TaskSupervisor != "MyApp.TaskSupervisor" {
		t.Errorf("exclude=%v task_supervisor=%q", cfg.Exclude, cfg.TaskSupervisor)
	}
}

func TestParseRefusesCodeAndReportsPlaces(t *testing.T) {
	cases := []struct{ text, want string }{
		{`System.cmd("touch", ["/tmp/pwned"])`, "1:1: the config must be a keyword list"},
		{`[exclude: System.cmd("touch", ["/tmp/pwned"])]`, "1:11: a call to System.cmd is not allowed"},
		{`[task_supervisor: "#{x}"]`, "1:20: string interpolation is not allowed"}, {`[task_supervisor: "A.B"]`, `task_supervisor must be a module name such as MyApp.TaskSupervisor (the fixes of OTP003 blocking-callback, OTP008 call-chain and OTP009 unsupervised-task write it into code), not "A.B"`},
		{`[exclude: ["a#{x}"]]`, "1:14: string interpolation is not allowed"},
		{`[rules: [OTP3: false]]`, `unknown rule "OTP3"`},
		{`[rules: [OTP003: [severity: :loud]]]`, "severity must be"},
		{`[colour: :blue]`, `unknown key "colour"`},
		{`[rules: [OTP001: [min_concerns: x]]]`, "a variable is not allowed"},
		{`[rules: [`, "syntax error"},
		{"[a: 1]\n[b: 2]", "a single keyword list"},
	}
	for _, c := range cases {
		_, problems := Parse(".otpls.exs", c.text)
		if len(problems) == 0 || !strings.Contains(problems[0].Error(), c.want) {
			t.Errorf("Parse(%q) problems = %v, want %q", c.text, problems, c.want)
		}
	}
}

func TestBadEntryKeepsTheOthers(t *testing.T) {
	cfg, problems := Parse(".otpls.exs", `[rules: [OTP009: false], exclude: File.read!("x"), task_supervisor: A.B]`)
	if len(problems) != 1 || cfg.Rules["OTP009"].Enabled == nil || cfg.TaskSupervisor != "A.B" {
		t.Fatalf("cfg=%+v problems=%v", cfg, problems)
	}
}

func TestEmptyConfig(t *testing.T) {
	for _, text := range []string{"", "# nothing\n", "[]"} {
		if _, problems := Parse(".otpls.exs", text); len(problems) != 0 {
			t.Errorf("%q: %v", text, problems)
		}
	}
}

func TestOverrideFromEditorSettings(t *testing.T) {
	base, _ := Parse(".otpls.exs", `[rules: [OTP001: [min_concerns: 4]], task_supervisor: A.Tasks]`)
	out, problems := base.Override(map[string]any{
		"rules":          map[string]any{"OTP001": map[string]any{"min_concerns": float64(5)}, "OTP005": false, "bogus": true},
		"taskSupervisor": "B.Tasks",
	})
	if len(problems) != 1 || !strings.Contains(problems[0], "bogus") {
		t.Errorf("problems = %v", problems)
	}
	if out.Rules["OTP001"].Options["min_concerns"] != float64(5) || *out.Rules["OTP005"].Enabled || out.TaskSupervisor != "B.Tasks" {
		t.Errorf("override = %+v", out)
	}
	if base.Rules["OTP001"].Options["min_concerns"] != int64(4) || base.TaskSupervisor != "A.Tasks" {
		t.Error("Override changed its receiver")
	}
}

// VS Code answers workspace/configuration with its whole section: the settings nobody set
// come as null or "", and mean the config's (or the default) value, not an invalid one.
func TestOverrideTakesNullAndEmptyAsUnset(t *testing.T) {
	base, _ := Parse(".otpls.exs", `[task_supervisor: A.Tasks, max_file_size: 1000]`)
	out, problems := base.Override(map[string]any{"max_file_size": nil, "task_supervisor": "", "rules": nil, "exclude": nil, "baseline": ""})
	if len(problems) != 0 || out.TaskSupervisor != "A.Tasks" || out.MaxFileSize != 1000 {
		t.Errorf("problems %v, task_supervisor %q, max_file_size %d", problems, out.TaskSupervisor, out.MaxFileSize)
	}
}

var testSchema = Schema{
	"OTP001": {Name: "god-genserver", Options: []*Option{{Name: "min_concerns", Type: TypeInt, Default: 3}}},
	"OTP003": {Name: "blocking-callback", Options: []*Option{{Name: "extra", Type: TypeStrings}, {Name: "mode", Type: TypeAtom, Default: "fast"}}},
	"OTP005": {Name: "supervisor-strategy"},
}

// With the rules' schema, each setting must be an option the rule declares, of its type;
// a bad one is reported (naming the rule, the option and what was expected) and left out,
// and the rest of the rule's settings apply.
func TestParseWithSchemaChecksOptions(t *testing.T) {
	cases := []struct{ text, want string }{
		{`[rules: [OTP001: [min_concern: 4]]]`, `1:19: OTP001 (god-genserver): unknown option "min_concern" (its options: min_concerns; and enabled, severity)`},
		{`[rules: [OTP003: [serverity: :error]]]`, `1:19: OTP003 (blocking-callback): unknown option "serverity" (its options: extra, mode; and enabled, severity)`},
		{`[rules: [OTP005: [max: 1]]]`, `1:19: OTP005 (supervisor-strategy): unknown option "max" (it takes only enabled and severity)`},
		{`[rules: [OTP001: [min_concerns: "four"]]]`, `1:19: OTP001 (god-genserver): min_concerns must be an integer`},
		{`[rules: [OTP001: [min_concerns: 2.5]]]`, `OTP001 (god-genserver): min_concerns must be an integer`},
		{`[rules: [OTP003: [extra: "MyApp.Http.get"]]]`, `1:19: OTP003 (blocking-callback): extra must be a list of strings`},
		{`[rules: [OTP003: [extra: [1]]]]`, `extra must be a list of strings`},
		{`[rules: [OTP003: [mode: 1]]]`, `OTP003 (blocking-callback): mode must be an atom`},
		{`[rules: [OTP003: [severity: "error"]]]`, `OTP003 (blocking-callback): severity must be :error, :warning, :information or :hint`},
		{`[rules: [OTP003: [enabled: 1]]]`, `OTP003 (blocking-callback): enabled must be true or false`},
		{`[rules: [OTP099: false]]`, `1:10: unknown rule OTP099 (rules: OTP001, OTP003, OTP005)`},
	}
	for _, c := range cases {
		_, problems := ParseWith(".otpls.exs", c.text, testSchema)
		if len(problems) != 1 || !strings.Contains(problems[0].Error(), c.want) {
			t.Errorf("ParseWith(%q) problems = %v, want %q", c.text, problems, c.want)
		}
	}
	cfg, problems := ParseWith(".otpls.exs", `[rules: [OTP001: [min_concerns: "x", severity: :hint], OTP003: [extra: ["A.b", B.C, :c], mode: :slow]]]`, testSchema)
	if len(problems) != 1 {
		t.Fatalf("problems = %v", problems)
	}
	if r := cfg.Rules["OTP001"]; r.Severity != "hint" || len(r.Options) != 0 {
		t.Errorf("the bad option is left out and the rest applies: %+v", r)
	}
	if got := cfg.Rules["OTP003"].Options; !reflect.DeepEqual(got, map[string]any{"extra": []string{"A.b", "B.C", "c"}, "mode": "slow"}) {
		t.Errorf("options are converted to their Go values: %#v", got)
	}
	if cfg, _ := ParseWith(".otpls.exs", `[rules: [OTP001: [min_concerns: 4]]]`, testSchema); cfg.Rules["OTP001"].Options["min_concerns"] != 4 {
		t.Errorf("min_concerns = %#v, want the int 4", cfg.Rules["OTP001"].Options["min_concerns"])
	}
}

// Editor settings are checked by the same code, against the schema the file was read with,
// and name values as JSON writes them.
func TestOverrideChecksOptionsAgainstTheSchema(t *testing.T) {
	base, _ := ParseWith(".otpls.exs", `[]`, testSchema)
	out, problems := base.Override(map[string]any{"rules": map[string]any{
		"OTP001": map[string]any{"min_concern": float64(4)},
		"OTP003": map[string]any{"extra": "A.get", "severity": "loud", "mode": "slow"},
		"OTP005": map[string]any{"enabled": false},
		"OTP099": true,
	}})
	want := []string{
		`OTP001 (god-genserver): unknown option "min_concern" (its options: min_concerns; and enabled, severity)`,
		`OTP003 (blocking-callback): extra must be a list of strings`,
		`OTP003 (blocking-callback): severity must be "error", "warning", "information" or "hint"`,
		`unknown rule OTP099 (rules: OTP001, OTP003, OTP005)`,
	}
	if !reflect.DeepEqual(problems, want) {
		t.Errorf("problems =\n%s\nwant\n%s", strings.Join(problems, "\n"), strings.Join(want, "\n"))
	}
	if out.Rules["OTP003"].Options["mode"] != "slow" || *out.Rules["OTP005"].Enabled {
		t.Errorf("the valid settings apply: %+v", out.Rules)
	}
	if _, problems := DefaultFor(testSchema).Override(map[string]any{"rules": map[string]any{"OTP001": map[string]any{"min_concerns": 2.5}}}); len(problems) != 1 {
		t.Errorf("a fractional JSON number is not an integer: %v", problems)
	}
}

func TestOptionLiteral(t *testing.T) {
	for _, c := range []struct {
		o    Option
		v    any
		want string
	}{
		{Option{Type: TypeInt}, 3, "3"},
		{Option{Type: TypeBool}, true, "true"},
		{Option{Type: TypeString}, "a b", `"a b"`},
		{Option{Type: TypeStrings}, []string{"A.b", "c"}, `["A.b", "c"]`},
		{Option{Type: TypeStrings}, nil, `[]`},
		{Option{Type: TypeAtom}, "fast", ":fast"},
	} {
		if got := c.o.Literal(c.v); got != c.want {
			t.Errorf("%s literal of %#v = %s, want %s", c.o.Type, c.v, got, c.want)
		}
	}
}

// A config of a million nested keyword lists once overflowed the stack (reading is
// recursive) and killed `otpls check`: a value nested deeper than MaxDepth is refused at
// the first list past the limit, and the other entries still apply. The stack is capped
// for the test so that 100,000 levels, read without the bound, overflow it as the
// attack's million did with Go's default limit.
func TestDeepNestingIsRefused(t *testing.T) {
	defer debug.SetMaxStack(debug.SetMaxStack(16 << 20))
	const n = 100_000
	prefix := "[rules: [OTP005: false], exclude: "
	for _, open := range []string{"[a: ", "["} {
		text := prefix + strings.Repeat(open, n) + "1" + strings.Repeat("]", n) + "]"
		cfg, problems := Parse(".otpls.exs", text)
		column := len(prefix) + (MaxDepth-1)*len(open) + 1
		want := fmt.Sprintf(".otpls.exs:1:%d: nested deeper than %d levels", column, MaxDepth)
		if len(problems) != 1 || !strings.HasPrefix(problems[0].Error(), want) {
			t.Errorf("%q nesting: problems = %.200v, want %q", open, problems, want)
		}
		if e := cfg.Rules["OTP005"].Enabled; e == nil || *e || cfg.Exclude != nil {
			t.Errorf("%q nesting: OTP005 enabled = %v, exclude = %v: the other entry must apply, the deep one none", open, e, cfg.Exclude)
		}
	}
	// The deepest config the limit allows is read.
	text := "[exclude: " + strings.Repeat("[", MaxDepth-1) + `"x"` + strings.Repeat("]", MaxDepth)
	if _, problems := Parse(".otpls.exs", text); len(problems) != 1 || !strings.Contains(problems[0].Message, "exclude must be a list of glob strings") {
		t.Errorf("%d levels: problems = %v, want only the type error", MaxDepth, problems)
	}
}

// The fixes write task_supervisor into code as it is: only a module name is taken, so a
// quoted atom (the attack: :"foo ++ System.halt()") or any other text never reaches a fix.
func TestTaskSupervisorMustBeAModuleName(t *testing.T) {
	for _, ok := range []string{"A", "MyApp.TaskSupervisor", "My_App2.Tasks_1"} {
		if cfg, problems := Parse(".otpls.exs", "[task_supervisor: "+ok+"]"); len(problems) != 0 || cfg.TaskSupervisor != ok {
			t.Errorf("%s: %q, %v", ok, cfg.TaskSupervisor, problems)
		}
		if cfg, problems := Default().Override(map[string]any{"taskSupervisor": ok}); len(problems) != 0 || cfg.TaskSupervisor != ok {
			t.Errorf("setting %s: %q, %v", ok, cfg.TaskSupervisor, problems)
		}
	}
	must := "task_supervisor must be a module name such as MyApp.TaskSupervisor (the fixes of OTP003 blocking-callback, OTP008 call-chain and OTP009 unsupervised-task write it into code), not "
	for _, bad := range []string{`:"foo ++ System.halt()"`, `:my_sup`, `"A.B"`, `Elixir.A.B`, `:"Elixir.A.B"`, `:"A.B"`, `[A]`, `nil`} {
		cfg, problems := Parse(".otpls.exs", "[rules: [OTP005: false], task_supervisor: "+bad+"]")
		want := ".otpls.exs:1:26: " + must + bad
		if len(problems) != 1 || problems[0].Error() != want || cfg.TaskSupervisor != "" || cfg.Rules["OTP005"].Enabled == nil {
			t.Errorf("%s: task_supervisor %q, problems %v, want %q", bad, cfg.TaskSupervisor, problems, want)
		}
	}
	base, _ := Parse(".otpls.exs", "[task_supervisor: A.Tasks]")
	for _, bad := range []any{"foo ++ System.halt()", ":my_sup", "Elixir.A", "a.B", "A..B", "A.", float64(3)} {
		cfg, problems := base.Override(map[string]any{"task_supervisor": bad})
		written, _ := json.Marshal(bad)
		if len(problems) != 1 || problems[0] != must+string(written) || cfg.TaskSupervisor != "A.Tasks" {
			t.Errorf("setting %v: task_supervisor %q, problems %v", bad, cfg.TaskSupervisor, problems)
		}
	}
	long := `:"` + strings.Repeat("x", 100) + `"`
	if _, problems := Parse(".otpls.exs", "[task_supervisor: "+long+"]"); len(problems) != 1 || !strings.HasSuffix(problems[0].Message, ", not "+long[:60]+"...") {
		t.Errorf("a long value is cut: %v", problems)
	}
}

// max_file_size is a number of bytes from 1 to the ceiling, in the file and in editor
// settings; anything else is a problem and leaves the limit as it was.
func TestMaxFileSize(t *testing.T) {
	if got := Default().FileSizeLimit(); got != 4<<20 {
		t.Errorf("default limit %d", got)
	}
	if got := (*Config)(nil).FileSizeLimit(); got != DefaultMaxFileSize {
		t.Errorf("nil config limit %d", got)
	}
	for text, want := range map[string]int64{"[max_file_size: 1]": 1, "[max_file_size: 8_388_608]": 8 << 20, "[max_file_size: 16777216]": MaxFileSizeCeiling} {
		if cfg, problems := Parse(".otpls.exs", text); len(problems) != 0 || cfg.FileSizeLimit() != want {
			t.Errorf("%s: %d, %v", text, cfg.FileSizeLimit(), problems)
		}
	}
	must := "max_file_size must be an integer number of bytes from 1 to 16777216 (default 4194304), not "
	for _, bad := range []string{"0", "16777217", "1.5", `"4MB"`, ":big", "nil"} {
		cfg, problems := Parse(".otpls.exs", "[max_file_size: "+bad+"]")
		if len(problems) != 1 || problems[0].Message != must+bad || cfg.FileSizeLimit() != DefaultMaxFileSize {
			t.Errorf("%s: limit %d, problems %v", bad, cfg.FileSizeLimit(), problems)
		}
	}
	base, _ := Parse(".otpls.exs", "[max_file_size: 1000]")
	for key, v := range map[string]any{"maxFileSize": float64(2000), "max_file_size": float64(2000)} {
		if cfg, problems := base.Override(map[string]any{key: v}); len(problems) != 0 || cfg.FileSizeLimit() != 2000 {
			t.Errorf("setting %s: %d, %v", key, cfg.FileSizeLimit(), problems)
		}
	}
	for _, bad := range []any{float64(0), float64(1 << 40), 1.5, "4MB"} {
		cfg, problems := base.Override(map[string]any{"maxFileSize": bad})
		written, _ := json.Marshal(bad)
		if len(problems) != 1 || problems[0] != must+string(written) || cfg.FileSizeLimit() != 1000 {
			t.Errorf("setting %v: %d, %v", bad, cfg.FileSizeLimit(), problems)
		}
	}
	if cfg, _ := base.Override(map[string]any{"exclude": []any{"x"}}); cfg.FileSizeLimit() != 1000 {
		t.Errorf("settings without the key keep the file's limit: %d", cfg.FileSizeLimit())
	}
}
