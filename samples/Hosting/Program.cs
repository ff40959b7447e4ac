// samples/Hosting: a Typed node inside the .NET generic host. Behaviours get their constructor
// dependencies from the host's services; the node starts and stops with the host.
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Typed;
using Typed.Samples.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddTyped(options => options.Name = "hosted@127.0.0.1");

using var host = builder.Build();
await host.StartAsync();

var node = host.Services.GetRequiredService<Node>();
var greeter = node.Spawn(new Greeter.StartArgs("Hello"));
Console.WriteLine(await greeter.Greet("Ada"));
Console.WriteLine($"greeted so far: {await greeter.Count()}");

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
}
