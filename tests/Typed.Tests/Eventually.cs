namespace Typed.Tests;

/// <summary>Awaits a condition with a deadline: the tests' only way to wait for something to happen.</summary>
internal static class Eventually
{
    public static async Task True(Func<bool> condition, string what, int timeoutMs = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                Assert.Fail($"Timed out after {timeoutMs} ms waiting for: {what}");
            }

            await Task.Delay(5);
        }
    }

    public static async Task True(Func<Task<bool>> condition, string what, int timeoutMs = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!await condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                Assert.Fail($"Timed out after {timeoutMs} ms waiting for: {what}");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>Awaits a task, failing the test if it does not finish in time.</summary>
    public static async Task<T> Within<T>(Task<T> task, int timeoutMs = 10_000) => await task.WaitAsync(TimeSpan.FromMilliseconds(timeoutMs));
}
