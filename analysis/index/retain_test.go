package index_test

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/benchcorpus"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/processes"
	"github.com/otpls/otpls/analysis/rules/all"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/analysis/supervision"
)

// A summary holds no part of its file's text. The language server keeps the summary of
// every closed file for the session and drops the text: a string cut from the text
// (a name, a message's shape, an option's source) would keep the whole text alive, a
// byte of memory per source byte of the workspace.
func TestSummaryHoldsNoText(t *testing.T) {
	// The facts the language server computes: the rules', the navigation's and the
	// supervision tree's.
	facts := analysis.FactKinds(all.Analyzers)
	for _, k := range append(processes.Facts(), supervision.Facts()...) {
		if !slices.Contains(facts, k) {
			facts = append(facts, k)
		}
	}
	files := append(benchcorpus.Files(20_000, 1), benchcorpus.FilesScaled(20_000, 2, benchcorpus.LargeModules)...)
	reported := map[string]bool{}
	for _, file := range files {
		f := source.Parse(file.Path, string(file.Content))
		sum := index.Summarize(f, nil, facts)
		start := uintptr(unsafe.Pointer(unsafe.StringData(f.Text)))
		end := start + uintptr(len(f.Text))
		w := &textFinder{start: start, end: end, seen: map[uintptr]bool{}}
		w.walk(reflect.ValueOf(sum), "summary")
		ws := index.NewWorkspace(facts...)
		ws.Update(sum)
		w.walk(reflect.ValueOf(ws), "workspace")
		w.walk(reflect.ValueOf(ws.Snapshot()), "snapshot")
		for _, where := range w.found {
			// One report a field, not one a value.
			if field := indexes.ReplaceAllString(where[:strings.Index(where, " = ")], "[]"); !reported[field] {
				reported[field] = true
				t.Errorf("%s: %s", file.Path, where)
			}
		}
	}
}

var indexes = regexp.MustCompile(`\[[^\]]*\]`)

// textFinder walks a value and records the paths of the strings inside [start, end).
type textFinder struct {
	start, end uintptr
	seen       map[uintptr]bool
	found      []string
}

func (w *textFinder) walk(v reflect.Value, path string) {
	switch v.Kind() {
	case reflect.String:
		if v.Len() > 0 {
			p := uintptr(unsafe.Pointer(unsafe.StringData(v.String())))
			if p >= w.start && p < w.end {
				w.found = append(w.found, fmt.Sprintf("%s = %q is cut from the file's text", path, v.String()))
			}
		}
	case reflect.Pointer:
		if v.IsNil() || w.seen[v.Pointer()] {
			return
		}
		w.seen[v.Pointer()] = true
		w.walk(v.Elem(), path)
	case reflect.Interface:
		if !v.IsNil() {
			w.walk(v.Elem(), path+".("+v.Elem().Type().String()+")")
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			w.walk(v.Field(i), path+"."+v.Type().Field(i).Name)
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			w.walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			w.walk(it.Key(), path+"{key}")
			w.walk(it.Value(), fmt.Sprintf("%s[%v]", path, it.Key()))
		}
	}
}
