package editors

import (
	"archive/zip"
	"bytes"
	"debug/elf"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/otpls/otpls/analysis/rules/ruletest"
)

// TestVSCodeArm64Binary checks the linux-arm64 VSIX (make vsix-linux-arm64, which make vsix,
// and so make test, runs on linux/amd64 hosts): it is a linux-arm64 package whose bundled
// otpls is an executable aarch64 ELF, the binary the extension runs on such a machine.
// Missing, it fails under CI=true on such a host, and is skipped otherwise.
func TestVSCodeArm64Binary(t *testing.T) {
	vsix := filepath.Join(ruletest.Root(t), "editors", "vscode", "otpls-linux-arm64.vsix")
	if _, err := os.Stat(vsix); err != nil {
		// make test builds it (make vsix) on linux/amd64 hosts; a go test of its own may not have.
		if os.Getenv("CI") == "true" && runtime.GOOS+"/"+runtime.GOARCH == "linux/amd64" {
			t.Fatalf("%s missing: make vsix builds it on linux/amd64", vsix)
		}
		t.Skipf("%s missing; run make vsix-linux-arm64", vsix)
	}
	z, err := zip.OpenReader(vsix)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	var bin, manifest []byte
	for _, f := range z.File {
		switch f.Name {
		case "extension/bin/otpls":
			bin = read(t, f)
			if f.Mode()&0o111 == 0 {
				t.Errorf("extension/bin/otpls is not executable: %v", f.Mode())
			}
		case "extension.vsixmanifest":
			manifest = read(t, f)
		}
	}
	if bin == nil {
		t.Fatal("no extension/bin/otpls in the package")
	}
	if !bytes.Contains(manifest, []byte(`TargetPlatform="linux-arm64"`)) {
		t.Errorf("manifest does not target linux-arm64:\n%s", manifest)
	}
	f, err := elf.NewFile(bytes.NewReader(bin))
	if err != nil {
		t.Fatalf("bundled otpls is not ELF: %v", err)
	}
	if f.Machine != elf.EM_AARCH64 || f.Class != elf.ELFCLASS64 || f.Type != elf.ET_EXEC && f.Type != elf.ET_DYN {
		t.Errorf("bundled otpls is %v %v %v, want an aarch64 64-bit executable", f.Machine, f.Class, f.Type)
	}
	// Built with cgo (tree-sitter is C): it links the C library dynamically.
	if libs, err := f.ImportedLibraries(); err != nil || len(libs) == 0 {
		t.Errorf("bundled otpls links no C library (%v, %v): built without cgo?", libs, err)
	}
}

func read(t *testing.T, f *zip.File) []byte {
	t.Helper()
	r, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	data, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
