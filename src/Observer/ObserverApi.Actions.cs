using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Typed.Introspection;
using Typed.Observer.Views;

namespace Typed.Observer;

/// <summary>The actions: an exit signal to a process, a supervisor's child terminated or restarted.</summary>
internal sealed partial class ObserverApi
{
    /// <summary>The header that carries the access token.</summary>
    public const string TokenHeader = "X-Typed-Observer-Token";

    /// <summary>The largest action body read.</summary>
    const int MaxBody = 4096;

    /// <summary>The longest custom exit reason accepted.</summary>
    const int MaxReason = 200;

    async Task ExitAsync(HttpContext context)
    {
        if (await AuthorizeAsync(context).ConfigureAwait(false) is not { } request)
        {
            return;
        }

        if (!PidText.TryParse(request.Pid, out var pid))
        {
            await AnswerAsync(context, StatusCodes.Status400BadRequest, "not a pid: " + request.Pid).ConfigureAwait(false);
            return;
        }

        var reason = request.Reason?.Trim() switch
        {
            null or "" or "kill" => ExitReason.Kill,
            "shutdown" => ExitReason.Shutdown,
            "normal" => ExitReason.Normal,
            { Length: > MaxReason } => null,
            var text => ExitReason.Custom(text),
        };
        if (reason is null)
        {
            await AnswerAsync(context, StatusCodes.Status400BadRequest, $"an exit reason has at most {MaxReason} characters").ConfigureAwait(false);
            return;
        }

        var node = await nodeSource(context.RequestAborted).ConfigureAwait(false);
        ObserverLog.Action(Log(context), "exit(" + reason + ")", pid.ToString(), Client(context));
        node.Exit(pid, reason);
        await AnswerAsync(context, StatusCodes.Status200OK, null).ConfigureAwait(false);
    }

    async Task ChildActionAsync(HttpContext context, bool terminate)
    {
        if (await AuthorizeAsync(context).ConfigureAwait(false) is not { } request)
        {
            return;
        }

        if (!PidText.TryParse(request.Pid, out var supervisor) || string.IsNullOrEmpty(request.Child) || request.Child.Length > MaxReason)
        {
            await AnswerAsync(context, StatusCodes.Status400BadRequest, "a supervisor's pid and a child id are needed").ConfigureAwait(false);
            return;
        }

        var node = await nodeSource(context.RequestAborted).ConfigureAwait(false);
        ObserverLog.Action(Log(context), (terminate ? "terminate_child " : "restart_child ") + request.Child, supervisor.ToString(), Client(context));
        try
        {
            if (terminate)
            {
                await node.TerminateChildAsync(supervisor, request.Child, context.RequestAborted).ConfigureAwait(false);
            }
            else
            {
                await node.RestartChildAsync(supervisor, request.Child, context.RequestAborted).ConfigureAwait(false);
            }

            await AnswerAsync(context, StatusCodes.Status200OK, null).ConfigureAwait(false);
        }
        catch (SupervisorException ex)
        {
            await AnswerAsync(context, StatusCodes.Status409Conflict, ex.Message).ConfigureAwait(false);
        }
        catch (TypedException ex)
        {
            await AnswerAsync(context, StatusCodes.Status502BadGateway, ex.Message).ConfigureAwait(false);
        }
    }

    /// <summary>The action's request when actions are served, the token is right and the body reads; otherwise answers and returns null.</summary>
    async Task<ActionRequest?> AuthorizeAsync(HttpContext context)
    {
        if (!options.AllowActions)
        {
            await AnswerAsync(context, StatusCodes.Status404NotFound, "actions are turned off").ConfigureAwait(false);
            return null;
        }

        if (!TokenMatches(context.Request.Headers[TokenHeader].ToString()))
        {
            ObserverLog.Refused(Log(context), Client(context), "no valid access token");
            await AnswerAsync(context, StatusCodes.Status401Unauthorized, "an action needs the observer's access token").ConfigureAwait(false);
            return null;
        }

        if (context.Request.ContentLength is not (> 0 and <= MaxBody))
        {
            await AnswerAsync(context, StatusCodes.Status400BadRequest, $"an action is a JSON body of at most {MaxBody} bytes, with its length").ConfigureAwait(false);
            return null;
        }

        try
        {
            return await JsonSerializer.DeserializeAsync(context.Request.Body, ObserverJsonContext.Default.ActionRequest, context.RequestAborted).ConfigureAwait(false)
                ?? throw new JsonException("null");
        }
        catch (JsonException)
        {
            await AnswerAsync(context, StatusCodes.Status400BadRequest, "not an action's JSON").ConfigureAwait(false);
            return null;
        }
    }

    bool TokenMatches(string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(token));

    static Task AnswerAsync(HttpContext context, int status, string? error)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, new ActionResult(error is null, error), ObserverJsonContext.Default.ActionResult, context.RequestAborted);
    }

    static string Client(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "?";
}
