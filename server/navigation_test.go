package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// The navigation fixture (testdata/navigation) is an umbrella: apps/store holds two
// servers, Store.Cache (registered by its module name, with API wrappers, guards and
// several heads matching one message) and Store.Counter (registered as :hits); apps/web
// calls them through an alias, the wrappers, the atom and a module attribute, and once
// through a pid (an unknown target).
const (
	navCache   = "apps/store/lib/store/cache.ex"
	navCounter = "apps/store/lib/store/counter.ex"
	navPage    = "apps/web/lib/web/page.ex"
)

func navDir(t *testing.T) string {
	dir, err := filepath.Abs("testdata/navigation")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// wireLocation is a Location as it comes over the wire.
type wireLocation struct {
	URI   string `json:"uri"`
	Range struct {
		Start struct{ Line, Character int } `json:"start"`
		End   struct{ Line, Character int } `json:"end"`
	} `json:"range"`
}

// locs prints locations as "file:line:char-line:char" (0-based, the file relative to dir)
// for exact comparisons; a URI outside dir is printed whole.
func locs(dir string, ls []wireLocation) []string {
	out := []string{}
	for _, l := range ls {
		name := strings.TrimPrefix(l.URI, pathToURI(dir)+"/")
		r := l.Range
		out = append(out, fmt.Sprintf("%s:%d:%d-%d:%d", name, r.Start.Line, r.Start.Character, r.End.Line, r.End.Character))
	}
	return out
}

func at(uri string, line, char int) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": line, "character": char}}
}

func (c *testClient) locations(method string, params map[string]any) []wireLocation {
	c.t.Helper()
	var got []wireLocation
	if err := c.call(method, params, &got); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
	if got == nil {
		c.t.Fatalf("%s answered null, not a list", method)
	}
	return got
}

func (c *testClient) implementation(uri string, line, char int) []wireLocation {
	return c.locations("textDocument/implementation", at(uri, line, char))
}

func (c *testClient) references(uri string, line, char int, declaration bool) []wireLocation {
	p := at(uri, line, char)
	p["context"] = map[string]any{"includeDeclaration": declaration}
	return c.locations("textDocument/references", p)
}

func same(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("%s:\n got %q\nwant %q", what, got, want)
	}
}

func TestImplementationFromSendsToHandlerClauses(t *testing.T) {
	dir := navDir(t)
	c := indexedClient(t, dir)
	page := fileURI(dir, navPage)
	fetchHeads := []string{navCache + ":16:2-16:64", navCache + ":20:2-20:46"}
	cases := []struct {
		what       string
		uri        string
		line, char int
		want       []string
	}{
		{"an API wrapper's call, across apps: both fetch heads, the guarded one first", page, 7, 18, fetchHeads},
		{"the wrapper's own send to __MODULE__ (a closed file)", fileURI(dir, navCache), 5, 30, fetchHeads},
		{"a call through an alias", page, 9, 11, []string{navCache + ":24:2-24:38"}},
		{"a cast to a registered atom name", page, 6, 20, []string{navCounter + ":9:2-9:27"}},
		{"a call through a module attribute holding the registered name", page, 11, 30, []string{navCounter + ":12:2-12:34"}},
		{"send/2 reaches handle_info", page, 10, 4, []string{navCache + ":32:2-32:32"}},
		{"Process.send_after(self(), ...) in a callback", fileURI(dir, navCache), 33, 10, []string{navCache + ":32:2-32:32"}},
		{"the wrapper cast", page, 8, 10, []string{navCache + ":29:2-29:44"}},
		{"a call to a pid: the target is unknown", page, 14, 30, []string{}},
		{"not on a send", page, 1, 4, []string{}},
		{"a document the index does not hold", "untitled:Untitled-1", 0, 0, []string{}},
	}
	for _, tc := range cases {
		same(t, tc.what, locs(dir, c.implementation(tc.uri, tc.line, tc.char)), tc.want)
	}
}

func TestReferencesFromHandlerClauseToSenders(t *testing.T) {
	dir := navDir(t)
	c := indexedClient(t, dir)
	cache := fileURI(dir, navCache)
	// The guarded clause: its head runs to the end of the guard.
	same(t, "senders of the guarded fetch clause", locs(dir, c.references(cache, 16, 60, false)),
		[]string{navCache + ":5:22-5:63", navPage + ":7:12-7:28"})
	same(t, "with the declaration", locs(dir, c.references(cache, 20, 8, true)),
		[]string{navCache + ":20:2-20:46", navCache + ":5:22-5:63", navPage + ":7:12-7:28"})
	same(t, "handle_info's senders", locs(dir, c.references(cache, 32, 10, false)),
		[]string{navCache + ":11:4-11:45", navCache + ":33:4-33:45", navPage + ":10:4-10:23"})
	same(t, "a clause nobody sends to", locs(dir, c.references(cache, 26, 10, false)), []string{})
	same(t, "inside a clause body, not on its head", locs(dir, c.references(cache, 17, 10, false)), []string{})
	same(t, "senders to a registered name", locs(dir, c.references(fileURI(dir, navCounter), 12, 8, false)),
		[]string{navPage + ":11:18-11:46"})

	// An open document's current text counts, not the disk's: a new send in the buffer.
	page := fileURI(dir, navPage)
	c.open(page, readFixture(t, dir, navPage))
	c.change(page, 2, map[string]any{"range": rng(6, 0, 6, 0), "text": "    GenServer.call(Cache, :unused)\n"})
	same(t, "a send typed into an open document", locs(dir, c.references(cache, 26, 10, false)),
		[]string{navPage + ":6:4-6:34"})
	same(t, "the sends below it moved down a line", locs(dir, c.references(cache, 24, 10, false)),
		[]string{navPage + ":10:11-10:39"})
}

