package analysis

import (
	"github.com/otpls/otpls/analysis/config"
)

// Option is a typed rule option: declare it once in the rule's package (IntOption,
// StringsOption...), list it in the Analyzer's Options, and read it with Get. The
// declaration is the one place its name, type, default and doc are written: the config
// loader checks settings against it (an unknown option or a wrong type is OTP091), and
// `otpls rules --options` and the rule's docs print it.
type Option[T any] struct{ decl config.Option }

// OptionDecl is an option as an Analyzer lists it, whatever its Go type.
type OptionDecl interface {
	Declaration() *config.Option
}

// Declaration is the option's name, type, default and doc.
func (o *Option[T]) Declaration() *config.Option { return &o.decl }

// Get is the option's value for the running rule: the configured one, else the default
// (a list is shared: do not modify it).
func (o *Option[T]) Get(p *Pass) T {
	if p.Config != nil {
		if v, ok := p.Config.Rules[p.Analyzer.Code].Options[o.decl.Name]; ok {
			// Converted when the config was read with the rules' schema; a config built
			// otherwise (tests, settings without a schema) is converted here.
			if c, ok := o.decl.Convert(v); ok {
				return c.(T)
			}
		}
	}
	def, _ := o.decl.Default.(T)
	return def
}

func newOption[T any](name string, typ config.Type, def T, doc string) *Option[T] {
	return &Option[T]{decl: config.Option{Name: name, Type: typ, Default: def, Doc: doc}}
}

// IntOption declares an integer option.
func IntOption(name string, def int, doc string) *Option[int] {
	return newOption(name, config.TypeInt, def, doc)
}

// BoolOption declares a true/false option.
func BoolOption(name string, def bool, doc string) *Option[bool] {
	return newOption(name, config.TypeBool, def, doc)
}

// StringOption declares a string option.
func StringOption(name, def, doc string) *Option[string] {
	return newOption(name, config.TypeString, def, doc)
}

// StringsOption declares a list-of-strings option (module names written as aliases and
// atoms are read as their names).
func StringsOption(name string, def []string, doc string) *Option[[]string] {
	return newOption(name, config.TypeStrings, def, doc)
}

// AtomOption declares an atom option (`:name` in .otpls.exs, "name" in editor settings);
// Get returns the name without the colon.
func AtomOption(name, def, doc string) *Option[string] {
	return newOption(name, config.TypeAtom, def, doc)
}

// ConfigSchema is what a config may set for the analyzers: their codes and options. No
// analyzers give a nil schema (the shape alone is checked).
func ConfigSchema(analyzers []*Analyzer) config.Schema {
	if len(analyzers) == 0 {
		return nil
	}
	s := config.Schema{}
	for _, a := range analyzers {
		rs := config.RuleSchema{Name: a.Name}
		for _, o := range a.Options {
			rs.Options = append(rs.Options, o.Declaration())
		}
		s[a.Code] = rs
	}
	return s
}
