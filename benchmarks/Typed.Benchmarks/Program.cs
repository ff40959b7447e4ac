// Typed benchmarks: Typed, Akka.NET and Proto.Actor on the same five workloads, one table.
//
//   dotnet run --project benchmarks/Typed.Benchmarks -c Release                 # everything (~10 min)
//   dotnet run --project benchmarks/Typed.Benchmarks -c Release -- --quick      # smoke test, tiny counts
//   dotnet run --project benchmarks/Typed.Benchmarks -c Release -- remote-call typed akka   # a subset
//   .../Typed.Benchmarks cell local-call typed --quick --alloc-profile   # one cell, with the types it allocates
//
// Workloads: local-throughput, local-call, remote-throughput, remote-call, spawn, calibration (plain TCP).
// Frameworks: typed, akka, proto. Every cell runs in a fresh OS process (this program started again as
// `cell WORKLOAD FRAMEWORK`); remote workloads start their server as one more (`serve FRAMEWORK PORT PEERPORT`).
// See benchmarks/README.md for the method.
using System.Globalization;
using Typed.Benchmarks.Harness;

var quick = args.Contains("--quick");
var settings = quick ? Settings.QuickRun : Settings.Full;
var profile = args.Contains("--alloc-profile");
var rest = args.Where(a => a is not "--quick" and not "--alloc-profile").ToArray();

try
{
    switch (rest)
    {
        case ["cell", var workload, var framework]:
            if (profile)
            {
                AllocationProfile.Start();
            }

            var code = await Cell.RunAsync(workload, framework, settings);
            AllocationProfile.Instance?.Print();
            return code;
        case ["serve", var framework, var port, var peerPort]:
            return await Cell.ServeAsync(framework, int.Parse(port, CultureInfo.InvariantCulture), int.Parse(peerPort, CultureInfo.InvariantCulture));
        case ["--help" or "-h" or "help"]:
            Console.WriteLine("usage: [--quick] [WORKLOAD...] [FRAMEWORK...]");
            Console.WriteLine($"  workloads:  {string.Join(", ", Cell.Workloads)}, calibration");
            Console.WriteLine($"  frameworks: {string.Join(", ", Cell.Frameworks)}");
            return 0;
    }

    var unknown = rest.Where(a => !Cell.Workloads.Contains(a) && !Cell.Frameworks.Contains(a) && a != "calibration" && a != "all").ToArray();
    if (unknown.Length > 0)
    {
        await Console.Error.WriteLineAsync($"unknown argument(s): {string.Join(' ', unknown)} (try --help)");
        return 2;
    }

    return await Orchestrator.RunAsync(
        settings,
        rest.Where(a => Cell.Workloads.Contains(a) || a == "calibration").ToArray(),
        rest.Where(Cell.Frameworks.Contains).ToArray());
}
catch (Exception e) when (rest is ["cell", ..] or ["serve", ..])
{
    // A cell reports its failure and exits non-zero; the parent shows it as a failed cell.
    await Console.Error.WriteLineAsync(e.ToString());
    return 1;
}
