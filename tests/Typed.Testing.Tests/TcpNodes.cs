namespace Typed.Testing.Tests;

/// <summary>Options of a test's own node on TCP (127.0.0.1, a port of its own, no port mapper), with the kit's default cookie.</summary>
internal static class TcpNodes
{
    public static NodeOptions Options(string name, TimeSpan tick)
    {
        var options = new NodeOptions { Name = name, Cookie = "typed-test-cluster", ShutdownTimeout = TimeSpan.FromSeconds(2) };
        options.Distribution.UsePortMapper = false;
        options.Distribution.StartPortMapper = false;
        options.Distribution.TickTime = tick;
        return options;
    }
}
