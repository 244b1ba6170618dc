package elixir

// StandardModule reports whether name is a module of Elixir itself that code calls most
// (Enum, Map, Logger, GenServer...): no workspace module has such a name, so a call of one
// never reaches a function of the workspace. Readers that keep the calls that may
// (the OTP008 call graph's API sites, OTP010's callers) leave these out.
func StandardModule(name string) bool { return standardModules[name] }

var standardModules = map[string]bool{
	"Enum": true, "Map": true, "List": true, "Keyword": true, "String": true, "Stream": true,
	"MapSet": true, "Tuple": true, "Integer": true, "Float": true, "Atom": true, "Access": true,
	"Kernel": true, "Logger": true, "IO": true, "Process": true, "System": true, "File": true,
	"Path": true, "Date": true, "DateTime": true, "NaiveDateTime": true, "Time": true,
	"Regex": true, "Base": true, "URI": true, "Range": true, "Function": true, "Inspect": true,
	"GenServer": true, "Supervisor": true, "DynamicSupervisor": true, "Task": true,
	"Agent": true, "Registry": true, "Application": true, "Node": true, "Code": true,
}
