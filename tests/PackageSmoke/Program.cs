// The package smoke test: a user's app that references only the Typed package. Run without arguments
// it is node a: it starts node b as a child OS process (this same program with "--node-b": a generic
// host configured from its command line), reads the port b listens on, and talks to b over TCP on
// 127.0.0.1: a typed call, cast and plain message to b's registered counter, and RPC (b's health
// check included). Supervisor requests stay local (ChildRequest does not travel), so a's own
// supervisor is checked on a. Node a also subscribes OpenTelemetry to Typed through the companion
// package (AddTypedInstrumentation) and checks the spans and instruments it saw. Exit code 0 means
// every check passed.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PackageSmoke;
using Typed;

const string Cookie = "package-smoke";

if (args is ["--node-b", ..])
{
    // Node b is a generic host configured the way a deployed service is: from configuration (here the
    // command line; appsettings.json or the environment work the same), with a root supervisor, a
    // health check, and a hosted service that takes Node in its constructor.
    var builder = Host.CreateApplicationBuilder(args[1..]);
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Services.AddTyped(builder.Configuration.GetSection("Typed"), options => options.Supervise<AppSupervisor>("app"));
    builder.Services.AddHealthChecks().AddTypedNode();
    builder.Services.AddHostedService<Announcer>();
    using var host = builder.Build();
    await host.RunAsync();
    return 0;
}

using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
if (Path.GetFileNameWithoutExtension(self) is "dotnet")
{
    start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PackageSmoke.dll"));
}

foreach (var arg in (string[])["--node-b", "--Typed:Name=b@127.0.0.1", $"--Typed:Cookie={Cookie}", "--Typed:Distribution:ListenAddress=127.0.0.1", "--Typed:Distribution:UsePortMapper=false"])
{
    start.ArgumentList.Add(arg);
}
var failed = false;
using var child = Process.Start(start) ?? throw new InvalidOperationException("node b did not start");
try
{
    var line = await child.StandardOutput.ReadLineAsync(deadline.Token) ?? throw new InvalidOperationException("node b exited before it listened");
    if (!line.StartsWith("listening ", StringComparison.Ordinal))
    {
        throw new InvalidOperationException($"node b said '{line}'");
    }

    var port = int.Parse(line["listening ".Length..], CultureInfo.InvariantCulture);
    var spans = new Spans();
    var instruments = new Instruments();
    using var tracing = Sdk.CreateTracerProviderBuilder().AddTypedInstrumentation().AddProcessor(spans).Build();
    using var metrics = Sdk.CreateMeterProviderBuilder().AddTypedInstrumentation().AddReader(new BaseExportingMetricReader(instruments)).Build();
    var options = new NodeOptions { Name = "a@127.0.0.1", Cookie = Cookie };
    options.Distribution.UsePortMapper = false;
    options.Distribution.StaticAddresses["b@127.0.0.1"] = new IPEndPoint(IPAddress.Loopback, port);
    await using var a = await Node.StartAsync(options, deadline.Token);

    Check(await a.ConnectAsync("b@127.0.0.1", deadline.Token), "a connects to b");

    // A supervisor and its child on a (supervisor requests are local: ChildRequest does not travel).
    var app = a.Spawn<AppSupervisor>(new SpawnOptions { Name = "app" });
    var local = await app.Counter();
    Check(await local.Add(2) == 2, "a local call to a supervised child");
    Check((await app.WhichChildren()).Count == 1, "the supervisor reports its child");

    // b's counter, by name, over TCP.
    var remote = a.At<Counter>("counter", "b@127.0.0.1").WithTimeout(TimeSpan.FromSeconds(10));
    Check(await remote.Add(5) == 5, "a remote call");
    remote.Reset();
    Check(await remote.Get() == 0, "a remote cast, in order before the next call");
    remote.Send(new Job(7, "hello"));
    Check(await remote.Jobs() == 7, "a remote plain message");

    // RPC.
    Check(await Maths.On(a, "b@127.0.0.1").Add(1, 2) == 3, "an rpc call");
    Check(await Maths.On(a, "b@127.0.0.1").Where() == "b@127.0.0.1", "the rpc ran on b");
    Check(await Maths.On(a, "b@127.0.0.1").Health() == "Healthy", "b's health check, read over rpc");

    // What OpenTelemetry saw on a, through Typed.OpenTelemetry.
    Check(spans.Any(ActivityKind.Client, "PackageSmoke.Counter/Add"), "a Client span for the remote call");
    Check(spans.Any(ActivityKind.Producer, "PackageSmoke.Counter/Reset"), "a Producer span for the remote cast");
    Check(spans.Any(ActivityKind.Client, "PackageSmoke.Maths/Add"), "a Client span for the rpc call");
    metrics.ForceFlush();
    Check(instruments.Seen("typed.call.duration") && instruments.Seen("typed.process.count"), "Typed's instruments reach OpenTelemetry");

    Console.WriteLine("package smoke: all checks passed");
}
catch (Exception e)
{
    await Console.Error.WriteLineAsync("package smoke FAILED: " + e);
    failed = true;
}
finally
{
    child.StandardInput.Close();
    using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
    try
    {
        await child.WaitForExitAsync(stop.Token);
    }
    catch (OperationCanceledException)
    {
        child.Kill(entireProcessTree: true);
    }
}

return !failed && child.ExitCode == 0 ? 0 : 1;

static void Check(bool ok, string what)
{
    if (!ok)
    {
        throw new InvalidOperationException("failed: " + what);
    }

    Console.WriteLine("ok: " + what);
}

/// <summary>Keeps the names and kinds of the spans that ended.</summary>
sealed class Spans : BaseProcessor<Activity>
{
    readonly List<(ActivityKind Kind, string Name)> _ended = [];

    public override void OnEnd(Activity data)
    {
        lock (_ended)
        {
            _ended.Add((data.Kind, data.DisplayName));
        }
    }

    public bool Any(ActivityKind kind, string name)
    {
        lock (_ended)
        {
            return _ended.Contains((kind, name));
        }
    }
}

/// <summary>Keeps the names of the instruments exported.</summary>
sealed class Instruments : BaseExporter<Metric>
{
    readonly HashSet<string> _names = [];

    public override ExportResult Export(in Batch<Metric> batch)
    {
        lock (_names)
        {
            foreach (var metric in batch)
            {
                _names.Add(metric.Name);
            }
        }

        return ExportResult.Success;
    }

    public bool Seen(string name)
    {
        lock (_names)
        {
            return _names.Contains(name);
        }
    }
}
