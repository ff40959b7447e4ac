namespace Typed.Groups;

/// <summary>One group in a published <see cref="GroupsView"/>: all its members on every known node, and the local ones.</summary>
/// <param name="All">Every member, local first, a pid once per join.</param>
/// <param name="Local">The members on this node.</param>
internal sealed record GroupEntry(IReadOnlyList<Pid> All, IReadOnlyList<Pid> Local);
