namespace Typed.Benchmarks.Harness;

/// <summary>Counts and durations of one run: the full run, or <c>--quick</c> for smoke tests (numbers meaningless).</summary>
internal sealed record Settings(
    bool Quick,
    TimeSpan WarmUp,
    int Repetitions,
    int LocalMessages,
    int LocalCalls,
    int RemoteMessages,
    int RemoteWindow,
    int RemoteCalls,
    int Spawns,
    int TcpRoundTrips,
    int TcpFrames,
    TimeSpan CellTimeout)
{
    public static readonly Settings Full = new(
        Quick: false,
        WarmUp: TimeSpan.FromSeconds(2),
        Repetitions: 5,
        LocalMessages: 2_000_000,
        LocalCalls: 200_000,
        RemoteMessages: 500_000,
        RemoteWindow: 50_000,
        RemoteCalls: 20_000,
        Spawns: 100_000,
        TcpRoundTrips: 50_000,
        TcpFrames: 1_000_000,
        CellTimeout: TimeSpan.FromSeconds(150));

    public static readonly Settings QuickRun = new(
        Quick: true,
        WarmUp: TimeSpan.FromMilliseconds(200),
        Repetitions: 3,
        LocalMessages: 100_000,
        LocalCalls: 10_000,
        RemoteMessages: 20_000,
        RemoteWindow: 5_000,
        RemoteCalls: 1_000,
        Spawns: 10_000,
        TcpRoundTrips: 2_000,
        TcpFrames: 20_000,
        CellTimeout: TimeSpan.FromSeconds(60));

    /// <summary>How long any single wait inside a cell may take before the cell fails.</summary>
    public TimeSpan WaitLimit => Quick ? TimeSpan.FromSeconds(20) : TimeSpan.FromSeconds(60);
}
