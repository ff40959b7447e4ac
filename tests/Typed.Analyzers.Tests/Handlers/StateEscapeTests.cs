using Verifier = Typed.Analyzers.Tests.Verify<Typed.Analyzers.Handlers.StateEscapeAnalyzer>;

namespace Typed.Analyzers.Tests.Handlers;

public class StateEscapeTests
{
    [Fact]
    public Task TYP2003_lambdas_using_the_behaviour_on_other_threads() => Verifier.Analyzer("""
        [Process]
        public partial class A(IServiceProvider services)
        {
            int _n;
            System.Threading.Timer? _timer;

            void Work() => _n++;

            [Cast] public void Run() => Task.Run([|() => _n++|]);
            [Cast] public void Pool() => ThreadPool.QueueUserWorkItem([|_ => Work()|]);
            [Cast] public void Spawn() => new Thread([|() => { _n = 1; }|]).Start();
            [Cast] public void Tick() => _timer = new System.Threading.Timer([|_ => _n++|], null, 0, 100);
            [Cast] public void Then(Task t) => t.ContinueWith([|_ => services.GetType()|]);
            [Cast] public void Factory() => Task.Factory.StartNew([|delegate { _n--; }|]);
            [Cast] public void Group() => Task.Run([|Work|]);
            [Cast] public void Local()
            {
                Task.Run([|Bump|]);
                void Bump() => _n++;
            }
            [Cast] public void Elapsed(System.Timers.Timer timer) => timer.Elapsed += [|(_, _) => _n++|];
        }
        """);

    [Fact]
    public Task TYP2003_message_names_what_escapes() => Verifier.Analyzer(
        """
        [Process]
        public partial class A
        {
            int _count;

            [Cast] public void Run() => Task.Run({|#0:() => _count++|});
        }
        """,
        Verifier.Diagnostic("TYP2003").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(0).WithArguments("lambda", "Task.Run", "_count"));

    [Fact]
    public Task TYP2003_not_reported_for_locals_self_and_code_outside_handlers() => Verifier.Analyzer("""
        [Process]
        public partial class A
        {
            int _n;

            [Cast] public void Done(int n) => _n = n;

            [Cast] public void Compute()
            {
                var seed = _n;
                var self = Self;
                Task.Run(() => self.Done(seed * 2));
                Task.Run(async () => { await Task.Delay(1); Self.Done(seed); });
                Task.Run(static () => 42);
                Task.Run(Static);
                Task.Run(Pure);
                int Pure() => seed + 1;
            }

            static void Static() { }

            public void NotAHandler() => Task.Run(() => _n++);
        }
        """);
}
