using System.Diagnostics;
using System.Globalization;

namespace Typed.LoadProbe;

/// <summary>
/// A receiver node in a child OS process (this program with <c>--role receiver</c>). Every one started
/// is killed when the probe exits, however it exits; its stdin pipe closing ends it too.
/// </summary>
internal sealed class ReceiverProcess : IDisposable
{
    static readonly List<ReceiverProcess> s_all = [];
    readonly Process _process;
    readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    static ReceiverProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => KillAll();
        Console.CancelKeyPress += (_, _) => KillAll();
    }

    ReceiverProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    /// <summary>The OS process id.</summary>
    public int Id => _process.Id;

    public static async Task<ReceiverProcess> StartAsync(string name, string cookie, int portMapperPort, TimeSpan tickTime)
    {
        var start = new ProcessStartInfo
        {
            FileName = Environment.ProcessPath ?? "dotnet",
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ReceiverProcess).Assembly.Location);
        }

        foreach (var argument in (string[])["--role", "receiver", "--name", name, "--cookie", cookie,
            "--port-mapper", portMapperPort.ToString(CultureInfo.InvariantCulture),
            "--tick-ms", ((int)tickTime.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(argument);
        }

        var receiver = new ReceiverProcess(name, new Process { StartInfo = start, EnableRaisingEvents = true });
        receiver._process.OutputDataReceived += (_, line) =>
        {
            if (line.Data == "ready")
            {
                receiver._ready.TrySetResult();
            }
        };
        receiver._process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                Console.Error.WriteLine($"  [{name}] {text}");
            }
        };
        receiver._process.Exited += (_, _) => receiver._ready.TrySetException(new InvalidOperationException($"{name} exited before it was ready"));
        lock (s_all)
        {
            s_all.Add(receiver);
        }

        receiver._process.Start();
        receiver._process.BeginOutputReadLine();
        receiver._process.BeginErrorReadLine();
        await receiver._ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return receiver;
    }

    /// <summary>SIGSTOP: the process freezes with its sockets open.</summary>
    public Task FreezeAsync() => SignalAsync("-STOP");

    /// <summary>SIGCONT: it goes on where it stopped.</summary>
    public Task ThawAsync() => SignalAsync("-CONT");

    /// <summary>kill -9: the OS ends it at once and closes its sockets.</summary>
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
        _process.WaitForExit(5_000);
        _process.Dispose();
        lock (s_all)
        {
            s_all.Remove(this);
        }
    }

    async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [signal, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill {signal} {_process.Id} exited with {kill.ExitCode}");
        }
    }

    static void KillAll()
    {
        lock (s_all)
        {
            foreach (var receiver in s_all)
            {
                receiver.Kill();
            }
        }
    }
}
