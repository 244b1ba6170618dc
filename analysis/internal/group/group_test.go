package group

import (
	"reflect"
	"testing"
)

func TestByKey(t *testing.T) {
	type clause struct{ id, body string }
	xs := []clause{{"a", "1"}, {"a", "2"}, {"b", "3"}, {"a", "4"}, {"c", "5"}}
	got := ByKey(xs, func(c *clause) string { return c.id })
	want := map[string][]clause{
		"a": {{"a", "1"}, {"a", "2"}, {"a", "4"}},
		"b": {{"b", "3"}},
		"c": {{"c", "5"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("ByKey = %v, want %v", got, want)
	}
	// A run's append must not write over the next run in xs.
	got["b"] = append(got["b"], clause{"b", "6"})
	if xs[3] != (clause{"a", "4"}) {
		t.Fatalf("append to a group changed xs: %v", xs)
	}
	if len(ByKey([]clause(nil), func(c *clause) string { return c.id })) != 0 {
		t.Fatal("ByKey of nothing is not empty")
	}
}
