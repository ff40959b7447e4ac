using System.Net;
using Typed.Distribution.Transport;

namespace Typed.Distribution.Kernel;

/// <summary>
/// What an unauthenticated peer may cost a node: a bounded number of handshakes at once, a back-off
/// for a source whose proofs failed, and log lines rate-limited per source.
/// </summary>
/// <remarks>
/// Design note. Nothing here keeps state per claimed node name (names are not trusted before the
/// proof); state is per source address and bounded: at most <see cref="MaxSources"/> entries, the
/// oldest forgotten first. After <see cref="FreeFailures"/> failed handshakes, a source waits 1 s, then
/// twice as long after each further failure, up to a minute; connections it makes meanwhile are
/// closed before a byte is read.
/// </remarks>
internal sealed class HandshakeGuard(int maxPending)
{
    const int MaxSources = 4096;
    const int FreeFailures = 10;
    static readonly TimeSpan MaxBackOff = TimeSpan.FromMinutes(1);
    static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(1);

    readonly Dictionary<string, Source> _sources = new(StringComparer.Ordinal);
    int _pending;
    long _lastSaturatedLog;

    /// <summary>The source a connection comes from, without its port: what back-off is kept by.</summary>
    public static string SourceOf(EndPoint? endpoint) => endpoint switch
    {
        IPEndPoint ip => ip.Address.ToString(),
        InMemoryEndPoint memory => memory.Node,
        null => "?",
        _ => endpoint.ToString() ?? "?",
    };

    /// <summary>Admits a new connection's handshake, or says why not. Call <see cref="Done"/> after an admitted one.</summary>
    public bool TryAdmit(string source, out string? refusal)
    {
        var now = SimulationContext.Milliseconds();
        lock (_sources)
        {
            if (_sources.TryGetValue(source, out var known) && known.BlockedUntil > now)
            {
                refusal = Loggable(known, now) ? $"{source} is backing off after {known.Failures} failed proofs" : null;
                return false;
            }

            if (_pending >= maxPending)
            {
                refusal = now - _lastSaturatedLog > (long)LogEvery.TotalMilliseconds ? $"{maxPending} handshakes are already under way" : null;
                if (refusal is not null)
                {
                    _lastSaturatedLog = now;
                }

                return false;
            }

            _pending++;
            refusal = null;
            return true;
        }
    }

    public void Done()
    {
        lock (_sources)
        {
            _pending--;
        }
    }

    /// <summary>A proof from <paramref name="source"/> failed; returns whether to log it (rate-limited).</summary>
    public bool Failed(string source)
    {
        var now = SimulationContext.Milliseconds();
        lock (_sources)
        {
            if (!_sources.TryGetValue(source, out var known))
            {
                if (_sources.Count >= MaxSources)
                {
                    _sources.Remove(_sources.MinBy(s => s.Value.LastFailure).Key);
                }

                known = new Source();
                _sources[source] = known;
            }

            known.Failures++;
            known.LastFailure = now;
            if (known.Failures >= FreeFailures)
            {
                var backOff = TimeSpan.FromSeconds(Math.Min(MaxBackOff.TotalSeconds, Math.Pow(2, known.Failures - FreeFailures)));
                known.BlockedUntil = now + (long)backOff.TotalMilliseconds;
            }

            return Loggable(known, now);
        }
    }

    /// <summary>A proof from <paramref name="source"/> succeeded: its record goes.</summary>
    public void Succeeded(string source)
    {
        lock (_sources)
        {
            _sources.Remove(source);
        }
    }

    static bool Loggable(Source source, long now)
    {
        if (now - source.LastLog < (long)LogEvery.TotalMilliseconds)
        {
            source.Suppressed++;
            return false;
        }

        source.LastLog = now;
        return true;
    }

    /// <summary>How many log lines about <paramref name="source"/> were left out since its last one (and resets the count).</summary>
    public int TakeSuppressed(string source)
    {
        lock (_sources)
        {
            if (!_sources.TryGetValue(source, out var known))
            {
                return 0;
            }

            var suppressed = known.Suppressed;
            known.Suppressed = 0;
            return suppressed;
        }
    }

    sealed class Source
    {
        public int Failures { get; set; }

        public long LastFailure { get; set; }

        public long BlockedUntil { get; set; }

        public long LastLog { get; set; } = long.MinValue / 2;

        public int Suppressed { get; set; }
    }
}
