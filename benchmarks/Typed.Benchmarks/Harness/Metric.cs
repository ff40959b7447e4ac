namespace Typed.Benchmarks.Harness;

/// <summary>One row of the table: what is measured, in which unit, and which direction is better.</summary>
internal sealed record Metric(string Key, string Title, string Unit, bool HigherIsBetter, bool Calibration = false)
{
    public static readonly Metric LocalThroughput = new("local.tput", "1 local throughput", "msgs/s", true);
    public static readonly Metric LocalThroughputAlloc = new("local.tput.alloc", "1 local throughput, allocated", "B/msg", false);
    public static readonly Metric LocalCallRate = new("local.call", "2 local call", "round trips/s", true);
    public static readonly Metric LocalCallP50 = new("local.call.p50", "2 local call latency median", "us", false);
    public static readonly Metric LocalCallP99 = new("local.call.p99", "2 local call latency p99", "us", false);
    public static readonly Metric LocalCallAlloc = new("local.call.alloc", "2 local call, allocated", "B/round trip", false);
    public static readonly Metric RemoteThroughput = new("remote.tput", "3 remote throughput", "msgs/s", true);
    public static readonly Metric RemoteThroughputBytes = new("remote.tput.bytes", "3 remote bytes on the wire", "B/msg", false);
    public static readonly Metric RemoteThroughputAlloc = new("remote.tput.alloc", "3 remote throughput, allocated by the sender", "B/msg", false);
    public static readonly Metric RemoteCallRate = new("remote.call", "4 remote call", "round trips/s", true);
    public static readonly Metric RemoteCallP50 = new("remote.call.p50", "4 remote call latency median", "us", false);
    public static readonly Metric RemoteCallP99 = new("remote.call.p99", "4 remote call latency p99", "us", false);
    public static readonly Metric RemoteCallBytes = new("remote.call.bytes", "4 remote bytes on the wire", "B/round trip", false);
    public static readonly Metric RemoteCallAlloc = new("remote.call.alloc", "4 remote call, allocated by the caller", "B/round trip", false);
    public static readonly Metric SpawnTime = new("spawn.us", "5 spawn 100k (until all started)", "us/spawn", false);
    public static readonly Metric SpawnBytes = new("spawn.bytes", "5 idle process footprint", "B/process", false);
    public static readonly Metric TcpPingPongRate = new("tcp.pingpong", "plain TCP ping-pong, 16 B frames", "round trips/s", true, true);
    public static readonly Metric TcpPingPongP50 = new("tcp.pingpong.p50", "plain TCP ping-pong median", "us", false, true);
    public static readonly Metric TcpPingPongP99 = new("tcp.pingpong.p99", "plain TCP ping-pong p99", "us", false, true);
    public static readonly Metric TcpStream = new("tcp.stream", "plain TCP one-way stream, 16 B frames", "msgs/s", true, true);

    /// <summary>Every row, in table order.</summary>
    public static readonly Metric[] All =
    [
        LocalThroughput, LocalThroughputAlloc, LocalCallRate, LocalCallP50, LocalCallP99, LocalCallAlloc,
        RemoteThroughput, RemoteThroughputBytes, RemoteThroughputAlloc,
        RemoteCallRate, RemoteCallP50, RemoteCallP99, RemoteCallBytes, RemoteCallAlloc,
        SpawnTime, SpawnBytes,
        TcpPingPongRate, TcpPingPongP50, TcpPingPongP99, TcpStream,
    ];

    public static Metric ByKey(string key) => All.First(m => m.Key == key);

    /// <summary>The workload (cell) that measures this row.</summary>
    public string Workload => Key.Split('.')[0] switch
    {
        "local" => Key.StartsWith("local.call", StringComparison.Ordinal) ? "local-call" : "local-throughput",
        "remote" => Key.StartsWith("remote.call", StringComparison.Ordinal) ? "remote-call" : "remote-throughput",
        "spawn" => "spawn",
        _ => "calibration",
    };
}
