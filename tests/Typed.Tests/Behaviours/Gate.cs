namespace Typed.Tests.Behaviours;

/// <summary>A gate a handler awaits until the test opens it.</summary>
public sealed class Gate
{
    readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Task => _open.Task;

    public void Open() => _open.TrySetResult();
}
