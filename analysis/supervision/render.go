package supervision

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// WriteText writes the forest as indented trees (as `tree` draws them), each line a
// node's label, its detail and where it is written; the cross-branch calls follow.
// shown turns a file path into what the line shows (relative to the project).
func WriteText(w io.Writer, f *Forest, shown func(string) string) error {
	var b strings.Builder
	line := func(n *Node) string {
		s := n.Label
		if n.Detail != "" {
			s += "  [" + n.Detail + "]"
		}
		if n.Location != nil {
			s += "  " + shown(n.path) + ":" + strconv.Itoa(n.Location.Range.Start.Line+1)
		}
		return s
	}
	var walk func(n *Node, prefix string)
	walk = func(n *Node, prefix string) {
		for i, c := range n.Children {
			branch, next := "├── ", "│   "
			if i == len(n.Children)-1 {
				branch, next = "└── ", "    "
			}
			b.WriteString(prefix + branch + line(c) + "\n")
			walk(c, prefix+next)
		}
	}
	for _, a := range f.Applications {
		b.WriteString(line(a) + "\n")
		walk(a, "")
	}
	if len(f.Orphans) > 0 {
		if len(f.Applications) > 0 {
			b.WriteString("\n")
		}
		b.WriteString("Supervisors no application starts:\n")
		for _, o := range f.Orphans {
			b.WriteString(line(o) + "\n")
			walk(o, "")
		}
	}
	if len(f.Applications) == 0 && len(f.Orphans) == 0 {
		b.WriteString("No application or supervisor found.\n")
	}
	if len(f.Edges) > 0 {
		labels := labelsByID(f)
		b.WriteString("\nCross-branch calls:\n")
		for _, e := range f.Edges {
			fmt.Fprintf(&b, "  %s -> %s: %s  %s:%d\n", labels[e.From], labels[e.To], e.Label, shown(e.path), e.Location.Range.Start.Line+1)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// labelsByID maps each node's id to its label.
func labelsByID(f *Forest) map[string]string {
	out := map[string]string{}
	eachNode(f, func(n *Node) { out[n.ID] = n.Label })
	return out
}

// eachNode calls fn for every node, depth first, applications then orphans.
func eachNode(f *Forest, fn func(*Node)) {
	var walk func(*Node)
	walk = func(n *Node) {
		fn(n)
		for _, c := range n.Children {
			walk(c)
		}
	}
	for _, a := range f.Applications {
		walk(a)
	}
	for _, o := range f.Orphans {
		walk(o)
	}
}

// WriteMermaid writes the forest as a mermaid flowchart. Node ids are n0, n1... (a
// node's id may hold any character); labels are quoted, with `"` and `#` written as
// mermaid's entity codes. Cross-branch calls are dotted edges.
func WriteMermaid(w io.Writer, f *Forest) error {
	var b strings.Builder
	b.WriteString("flowchart TD\n")
	ids := map[string]string{}
	eachNode(f, func(n *Node) {
		id := "n" + strconv.Itoa(len(ids))
		ids[n.ID] = id
		shape := `["%s"]`
		switch n.Kind {
		case KindApplication:
			shape = `(["%s"])`
		case KindUnknown:
			shape = `{{"%s"}}`
		}
		fmt.Fprintf(&b, "  %s"+shape+"\n", id, mermaidText(n.Label))
	})
	eachNode(f, func(n *Node) {
		for _, c := range n.Children {
			fmt.Fprintf(&b, "  %s --> %s\n", ids[n.ID], ids[c.ID])
		}
	})
	for _, e := range f.Edges {
		fmt.Fprintf(&b, "  %s -.->|\"%s\"| %s\n", ids[e.From], mermaidText(e.Label), ids[e.To])
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mermaidText is s safe inside a quoted mermaid label: entity codes for the characters
// that would end or open something, one line.
func mermaidText(s string) string {
	r := strings.NewReplacer("#", "#35;", `"`, "#quot;", "\n", " ", "\r", " ", "<", "#lt;", ">", "#gt;")
	return r.Replace(s)
}

// WriteDot writes the forest as a graphviz digraph: ids and labels quoted, the
// supervision links solid, the cross-branch calls dashed.
func WriteDot(w io.Writer, f *Forest) error {
	var b strings.Builder
	b.WriteString("digraph supervision {\n  rankdir=TB;\n  node [shape=box, fontname=\"Helvetica\"];\n")
	eachNode(f, func(n *Node) {
		attrs := ""
		switch n.Kind {
		case KindApplication:
			attrs = ", style=rounded"
		case KindUnknown:
			attrs = ", style=dashed"
		}
		fmt.Fprintf(&b, "  %s [label=%s%s];\n", dotText(n.ID), dotText(n.Label), attrs)
	})
	eachNode(f, func(n *Node) {
		for _, c := range n.Children {
			fmt.Fprintf(&b, "  %s -> %s;\n", dotText(n.ID), dotText(c.ID))
		}
	})
	for _, e := range f.Edges {
		fmt.Fprintf(&b, "  %s -> %s [style=dashed, constraint=false, label=%s];\n", dotText(e.From), dotText(e.To), dotText(e.Label))
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// dotText is s as a quoted dot string.
func dotText(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", "")
	return `"` + r.Replace(s) + `"`
}
