package index

import (
	"hash/maphash"
	"maps"
)

// pmapShards is the number of shards of a pmap: an update copies one shard, about
// 1/256th of the map (a few hundred entries in a workspace of tens of thousands of modules).
const pmapShards = 256

// pmap is a persistent map from strings to V: a value never changed once made, which later
// versions share all but their changed shards with. A snapshot is made on every keystroke,
// and a copy of a map over every module of a large workspace cost more than the rest of
// the keystroke; an edit of one file changes a few keys, so a few shards.
type pmap[V any] struct {
	shards [pmapShards]map[string]V
}

var pmapSeed = maphash.MakeSeed()

func shardOf(k string) int { return int(maphash.String(pmapSeed, k) & (pmapShards - 1)) }

// get returns the value of k (V's zero value when absent). m may be nil: the empty map.
func (m *pmap[V]) get(k string) V {
	if m == nil {
		var zero V
		return zero
	}
	return m.shards[shardOf(k)][k]
}

// len counts the entries (for tests).
func (m *pmap[V]) len() int {
	n := 0
	if m != nil {
		for _, s := range m.shards {
			n += len(s)
		}
	}
	return n
}

// edit starts the next version of m (nil: an empty map); m itself does not change.
func (m *pmap[V]) edit() *pmapEdit[V] {
	e := &pmapEdit[V]{m: &pmap[V]{}}
	if m != nil {
		e.m.shards = m.shards
	}
	return e
}

// pmapEdit is a version of a pmap being made: each shard it writes is copied once.
type pmapEdit[V any] struct {
	m     *pmap[V]
	owned [pmapShards]bool
}

func (e *pmapEdit[V]) get(k string) V { return e.m.get(k) }

func (e *pmapEdit[V]) shard(k string) map[string]V {
	i := shardOf(k)
	if !e.owned[i] {
		if s := e.m.shards[i]; s != nil {
			e.m.shards[i] = maps.Clone(s)
		} else {
			e.m.shards[i] = map[string]V{}
		}
		e.owned[i] = true
	}
	return e.m.shards[i]
}

func (e *pmapEdit[V]) set(k string, v V) { e.shard(k)[k] = v }

func (e *pmapEdit[V]) delete(k string) {
	if _, ok := e.m.shards[shardOf(k)][k]; ok {
		delete(e.shard(k), k)
	}
}

// done returns the new version; the edit must not be used afterwards.
func (e *pmapEdit[V]) done() *pmap[V] { return e.m }
