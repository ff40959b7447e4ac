namespace Typed.LoadProbe;

/// <summary>The probe's command line.</summary>
/// <param name="Scale">Divides every count (1 for the real figures; <c>--quick</c> is 50).</param>
/// <param name="Only">The scenarios to run (letters a-f).</param>
internal sealed record ProbeSettings(int Scale, string Only)
{
    public const string Usage = "usage: Typed.LoadProbe [--quick] [--only a,b,c,d,e,f]\n       Typed.LoadProbe --role receiver --name NODE --cookie COOKIE --port-mapper PORT --tick-ms MS";

    /// <summary>The tick time of both nodes: a 1.5 s freeze is well inside it (a node is given up after a whole tick time of silence).</summary>
    public static readonly TimeSpan TickTime = TimeSpan.FromSeconds(6);

    public bool Runs(char scenario) => Only.Contains(scenario, StringComparison.Ordinal);

    public int Count(int full) => Math.Max(1, full / Scale);

    public static ProbeSettings? Parse(string[] args)
    {
        var scale = 1;
        var only = "abcdef";
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    scale = 50;
                    break;
                case "--only" when i + 1 < args.Length:
                    only = args[++i].Replace(",", "", StringComparison.Ordinal);
                    break;
                default:
                    return null;
            }
        }

        return new ProbeSettings(scale, only);
    }
}
