package all_test

import (
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// driverPackages are the batch side of otpls: reading a project from disk (the walker and
// its glob matching) and applying fixes round after round. A rule runs on every keystroke
// in the editor on one file; it and the rewrites it calls (codeactions) must not depend on
// them, or every rule with a fix pulls the whole batch driver in.
var driverPackages = []string{
	"github.com/otpls/otpls/analysis/workspace",
	"github.com/otpls/otpls/analysis/fixall",
	"github.com/bmatcuk/doublestar/v4",
}

// notARule lists the packages under analysis/rules that are allowed the driver: ruletest
// checks a rule's goldens by running the fix loop over its fixtures.
var notARule = map[string]bool{
	"github.com/otpls/otpls/analysis/rules/ruletest": true,
}

func TestRulesDoNotDependOnTheBatchDriver(t *testing.T) {
	// The go tool runs this test, so it is there: on PATH, or in the toolchain's GOROOT.
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	out, err := exec.Command(goTool, "list", "-json=ImportPath,Deps",
		"github.com/otpls/otpls/analysis/rules/...", "github.com/otpls/otpls/codeactions").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	checked := 0
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var pkg struct {
			ImportPath string
			Deps       []string
		}
		if err := dec.Decode(&pkg); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("go list output: %v", err)
		}
		if notARule[pkg.ImportPath] {
			continue
		}
		checked++
		for _, dep := range pkg.Deps {
			for _, driver := range driverPackages {
				if dep == driver {
					t.Errorf("%s depends on %s", pkg.ImportPath, driver)
				}
			}
		}
	}
	if checked < 3 {
		t.Fatalf("listed %d packages; expected the rules and codeactions", checked)
	}
}
