using Typed.Analyzers.CodeFixes;
using Verifier = Typed.Analyzers.Tests.Verify<Typed.Analyzers.Handlers.BlockingCallAnalyzer>;

namespace Typed.Analyzers.Tests.Handlers;

public class BlockingCallTests
{
    [Fact]
    public Task TYP2002_blocking_waits_in_handlers() => Verifier.Analyzer("""
        [Process]
        public partial class A
        {
            readonly Task<int> _pending = Task.FromResult(1);
            readonly Task _other = Task.CompletedTask;

            [Call] public int Result() => [|_pending.Result|];
            [Call] public int Awaiter() => [|_pending.GetAwaiter().GetResult()|];
            [Call] public int Configured() => [|_pending.ConfigureAwait(false).GetAwaiter().GetResult()|];
            [Cast] public void Wait() => [|_other.Wait()|];
            [Cast] public void Sleep() => [|Thread.Sleep(10)|];
            [Cast] public void All() => [|Task.WaitAll(_pending, _other)|];
            [Cast] public void Any() => _ = [|Task.WaitAny(_pending, _other)|];
            [Init] public void Start() => [|Thread.Sleep(1)|];
            [Call] public int Value(ValueTask<int> v) => [|v.Result|];
        }
        """);

    [Fact]
    public Task TYP2002_not_reported_when_nothing_blocks() => Verifier.Analyzer("""
        [Process]
        public partial class A
        {
            readonly Task<int> _pending = Task.FromResult(1);

            [Call] public async Task<int> Awaited() => await _pending;
            [Call] public async Task<int> AfterWhenAll(Task<int> a, Task<int> b)
            {
                await Task.WhenAll(a, b);
                return a.Result + b.GetAwaiter().GetResult();
            }
            [Call] public int Checked() => _pending.IsCompletedSuccessfully ? _pending.Result : 0;
            [Cast] public void Background() => _ = Task.Run(() => Thread.Sleep(10));
            [Call] public string Name() => nameof(_pending.Result);

            public int NotAHandler() => _pending.Result;
        }

        public class NotAProcess
        {
            public void Block(Task t) => t.Wait();
        }
        """);

    [Fact]
    public Task TYP2002_fix_awaits_a_result_and_makes_the_handler_async() => Verifier.CodeFix<AwaitInsteadOfBlockingCodeFix>(
        """
        [Process]
        public partial class A
        {
            readonly Task<int> _pending = Task.FromResult(1);

            [Call] public int Get() => [|_pending.Result|] + 1;
        }
        """,
        """
        [Process]
        public partial class A
        {
            readonly Task<int> _pending = Task.FromResult(1);

            [Call] public async ValueTask<int> Get() => await _pending + 1;
        }
        """);

    [Fact]
    public Task TYP2002_fix_turns_sleep_into_delay() => Verifier.CodeFix<AwaitInsteadOfBlockingCodeFix>(
        """
        [Process]
        public partial class A
        {
            [Cast]
            public void Nap()
            {
                [|Thread.Sleep(10)|];
            }
        }
        """,
        """
        [Process]
        public partial class A
        {
            [Cast]
            public async ValueTask Nap()
            {
                await Task.Delay(10);
            }
        }
        """);

    [Fact]
    public Task TYP2002_fix_in_an_async_handler_only_awaits() => Verifier.CodeFix<AwaitInsteadOfBlockingCodeFix>(
        """
        [Process]
        public partial class A
        {
            readonly Task<int> _pending = Task.FromResult(1);
            readonly Task _a = Task.CompletedTask, _b = Task.CompletedTask;

            [Call]
            public async Task<int> Get()
            {
                await Task.Yield();
                [|_a.Wait()|];
                [|Task.WaitAll(_a, _b)|];
                return [|_pending.GetAwaiter().GetResult()|];
            }
        }
        """,
        """
        [Process]
        public partial class A
        {
            readonly Task<int> _pending = Task.FromResult(1);
            readonly Task _a = Task.CompletedTask, _b = Task.CompletedTask;

            [Call]
            public async Task<int> Get()
            {
                await Task.Yield();
                await _a;
                await Task.WhenAll(_a, _b);
                return await _pending;
            }
        }
        """);

    [Fact]
    public Task TYP2002_no_fix_where_the_rewrite_is_not_mechanical() => Verifier.NoCodeFix<AwaitInsteadOfBlockingCodeFix>("""
        [Process]
        public partial class A
        {
            readonly Task<int> _pending = Task.FromResult(1);
            readonly object _gate = new();

            [Call] public int Any() => [|Task.WaitAny(_pending)|];
            [Call] public bool Timed() => [|_pending.Wait(100)|];
            [Call] public Task<int> ByHand() => Task.FromResult([|_pending.Result|]);
            [Call] public int Locked() { lock (_gate) { return [|_pending.Result|]; } }
            [Call] public int Local()
            {
                return Inner();
                int Inner() => [|_pending.Result|];
            }
        }
        """);
}
