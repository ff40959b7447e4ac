namespace Typed.Tests.Rpc;

/// <summary>Functions that let a test see where and in which process they ran.</summary>
[Rpc]
internal static partial class Probe
{
    /// <summary>The process the function runs in.</summary>
    public static Pid Self() => ProcessContext.Current?.Self ?? default;

    /// <summary>Records on which node and in which process it ran, under <paramref name="key"/>.</summary>
    public static void Record(string key) =>
        ProbeState.Recorded[key] = ProcessContext.Current?.Self ?? default;

    /// <summary>Says it is running (with its pid), then waits until the test releases <paramref name="key"/> or it is stopped.</summary>
    public static async Task<Pid> Hold(string key, CancellationToken ct)
    {
        var self = ProcessContext.Current?.Self ?? default;
        var gate = ProbeState.Gate(key);
        ProbeState.Running[key] = self;
        try
        {
            await gate.Task.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            ProbeState.Cancelled[key] = self;
            throw;
        }

        return self;
    }
}
