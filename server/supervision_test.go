package server

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSupervisionTreeRequest asks otpls/supervisionTree over the wire: on the indexed
// fixture it answers the JSON `otpls tree --format json` prints (the CLI's golden), and
// an open document's unsaved text is what the answer reads.
func TestSupervisionTreeRequest(t *testing.T) {
	fixture := filepath.Join("..", "testdata", "tree", "shop")
	files := map[string]string{}
	filepath.WalkDir(fixture, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			text, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(fixture, p)
			files[rel] = string(text)
		}
		return nil
	})
	dir := project(t, files)
	c := newTestClient(t, nil)
	c.initialize(map[string]any{"rootUri": pathToURI(dir), "capabilities": map[string]any{}})
	c.settle() // the workspace is indexed
	ask := func() (json.RawMessage, string) {
		var res json.RawMessage
		if err := c.call("otpls/supervisionTree", map[string]any{}, &res); err != nil {
			t.Fatal(err)
		}
		var pretty strings.Builder
		var v any
		json.Unmarshal(res, &v)
		enc := json.NewEncoder(&pretty)
		enc.SetIndent("", "  ")
		enc.Encode(v)
		return res, strings.ReplaceAll(pretty.String(), pathToURI(dir), "file://$ROOT")
	}
	_, got := ask()
	want, err := os.ReadFile(fixture + ".json")
	if err != nil {
		t.Fatal(err)
	}
	// The golden is Go's encoding of the same value: decoded and encoded again, both
	// print keys in sorted order.
	var wv any
	json.Unmarshal(want, &wv)
	var wantPretty strings.Builder
	enc := json.NewEncoder(&wantPretty)
	enc.SetIndent("", "  ")
	enc.Encode(wv)
	if got != wantPretty.String() {
		t.Fatalf("otpls/supervisionTree differs from testdata/tree/shop.json:\n%s", got)
	}

	// Unsaved text: the cart becomes transient in the editor only.
	cart := fileURI(dir, "lib/shop/cart.ex")
	c.open(cart, strings.Replace(files["lib/shop/cart.ex"], "restart: :temporary", "restart: :transient", 1))
	c.settle()
	raw, _ := ask()
	if !strings.Contains(string(raw), `"label":"Shop.Cart (worker, transient)"`) {
		t.Fatalf("the open document's text is not read: %s", raw)
	}
}
