using System.Collections.Concurrent;
using System.Diagnostics;

namespace Typed.Samples;

/// <summary>
/// Another node of a sample's cluster in a child OS process: this same program started with the
/// arguments its child role reads (samples/Cluster's and samples/Patterns' <c>ChildNode</c>). The
/// child prints <see cref="Ready"/> once its node runs and exits when its stdin closes, and this
/// parent holds that pipe; on top of that every child still running is killed when the parent
/// exits, fails or gets Ctrl+C. Shared by the samples (linked into each project).
/// </summary>
public sealed class NodeProcess : IDisposable
{
    static readonly ConcurrentDictionary<NodeProcess, byte> s_running = new();
    static int s_hooked;

    readonly Process _process;
    readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    NodeProcess(Process process) => _process = process;

    /// <summary>The line a child prints once its node runs.</summary>
    public const string Ready = "ready";

    /// <summary>The OS process id.</summary>
    public int Id => _process.Id;

    /// <summary>Starts this program again with <paramref name="arguments"/>; it is ready once <see cref="WaitReadyAsync"/> completes.</summary>
    public static NodeProcess Start(string name, params string[] arguments)
    {
        HookExit();
        var start = new ProcessStartInfo
        {
            FileName = Environment.ProcessPath ?? throw new InvalidOperationException("The program's path is unknown"),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };

        // Under the dotnet host (`dotnet Typed.Samples.Cluster.dll`) the program is the assembly it runs;
        // `dotnet run` starts the apphost and NativeAOT is one binary, so the path alone suffices there.
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, typeof(NodeProcess).Assembly.GetName().Name + ".dll"));
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var child = new NodeProcess(new Process { StartInfo = start, EnableRaisingEvents = true });
        child._process.OutputDataReceived += (_, line) =>
        {
            if (line.Data == Ready)
            {
                child._ready.TrySetResult();
            }
            else if (line.Data is { } text)
            {
                Console.WriteLine($"  {name} says: {text}");   // the child's own narration
            }
        };
        child._process.Exited += (_, _) => child._ready.TrySetException(new InvalidOperationException($"node {name} exited before it was ready"));
        s_running[child] = 0;
        child._process.Start();
        child._process.BeginOutputReadLine();
        return child;
    }

    /// <summary>Writes a line to the child's stdin (a command its child role reads).</summary>
    public Task SendAsync(string line) => _process.StandardInput.WriteLineAsync(line);

    /// <summary>SIGSTOP (Unix): the process freezes with its sockets open; only missing ticks tell its peers.</summary>
    public void Freeze() => Signal("-STOP");

    /// <summary>SIGCONT (Unix): a frozen process goes on where it stopped.</summary>
    public void Thaw() => Signal("-CONT");

    void Signal(string signal)
    {
        using var kill = Process.Start("kill", [signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Completes when the child has printed that its node runs.</summary>
    public Task WaitReadyAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    /// <summary>Kills the child and its process tree at once (no clean shutdown: the node just vanishes).</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has already exited.
        }
    }

    /// <summary>Closes the child's stdin: its cue to stop its node and exit.</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Completes when the child process has exited.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>Kills the child if it still runs and releases the process handle.</summary>
    public void Dispose()
    {
        if (s_running.TryRemove(this, out _))
        {
            Kill();
            _process.Dispose();
        }
    }

    /// <summary>Kills every child still running (on the parent's exit and on Ctrl+C).</summary>
    static void KillAll()
    {
        foreach (var child in s_running.Keys)
        {
            child.Dispose();
        }
    }

    static void HookExit()
    {
        if (Interlocked.Exchange(ref s_hooked, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
            AppDomain.CurrentDomain.UnhandledException += (_, _) => KillAll();
            Console.CancelKeyPress += (_, _) => KillAll();
        }
    }
}
