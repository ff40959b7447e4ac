using Typed.Introspection;

namespace Typed.Observer.Views;

/// <summary>One node in a view: its snapshot, or why it could not be had, and its connections' rates.</summary>
/// <param name="Name">The node.</param>
/// <param name="Hidden">Whether the observing node's connection to it is hidden.</param>
/// <param name="Reachable">Whether it answered.</param>
/// <param name="Error">Why not, when it did not.</param>
/// <param name="Snapshot">What it said of itself.</param>
/// <param name="Rates">Per connection, bytes and frames per second since the previous view.</param>
internal sealed record NodeView(string Name, bool Hidden, bool Reachable, string? Error, NodeSnapshot? Snapshot, ConnectionRate[] Rates);
