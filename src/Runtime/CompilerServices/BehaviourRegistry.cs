using System.Collections.Concurrent;
using System.ComponentModel;

namespace Typed.CompilerServices;

/// <summary>
/// Every behaviour in the loaded assemblies, by its wire id. Generated module initializers fill it;
/// remote spawn reads it. Two behaviours with one id are kept out and reported when looked up.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BehaviourRegistry
{
    static readonly ConcurrentDictionary<int, BehaviourDescriptor> s_byId = new();
    static readonly ConcurrentDictionary<int, string> s_clashes = new();
    static int s_version;

    /// <summary>Registers a behaviour; called from generated module initializers.</summary>
    /// <param name="descriptor">The behaviour's descriptor.</param>
    public static void Register(BehaviourDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var existing = s_byId.GetOrAdd(descriptor.Id, descriptor);
        if (!ReferenceEquals(existing, descriptor) && existing.Name != descriptor.Name)
        {
            s_clashes[descriptor.Id] = existing.Name + " and " + descriptor.Name;
        }

        Interlocked.Increment(ref s_version);
    }

    /// <summary>Finds a behaviour by its wire id.</summary>
    /// <param name="id">The behaviour id.</param>
    /// <param name="descriptor">The behaviour, when found.</param>
    /// <exception cref="InvalidOperationException">Two loaded behaviours share the id.</exception>
    public static bool TryGet(int id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BehaviourDescriptor? descriptor)
    {
        if (s_clashes.TryGetValue(id, out var names))
        {
            throw new InvalidOperationException($"Behaviours {names} share the id {id}; give one an explicit [Process(Id = ...)]");
        }

        return s_byId.TryGetValue(id, out descriptor);
    }

    /// <summary>
    /// Changes after every registration: tables built from <see cref="All"/> check it per use instead of
    /// <see cref="All"/> itself, which copies every value under all of the dictionary's locks.
    /// </summary>
    internal static int Version => Volatile.Read(ref s_version);

    /// <summary>Every registered behaviour.</summary>
    public static IReadOnlyCollection<BehaviourDescriptor> All => (IReadOnlyCollection<BehaviourDescriptor>)s_byId.Values;
}
