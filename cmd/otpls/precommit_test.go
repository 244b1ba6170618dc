package main

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The repository's pre-commit hook builds this command (language golang) and runs
// `otpls check` on the Elixir files staged, passed one after another as pre-commit does.
func TestPreCommitHook(t *testing.T) {
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID            string `yaml:"id"`
		Name          string `yaml:"name"`
		Language      string `yaml:"language"`
		Entry         string `yaml:"entry"`
		Files         string `yaml:"files"`
		RequireSerial bool   `yaml:"require_serial"`
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	if len(hooks) != 1 || hooks[0].ID != "otpls" || hooks[0].Language != "golang" || hooks[0].Entry != "otpls check" || !hooks[0].RequireSerial {
		t.Fatalf("hooks: %+v", hooks)
	}
	files := regexp.MustCompile(hooks[0].Files)
	for name, want := range map[string]bool{"lib/a.ex": true, "mix.exs": true, "test/a_test.exs": true, "README.md": false, "lib/a.exe": false, "a.eex": false} {
		if files.MatchString(name) != want {
			t.Errorf("files %q matches %s: %v", hooks[0].Files, name, !want)
		}
	}

	dir := writeTree(t, map[string]string{"mix.exs": mixExs, "lib/shop/application.ex": app, "lib/shop/mailer.ex": mailer, "lib/shop/other.ex": mailer})
	args := append(strings.Fields(hooks[0].Entry)[1:], "lib/shop/application.ex", "lib/shop/mailer.ex")
	code, out, errOut := runIn(t, dir, args...)
	if code != exitFindings || !slices.Equal(codesIn(out), []string{"OTP009"}) || !strings.HasPrefix(out, "lib/shop/mailer.ex:3:5: OTP009") || errOut != "" {
		t.Fatalf("%v: exit %d\n%s%s", args, code, out, errOut)
	}
	if code, out, _ := runIn(t, dir, "check", "lib/shop/application.ex", "mix.exs"); code != exitClean || out != "" {
		t.Fatalf("clean files: exit %d\n%s", code, out)
	}
}
