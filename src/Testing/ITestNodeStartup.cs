namespace Typed.Testing;

/// <summary>
/// Sets up the node of a <see cref="TestNodeProcess"/> in its child process: named by
/// <see cref="TestNodeOptions.Startup"/>, made there with its parameterless constructor (it need not be
/// public), it changes the node's options before the node starts and prepares the running node (processes
/// under registered names, say) before the child reports ready, so the test finds them from its first
/// message on.
/// </summary>
public interface ITestNodeStartup
{
    /// <summary>
    /// Changes the child node's options before it starts: name, cookie, tick time, the peers' addresses
    /// and 127.0.0.1 as the listen address are set already (a different listen address is not supported).
    /// </summary>
    /// <param name="options">The node's options.</param>
    void Configure(NodeOptions options)
    {
    }

    /// <summary>Prepares the running node; the child reports ready once this completes (a failure ends the child).</summary>
    /// <param name="node">The child's node.</param>
    Task StartedAsync(Node node);
}
