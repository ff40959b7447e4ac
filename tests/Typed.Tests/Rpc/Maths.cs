namespace Typed.Tests.Rpc;

/// <summary>The README's RPC module: sync, async and throwing functions.</summary>
[Rpc]
public static partial class Maths
{
    public static int Add(int a, int b) => a + b;

    public static async Task<string> Slow(int ms, CancellationToken ct)
    {
        await Task.Delay(ms, ct);
        return "done";
    }

    public static void Fail(string why) => throw new InvalidOperationException(why);
}
