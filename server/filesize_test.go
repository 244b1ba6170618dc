package server

import (
	"strings"
	"testing"
)

// max_file_size holds in the server as in check: a file over it is indexed by name only,
// whether the server reads it from disk or the editor opens it, so its modules are unknown
// to the other files (here: OTP014 cannot judge a cast to a server it does not know); an
// edit bringing the buffer within the limit parses it, closing it goes back to the file on
// disk, and raising the limit in the settings indexes the workspace again. (The server
// used to parse every file up to 64 MB: a 5 MB document cost 400 MB.)
func TestMaxFileSizeHoldsInTheServer(t *testing.T) {
	padding := strings.Repeat("# "+strings.Repeat("=", 60)+"\n", 4)
	tally := "defmodule Tally do\n  use GenServer\n  def init(n), do: {:ok, n}\n  def handle_call(:reset, _from, _n), do: {:reply, :ok, 0}\nend\n"
	sender := "defmodule Sender do\n  def reset do\n    GenServer.cast(Tally, :reset)\n    :ok\n  end\nend\n"
	dir := project(t, map[string]string{".otpls.exs": "[max_file_size: 300]\n", "lib/tally.ex": tally + padding, "lib/sender.ex": sender})
	c := newTestClient(t, nil)
	m := c.mark()
	c.initialize(map[string]any{"rootUri": pathToURI(dir), "initializationOptions": map[string]any{"diagnosticDelay": 0},
		"capabilities": map[string]any{"window": map[string]any{"workDoneProgress": true}}})
	c.waitNote(m, func(n note) bool {
		return n.Method == "$/progress" && strings.Contains(string(n.Params), `"kind":"end"`)
	})
	senderURI, tallyURI := fileURI(dir, "lib/sender.ex"), fileURI(dir, "lib/tally.ex")
	m = c.mark()
	c.open(senderURI, sender)
	if p := c.waitDiagnostics(m, senderURI, func(published) bool { return true }); len(p.Diagnostics) != 0 {
		t.Fatalf("sender, with Tally's file over the limit on disk: %s", codes(p))
	}

	m = c.mark()
	c.open(tallyURI, tally+padding)
	p := c.waitDiagnostics(m, tallyURI, func(published) bool { return true })
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != "OTP093" ||
		!strings.Contains(p.Diagnostics[0].Message, "the file is 378 bytes, over the 300-byte limit") {
		t.Fatalf("Tally opened over the limit: %+v", p.Diagnostics)
	}
	m = c.mark()
	c.change(senderURI, 2, map[string]any{"text": sender})
	if p := c.waitDiagnostics(m, senderURI, func(p published) bool { return p.Version != nil && *p.Version == 2 }); len(p.Diagnostics) != 0 {
		t.Fatalf("sender, with Tally open over the limit: %s", codes(p))
	}

	withinLimit := func(p published) bool { return len(p.Diagnostics) == 1 && p.Diagnostics[0].Code == "OTP014" }
	m = c.mark()
	c.change(tallyURI, 2, map[string]any{"range": rng(5, 0, 9, 0), "text": ""}) // the padding deleted
	c.waitDiagnostics(m, senderURI, withinLimit)
	if p := c.waitDiagnostics(m, tallyURI, func(p published) bool { return p.Version != nil && *p.Version == 2 }); len(p.Diagnostics) != 0 {
		t.Fatalf("Tally within the limit: %s", codes(p))
	}

	m = c.mark()
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": tallyURI}})
	c.waitDiagnostics(m, senderURI, func(p published) bool { return len(p.Diagnostics) == 0 })

	m = c.mark()
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"otpls": map[string]any{
		"diagnosticDelay": 0, "maxFileSize": 100000}}})
	c.waitDiagnostics(m, senderURI, withinLimit)
}
