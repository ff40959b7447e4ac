using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Typed.Benchmarks.Frameworks;

namespace Typed.Benchmarks.Harness;

/// <summary>
/// One workload of one framework, run in a fresh OS process (<c>cell WORKLOAD FRAMEWORK</c>); the remote
/// workloads start the server side as one more OS process (<c>serve FRAMEWORK PORT PEERPORT</c>) and
/// play the client here. Results go to stdout as <c>ROW</c> lines.
/// </summary>
internal static class Cell
{
    public static readonly string[] Workloads = ["local-throughput", "local-call", "remote-throughput", "remote-call", "spawn"];
    public static readonly string[] Frameworks = ["typed", "akka", "proto"];

    public static async Task<int> RunAsync(string workload, string framework, Settings settings)
    {
        switch (workload)
        {
            case "local-throughput":
            case "local-call":
                await using (var subject = await LocalAsync(framework, settings))
                {
                    if (workload == "local-call")
                    {
                        await Drivers.CallAsync(subject, settings, remote: false);
                    }
                    else
                    {
                        await Drivers.ThroughputAsync(subject, settings, remote: false);
                    }
                }

                return 0;

            case "remote-throughput":
            case "remote-call":
            case "calibration":
                return await RemoteAsync(workload, framework, settings);

            case "spawn":
                await using (var spawner = await SpawnerAsync(framework))
                {
                    await Drivers.SpawnAsync(spawner, settings);
                }

                return 0;

            default:
                await Console.Error.WriteLineAsync($"unknown workload {workload}");
                return 2;
        }
    }

    static async Task<int> RemoteAsync(string workload, string framework, Settings settings)
    {
        var serverPort = FreeLoopbackPort();
        var clientPort = FreeLoopbackPort();
        using var server = SelfProcess.Start("serve", framework, Str(serverPort), Str(clientPort));
        try
        {
            await server.WaitReadyAsync(settings.WaitLimit);
            if (workload == "calibration")
            {
                await Task.Factory.StartNew(() => TcpCalibration.Run(serverPort, settings), TaskCreationOptions.LongRunning);
                return 0;
            }

            await using var subject = await RemoteSubjectAsync(framework, serverPort, clientPort, settings).WaitAsync(settings.WaitLimit);
            if (workload == "remote-call")
            {
                await Drivers.CallAsync(subject, settings, remote: true);
            }
            else
            {
                await Drivers.ThroughputAsync(subject, settings, remote: true);
            }

            return 0;
        }
        finally
        {
            server.CloseInput();
            if (!await server.WaitForExitAsync(TimeSpan.FromSeconds(10)))
            {
                await Console.Error.WriteLineAsync("the server did not stop within 10 s and was killed");
            }
        }
    }

    /// <summary>The server side of a remote workload: serves until stdin closes.</summary>
    public static async Task<int> ServeAsync(string framework, int port, int peerPort)
    {
        static Task UntilStdinCloses() => Console.OpenStandardInput().CopyToAsync(Stream.Null);
        switch (framework)
        {
            case "typed":
                await TypedFramework.ServeAsync(port, peerPort, UntilStdinCloses);
                break;
            case "akka":
                await AkkaFramework.ServeAsync(port, UntilStdinCloses);
                break;
            case "proto":
                await ProtoFramework.ServeAsync(port, UntilStdinCloses);
                break;
            case "tcp":
                await TcpCalibration.ServeAsync(port, UntilStdinCloses);
                break;
            default:
                await Console.Error.WriteLineAsync($"unknown framework {framework}");
                return 2;
        }

        return 0;
    }

    static Task<ISubject> LocalAsync(string framework, Settings settings) => framework switch
    {
        "typed" => TypedFramework.LocalAsync(settings),
        "akka" => AkkaFramework.LocalAsync(),
        "proto" => ProtoFramework.LocalAsync(),
        _ => throw new ArgumentException($"unknown framework {framework}", nameof(framework)),
    };

    static Task<ISubject> RemoteSubjectAsync(string framework, int serverPort, int clientPort, Settings settings) => framework switch
    {
        "typed" => TypedFramework.RemoteAsync(serverPort, clientPort, settings),
        "akka" => AkkaFramework.RemoteAsync(serverPort, clientPort, settings),
        "proto" => ProtoFramework.RemoteAsync(serverPort, clientPort),
        _ => throw new ArgumentException($"unknown framework {framework}", nameof(framework)),
    };

    static Task<ISpawnSubject> SpawnerAsync(string framework) => framework switch
    {
        "typed" => TypedFramework.SpawnAsync(),
        "akka" => AkkaFramework.SpawnAsync(),
        "proto" => ProtoFramework.SpawnAsync(),
        _ => throw new ArgumentException($"unknown framework {framework}", nameof(framework)),
    };

    /// <summary>A free port on 127.0.0.1 (never EPMD's 4369).</summary>
    static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    static string Str(int n) => n.ToString(CultureInfo.InvariantCulture);
}
