using Microsoft.Extensions.DependencyInjection;
using Typed.Tests.Behaviours;

namespace Typed.Tests;

/// <summary>Starts nodes for tests, with a <see cref="Journal"/> behaviours can write to.</summary>
internal static class TestNodes
{
    static int s_counter;

    public static async Task<(Node Node, Journal Journal, Gate Gate)> StartAsync(Action<NodeOptions>? configure = null)
    {
        var journal = new Journal();
        var gate = new Gate();
        var services = new ServiceCollection().AddLogging().AddSingleton(journal).AddSingleton(gate).BuildServiceProvider();
        var options = new NodeOptions
        {
            Name = $"t{Interlocked.Increment(ref s_counter)}@127.0.0.1",
            Services = services,
            ShutdownTimeout = TimeSpan.FromSeconds(2),
        };
        configure?.Invoke(options);
        return (await Node.StartAsync(options), journal, gate);
    }
}
