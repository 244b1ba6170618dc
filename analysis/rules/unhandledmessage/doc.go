package unhandledmessage

import "github.com/otpls/otpls/analysis"

var doc = analysis.Doc{
	What:       "TODO",
	Why:        "TODO",
	Example:    "TODO",
	UseInstead: "TODO",
	Options:    "None.",
	FixSafety:  "TODO",
}
