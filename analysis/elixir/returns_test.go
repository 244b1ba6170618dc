package elixir

import (
	"testing"

	"github.com/otpls/otpls/analysis/source"
)

func TestReturnValues(t *testing.T) {
	f := source.Parse("a.ex", `[
  {:ok, a: 1, b: 2},
  {:noreply, s, {:continue, :load}},
  {:reply, r, s, {:continue, {:fetch, id}}},
  {:noreply, s, 100},
  {tag, s},
  @timeout,
  (:ignore)
]`)
	list := Unwrap(f.Root.NamedChildren()[0])
	els := Elements(list)
	tag, parts, ok := Tag(f, els[0])
	if !ok || tag != "ok" || len(parts) != 2 {
		t.Errorf("{:ok, a: 1, b: 2}: tag %q, %d elements, %v; want ok, 2 (the keywords are one list)", tag, len(parts), ok)
	}
	for i, want := range []string{"{:continue, :load}", "{:continue, {:fetch, id}}", ""} {
		got := ""
		if n, ok := ContinueOf(f, els[i+1]); ok {
			got = f.Slice(n)
		}
		if got != want {
			t.Errorf("ContinueOf(%s) = %q, want %q", f.Slice(els[i+1]), got, want)
		}
	}
	if _, _, ok := Tag(f, els[4]); ok {
		t.Error("{tag, s}: a variable tag is no tag")
	}
	for i, want := range map[int]bool{0: true, 4: true, 5: false, 6: true} {
		if got := Literal(f, els[i]); got != want {
			t.Errorf("Literal(%s) = %v, want %v", f.Slice(els[i]), got, want)
		}
	}
}

func TestMisspelt(t *testing.T) {
	tags := []string{"noreply", "reply", "stop"}
	for word, want := range map[string]string{
		"no_reply": "noreply", "noreplay": "noreply", "replay": "reply", "rpely": "reply",
		"stpo": "stop", "reply": "", "halt": "", "repl": "reply", "sotp": "stop", "top": "stop",
	} {
		got, ok := Misspelt(word, tags)
		if got != want || ok != (want != "") {
			t.Errorf("Misspelt(%q) = %q, %v; want %q", word, got, ok, want)
		}
	}
	// A short candidate takes one edit only: :no is not a misspelt :ok.
	if got, ok := Misspelt("no", []string{"ok"}); ok {
		t.Errorf("Misspelt(no) = %q", got)
	}
	// Equally close to two candidates: no guess.
	if got, ok := Misspelt("handle_cas", []string{"handle_cast", "handle_call"}); ok && got != "handle_cast" {
		t.Errorf("Misspelt(handle_cas) = %q", got)
	}
	if got, ok := Misspelt("handle_cal", []string{"handle_cast", "handle_call"}); !ok || got != "handle_call" {
		t.Errorf("Misspelt(handle_cal) = %q, %v", got, ok)
	}
	if got, ok := Misspelt("handle_ca", []string{"handle_cast", "handle_call"}); ok {
		t.Errorf("Misspelt(handle_ca) = %q: a tie", got)
	}
}
