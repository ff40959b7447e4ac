using Verifier = Typed.Analyzers.Tests.Verify<Typed.Analyzers.Declarations.MessageClashAnalyzer>;

namespace Typed.Analyzers.Tests.Declarations;

public class MessageClashTests
{
    [Fact]
    public Task TYP1004_overloads_and_one_name_for_a_call_and_a_cast() => Verifier.Analyzer("""
        [Process]
        public partial class A
        {
            [Call] public int X() => 0;
            [Call] public int [|X|](int a) => a;
            [Call] public int Y() => 0;
            [Cast] public void [|Y|](string s) { }
        }
        """);

    [Fact]
    public Task TYP1004_duplicate_explicit_ids() => Verifier.Analyzer(
        """
        [Process]
        public partial class A
        {
            [Call(Id = 5)] public int X() => 0;
            [Cast(Id = 5)] public void {|#0:Y|}() { }
            [Info(Id = 9)] public void On(Down down) { }
            [Info(Id = 9)] public void [|On|](ExitSignal signal) { }
        }
        """,
        Verifier.Diagnostic("TYP1004").WithLocation(0).WithArguments("Y()", "X()", "both have message id 5; give one another Id"));

    [Fact]
    public Task TYP1004_two_info_handlers_for_one_message_type() => Verifier.Analyzer("""
        [MemoryPackable] public partial record Job(int Id);

        [Process]
        public partial class A
        {
            [Info] public void On(Job job) { }
            [Info] public void [|Again|](Job? job, CancellationToken ct) { }
        }
        """);

    [Fact]
    public Task TYP1004_two_hooks_of_one_kind() => Verifier.Analyzer("""
        [Process]
        public partial class A
        {
            [Init] public void I1() { }
            [Init] public void [|I2|]() { }
            [Terminate] public void T1() { }
            [Terminate] public void [|T2|](ExitReason reason) { }
        }
        """);

    [Fact]
    public Task TYP1004_not_reported_for_distinct_handlers() => Verifier.Analyzer("""
        [MemoryPackable] public partial record Job(int Id);

        [Process]
        public partial class A
        {
            [Call(Id = 7)] public int Seven() => 7;
            [Cast(Id = 8)] public void Eight() { }
            [Info(Id = 7)] public void On(Job job) { }
            [Info] public void On(Down down) { }
            [Init] public void Start() { }
            [Terminate] public void Stop() { }

            public int Seven(int overloadThatIsNoHandler) => overloadThatIsNoHandler;
        }

        [Process]
        public partial class B
        {
            [Call(Id = 7)] public int Seven() => 7;
        }
        """);
}
