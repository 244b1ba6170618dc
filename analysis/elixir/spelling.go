package elixir

// Misspelt returns the one candidate that word is a misspelling of: the candidate at the
// smallest edit distance from word (a swap of two neighbouring letters is one edit:
// `:noreplay`, `hande_call`), when no other candidate is as close. The distance allowed is
// 1 for a candidate of up to four letters (`:ko` for `:ok`, not `:no`) and 2 for a longer
// one. word itself being a candidate is no misspelling.
func Misspelt(word string, candidates []string) (string, bool) {
	best, bestDist, tie := "", 3, false
	for _, c := range candidates {
		if c == word {
			return "", false
		}
		d := editDistance(word, c)
		if d > 2 || d > 1 && len(c) <= 4 {
			continue
		}
		switch {
		case d < bestDist:
			best, bestDist, tie = c, d, false
		case d == bestDist:
			tie = true
		}
	}
	return best, best != "" && !tie
}

// editDistance is the optimal string alignment distance between a and b: insertions,
// deletions, substitutions and swaps of adjacent bytes each cost one.
func editDistance(a, b string) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
