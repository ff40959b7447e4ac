using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Reflection;

namespace Typed.Testing;

/// <summary>How a <see cref="TestNodeProcess"/> starts.</summary>
public sealed class TestNodeOptions
{
    /// <summary>The node's full name, such as <c>worker@127.0.0.1</c>.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// The assembly whose behaviours the node runs: the test assembly itself (<c>typeof(MyTests).Assembly</c>).
    /// Its build output must be an app (a test project is), with its <c>.runtimeconfig.json</c> and <c>.deps.json</c>.
    /// </summary>
    public required Assembly Behaviours { get; init; }

    /// <summary>The cookie (the test's own nodes must share it).</summary>
    public string Cookie { get; set; } = "typed-test-cluster";

    /// <summary>The node's tick time; Typed's default when null.</summary>
    public TimeSpan? TickTime { get; set; }

    /// <summary>Addresses of other nodes the child may dial (a node of the test itself, say); it listens on 127.0.0.1 either way.</summary>
    public IDictionary<string, IPEndPoint> Peers { get; } = new Dictionary<string, IPEndPoint>(StringComparer.Ordinal);

    /// <summary>Each line the child writes (standard output and error), as it comes: pass a test output's <c>WriteLine</c>.</summary>
    public Action<string>? Output { get; set; }

    /// <summary>How long to wait for the child to be ready (default 60 s: a .NET process start on a loaded machine).</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A type of the <see cref="Behaviours"/> assembly implementing <see cref="ITestNodeStartup"/>, made in the
    /// child with its parameterless constructor: it configures the node before it starts and prepares it
    /// before the child reports ready. Null: the node starts with the defaults and no processes of its own.
    /// </summary>
    public Type? Startup { get; set; }
}

