using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Typed.Fuzzing;

/// <summary>
/// The fuzz target: tests/Typed.TestNode with <c>--fuzz-target</c>, in its own OS process, so a crash
/// is observed (the process exits) instead of taking the fuzzer down. Disposing kills it.
/// </summary>
internal sealed class TargetProcess : IDisposable
{
    const int StderrLines = 400;

    readonly Process _process;
    readonly TaskCompletionSource<int> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly Queue<string> _stderr = new();
    readonly SemaphoreSlim _stdin = new(1, 1);

    TargetProcess(Process process, int mapperPort)
    {
        _process = process;
        MapperPort = mapperPort;
    }

    /// <summary>Where the node listens for other nodes.</summary>
    public IPEndPoint Endpoint { get; private set; } = new(IPAddress.Loopback, 0);

    /// <summary>Where its embedded port mapper listens.</summary>
    public int MapperPort { get; }

    /// <summary>The OS process id.</summary>
    public int Pid => _process.Id;

    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>Completes when the process exits.</summary>
    public Task Exited => _exited.Task;

    public int? ExitCode => HasExited ? _process.ExitCode : null;

    public static async Task<TargetProcess> StartAsync(string cookie, int dialPort, TimeSpan timeout)
    {
        var mapperPort = FreePort();
        var start = new ProcessStartInfo
        {
            FileName = TestNodeBinary.DotnetHost(),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[TestNodeBinary.Assembly(), "--fuzz-target", "--cookie", cookie,
            "--port-mapper", mapperPort.ToString(CultureInfo.InvariantCulture), "--dial-port", dialPort.ToString(CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(argument);
        }

        var target = new TargetProcess(new Process { StartInfo = start, EnableRaisingEvents = true }, mapperPort);
        target._process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } text && text.StartsWith("port ", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                target.Endpoint = new IPEndPoint(IPAddress.Loopback, port);
            }
            else if (line.Data == "ready")
            {
                target._ready.TrySetResult(0);
            }
        };
        target._process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                lock (target._stderr)
                {
                    target._stderr.Enqueue(text);
                    while (target._stderr.Count > StderrLines)
                    {
                        target._stderr.Dequeue();
                    }
                }
            }
        };
        target._process.Exited += (_, _) =>
        {
            target._exited.TrySetResult();
            target._ready.TrySetException(new InvalidOperationException($"the fuzz target exited before it was ready: {target.Stderr()}"));
        };
        try
        {
            target._process.Start();
            target._process.BeginOutputReadLine();
            target._process.BeginErrorReadLine();
            await target._ready.Task.WaitAsync(timeout);
            return target;
        }
        catch
        {
            target.Dispose();
            throw;
        }
    }

    /// <summary>Sends a command line to the target (<c>dial NAME</c>).</summary>
    public async Task CommandAsync(string line, CancellationToken cancellationToken)
    {
        await _stdin.WaitAsync(cancellationToken);
        try
        {
            await _process.StandardInput.WriteLineAsync(line.AsMemory(), cancellationToken);
            await _process.StandardInput.FlushAsync(cancellationToken);
        }
        catch (IOException)
        {
            // The target is gone; the fuzzer notices by its exit.
        }
        finally
        {
            _stdin.Release();
        }
    }

    /// <summary>The last lines the target wrote to stderr (an unhandled exception's report, for one).</summary>
    public string Stderr()
    {
        lock (_stderr)
        {
            return string.Join('\n', _stderr);
        }
    }

    /// <summary>Closes stdin (the target stops by itself) and waits; kills it if it has not exited in time.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        try
        {
            _process.StandardInput.Close();
            await _exited.Task.WaitAsync(timeout);
        }
        catch (Exception ex) when (ex is TimeoutException or IOException or InvalidOperationException)
        {
            Kill();
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
            // Already exited.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        _stdin.Dispose();
    }

    /// <summary>A port free on 127.0.0.1 now (for the target's port mapper and the fuzzer's listener).</summary>
    public static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
