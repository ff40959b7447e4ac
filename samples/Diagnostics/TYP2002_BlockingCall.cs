namespace Typed.Samples.Diagnostics;

// TYP2002: blocking a pool thread inside a handler.
[Process]
public partial class PriceList
{
    readonly Task<int> _loaded = Task.FromResult(10);

    [Call] public int Price() => _loaded.Result;

    [Cast] public void Backoff() => Thread.Sleep(100);
}
