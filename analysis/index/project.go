package index

import (
	"maps"
	"path/filepath"
	"sync"
)

// MixProject is the part of the workspace one mix.exs builds: the indexed files below the
// directory of that mix.exs that no deeper mix.exs claims (in an umbrella, each app under
// apps/ is a project of its own; so is an examples/ app with its own mix.exs). Fixes that
// start tasks or registries look only inside the project of the file they fix: a process
// another project starts does not run in this one (docs/rules/OTP009.md, "Fix safety").
type MixProject struct {
	// Dir is the directory of the project's mix.exs, "" for the files below no indexed
	// mix.exs (a workspace of loose files is one project).
	Dir string
	// Modules are the project's modules, in path order.
	Modules []*Module
	// children indexes the children lists of Modules, made on the first question: fixes
	// ask them once per finding, and reading every module's lists for each made the fixes
	// of a workspace cost its size squared. A MixProject is not changed once made (a new
	// snapshot makes new ones), so the index stays true.
	children struct {
		once  sync.Once
		named map[string][]NamedChild // by the child's module
		names map[string]bool         // every child name
		apps  []ApplicationList
	}
}

// indexChildren makes p.children, once.
func (p *MixProject) indexChildren() {
	p.children.once.Do(func() {
		named, names := map[string][]NamedChild{}, map[string]bool{}
		var apps []ApplicationList
		for _, m := range p.Modules {
			for i := range m.ChildLists {
				cl := &m.ChildLists[i]
				app := isApplicationList(m, *cl)
				if app {
					apps = append(apps, ApplicationList{Module: m, List: cl})
				}
				for _, ch := range cl.Children {
					if ch.Name == "" {
						continue
					}
					names[ch.Name] = true
					named[ch.Module] = append(named[ch.Module], NamedChild{Name: ch.Name, Loc: Loc{Path: m.Path, Span: ch.Span}, Application: app, UniqueKeys: ch.UniqueKeys})
				}
			}
		}
		p.children.named, p.children.names, p.children.apps = named, names, apps
	})
}

// NamedChild is a child started with a `name:` in a children list.
type NamedChild struct {
	Name string // resolved: a module or ":atom"
	Loc  Loc
	// Application: the list is the children list of an Application's start/2.
	Application bool
	// UniqueKeys: its options say `keys: :unique` (a Registry that can name processes).
	UniqueKeys bool
}

// NamedChildren lists the children of module (resolved, e.g. "Task.Supervisor") started
// with a name in any children list of the project, in path order. The list is shared: do
// not modify it.
func (p *MixProject) NamedChildren(module string) []NamedChild {
	p.indexChildren()
	return p.children.named[module]
}

// HasChildNamed reports whether any children list of the project starts a child named
// name.
func (p *MixProject) HasChildNamed(name string) bool {
	p.indexChildren()
	return p.children.names[name]
}

// ApplicationList is an Application module's literal children list, built in start/2.
type ApplicationList struct {
	Module *Module
	List   *ChildList
}

// ApplicationLists lists the literal children lists built by the start/2 of the project's
// Application modules. The list is shared: do not modify it.
func (p *MixProject) ApplicationLists() []ApplicationList {
	p.indexChildren()
	return p.children.apps
}

func isApplicationList(m *Module, cl ChildList) bool {
	return cl.From == "start/2" && m.Is("Application")
}

// MixProject returns the project of the file at path (which need not be indexed), or nil
// when the file belongs to a dependency or to build output: a deps/ or _build/ directory
// lies between it and its nearest indexed mix.exs.
func (s *Snapshot) MixProject(path string) *MixProject {
	s.dependsOnAll()
	dir, ok := s.mixProjectDir(path)
	if !ok {
		return nil
	}
	// The projects are updated from the previous snapshot's for the files changed since,
	// unless a mix.exs is among them: then files may have moved between projects.
	projects := derive(s, internalKey("mix-projects"), func() map[string]*MixProject {
		out := map[string]*MixProject{}
		// Files mostly share their directories with others: each directory's walk up to
		// its mix.exs is made once.
		type found struct {
			dir string
			ok  bool
		}
		byDir := map[string]found{}
		for i, p := range s.table.paths {
			parent := filepath.Dir(p)
			r, seen := byDir[parent]
			if !seen {
				r.dir, r.ok = s.mixProjectDir(p)
				byDir[parent] = r
			}
			if d, ok := r.dir, r.ok; ok {
				proj := out[d]
				if proj == nil {
					proj = &MixProject{Dir: d}
					out[d] = proj
				}
				proj.Modules = append(proj.Modules, s.table.sums[i].Modules...)
			}
		}
		return out
	}, func(prev map[string]*MixProject, changes []fileChange) (map[string]*MixProject, bool) {
		var out map[string]*MixProject
		for _, c := range changes {
			if filepath.Base(c.path) == "mix.exs" {
				return nil, false
			}
			d, ok := s.mixProjectDir(c.path)
			if !ok || len(modulesOf(c.old)) == 0 && len(modulesOf(c.new)) == 0 && prev[d] != nil {
				continue
			}
			if out == nil {
				out = maps.Clone(prev)
			}
			old := out[d]
			if old == nil {
				old = &MixProject{Dir: d}
			}
			out[d] = &MixProject{Dir: d, Modules: spliceFile(old.Modules, c.path, modulesOf(c.new), func(m *Module) string { return m.Path })}
		}
		if out == nil {
			return prev, true
		}
		return out, true
	})
	if p := projects[dir]; p != nil {
		return p
	}
	return &MixProject{Dir: dir}
}

// mixProjectDir is the directory of the nearest indexed mix.exs above path ("" when there
// is none); ok is false when a deps/ or _build/ directory comes first.
func (s *Snapshot) mixProjectDir(path string) (dir string, ok bool) {
	for d := filepath.Dir(path); ; d = filepath.Dir(d) {
		if s.table.file(filepath.Join(d, "mix.exs")) != nil {
			return d, true
		}
		if base := filepath.Base(d); base == "deps" || base == "_build" {
			return "", false
		}
		if filepath.Dir(d) == d {
			return "", true
		}
	}
}
