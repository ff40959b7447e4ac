using System.Diagnostics;
using System.Text;
using Typed.Distribution.Discovery;

namespace Typed.Tests.Distribution.Discovery;

/// <summary>
/// Erlang's own <c>epmd</c> (Debian <c>erlang-nox</c>) as a child process on a free loopback port, in the
/// foreground, killed on dispose.
/// </summary>
internal sealed class ErlangEpmd : IAsyncDisposable
{
    public const string SkipVariable = "TYPED_SKIP_ERLANG";

    readonly Process _process;
    readonly StringBuilder _output = new();

    ErlangEpmd(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>The full path of <c>epmd</c> on PATH, or null.</summary>
    public static string? Executable { get; } = Find();

    public static bool Skipped => Executable is null && Environment.GetEnvironmentVariable(SkipVariable) == "1";

    public int Port { get; }

    public EpmdClient Client => new(Loopback.Address, Port);

    public static async Task<ErlangEpmd> StartAsync()
    {
        if (Executable is null)
        {
            Assert.Fail($"Erlang's epmd is not on PATH. Install it (Debian: apt-get install -y erlang-nox), or set {SkipVariable}=1 to skip the tests against it.");
        }

        var port = Loopback.FreePort();
        var start = new ProcessStartInfo(Executable)
        {
            ArgumentList = { "-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-address", "127.0.0.1" },
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ERL_EPMD_ADDRESS"] = "127.0.0.1";
        start.Environment.Remove("ERL_EPMD_PORT");
        var process = Process.Start(start) ?? throw new InvalidOperationException("epmd did not start");
        var epmd = new ErlangEpmd(process, port);
        process.OutputDataReceived += (_, e) => epmd.Record(e.Data);
        process.ErrorDataReceived += (_, e) => epmd.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var client = new EpmdClient(Loopback.Address, port) { Timeout = TimeSpan.FromSeconds(1) };
            await Eventually.True(
                async () =>
                {
                    if (process.HasExited)
                    {
                        Assert.Fail($"epmd exited with code {process.ExitCode}: {epmd.Output}");
                    }

                    try
                    {
                        await client.NamesAsync(default);
                        return true;
                    }
                    catch (EpmdException)
                    {
                        return false;
                    }
                },
                $"epmd answering on 127.0.0.1:{port}",
                10_000);
            return epmd;
        }
        catch
        {
            await epmd.DisposeAsync();
            throw;
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Kills epmd (SIGKILL) and waits for it to be gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        finally
        {
            _process.Dispose();
        }
    }

    void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    static string? Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "epmd");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>
/// A test against Erlang's <c>epmd</c>. Where it is missing the test fails with a clear message, unless
/// <c>TYPED_SKIP_ERLANG=1</c> is set: then it is reported as skipped.
/// </summary>
public sealed class ErlangFactAttribute : FactAttribute
{
    public ErlangFactAttribute()
    {
        if (ErlangEpmd.Skipped)
        {
            Skip = $"Erlang's epmd is not on PATH and {ErlangEpmd.SkipVariable}=1";
        }
    }
}
