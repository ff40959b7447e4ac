using MemoryPack;
using Typed;

namespace Typed.Tests.Behaviours;

/// <summary>
/// A payload that shows where, and whether, it is decoded: decoding waits at <see cref="Gate"/> (so a
/// test sees which thread a decode holds up) and fails when <see cref="Refuse"/> is set (as a malformed
/// payload would). A class MemoryPack reads itself, for its deserialization callback.
/// </summary>
[MemoryPackable]
public partial class Gated
{
    /// <summary>Decodes wait here until it is set (open by default).</summary>
    public static ManualResetEventSlim Gate { get; } = new(initialState: true);

    public byte[] Data { get; set; } = [];

    public bool Refuse { get; set; }

    [MemoryPackOnDeserialized]
    void Decoded()
    {
        if (!Gate.Wait(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException("the test never opened the gate");
        }

        if (Refuse)
        {
            throw new InvalidOperationException("this payload refuses to decode");
        }
    }
}

/// <summary>Takes <see cref="Gated"/> payloads and counts them.</summary>
#pragma warning disable TYP1007 // Gated is read by MemoryPack itself on purpose: its callback is the point
[Process]
public partial class GatedSink
{
    int _taken;

    [Cast]
    public void Take(Gated payload) => _taken += payload.Data.Length > 0 ? 1 : 0;

    [Call]
    public int Taken() => _taken;

    /// <summary>Answers with a payload of <paramref name="size"/> bytes, one that refuses to decode if asked.</summary>
    [Call]
    public Gated Make(int size, bool refuse) => new() { Data = new byte[size], Refuse = refuse };
}
#pragma warning restore TYP1007
