using Microsoft.Extensions.DependencyInjection;
using Typed.Testing;
using Typed.Tests.Behaviours;

namespace Typed.Tests.Distribution;

/// <summary>
/// The suite's clusters, on the public test kit (<see cref="TestCluster"/>): over TCP on 127.0.0.1 unless
/// asked for the kit's in-memory network, left unconnected (each test connects what it needs, and some
/// count the connections they make), with the suite's cookie and shorter timeouts, and one
/// <see cref="Behaviours.Journal"/> and <see cref="Behaviours.Gate"/> the cluster's behaviours share.
/// </summary>
internal static class Clusters
{
    static int s_counter;

    /// <summary>Starts <paramref name="count"/> nodes; <paramref name="configure"/> gets each one's index and options.</summary>
    public static Task<TestCluster> StartAsync(int count, Action<int, NodeOptions>? configure = null, bool inMemory = false)
    {
        var journal = new Journal();
        var gate = new Gate();
        return TestCluster.StartAsync(new TestClusterOptions
        {
            Nodes = count,
            Transport = inMemory ? TestClusterTransport.InMemory : TestClusterTransport.Tcp,
            Connect = false,
            // Names unique in the test run: metrics and traces are tagged with them, and tests run in parallel.
            NamePrefix = $"c{Interlocked.Increment(ref s_counter)}n",
            Cookie = "test-cookie",
            ConfigureNode = (i, o) =>
            {
                o.Services = new ServiceCollection().AddLogging().AddSingleton(journal).AddSingleton(gate).BuildServiceProvider();
                o.CallTimeout = TimeSpan.FromSeconds(5);
                o.Distribution.HandshakeTimeout = TimeSpan.FromSeconds(2);
                configure?.Invoke(i, o);
            },
        });
    }

    /// <summary>The journal the cluster's behaviours write to.</summary>
    public static Journal Journal(this TestCluster cluster) => cluster.Nodes[0].Services.GetRequiredService<Journal>();

    /// <summary>The gate the cluster's behaviours wait on.</summary>
    public static Gate Gate(this TestCluster cluster) => cluster.Nodes[0].Services.GetRequiredService<Gate>();
}
