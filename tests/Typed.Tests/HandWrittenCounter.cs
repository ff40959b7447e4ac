// Hand-written stand-in for what the generator emits for Counter: the reference shape of the
// generated code. Removed once the generator produces it.
using MemoryPack;
using Microsoft.Extensions.Logging;
using Typed;

namespace Sample
{
    [MemoryPackable]
    public partial record Job(int Id, string Payload);

    [Process]
    public partial class Counter(ILogger<Counter> log)
    {
        int _n;

        [Init]
        public void Init(int start) => _n = start;

        [Call]
        public int Get() => _n;

        [Call]
        public ValueTask<int> Add(int k, CancellationToken ct)
        {
            _n += k;
            return new(_n);
        }

        [Cast]
        public void Reset() => _n = 0;

        [Info]
        public void Handle(Job job) => log.LogInformation("job {Id}", job.Id);

        [Terminate]
        public void Stop(ExitReason reason) => log.LogInformation("stopping: {Reason}", reason);
    }
}

// ---- what the generator writes ----
#nullable enable
namespace Sample
{
    partial class Counter : global::Typed.Generated.IProcessBehaviour<global::Sample.Counter>
    {
        private global::Typed.ProcessContext? __typedContext;

        /// <summary>The process this behaviour runs as.</summary>
        private global::Typed.ProcessContext Context =>
            __typedContext ?? throw new global::System.InvalidOperationException("Counter is not running as a process");

        /// <summary>A typed ref to the process this behaviour runs as.</summary>
        private global::Typed.ProcessRef<global::Sample.Counter> Self => global::Typed.Generated.Proxy.Self<global::Sample.Counter>(Context);

        static global::Typed.Generated.BehaviourDescriptor<global::Sample.Counter> global::Typed.Generated.IProcessBehaviour<global::Sample.Counter>.Descriptor =>
            global::Sample.Counter.Messages.Descriptor;

        void global::Typed.Generated.IProcessBehaviour.Attach(global::Typed.ProcessContext context) => __typedContext = context;

        global::System.Threading.Tasks.ValueTask global::Typed.Generated.IProcessBehaviour.InitAsync(object? startArgs)
        {
            var args = (global::Sample.Counter.StartArgs)startArgs!;
            Init(args.Start);
            return default;
        }

        global::System.Threading.Tasks.ValueTask global::Typed.Generated.IProcessBehaviour.TerminateAsync(global::Typed.ExitReason reason)
        {
            Stop(reason);
            return default;
        }

        global::System.Threading.Tasks.ValueTask global::Typed.Generated.IProcessBehaviour.HandleAsync(in global::Typed.Generated.Envelope envelope)
        {
            switch (envelope.Id)
            {
                case 1001: // Get()
                    return global::Typed.Generated.Dispatch.Reply(envelope.Reply, Get());
                case 1002: // Add(int, CancellationToken)
                {
                    var message = (global::Sample.Counter.Messages.Add)envelope.Message!;
                    return global::Typed.Generated.Dispatch.ReplyAsync(envelope.Reply, Add(message.K, Context.Stopping));
                }
                case 1003: // Reset()
                    Reset();
                    return default;
                case global::Typed.Generated.Envelope.InfoId:
                    switch (envelope.Message)
                    {
                        case global::Sample.Job m0:
                            Handle(m0);
                            return default;
                    }

                    break;
            }

            return global::Typed.Generated.Dispatch.Unhandled(Context, in envelope);
        }

        /// <summary>The start arguments of <see cref="Counter"/>: the parameters of its init hook.</summary>
        public sealed record StartArgs(int Start) : global::Typed.IStartArgs<global::Sample.Counter>;

        /// <summary>The messages of <see cref="Counter"/>, one per handler.</summary>
        public static class Messages
        {
            /// <summary>The message of <see cref="Counter.Get"/>.</summary>
            public sealed record Get
            {
                public const int Id = 1001;
                public static readonly Get Instance = new();
            }

            public sealed record Add(int K)
            {
                public const int Id = 1002;
            }

            public sealed record Reset
            {
                public const int Id = 1003;
                public static readonly Reset Instance = new();
            }

            internal static readonly global::Typed.Generated.BehaviourDescriptor<global::Sample.Counter> Descriptor = new(
                1000,
                "Sample.Counter",
                static services => new global::Sample.Counter(
                    global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<global::Microsoft.Extensions.Logging.ILogger<global::Sample.Counter>>(services)),
                [
                    new(1001, global::Typed.Generated.MessageKind.Call, "Get", global::Typed.Generated.MessageCodec<Get>.Instance, global::Typed.Generated.MessageCodec<int>.Instance),
                    new(1002, global::Typed.Generated.MessageKind.Call, "Add", global::Typed.Generated.MessageCodec<Add>.Instance, global::Typed.Generated.MessageCodec<int>.Instance),
                    new(1003, global::Typed.Generated.MessageKind.Cast, "Reset", global::Typed.Generated.MessageCodec<Reset>.Instance, null),
                    new(1004, global::Typed.Generated.MessageKind.Info, "Handle", global::Typed.Generated.MessageCodec<global::Sample.Job>.Instance, null),
                ],
                global::Typed.Generated.MessageCodec<StartArgs>.Instance);
        }
    }

    /// <summary>The typed proxy of <see cref="Counter"/>.</summary>
    public static class CounterProcessRefExtensions
    {
        public static global::System.Threading.Tasks.ValueTask<int> Get(this global::Typed.ProcessRef<global::Sample.Counter> process, global::System.Threading.CancellationToken cancellationToken = default) =>
            global::Typed.Generated.Proxy.Call<global::Sample.Counter, global::Sample.Counter.Messages.Get, int>(process, global::Sample.Counter.Messages.Get.Id, global::Sample.Counter.Messages.Get.Instance, cancellationToken);

        public static global::System.Threading.Tasks.ValueTask<int> Add(this global::Typed.ProcessRef<global::Sample.Counter> process, int k, global::System.Threading.CancellationToken cancellationToken = default) =>
            global::Typed.Generated.Proxy.Call<global::Sample.Counter, global::Sample.Counter.Messages.Add, int>(process, global::Sample.Counter.Messages.Add.Id, new global::Sample.Counter.Messages.Add(k), cancellationToken);

        public static void Reset(this global::Typed.ProcessRef<global::Sample.Counter> process) =>
            global::Typed.Generated.Proxy.Cast<global::Sample.Counter, global::Sample.Counter.Messages.Reset>(process, global::Sample.Counter.Messages.Reset.Id, global::Sample.Counter.Messages.Reset.Instance);

        public static void Send(this global::Typed.ProcessRef<global::Sample.Counter> process, global::Sample.Job message) =>
            global::Typed.Generated.Proxy.Send<global::Sample.Counter, global::Sample.Job>(process, message);
    }
}
