namespace Typed.Observer.Tests;

/// <summary>Waits for a condition with a deadline: no sleeps as synchronisation, no upper timing bounds asserted.</summary>
internal static class Eventually
{
    public static async Task True(Func<bool> condition, string what, int timeoutMs = 30_000)
    {
        using var timeout = new CancellationTokenSource(timeoutMs);
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"Not within {timeoutMs} ms: {what}");
            }

            await Task.Delay(20);
        }
    }

    public static async Task<T> Value<T>(Func<Task<T>> probe, Func<T, bool> condition, string what, int timeoutMs = 30_000)
    {
        using var timeout = new CancellationTokenSource(timeoutMs);
        while (true)
        {
            var value = await probe();
            if (condition(value))
            {
                return value;
            }

            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"Not within {timeoutMs} ms: {what} (last: {value})");
            }

            await Task.Delay(50);
        }
    }
}
