using MemoryPack;

namespace Typed.Tests.Behaviours;

[MemoryPackable]
public partial record Seq(int Sender, int N);

[MemoryPackable]
public partial record Note(string Text);

/// <summary>A sequenced message with a kilobyte of padding, to fill buffers quickly.</summary>
[MemoryPackable]
public partial record Bulk(int Sender, int N, string Pad)
{
    public static readonly string Kilobyte = new('x', 1024);
}

[MemoryPackable]
public partial record Parcel(Pid From, ProcessRef<Store> Store, string Text);

/// <summary>A type that nests itself: a peer could nest it as deep as a frame allows.</summary>
[MemoryPackable]
public partial record Chain(string Label, Chain? Next);

/// <summary>A record holding a list of records whose items are not nullable.</summary>
[MemoryPackable]
public partial record Crowd(string Name, List<Note> Notes);

/// <summary>A parcel beside a list: copied, the parcel with it.</summary>
[MemoryPackable]
public partial record Shipment(Parcel Parcel, List<int> Tags);
