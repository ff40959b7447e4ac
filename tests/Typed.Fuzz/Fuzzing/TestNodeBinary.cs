using System.Reflection;

namespace Typed.Fuzzing;

/// <summary>
/// How to start tests/Typed.TestNode as a child OS process: the dotnet host and the node's build
/// output. Shared by the process fuzzer and the multi-process tests (Typed.Tests compiles this folder).
/// </summary>
internal static class TestNodeBinary
{
    /// <summary>The dotnet host (the SDK sets DOTNET_HOST_PATH for tests; otherwise the one running, or the one on PATH).</summary>
    public static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
        : "dotnet";

    /// <summary>tests/Typed.TestNode's build output for this build's configuration (projects that run it build it first).</summary>
    public static string Assembly()
    {
        var configuration = typeof(TestNodeBinary).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Typed.sln")))
            {
                var dll = Path.Combine(dir.FullName, "tests", "Typed.TestNode", "bin", configuration, "net10.0", "Typed.TestNode.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException("Build tests/Typed.TestNode first", dll);
            }
        }

        throw new InvalidOperationException("Typed.sln not found above " + AppContext.BaseDirectory);
    }
}
