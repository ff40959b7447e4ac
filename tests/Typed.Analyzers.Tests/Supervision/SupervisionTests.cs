using Verifier1 = Typed.Analyzers.Tests.Verify<Typed.Analyzers.Supervision.ChildTypeAnalyzer>;
using Verifier2 = Typed.Analyzers.Tests.Verify<Typed.Analyzers.Supervision.DuplicateChildIdAnalyzer>;
using Verifier3 = Typed.Analyzers.Tests.Verify<Typed.Analyzers.Supervision.SupervisorValuesAnalyzer>;

namespace Typed.Analyzers.Tests.Supervision;

public class SupervisionTests
{
    const string Behaviours = """
        [Process] public partial class Worker { [Call] public int Ping() => 1; }
        [Process] public partial class Job { [Init] public void Start(string name) { } }
        [Supervisor(Strategy.OneForOne)] [Child<Worker>("w")] public partial class Inner;
        public class Plain { }

        """;

    [Fact]
    public Task TYP3001_child_that_is_not_a_behaviour() => Verifier1.Analyzer(Behaviours + """
        [Supervisor(Strategy.OneForOne)]
        [Child<Worker>("worker")]
        [[|Child<Plain>("plain")|]]
        public partial class Tree;
        """);

    [Fact]
    public Task TYP3001_not_reported_for_processes_and_supervisors() => Verifier1.Analyzer(Behaviours + """
        [Supervisor(Strategy.OneForOne)]
        [Child<Worker>("worker")]
        [Child<Inner>("inner")]
        public partial class Tree;
        """);

    [Fact]
    public Task TYP3002_duplicate_and_empty_child_ids() => Verifier2.Analyzer(Behaviours + """
        [Supervisor(Strategy.OneForOne)]
        [Child<Worker>("a")]
        [Child<Worker>([|"a"|])]
        [Child<Worker>([|""|], Restart.Transient)]
        public partial class Tree;
        """);

    [Fact]
    public Task TYP3002_not_reported_for_distinct_ids_or_one_id_in_two_supervisors() => Verifier2.Analyzer(Behaviours + """
        [Supervisor(Strategy.OneForOne)]
        [Child<Worker>("a")]
        [Child<Worker>("A")]
        public partial class One;

        [Supervisor(Strategy.OneForOne)]
        [Child<Worker>("a")]
        public partial class Two;
        """);

    [Fact]
    public Task TYP3003_values_out_of_range() => Verifier3.Analyzer(Behaviours + """
        [Supervisor(Strategy.OneForOne, [|Intensity = -1|], [|Period = 0|])]
        [Child<Worker>("a", Shutdown = 5000)]
        [Child<Worker>("b", [|Shutdown = -3|])]
        [Child<Worker>("c", [|(Restart)7|])]
        [Child<Worker>("d", Restart.Permanent, [|Significant = true|])]
        [Child<Worker>("e", [|Node = "nohost"|])]
        [Child<Worker>("f", [|Node = "a@b@c"|])]
        [Child<Worker>("g", [|SplitBrain = (SplitBrain)5|])]
        public partial class Tree;

        [Supervisor([|(Strategy)9|])]
        [Child<Worker>("w")]
        public partial class Unknown;
        """);

    [Fact]
    public Task TYP3003_simple_one_for_one_and_start_arguments() => Verifier3.Analyzer(Behaviours + """
        [[|Supervisor(Strategy.SimpleOneForOne)|]]
        [Child<Worker>("a")]
        [Child<Worker>("b")]
        public partial class Pool;

        [Supervisor(Strategy.OneForOne)]
        [[|Child<Job>("job")|]]
        public partial class Jobs;
        """);

    [Fact]
    public Task TYP3003_not_reported_for_valid_values() => Verifier3.Analyzer(Behaviours + """
        [Supervisor(Strategy.OneForAll, Intensity = 0, Period = 1, AutoShutdown = AutoShutdown.AnySignificant)]
        [Child<Worker>("a", Shutdown = -2)]
        [Child<Worker>("b", Shutdown = -1)]
        [Child<Worker>("c", Shutdown = 0)]
        [Child<Worker>("d", Restart.Transient, Significant = true)]
        [Child<Worker>("e", Node = "b@127.0.0.1", SplitBrain = SplitBrain.KeepMajority)]
        public partial class Tree;

        [Supervisor(Strategy.SimpleOneForOne)]
        [Child<Job>("job", Restart.Temporary)]
        public partial class Jobs;
        """);
}
