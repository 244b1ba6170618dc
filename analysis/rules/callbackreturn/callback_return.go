// Package callbackreturn is OTP012 callback-return: a GenServer (or Supervisor) callback
// returns, in tail position, a literal its behaviour rejects, so the process exits with
// bad_return_value the first time that branch runs.
package callbackreturn

import (
	"fmt"
	"maps"
	"slices"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
)

// Analyzer is OTP012.
var Analyzer = &analysis.Analyzer{
	Code:     "OTP012",
	Name:     "callback-return",
	Title:    "Callback returns a value its behaviour rejects",
	Severity: analysis.Error,
	InTests:  analysis.RunInTests,
	Doc:      doc,
	Run:      run,
}

func run(p *analysis.Pass) {
	for _, em := range p.Modules {
		ms := p.ModuleSummary(em)
		if ms == nil || em.Body == nil {
			continue
		}
		var callbacks map[string]*callback
		switch {
		case ms.GenServerCallbacks():
			callbacks = genServerCallbacks
		case ms.Is("Supervisor") && !ms.Is("GenServer"):
			callbacks = supervisorCallbacks
		default:
			continue
		}
		_, order := p.Defs(em)
		for _, d := range order {
			cb := callbacks[d.ID()]
			if cb == nil || d.Body == nil {
				continue
			}
			for _, t := range p.Tails(d.Body) {
				check(p, em, cb, d, t)
			}
		}
	}
}

// shape is one tag a callback may return: the tuple sizes it comes in and, when it takes
// one, the index of the optional extra element (a timeout, :hibernate or
// {:continue, term}).
type shape struct {
	sizes []int
	extra int // 0: none
	// pair: the second element is a {flags, children} pair (a supervisor's {:ok, ...}).
	pair bool
}

// callback is what one callback may return.
type callback struct {
	id    string
	tags  map[string]shape
	atoms []string // the bare atoms it may return (init's :ignore)
	// returns lists the valid forms, for messages.
	returns string
	// exits is what the bad value does.
	exits string
}

var (
	noreplyShapes = map[string]shape{"noreply": {sizes: []int{2, 3}, extra: 2}, "stop": {sizes: []int{3}}}
	infoLike      = func(id, what string) *callback {
		return &callback{id: id, tags: noreplyShapes, returns: "{:noreply, state}, {:noreply, state, timeout | :hibernate | {:continue, term}} or {:stop, reason, state}", exits: "the server exits with {:bad_return_value, value} when " + what}
	}
	genServerCallbacks = map[string]*callback{
		"init/1": {id: "init/1", tags: map[string]shape{"ok": {sizes: []int{2, 3}, extra: 2}, "stop": {sizes: []int{2}}, "error": {sizes: []int{2}}}, atoms: []string{"ignore"},
			returns: "{:ok, state}, {:ok, state, timeout | :hibernate | {:continue, term}}, :ignore or {:stop, reason}",
			exits:   "the server fails to start with {:bad_return_value, value}"},
		"handle_call/3": {id: "handle_call/3", tags: map[string]shape{"reply": {sizes: []int{3, 4}, extra: 3}, "noreply": {sizes: []int{2, 3}, extra: 2}, "stop": {sizes: []int{3, 4}}},
			returns: "{:reply, reply, state}, {:reply, reply, state, timeout | :hibernate | {:continue, term}}, {:noreply, state}, {:stop, reason, reply, state} or {:stop, reason, state}",
			exits:   "the server exits with {:bad_return_value, value} when that call comes, and the caller with it"},
		"handle_cast/2":     infoLike("handle_cast/2", "that cast comes"),
		"handle_info/2":     infoLike("handle_info/2", "that message comes"),
		"handle_continue/2": infoLike("handle_continue/2", "it continues there"),
	}
	supervisorCallbacks = map[string]*callback{
		// {:stop, reason} is no supervisor return either, but the start it fails (with the
		// reason wrapped in {:bad_return, ...}) is what the author asked for.
		"init/1": {id: "init/1", tags: map[string]shape{"ok": {sizes: []int{2}, pair: true}, "stop": {sizes: []int{2}}}, atoms: []string{"ignore"},
			returns: "Supervisor.init(children, options), {:ok, {flags, children}} or :ignore",
			exits:   "the supervisor fails to start with {:bad_return, {module, :init, value}}"},
	}
)

