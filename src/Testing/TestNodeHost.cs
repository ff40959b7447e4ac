using System.Globalization;
using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Typed.Testing;

/// <summary>
/// The entry point of a <see cref="TestNodeProcess"/>'s child: loads the test assembly (so its generated
/// module initializers register its behaviours), starts a node listening on 127.0.0.1, prints
/// <see cref="ReadyLine"/> and its port, and serves until its standard input closes.
/// </summary>
internal static class TestNodeHost
{
    public const string ReadyLine = "typed-test-node ready ";
    public const string AssemblyOption = "--typed-assembly";
    public const string NameOption = "--name";
    public const string CookieOption = "--cookie";
    public const string TickOption = "--tick-ms";
    public const string PeerOption = "--peer";
    public const string StartupOption = "--startup";

    public static async Task<int> Main(string[] args)
    {
        string? assembly = null, name = null, cookie = null, startupType = null;
        TimeSpan? tick = null;
        var peers = new Dictionary<string, IPEndPoint>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case AssemblyOption:
                    assembly = value;
                    break;
                case NameOption:
                    name = value;
                    break;
                case CookieOption:
                    cookie = value;
                    break;
                case TickOption:
                    tick = TimeSpan.FromMilliseconds(long.Parse(value, CultureInfo.InvariantCulture));
                    break;
                case StartupOption:
                    startupType = value;
                    break;
                case PeerOption when value.Split('=', 2) is [var peer, var endpoint] && IPEndPoint.TryParse(endpoint, out var address):
                    peers[peer] = address;
                    break;
                default:
                    await Console.Error.WriteLineAsync($"unknown argument {args[i]} {value}").ConfigureAwait(false);
                    return 2;
            }
        }

        if (assembly is null || name is null || cookie is null)
        {
            await Console.Error.WriteLineAsync($"usage: {AssemblyOption} <name> {NameOption} <node> {CookieOption} <cookie> [{TickOption} <ms>] [{PeerOption} <node>=<ip:port>]... [{StartupOption} <type>]").ConfigureAwait(false);
            return 2;
        }

        // The test assembly is in this app's dependencies (its deps.json): loading it and running its
        // module constructor registers every behaviour and message it declares.
        var behaviours = Assembly.Load(new AssemblyName(assembly));
        RuntimeHelpers.RunModuleConstructor(behaviours.ManifestModule.ModuleHandle);
        var startup = startupType is null ? null : (ITestNodeStartup)Activator.CreateInstance(behaviours.GetType(startupType, throwOnError: true)!, nonPublic: true)!;

        var options = new NodeOptions { Name = name, Cookie = cookie, ShutdownTimeout = TimeSpan.FromSeconds(2) };
        options.Distribution.UsePortMapper = false;
        options.Distribution.StartPortMapper = false;
        options.Distribution.ListenAddress = IPAddress.Loopback;
        if (tick is { } t)
        {
            options.Distribution.TickTime = t;
        }

        foreach (var (peer, endpoint) in peers)
        {
            options.Distribution.StaticAddresses[peer] = endpoint;
        }

        startup?.Configure(options);
        await using var node = await Node.StartAsync(options).ConfigureAwait(false);
        if (startup is not null)
        {
            await startup.StartedAsync(node).ConfigureAwait(false);
        }

        Console.WriteLine(ReadyLine + node.DistributionEndpoint!.Port.ToString(CultureInfo.InvariantCulture));
        await Console.OpenStandardInput().CopyToAsync(Stream.Null).ConfigureAwait(false);
        await node.StopAsync().ConfigureAwait(false);
        return 0;
    }
}
