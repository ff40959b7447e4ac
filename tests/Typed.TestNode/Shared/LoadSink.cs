using MemoryPack;
using Typed;

namespace Typed.TestNode.Shared;

/// <summary>A numbered message for <see cref="LoadSink"/> sent as a plain message (<c>Pid ! Msg</c>).</summary>
/// <param name="Sender">Which sender: its numbers are checked apart from the others'.</param>
/// <param name="N">The sender's sequence number, from 1.</param>
[MemoryPackable]
public partial record LoadSeq(int Sender, int N);

/// <summary>What a <see cref="LoadSink"/> has seen.</summary>
/// <param name="Received">Every numbered message taken.</param>
/// <param name="Distinct">Distinct (sender, number) pairs among them.</param>
/// <param name="Duplicates">Messages whose (sender, number) had been taken before.</param>
/// <param name="Reordered">Messages that arrived after a higher number of their sender (and are not duplicates).</param>
[MemoryPackable]
public partial record LoadCounts(long Received, long Distinct, long Duplicates, long Reordered);

/// <summary>
/// The receiving end of the load figures (benchmarks/Typed.LoadProbe, Cluster/MultiProcessLoadTests): counts
/// numbered casts and messages per sender, with duplicates and reordering told apart by a bitmap of the
/// numbers seen. Also answers small calls (latency) and takes large casts.
/// </summary>
[Process]
public partial class LoadSink
{
    const int MaxNumber = 1 << 26;
    readonly Dictionary<int, Track> _senders = [];
    long _received;
    long _distinct;
    long _duplicates;
    long _reordered;
    long _bigBytes;

    /// <summary>Takes a numbered cast.</summary>
    [Cast]
    public void Take(int sender, int n)
    {
        _received++;
        if (n < 1 || n > MaxNumber)
        {
            _reordered++;   // out of any sequence a sender of the probe makes
            return;
        }

        if (!_senders.TryGetValue(sender, out var track))
        {
            _senders[sender] = track = new Track();
        }

        if (track.Seen(n))
        {
            _duplicates++;
            return;
        }

        _distinct++;
        if (n < track.Highest)
        {
            _reordered++;   // a higher number of this sender came first (a gap alone is loss, counted by the sender)
        }

        track.Highest = Math.Max(track.Highest, n);
    }

    /// <summary>Takes a numbered plain message, counted as <see cref="Take"/> does.</summary>
    [Info]
    public void On(LoadSeq seq) => Take(seq.Sender, seq.N);

    /// <summary>Takes a large cast: only its size is kept.</summary>
    [Cast]
    public void Big(byte[] payload) => _bigBytes += payload.Length;

    /// <summary>Takes a large call: answers with its size.</summary>
    [Call]
    public int Measure(byte[] payload) => payload.Length;

    /// <summary>The bytes of large casts taken so far.</summary>
    [Call]
    public long BigBytes() => _bigBytes;

    /// <summary>How long this node's garbage collector has paused it so far, in milliseconds.</summary>
    [Call]
    public double GcPausedMilliseconds() => GC.GetTotalPauseDuration().TotalMilliseconds;

    /// <summary>The counts so far.</summary>
    [Call]
    public LoadCounts Counts() => new(_received, _distinct, _duplicates, _reordered);

    /// <summary>Forgets everything counted.</summary>
    [Call]
    public void Clear()
    {
        _senders.Clear();
        _received = _distinct = _duplicates = _reordered = _bigBytes = 0;
    }

    /// <summary>Answers at once: a small round trip.</summary>
    [Call]
    public int Echo(int n) => n;

    /// <summary>The sink's own pid, as its node names it.</summary>
    [Call]
    public Pid Whoami() => Context.Self;

    sealed class Track
    {
        ulong[] _bits = new ulong[1024];

        public int Highest { get; set; }

        /// <summary>Marks <paramref name="n"/> seen; true when it already was.</summary>
        public bool Seen(int n)
        {
            var word = n >> 6;
            if (word >= _bits.Length)
            {
                Array.Resize(ref _bits, Math.Max(word + 1, _bits.Length * 2));
            }

            var mask = 1UL << (n & 63);
            var seen = (_bits[word] & mask) != 0;
            _bits[word] |= mask;
            return seen;
        }
    }
}