/// <summary>
/// A Typed node in its own OS process, running the behaviours of the test's own assembly: started by the
/// test, reached over TCP on 127.0.0.1, and killed (kill -9), frozen (SIGSTOP) or thawed (SIGCONT) as a
/// real node can be. The child serves until the test disposes it (its standard input closes).
/// </summary>
/// <remarks>
/// Design note. The child is the test assembly's own app (its runtime configuration and dependencies)
/// with Typed.Testing as the entry point: every behaviour and message the test compiles is there, with
/// the same generated ids, and nothing has to be built or shipped beside the tests. The behaviours
/// register through their generated module initializers, which the host runs before the node starts.
/// </remarks>
public sealed class TestNodeProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly TaskCompletionSource<int> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly List<string> _output = [];
    readonly Action<string>? _echo;

    TestNodeProcess(string name, Process process, Action<string>? echo)
    {
        Name = name;
        _process = process;
        _echo = echo;
    }

    /// <summary>The node's full name.</summary>
    public string Name { get; }

    /// <summary>Where the node listens (127.0.0.1, a port it chose).</summary>
    public IPEndPoint Endpoint { get; private set; } = new(IPAddress.Loopback, 0);

    /// <summary>The child's OS process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>True once the child's process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Every line the child has written so far (standard output and error).</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    /// <summary>Starts the child and waits until its node is up and listening.</summary>
    /// <param name="options">What to start.</param>
    /// <param name="cancellationToken">Stops waiting (the child is killed).</param>
    /// <exception cref="ArgumentException"><see cref="TestNodeOptions.Startup"/> is not an <see cref="ITestNodeStartup"/> of the behaviours' assembly.</exception>
    /// <exception cref="InvalidOperationException">The child exited before it was ready (its startup failed, say), or the test assembly is not an app.</exception>
    /// <exception cref="TimeoutException">It was not ready within <see cref="TestNodeOptions.StartTimeout"/>.</exception>
    public static async Task<TestNodeProcess> StartAsync(TestNodeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Startup is { } startup && (startup.Assembly != options.Behaviours || !typeof(ITestNodeStartup).IsAssignableFrom(startup) || startup.FullName is null))
        {
            throw new ArgumentException($"{startup} is not an {nameof(ITestNodeStartup)} of {options.Behaviours.GetName().Name}", nameof(options));
        }

        var assembly = options.Behaviours.Location;
        var directory = Path.GetDirectoryName(assembly)!;
        var stem = Path.Combine(directory, Path.GetFileNameWithoutExtension(assembly));
        var runtimeConfig = stem + ".runtimeconfig.json";
        var deps = stem + ".deps.json";
        if (!File.Exists(runtimeConfig) || !File.Exists(deps))
        {
            throw new InvalidOperationException($"{assembly} has no {Path.GetFileName(runtimeConfig)} and {Path.GetFileName(deps)} beside it: a node process runs the behaviours of an app's output (a test project is one)");
        }

        var start = new ProcessStartInfo
        {
            FileName = DotnetHost(),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        var arguments = new List<string>
        {
            "exec", "--runtimeconfig", runtimeConfig, "--depsfile", deps, typeof(TestNodeProcess).Assembly.Location,
            TestNodeHost.AssemblyOption, Path.GetFileNameWithoutExtension(assembly), TestNodeHost.NameOption, options.Name, TestNodeHost.CookieOption, options.Cookie,
        };
        if (options.TickTime is { } tick)
        {
            arguments.AddRange([TestNodeHost.TickOption, ((long)tick.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)]);
        }

        foreach (var (peer, endpoint) in options.Peers)
        {
            arguments.AddRange([TestNodeHost.PeerOption, $"{peer}={endpoint}"]);
        }

        if (options.Startup is { } setup)
        {
            arguments.AddRange([TestNodeHost.StartupOption, setup.FullName!]);
        }

        arguments.ForEach(start.ArgumentList.Add);
        var node = new TestNodeProcess(options.Name, new Process { StartInfo = start, EnableRaisingEvents = true }, options.Output);
        node._process.OutputDataReceived += (_, line) => node.Take(line.Data, fromError: false);
        node._process.ErrorDataReceived += (_, line) => node.Take(line.Data, fromError: true);
        node._process.Exited += (_, _) => node._ready.TrySetException(new InvalidOperationException($"{options.Name} exited before it was ready:{Environment.NewLine}{string.Join(Environment.NewLine, node.Output)}"));
        try
        {
            node._process.Start();
            node._process.BeginOutputReadLine();
            node._process.BeginErrorReadLine();
            var port = await node._ready.Task.WaitAsync(options.StartTimeout, cancellationToken).ConfigureAwait(false);
            node.Endpoint = new IPEndPoint(IPAddress.Loopback, port);
            return node;
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Tells a node of the test where this child listens, so it can connect to it by name: pass the
    /// options the node was started with (a node reads its static addresses when it dials).
    /// </summary>
    /// <param name="options">The node's options.</param>
    public void AddressFor(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Distribution.StaticAddresses[Name] = Endpoint;
    }

    /// <summary>kill -9: the OS ends the process at once and closes its sockets; its node says nothing.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
    }

    /// <summary>SIGSTOP: the process freezes with its sockets open, so only missing ticks tell its peers. Unix only.</summary>
    public Task FreezeAsync() => SignalAsync("-STOP");

    /// <summary>SIGCONT: a frozen process goes on where it stopped. Unix only.</summary>
    public Task ThawAsync() => SignalAsync("-CONT");

    /// <summary>Asks the child to stop (its standard input closes), waits up to 10 s, then kills it.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or IOException)
        {
            Kill();
        }
        finally
        {
            _process.Dispose();
        }
    }

    async Task SignalAsync(string signal)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("SIGSTOP and SIGCONT need a Unix system");
        }

        using var kill = Process.Start("kill", [signal, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill {signal} {_process.Id} failed ({kill.ExitCode})");
        }
    }

    void Take(string? line, bool fromError)
    {
        if (line is null)
        {
            return;
        }

        if (!fromError && line.StartsWith(TestNodeHost.ReadyLine, StringComparison.Ordinal)
            && int.TryParse(line.AsSpan(TestNodeHost.ReadyLine.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            _ready.TrySetResult(port);
        }

        lock (_output)
        {
            _output.Add(line);
        }

        _echo?.Invoke($"[{Name}] {line}");
    }

    static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";
}
