using MemoryPack;

namespace Typed.Tests.Behaviours;

[MemoryPackable]
public partial record Seq(int Sender, int N);

[MemoryPackable]
public partial record Note(string Text);

[MemoryPackable]
public partial record Parcel(Pid From, ProcessRef<Store> Store, string Text);
