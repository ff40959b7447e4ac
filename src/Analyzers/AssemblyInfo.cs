// Typed.Analyzers: the rules land with the analyzers issue; until then this assembly only
// carries its project and release-tracking files so the package layout is fixed.
[assembly: System.Reflection.AssemblyMetadata("Typed.Analyzers.Rules", "0")]
