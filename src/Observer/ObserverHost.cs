using Microsoft.AspNetCore.Builder;

namespace Typed.Observer;

/// <summary>A running standalone observer (<see cref="NodeObserverExtensions.StartObserverAsync"/>): where it is, and its access token. Dispose to stop it.</summary>
public sealed class ObserverHost : IAsyncDisposable
{
    readonly WebApplication _app;
    int _disposed;

    internal ObserverHost(WebApplication app, Uri url, string accessToken)
    {
        _app = app;
        Url = url;
        AccessToken = accessToken;
    }

    /// <summary>The observer's page, for example <c>http://127.0.0.1:5080/observer/</c>.</summary>
    public Uri Url { get; }

    /// <summary>The token its actions need.</summary>
    public string AccessToken { get; }

    /// <summary>The page with the access token in its fragment (never sent to the server), so the page can act at once.</summary>
    public Uri UrlWithToken => new(Url, "#token=" + AccessToken);

    /// <summary>Stops the server: open pages lose their feed; the node goes on.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override string ToString() => Url.ToString();
}