// returnTags are every tag some GenServer callback returns: a tag among them that the
// callback at hand does not take is the wrong tag, not a misspelt one.
var returnTags = []string{"reply", "noreply", "stop", "ok", "ignore", "error", "continue", "hibernate"}

// finding is what is wrong with one tail, and its mechanical correction when there is an
// unambiguous one.
type finding struct {
	at  *source.Node
	why string
	fix *analysis.Fix
}

// check reports tail t of callback clause d when it is a literal cb cannot return.
func check(p *analysis.Pass, em *elixir.Module, cb *callback, d elixir.Def, t *source.Node) {
	t = elixir.Unwrap(t)
	if !elixir.Literal(p.File, t) {
		return // a variable or a call: never guessed at
	}
	fd, bad := judge(p, cb, d, t)
	if !bad {
		return
	}
	if fd.at == nil {
		fd.at = t
	}
	diag := p.Report(fd.at, "%s.%s returns %s: %s; %s", em.Name, cb.id, elixir.Outline(p.File, t), fd.why, cb.exits)
	if fd.fix != nil {
		diag.Fixes = append(diag.Fixes, *fd.fix)
	}
}

// judge decides whether the literal t is a value cb cannot return.
func judge(p *analysis.Pass, cb *callback, d elixir.Def, t *source.Node) (finding, bool) {
	f := p.File
	if t.Type() != "tuple" {
		name, isAtom := elixir.AtomName(f, t)
		switch {
		case isAtom && slices.Contains(cb.atoms, name):
			return finding{}, false
		case isAtom && len(cb.atoms) > 0 && !slices.Contains(returnTags, name):
			if right, ok := elixir.Misspelt(name, cb.atoms); ok {
				return finding{why: fmt.Sprintf(":%s is not a return value (:%s is)", name, right), fix: retag(p, t, right, "Return :"+right)}, true
			}
		}
		return finding{why: cb.id + " returns " + cb.returns}, true
	}
	tag, els, ok := elixir.Tag(f, t)
	if !ok {
		if len(els) == 0 || elixir.Literal(f, els[0]) {
			return finding{why: cb.id + " returns " + cb.returns}, true
		}
		return finding{}, false // {tag, ...} with a tag known only at run time
	}
	sh, known := cb.tags[tag]
	if !known {
		return wrongTag(p, cb, tag, els)
	}
	if fd, bad := stateAsTimeout(p, cb, d, tag, els); bad {
		return fd, true
	}
	if !slices.Contains(sh.sizes, len(els)) {
		return wrongSize(p, cb, d, tag, els)
	}
	if sh.extra > 0 && len(els) == sh.extra+1 {
		if extra := elixir.Unwrap(els[sh.extra]); badExtra(f, extra) {
			return finding{at: extra, why: f.Slice(extra) + " is not a timeout, :hibernate or {:continue, term}"}, true
		}
	}
	if sh.pair {
		if second := elixir.Unwrap(els[1]); elixir.Literal(f, second) && (second.Type() != "tuple" || len(elixir.Elements(second)) != 2) {
			return finding{why: "the flags and the children go in one tuple: {:ok, {flags, children}}"}, true
		}
	}
	return finding{}, false
}

