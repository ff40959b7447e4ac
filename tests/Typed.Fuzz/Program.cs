// The process fuzzer's command line: runs seeded mutations against a node in its own OS process
// (tests/Typed.TestNode --fuzz-target) and prints the counts per category, the crashes and inputs/s.
//   dotnet run --project tests/Typed.Fuzz -c Release -- --count 1000000 --seed 1 [--seconds 3600] [--workers 12]
// Exit code 0: no crash and the node answered at the end; 1 otherwise.
using System.Globalization;
using Typed.Fuzzing;

long count = 1_000_000;
var seed = 1;
var seconds = 3600.0;
var workers = 12;
for (var i = 0; i < args.Length; i += 2)
{
    var value = i + 1 < args.Length ? args[i + 1] : "";
    switch (args[i])
    {
        case "--count":
            count = long.Parse(value, CultureInfo.InvariantCulture);
            break;
        case "--seed":
            seed = int.Parse(value, CultureInfo.InvariantCulture);
            break;
        case "--seconds":
            seconds = double.Parse(value, CultureInfo.InvariantCulture);
            break;
        case "--workers":
            workers = int.Parse(value, CultureInfo.InvariantCulture);
            break;
        default:
            Console.Error.WriteLine("usage: Typed.Fuzz [--count N] [--seed S] [--seconds T] [--workers W]");
            return 2;
    }
}

var report = await ProcessFuzzer.RunAsync(new FuzzOptions(count, seed, TimeSpan.FromSeconds(seconds), workers, MaxCrashes: 50)
{
    Log = line => Console.WriteLine(line),
});
Console.WriteLine(report.Format());
return report.Crashes.Count == 0 && report.AliveAtEnd ? 0 : 1;
