// This sample is for reading and building, not for running: every other file in it triggers the
// Typed diagnostic its name carries. `dotnet build samples/Diagnostics` lists them all.
System.Console.WriteLine("Build this project to see Typed's diagnostics; see README.md.");