// wrongTag judges a tuple whose tag cb does not take: a tag another callback takes, a
// misspelling of one cb takes, or some other atom.
func wrongTag(p *analysis.Pass, cb *callback, tag string, els []*source.Node) (finding, bool) {
	if !slices.Contains(returnTags, tag) {
		if right, ok := elixir.Misspelt(tag, slices.Sorted(maps.Keys(cb.tags))); ok {
			fd := finding{at: els[0], why: fmt.Sprintf(":%s is not a return tag (:%s is)", tag, right)}
			if slices.Contains(cb.tags[right].sizes, len(els)) {
				fd.fix = retag(p, els[0], right, "Spell the tag :"+right)
			}
			return fd, true
		}
	}
	return finding{why: fmt.Sprintf("%s does not return :%s (it returns %s)", cb.id, tag, cb.returns)}, true
}

// wrongSize judges a tuple with a tag cb takes but a size it does not come in.
func wrongSize(p *analysis.Pass, cb *callback, d elixir.Def, tag string, els []*source.Node) (finding, bool) {
	f := p.File
	state := stateParam(f, d)
	switch {
	case cb.id == "handle_call/3" && tag == "reply" && len(els) == 2:
		fd := finding{why: "a reply takes the new state too: {:reply, reply, state}"}
		if state != "" && !elixir.EndsWithBareCall(f, els[1]) {
			fd.fix = &analysis.Fix{
				Title: "Return {:reply, " + elixir.Outline(f, els[1]) + ", " + state + "}",
				Safe:  true,
				Edits: []analysis.Edit{p.Edit(els[1].End(), els[1].End(), ", "+state)},
			}
		}
		return fd, true
	}
	return finding{why: fmt.Sprintf("a :%s tuple of %d elements is not a return value (%s returns %s)", tag, len(els), cb.id, cb.returns)}, true
}

// stateAsTimeout judges `{:noreply, value, state}` in handle_call/3 whose third element is
// the state parameter: GenServer reads it as {:noreply, new_state, timeout}, and the state
// is no timeout. The author meant to reply.
func stateAsTimeout(p *analysis.Pass, cb *callback, d elixir.Def, tag string, els []*source.Node) (finding, bool) {
	f := p.File
	if cb.id != "handle_call/3" || tag != "noreply" || len(els) != 3 {
		return finding{}, false
	}
	state := stateParam(f, d)
	if state == "" || f.Slice(elixir.Unwrap(els[2])) != state {
		return finding{}, false
	}
	return finding{
		why: "as a :noreply, the state parameter " + state + " in third place is read as a timeout ({:reply, reply, " + state + "} replies)",
		fix: retag(p, els[0], "reply", "Reply with {:reply, "+elixir.Outline(f, els[1])+", "+state+"}"),
	}, true
}

// badExtra reports whether n, the extra element of a return, is a literal that is not a
// timeout (a non-negative integer or :infinity), :hibernate or {:continue, term}.
func badExtra(f *source.File, n *source.Node) bool {
	if !elixir.Literal(f, n) {
		return false
	}
	if n.Type() == "integer" {
		return false
	}
	if name, ok := elixir.AtomName(f, n); ok && (name == "infinity" || name == "hibernate") {
		return false
	}
	if tag, els, ok := elixir.Tag(f, n); ok && tag == "continue" && len(els) == 2 {
		return false
	}
	return true
}

// stateParam is the name of the clause's state parameter when it is a variable bound by
// the head (`state`, `%{} = state`), else "".
func stateParam(f *source.File, d elixir.Def) string {
	i, ok := elixir.StateParam(d)
	if !ok {
		return ""
	}
	return elixir.StateName(f, d.Params[i])
}

// retag is the safe fix replacing the atom at (a return's tag, or a bare atom) with :right.
// Safe: today every run of that branch crashes the server.
func retag(p *analysis.Pass, at *source.Node, right, title string) *analysis.Fix {
	return &analysis.Fix{
		Title: title,
		Safe:  true,
		Edits: []analysis.Edit{p.Edit(at.Start(), at.End(), ":"+right)},
	}
}
