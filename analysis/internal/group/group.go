// Package group groups a slice's elements by a key.
package group

// ByKey maps each key to the elements of xs that have it, in their order. Elements with
// the same key are nearly always next to each other in what otpls groups (a function's
// clauses, a function's calls): each run of them is a piece of xs, capped so that an
// append copies, rather than a list of its own. The pieces share xs: do not modify them.
func ByKey[T any](xs []T, key func(*T) string) map[string][]T {
	// Sized by the number of runs (at least the number of keys, nearly always equal): a
	// map grown key by key costs several times the keys' own work.
	runs := 0
	for i := range xs {
		if i == 0 || key(&xs[i]) != key(&xs[i-1]) {
			runs++
		}
	}
	out := make(map[string][]T, runs)
	for i := 0; i < len(xs); {
		k := key(&xs[i])
		j := i + 1
		for j < len(xs) && key(&xs[j]) == k {
			j++
		}
		if run, ok := out[k]; ok {
			out[k] = append(run, xs[i:j]...)
		} else {
			out[k] = xs[i:j:j]
		}
		i = j
	}
	return out
}
