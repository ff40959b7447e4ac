using Microsoft.Extensions.Logging;

namespace Typed.Observer;

/// <summary>The observer's log messages (event ids 1700-1709).</summary>
internal static partial class ObserverLog
{
    [LoggerMessage(EventId = 1700, Level = LogLevel.Information, Message = "Typed observer at {Pattern}; its actions need the access token {Token}")]
    public static partial void Mapped(ILogger logger, string pattern, string token);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Warning, Message = "Typed observer: {Action} on {Target} asked from {Client}")]
    public static partial void Action(ILogger logger, string action, string target, string client);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Warning, Message = "Typed observer: refused a request from {Client}: {Why}")]
    public static partial void Refused(ILogger logger, string client, string why);
}
