using System.Collections.Immutable;

namespace Typed.Groups;

/// <summary>
/// An immutable snapshot of a scope's memberships, published by its server after every change and
/// read without asking the server (as pg's readers read its ETS table). Only groups with members appear.
/// </summary>
/// <param name="Groups">Each group with at least one member.</param>
internal sealed record GroupsView(ImmutableDictionary<string, GroupEntry> Groups)
{
    /// <summary>No groups.</summary>
    public static GroupsView Empty { get; } = new(ImmutableDictionary.Create<string, GroupEntry>(StringComparer.Ordinal));
}
