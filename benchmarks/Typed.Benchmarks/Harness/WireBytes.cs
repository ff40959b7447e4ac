using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Typed.Benchmarks.Harness;

/// <summary>
/// Real bytes on the wire, from the kernel's per-socket counters (tcp_info <c>bytes_sent</c> and
/// <c>bytes_received</c>, read with <c>ss -tinp</c>): the sum over every established TCP socket this
/// process owns. Taken before and after a timed run, the difference is every payload byte the process
/// exchanged with its peer in both directions (TCP/IP headers not included), whatever the framework's
/// framing, batching or number of connections.
/// </summary>
internal static partial class WireBytes
{
    /// <summary>The bytes sent plus received so far on this process's TCP sockets; null when <c>ss</c> cannot tell.</summary>
    public static long? Sample()
    {
        try
        {
            var start = new ProcessStartInfo("ss", "-tinpH state established")
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            using var ss = Process.Start(start)!;
            var text = ss.StandardOutput.ReadToEnd();
            if (!ss.WaitForExit(10_000))
            {
                ss.Kill();
                return null;
            }

            return Sum(text, Environment.ProcessId);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Sums the counters of the sockets <paramref name="pid"/> owns in <c>ss -tinp</c> output.</summary>
    internal static long Sum(string ssOutput, int pid)
    {
        long total = 0;
        var mine = false;
        var owner = $"pid={pid.ToString(CultureInfo.InvariantCulture)},";
        foreach (var line in ssOutput.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (!char.IsWhiteSpace(line[0]))
            {
                mine = line.Contains(owner, StringComparison.Ordinal);    // a socket's first line names its owner
                continue;
            }

            if (mine)
            {
                foreach (Match m in Counter().Matches(line))
                {
                    total += long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                }
            }
        }

        return total;
    }

    [GeneratedRegex(@"\bbytes_(?:sent|received):(\d+)")]
    private static partial Regex Counter();
}
