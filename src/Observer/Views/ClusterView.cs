namespace Typed.Observer.Views;

/// <summary>What one refresh of the page shows: every node the observing node can see, as each answered.</summary>
/// <param name="Observer">The node the observer runs on.</param>
/// <param name="TakenAtUnixMs">When the view was put together (Unix milliseconds).</param>
/// <param name="ActionsEnabled">Whether the observer serves actions.</param>
/// <param name="Nodes">The observing node first, then the visible nodes by name.</param>
internal sealed record ClusterView(string Observer, long TakenAtUnixMs, bool ActionsEnabled, NodeView[] Nodes);
