using Typed.CompilerServices;

namespace Typed.Routing;

/// <summary>
/// The codecs of info messages by type and by id, from every registered behaviour's <c>[Info]</c>
/// handlers: a plain send names its message by this id on the wire, never by a .NET type name.
/// </summary>
internal static class InfoCodecs
{
    static Tables s_tables = new(0, [], []);

    public static bool TryGet(Type type, out int id, out MessageCodec codec)
    {
        if (Current().ByType.TryGetValue(type, out var entry))
        {
            (id, codec) = entry;
            return true;
        }

        id = 0;
        codec = null!;
        return false;
    }

    public static MessageCodec? Find(int id) => Current().ById.GetValueOrDefault(id);

    static Tables Current()
    {
        // Per message: compare a version number, not BehaviourRegistry.All (a locked copy of the registry).
        var tables = Volatile.Read(ref s_tables);
        var version = BehaviourRegistry.Version;     // read before All: a registration in between only rebuilds again
        if (tables.Version == version)
        {
            return tables;
        }

        var all = BehaviourRegistry.All;
        var byType = new Dictionary<Type, (int, MessageCodec)>();
        var byId = new Dictionary<int, MessageCodec>();
        foreach (var descriptor in all)
        {
            foreach (var spec in descriptor.Messages)
            {
                if (spec.Kind == MessageKind.Info)
                {
                    byType.TryAdd(spec.Message.Type, (spec.Id, spec.Message));
                    byId.TryAdd(spec.Id, spec.Message);
                }
            }
        }

        tables = new Tables(version, byType, byId);
        Volatile.Write(ref s_tables, tables);
        return tables;
    }

    sealed record Tables(int Version, Dictionary<Type, (int Id, MessageCodec Codec)> ByType, Dictionary<int, MessageCodec> ById);
}
