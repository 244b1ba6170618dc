package index

import "github.com/otpls/otpls/analysis/source"

// relRange is the range of one of a form's facts relative to the form's start, its
// origin: lines counted from the origin's line and, on that line, characters counted from
// the origin. It depends on the form's text alone, so the facts of a form cached across
// versions (FormCache) are placed in the file again by arithmetic wherever the form moved
// (at), with one position looked up per form: converting every span of a module anew on
// each keystroke was a twentieth of the keystroke.
type relRange source.Range

// relRangeOf returns the range of [start, end), in a form whose start is at origin.
func relRangeOf(f *source.File, origin source.Position, start, end int) relRange {
	r := f.Lines.Range(start, end)
	return relRange{Start: relativeTo(origin, r.Start), End: relativeTo(origin, r.End)}
}

// at returns the range in the file of a form whose start is now at origin.
func (r relRange) at(origin source.Position) source.Range {
	return source.Range{Start: absoluteFrom(origin, r.Start), End: absoluteFrom(origin, r.End)}
}

func relativeTo(origin, p source.Position) source.Position {
	if p.Line == origin.Line {
		return source.Position{Character: p.Character - origin.Character}
	}
	return source.Position{Line: p.Line - origin.Line, Character: p.Character}
}

func absoluteFrom(origin, p source.Position) source.Position {
	if p.Line == 0 {
		return source.Position{Line: origin.Line, Character: origin.Character + p.Character}
	}
	return source.Position{Line: origin.Line + p.Line, Character: p.Character}
}

// span returns the file span of x, in a form that starts at base, at origin.
func (x rel) span(base int, origin source.Position) Span {
	return NewSpan(base+x.start, base+x.end, x.rng.at(origin))
}
