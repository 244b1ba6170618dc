// Package dynamicprocessname is OTP019 dynamic-process-name: a process registered under an
// atom made at run time. What it flags, what it leaves alone and why:
// docs/rules/OTP019.md.
package dynamicprocessname

import (
	"fmt"
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
)

// Analyzer is OTP019.
var Analyzer = &analysis.Analyzer{
	Code:     "OTP019",
	Name:     "dynamic-process-name",
	Title:    "Process name made from runtime data (atoms are never garbage collected)",
	Severity: analysis.Warning,
	InTests:  analysis.OffInTests,
	Doc:      doc,
	Run:      run,
}

// finding is one name position whose value is an atom made at run time.
type finding struct {
	where string       // "name:", "Process.register/2", "{:global, ...}"
	value *source.Node // the value at the name position
	atom  atomMaking
}

func run(p *analysis.Pass) {
	positions := namePositions(p)
	names := map[*source.Node]bool{} // the `name:` values, which take any name
	for _, pos := range positions {
		if pos.where == "name:" {
			names[pos.value] = true
		}
	}
	seen := map[*source.Node]bool{}
	for _, pos := range positions {
		if seen[pos.value] {
			continue
		}
		seen[pos.value] = true
		em := p.Module(pos.value)
		if em == nil || !elixir.InExpression(p.File, pos.value) {
			continue
		}
		a, ok := dynamicAtom(p, em, pos.value, followDepth)
		if !ok {
			continue
		}
		report(p, em, finding{where: pos.where, value: pos.value, atom: a}, names)
	}
}

func report(p *analysis.Pass, em *elixir.Module, fd finding, names map[*source.Node]bool) {
	d := p.Report(fd.value, "%s", message(p.File, fd))
	if fd.atom.node != fd.value && !fd.value.Contains(fd.atom.node) {
		d.Related = append(d.Related, analysis.Related{Loc: p.Loc(fd.atom.node), Message: "where the atom is made"})
	}
	if !fd.atom.converted {
		// A hint carries no fix: `otpls fix --unsafe` applies every fix offered.
		d.Severity = analysis.Information
		return
	}
	if fx, ok := fix(p, em, fd, names); ok {
		d.Fixes = append(d.Fixes, fx)
	}
}

func message(f *source.File, fd finding) string {
	made := fd.atom.how
	if fd.atom.through != "" {
		made += " in " + fd.atom.through
	}
	text := fmt.Sprintf("%s %s registers a process under an atom made at run time (%s): atoms are never garbage collected, so a name made per user, tenant or request grows the atom table until the VM stops (a {:via, Registry, {registry, key}} name takes any term as key)", fd.where, shorten(f.Slice(fd.value)), made)
	if !fd.atom.converted {
		text += ", left as a hint because an interpolated atom or Module.concat often derives a name from another name or a module, a set that does not grow; nothing here shows what the data is"
	}
	return text
}

// shorten keeps a value's text to one short line for a message.
func shorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 40 {
		s = s[:37] + "..."
	}
	return s
}
