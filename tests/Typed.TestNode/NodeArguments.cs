using System.Globalization;

namespace Typed.TestNode;

/// <summary>The command line: <c>--name NODE --cookie COOKIE --port-mapper PORT --tick-ms MS</c>.</summary>
/// <param name="Name">The node's full name.</param>
/// <param name="Cookie">The cluster's cookie.</param>
/// <param name="PortMapperPort">The port mapper's port; the test process runs the port mapper.</param>
/// <param name="TickTime">The distribution tick time.</param>
internal sealed record NodeArguments(string Name, string Cookie, int PortMapperPort, TimeSpan TickTime)
{
    /// <summary>The usage line printed on bad arguments.</summary>
    public const string Usage = "usage: Typed.TestNode --name NODE --cookie COOKIE --port-mapper PORT --tick-ms MS";

    /// <summary>Parses the command line; null when it does not match <see cref="Usage"/>.</summary>
    public static NodeArguments? Parse(string[] args) =>
        args is ["--name", var name, "--cookie", var cookie, "--port-mapper", var port, "--tick-ms", var tick]
            && int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var portNumber)
            && int.TryParse(tick, NumberStyles.None, CultureInfo.InvariantCulture, out var tickMs)
            ? new NodeArguments(name, cookie, portNumber, TimeSpan.FromMilliseconds(tickMs))
            : null;
}