// lens is a code lens as it comes over the wire.
type lens struct {
	Range struct {
		Start struct{ Line, Character int } `json:"start"`
		End   struct{ Line, Character int } `json:"end"`
	} `json:"range"`
	Command *struct {
		Title     string `json:"title"`
		Command   string `json:"command"`
		Arguments []any  `json:"arguments"`
	} `json:"command"`
	Data any `json:"data"`
}

func (c *testClient) lenses(uri string) []lens {
	c.t.Helper()
	var got []lens
	if err := c.call("textDocument/codeLens", map[string]any{"textDocument": map[string]any{"uri": uri}}, &got); err != nil {
		c.t.Fatalf("codeLens: %v", err)
	}
	return got
}

// resolved resolves every lens and prints each as "line: title".
func (c *testClient) resolved(ls []lens) []string {
	c.t.Helper()
	out := []string{}
	for _, l := range ls {
		if l.Command != nil {
			c.t.Fatalf("textDocument/codeLens resolved a lens itself: %+v", l)
		}
		var r lens
		if err := c.call("codeLens/resolve", l, &r); err != nil {
			c.t.Fatalf("codeLens/resolve: %v", err)
		}
		if r.Command == nil || r.Command.Command != "otpls.showReferences" || len(r.Command.Arguments) != 3 {
			c.t.Fatalf("resolved lens: %+v", r)
		}
		out = append(out, fmt.Sprintf("%d: %s", r.Range.Start.Line, r.Command.Title))
	}
	return out
}

func TestCodeLensCountsSenders(t *testing.T) {
	dir := navDir(t)
	c := indexedClient(t, dir)
	cache := fileURI(dir, navCache)
	ls := c.lenses(cache)
	same(t, "lens titles", c.resolved(ls), []string{
		"16: 2 senders", "20: 2 senders", "24: 1 sender", "26: no sender found in the workspace",
		"29: 2 senders", "32: 3 senders"})

	// The command's arguments: the document, the clause head's position, the senders.
	var r lens
	if err := c.call("codeLens/resolve", ls[0], &r); err != nil {
		t.Fatal(err)
	}
	args := r.Command.Arguments
	if args[0] != cache || fmt.Sprint(args[1]) != "map[character:2 line:16]" {
		t.Errorf("command arguments: %v", args[:2])
	}
	var senders []wireLocation
	remarshal(t, args[2], &senders)
	same(t, "the lens's locations", locs(dir, senders), []string{navCache + ":5:22-5:63", navPage + ":7:12-7:28"})
	if ls[0].Range.Start.Line != 16 || ls[0].Range.Start.Character != 2 || ls[0].Range.End.Line != 16 || ls[0].Range.End.Character != 64 {
		t.Errorf("lens range: %+v", ls[0].Range)
	}

	// A lens made for an older text of an open document is refused, not resolved
	// against whatever clause is at its line now.
	c.open(cache, readFixture(t, dir, navCache))
	open := c.lenses(cache)
	c.change(cache, 2, map[string]any{"range": rng(0, 0, 0, 0), "text": "# moved\n"})
	err := c.call("codeLens/resolve", open[0], &r)
	var rpcErr *jsonrpc2.Error
	if !errors.As(err, &rpcErr) || rpcErr.Code != protocol.CodeContentModified {
		t.Errorf("a stale lens: %v, want ContentModified", err)
	}
	same(t, "lenses of the new text", c.resolved(c.lenses(cache))[:1], []string{"17: 2 senders"})
}

func TestCodeLensSetting(t *testing.T) {
	dir := navDir(t)
	c := newTestClient(t, nil)
	m := c.mark()
	c.initialize(map[string]any{"rootUri": pathToURI(dir), "initializationOptions": map[string]any{"codeLens": false},
		"capabilities": map[string]any{"window": map[string]any{"workDoneProgress": true}}})
	c.waitNote(m, func(n note) bool {
		return n.Method == "$/progress" && strings.Contains(string(n.Params), `"kind":"end"`)
	})
	cache := fileURI(dir, navCache)
	if ls := c.lenses(cache); len(ls) != 0 {
		t.Errorf("lenses with codeLens off: %d", len(ls))
	}
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"otpls": map[string]any{"codeLens": true}}})
	if ls := c.lenses(cache); len(ls) != 6 {
		t.Errorf("lenses with codeLens on: %d, want 6", len(ls))
	}
}

func TestNavigationCapabilities(t *testing.T) {
	c := newTestClient(t, nil)
	res := c.initialize(map[string]any{})
	caps := res["capabilities"].(map[string]any)
	if caps["implementationProvider"] != true || caps["referencesProvider"] != true ||
		fmt.Sprint(caps["codeLensProvider"]) != "map[resolveProvider:true]" {
		t.Errorf("capabilities: implementation %v, references %v, codeLens %v",
			caps["implementationProvider"], caps["referencesProvider"], caps["codeLensProvider"])
	}
}

func readFixture(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// remarshal decodes v (a decoded JSON value) into out.
func remarshal(t *testing.T, v, out any) {
	t.Helper()
	b, _ := json.Marshal(v)
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatal(err)
	}
}
