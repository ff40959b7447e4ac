// samples/Hosting: a Typed node inside the .NET generic host, configured from appsettings.json, used
// by a hosted service that takes Node in its constructor, checked by a health check and observed
// through OpenTelemetry. The README's "Host it" and "Observe it" examples are this file (a test
// keeps them equal).
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Typed;
using Typed.Samples.Hosting;

var settings = new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory };
var builder = Host.CreateApplicationBuilder(settings);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddTyped(builder.Configuration.GetSection("Typed"));   // appsettings.json's "Typed" section
builder.Services.AddSingleton<GreeterService>()                         // takes Node in its constructor
    .AddHostedService(services => services.GetRequiredService<GreeterService>());
builder.Services.AddHealthChecks().AddTypedNode();                      // running, listening, root alive

var exported = new List<Metric>();
builder.Services.AddOpenTelemetry()
    .WithMetrics(metrics => metrics.AddTypedInstrumentation().AddInMemoryExporter(exported))   // Typed.OpenTelemetry
    .WithTracing(tracing => tracing.AddTypedInstrumentation());

using var host = builder.Build();
await host.StartAsync();

var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
Console.WriteLine($"health: {health.Status} ({health.Entries["typed"].Description})");
await host.Services.GetRequiredService<GreeterService>().Done;

host.Services.GetRequiredService<MeterProvider>().ForceFlush();
foreach (var metric in exported.Where(m => m.Name == "typed.process.count").Take(1))
{
    foreach (ref readonly var point in metric.GetMetricPoints())
    {
        Console.WriteLine($"{metric.Name}: {point.GetSumLong()} {metric.Unit}");
    }
}

var node = host.Services.GetRequiredService<Node>();
await host.StopAsync();
Console.WriteLine($"host stopped; {node.ProcessCount} processes left");

namespace Typed.Samples.Hosting
{
    /// <summary>A behaviour whose constructor takes services from the host.</summary>
    [Process]
    public partial class Greeter(TimeProvider clock, ILogger<Greeter> log)
    {
        string _greeting = "";
        int _count;

        [Init]
        public void Init(string greeting) => _greeting = greeting;

        [Call]
        public string Greet(string name)
        {
            _count++;
            log.LogDebug("greeting {Name}", name);
            return $"{_greeting}, {name}! ({clock.GetUtcNow():yyyy-MM-dd})";
        }

        [Call]
        public int Count() => _count;
    }

    /// <summary>A hosted service that uses the node: the node starts before it is built and stops after it.</summary>
    public sealed class GreeterService(Node node) : BackgroundService
    {
        readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes once the service has greeted.</summary>
        public Task Done => _done.Task;

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var greeter = node.Spawn(new Greeter.StartArgs("Hello"), new SpawnOptions { Name = "greeter" });
            Console.WriteLine(await greeter.Greet("Ada"));
            Console.WriteLine($"greeted so far: {await greeter.Count()}");
            _done.TrySetResult();
        }
    }
}
