package analysis

import "github.com/otpls/otpls/analysis/config"

// ConfigDiagnostics turns the problems of a `.otpls.exs` into OTP091 diagnostics on that
// file: the one conversion the CLI prints and the language server publishes, so both say
// the same thing at the same place.
func ConfigDiagnostics(problems []config.Problem) []Diagnostic {
	out := make([]Diagnostic, 0, len(problems))
	for _, p := range problems {
		out = append(out, Diagnostic{
			Code: InvalidConfigCode, Rule: "invalid-config", Severity: Error,
			Path: p.Path, Start: p.Start, End: p.End, Range: p.Range,
			Message: p.Message + " (defaults are used instead)",
		})
	}
	return out
}
