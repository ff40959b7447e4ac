using System.Collections.Concurrent;
using System.ComponentModel;

namespace Typed.Rpc;

/// <summary>
/// Every RPC function in the loaded assemblies, by its wire id. Generated module initializers fill
/// it; an RPC request names a function only by id, so nothing is looked up by name or reflection.
/// Two functions with one id are kept out and reported to whoever asks for that id.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RpcRegistry
{
    static readonly ConcurrentDictionary<int, RpcFunction> s_byId = new();
    static readonly ConcurrentDictionary<int, string> s_clashes = new();

    /// <summary>Registers a function; called from generated module initializers.</summary>
    /// <param name="function">The function.</param>
    public static void Register(RpcFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var existing = s_byId.GetOrAdd(function.Id, function);
        if (!ReferenceEquals(existing, function) && existing.Name != function.Name)
        {
            s_clashes[function.Id] = existing.Name + " and " + function.Name;
        }
    }

    /// <summary>Every registered function (ids are in the generated code only as literals: tools find a function here by its name).</summary>
    internal static ICollection<RpcFunction> All => s_byId.Values;

    /// <summary>The function with id <paramref name="id"/>, or null with the reason in <paramref name="problem"/>.</summary>
    internal static RpcFunction? Find(int id, out string? problem)
    {
        if (s_clashes.TryGetValue(id, out var names))
        {
            problem = $"functions {names} share the id {id}; give one module an explicit [Rpc(Id = ...)]";
            return null;
        }

        if (s_byId.TryGetValue(id, out var function))
        {
            problem = null;
            return function;
        }

        problem = $"no function with id {id} is loaded";
        return null;
    }
}
