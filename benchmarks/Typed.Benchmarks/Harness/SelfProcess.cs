using System.Collections.Concurrent;
using System.Diagnostics;

namespace Typed.Benchmarks.Harness;

/// <summary>
/// This same program started again with other arguments (a benchmark cell, or the server side of a
/// remote workload), as samples/Cluster's NodeProcess does. Its stdout lines are collected; a child that
/// outlives its welcome is killed with its whole process tree, and every child still running is killed
/// when this process exits. Servers exit by themselves when their stdin (held here) closes.
/// </summary>
internal sealed class SelfProcess : IDisposable
{
    public const string Ready = "ready";

    static readonly ConcurrentDictionary<SelfProcess, byte> s_running = new();
    static int s_hooked;

    readonly Process _process;
    readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly ConcurrentQueue<string> _lines = new();
    readonly ConcurrentQueue<string> _errors = new();

    SelfProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>The lines the child wrote to stdout so far.</summary>
    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>The last lines the child wrote to stderr.</summary>
    public string ErrorTail => string.Join(" | ", _errors.TakeLast(6));

    public static SelfProcess Start(params string[] arguments)
    {
        HookExit();
        var start = new ProcessStartInfo
        {
            FileName = Environment.ProcessPath ?? throw new InvalidOperationException("The program's path is unknown"),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Under the dotnet host the program is the assembly it runs; the apphost is the program itself.
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(SelfProcess).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var child = new SelfProcess(new Process { StartInfo = start, EnableRaisingEvents = true });
        child._process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null)
            {
                return;
            }

            child._lines.Enqueue(line.Data);
            if (line.Data == Ready)
            {
                child._ready.TrySetResult();
            }
        };
        child._process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                child._errors.Enqueue(line.Data);
                while (child._errors.Count > 50)
                {
                    child._errors.TryDequeue(out string? _);
                }
            }
        };
        child._process.Exited += (_, _) => child._ready.TrySetException(new InvalidOperationException("exited before it was ready: " + child.ErrorTail));
        s_running[child] = 0;
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Completes when the child printed <see cref="Ready"/>; fails when it exits first or the time is up.</summary>
    public Task WaitReadyAsync(TimeSpan timeout) => _ready.Task.WaitAsync(timeout);

    /// <summary>Waits for the child to exit; false (and the child killed) when the time is up.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            Kill();
            return false;
        }
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>Closes the child's stdin: a server's cue to stop.</summary>
    public void CloseInput()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // Already gone.
        }
    }

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

    public void Dispose()
    {
        if (s_running.TryRemove(this, out _))
        {
            Kill();
            _process.Dispose();
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

    static void KillAll()
    {
        foreach (var child in s_running.Keys)
        {
            child.Dispose();
        }
    }
}
