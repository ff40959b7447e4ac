using MemoryPack;

namespace Typed.Tests.Behaviours;

/// <summary>A user record of immutable members: the generator marks it, local delivery passes it uncopied.</summary>
[MemoryPackable]
public partial record Stamp(int N, string Text, Pid? From);

/// <summary>A user record with a settable property: copied.</summary>
[MemoryPackable]
public partial record Scribble(int N, string Text)
{
    public string Text { get; set; } = Text;
}

/// <summary>A record derived from an immutable one that adds mutable state: sent as a <see cref="Stamp"/>, it is copied.</summary>
public record MarkedStamp(int N, string Text, Pid? From, List<int> Marks) : Stamp(N, Text, From);

/// <summary>A sealed user record of immutable members: marked for every value, so a call's argument carrying it passes too.</summary>
[MemoryPackable]
public sealed partial record Seal(int N, string Text);

/// <summary>Not sealed: marked only for values of exactly its type, so a carrier holding it is still copied.</summary>
[MemoryPackable]
public partial record Wax(int N, string Text);

/// <summary>Keeps the last values it was sent and hands them back as they are.</summary>
[Process]
public partial class Keeper
{
    Stamp? _stamp;
    Scribble? _scribble;

    [Info]
    public void On(Stamp stamp) => _stamp = stamp;

    [Info]
    public void On(Scribble scribble) => _scribble = scribble;

    [Call]
    public Stamp? LastStamp() => _stamp;

    [Call]
    public Scribble? LastScribble() => _scribble;

    [Call]
    public Seal Echo(Seal seal) => seal;

    [Call]
    public Wax EchoWax(Wax wax) => wax;
}
