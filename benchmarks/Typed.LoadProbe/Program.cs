// The load probe (issue 13): a receiver node in a child OS process on 127.0.0.1, this process as the
// sender, and a table of figures: loss, duplication and reordering under load, a frozen receiver,
// casts before the connection is up, a restarted node, large messages, remote calls.
//
//   dotnet run --project benchmarks/Typed.LoadProbe -c Release                 # everything (~1-2 min)
//   dotnet run --project benchmarks/Typed.LoadProbe -c Release -- --quick      # small counts, a smoke test
//   dotnet run --project benchmarks/Typed.LoadProbe -c Release -- --only a,b   # some scenarios
//   Typed.LoadProbe --role receiver --name N --cookie C --port-mapper P --tick-ms T   # what the probe starts
using Typed.LoadProbe;

if (args is ["--role", "receiver", .. var rest])
{
    return await Receiver.RunAsync(rest);
}

if (ProbeSettings.Parse(args) is not { } settings)
{
    await Console.Error.WriteLineAsync(ProbeSettings.Usage);
    return 2;
}

return await Probe.RunAsync(settings);
