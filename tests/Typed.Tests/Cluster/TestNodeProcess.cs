using System.Diagnostics;
using System.Globalization;
using System.Reflection;

using Typed.Fuzzing;

namespace Typed.Tests.Cluster;

/// <summary>
/// A Typed.TestNode in a child OS process (tests/Typed.TestNode, built with the solution): it registers
/// with the test's port mapper, prints "ready" and serves until its stdin closes. Disposing kills it.
/// </summary>
internal sealed class TestNodeProcess : IDisposable
{
    readonly Process _process;
    readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly List<string> _errors = [];

    TestNodeProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    /// <summary>The node's full name.</summary>
    public string Name { get; }

    /// <summary>Starts the node and waits until it is ready, or fails after <paramref name="timeout"/>.</summary>
    public static async Task<TestNodeProcess> StartAsync(string name, string cookie, int portMapperPort, TimeSpan tickTime, TimeSpan timeout)
    {
        var start = new ProcessStartInfo
        {
            FileName = TestNodeBinary.DotnetHost(),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[
            TestNodeBinary.Assembly(), "--name", name, "--cookie", cookie,
            "--port-mapper", portMapperPort.ToString(CultureInfo.InvariantCulture),
            "--tick-ms", ((int)tickTime.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(argument);
        }

        var node = new TestNodeProcess(name, new Process { StartInfo = start, EnableRaisingEvents = true });
        node._process.OutputDataReceived += (_, line) =>
        {
            if (line.Data == "ready")
            {
                node._ready.TrySetResult();
            }
        };
        node._process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                lock (node._errors)
                {
                    node._errors.Add(text);
                }
            }
        };
        node._process.Exited += (_, _) => node._ready.TrySetException(new InvalidOperationException($"{name} exited before it was ready: {node.Errors()}"));
        try
        {
            node._process.Start();
            node._process.BeginOutputReadLine();
            node._process.BeginErrorReadLine();
            await node._ready.Task.WaitAsync(timeout);
            return node;
        }
        catch
        {
            node.Dispose();
            throw;
        }
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
            // Already exited.
        }
    }

    /// <summary>
    /// SIGSTOP (Unix only): the process freezes with its sockets open, so only the missing ticks can
    /// tell its peers it is gone. <see cref="Dispose"/> still kills it.
    /// </summary>
    public Task FreezeAsync() => SignalAsync("-STOP");

    /// <summary>SIGCONT (Unix only): a frozen process goes on where it stopped.</summary>
    public Task ThawAsync() => SignalAsync("-CONT");

    async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [signal, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Kills the process if it still runs.</summary>
    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    string Errors()
    {
        lock (_errors)
        {
            return string.Join('\n', _errors);
        }
    }
}
