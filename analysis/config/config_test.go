package config

import (
	"reflect"
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
		{`[task_supervisor: "#{x}"]`, "1:20: string interpolation is not allowed"}, {`[task_supervisor: "A.B"]`, "task_supervisor must be a module name"},
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
