using Typed;

namespace Typed.Tests.Behaviours;

/// <summary>Reports the deadline it is called under, and waits until its caller gives up.</summary>
[Process]
public partial class Budget(Journal journal)
{
    [Call]
    public TimeSpan? Left() => Context.TimeLeft;

    [Call]
    public async Task<int> Wait(CancellationToken cancellationToken)
    {
        journal.Write("wait-started");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            journal.Write("wait-cancelled");
            throw;
        }

        return 0;
    }
}
