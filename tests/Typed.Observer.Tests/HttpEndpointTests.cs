using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Typed.Hosting;

namespace Typed.Observer.Tests;

/// <summary>The observer's HTTP surface on real Kestrel (127.0.0.1, port 0), over a two-node TCP cluster.</summary>
public sealed class HttpEndpointTests : IAsyncLifetime
{
    ObserverCluster _cluster = null!;
    ObserverHost _observer = null!;
    HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _cluster = await ObserverCluster.StartAsync(2);
        _observer = await _cluster[0].StartObserverAsync(0, new ObserverOptions { RefreshInterval = TimeSpan.FromMilliseconds(200) });
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = _observer.Url, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _observer.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task The_standalone_observer_listens_on_loopback_and_serves_its_page_with_a_strict_policy()
    {
        Assert.Equal("127.0.0.1", _observer.Url.Host);
        Assert.Equal("/observer/", _observer.Url.AbsolutePath);
        Assert.Equal(32, _observer.AccessToken.Length);

        var page = await _http.GetAsync("");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<script type=\"module\" src=\"observer.js\">", await page.Content.ReadAsStringAsync());
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());

        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("observer.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("observer.css")).StatusCode);
        foreach (var module in new[] { "common.js", "pages.js", "actions.js" })
        {
            var script = await _http.GetAsync(module);
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("missing.js")).StatusCode);
        var bare = await _http.GetAsync("/observer");
        Assert.Equal(HttpStatusCode.Redirect, bare.StatusCode);
        Assert.Equal("/observer/", bare.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_view_shows_both_nodes_with_their_processes_and_connection_rates()
    {
        using var view = JsonDocument.Parse(await _http.GetStringAsync("api/view"));
        var root = view.RootElement;
        Assert.Equal(_cluster[0].Name, root.GetProperty("observer").GetString());
        Assert.True(root.GetProperty("actionsEnabled").GetBoolean());
        var nodes = root.GetProperty("nodes").EnumerateArray().ToArray();
        Assert.Equal([_cluster[0].Name, _cluster[1].Name], nodes.Select(n => n.GetProperty("name").GetString()));
        Assert.All(nodes, n => Assert.True(n.GetProperty("reachable").GetBoolean()));
        var b = nodes[1].GetProperty("snapshot");
        var app = b.GetProperty("processes").EnumerateArray().Single(p => p.GetProperty("registeredName").GetString() == AppSupervisor.Name);
        Assert.Equal(_cluster[1].WhereIs(AppSupervisor.Name).ToString(), app.GetProperty("pid").GetString());
        Assert.Equal(_cluster[0].Name, nodes[1].GetProperty("rates")[0].GetProperty("peer").GetString());
    }

    [Fact]
    public async Task A_node_that_goes_leaves_the_next_view()
    {
        using (var before = JsonDocument.Parse(await _http.GetStringAsync("api/view")))
        {
            Assert.Equal(2, before.RootElement.GetProperty("nodes").GetArrayLength());
        }

        await _cluster.KillAsync(_cluster[1]);

        await Eventually.Value(
            async () => JsonDocument.Parse(await _http.GetStringAsync("api/view")).RootElement.GetProperty("nodes").GetArrayLength(),
            count => count == 1,
            "the view without the stopped node");
    }

    [Fact]
    public async Task An_observer_on_a_hidden_node_sees_the_node_it_dialled()
    {
        var hidden = await _cluster.AddHiddenAsync();
        await using var observer = await hidden.StartObserverAsync();
        using var http = new HttpClient { BaseAddress = observer.Url };

        using var view = JsonDocument.Parse(await http.GetStringAsync("api/view"));

        var nodes = view.RootElement.GetProperty("nodes").EnumerateArray().ToArray();
        Assert.Equal([hidden.Name, _cluster[0].Name], nodes.Select(n => n.GetProperty("name").GetString()));
        Assert.True(nodes[1].GetProperty("hidden").GetBoolean());
        Assert.True(nodes[1].GetProperty("reachable").GetBoolean());
        Assert.DoesNotContain(hidden.Name, _cluster[0].Nodes);
    }

    [Fact]
    public async Task The_live_feed_sends_views_as_server_sent_events()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/events");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var views = 0;
        while (views < 2 && await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                using var view = JsonDocument.Parse(line["data: ".Length..]);
                Assert.Equal(2, view.RootElement.GetProperty("nodes").GetArrayLength());
                views++;
            }
        }

        Assert.Equal(2, views);
    }

    [Fact]
    public async Task Actions_need_the_access_token()
    {
        var worker = _cluster[1].Spawn<Worker>();
        var body = new { pid = worker.Pid.ToString(), reason = "kill" };

        Assert.Equal(HttpStatusCode.Unauthorized, (await Post("api/exit", body, token: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post("api/exit", body, token: new string('0', 64))).StatusCode);
        Assert.Contains(worker.Pid, _cluster[1].Processes);

        var exit = _cluster[1].WaitForExitAsync(worker.Pid);
        var done = await Post("api/exit", body, _observer.AccessToken);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(ExitReason.Killed, await exit);
    }

    [Fact]
    public async Task A_child_is_terminated_and_restarted_through_the_actions_and_refusals_say_why()
    {
        var app = _cluster[1].WhereIs(AppSupervisor.Name)!.Value.ToString();

        Assert.Equal(HttpStatusCode.OK, (await Post("api/terminate-child", new { pid = app, child = "cache" }, _observer.AccessToken)).StatusCode);
        Assert.Null(_cluster[1].WhereIs(Cache.Name));
        Assert.Equal(HttpStatusCode.OK, (await Post("api/restart-child", new { pid = app, child = "cache" }, _observer.AccessToken)).StatusCode);
        Assert.NotNull(_cluster[1].WhereIs(Cache.Name));

        var refused = await Post("api/restart-child", new { pid = app, child = "cache" }, _observer.AccessToken);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("is running", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("api/exit", new { pid = "not a pid" }, _observer.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("api/exit", new { pid = app, reason = new string('x', 500) }, _observer.AccessToken)).StatusCode);
        using var garbage = new StringContent("{", Encoding.UTF8, "application/json");
        garbage.Headers.Add("X-Typed-Observer-Token", _observer.AccessToken);
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.PostAsync("api/exit", garbage)).StatusCode);
    }

    [Fact]
    public async Task MapTypedObserver_serves_an_app_and_can_turn_actions_off()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        var endpoints = app.MapTypedObserver("/ops/observer", _cluster[1], new ObserverOptions { AllowActions = false, AccessToken = "a-token-of-twenty-chars" });
        await app.StartAsync();
        Assert.Equal("a-token-of-twenty-chars", endpoints.AccessToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient { BaseAddress = new Uri(address + "/ops/observer/") };

        using var view = JsonDocument.Parse(await http.GetStringAsync("api/view"));
        Assert.False(view.RootElement.GetProperty("actionsEnabled").GetBoolean());
        Assert.Equal(_cluster[1].Name, view.RootElement.GetProperty("observer").GetString());
        using var body = JsonContent.Create(new { pid = _cluster[1].WhereIs(AppSupervisor.Name).ToString(), reason = "kill" });
        body.Headers.Add("X-Typed-Observer-Token", "a-token-of-twenty-chars");
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("api/exit", body)).StatusCode);
        await app.StopAsync();
    }

    [Fact]
    public async Task A_page_that_reached_loopback_under_another_host_name_is_refused()
    {
        // DNS rebinding: a site's name pointed at 127.0.0.1 must not read the views as its own origin.
        using var rebound = new HttpRequestMessage(HttpMethod.Get, "api/view");
        rebound.Headers.Host = "attacker.example:" + _observer.Url.Port;
        Assert.Equal(HttpStatusCode.Forbidden, (await _http.SendAsync(rebound)).StatusCode);

        using var local = new HttpRequestMessage(HttpMethod.Get, "api/view");
        local.Headers.Host = "localhost:" + _observer.Url.Port;
        Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(local)).StatusCode);
    }

    [Fact]
    public async Task MapTypedObserver_finds_the_node_the_app_runs_with_AddTyped()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddTyped(options =>
        {
            options.Name = "web@127.0.0.1";
            options.Distribution.UsePortMapper = false;
            options.Supervise<AppSupervisor>(AppSupervisor.Name);
        });
        await using var app = builder.Build();
        var endpoints = app.MapTypedObserver();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient { BaseAddress = new Uri(address + endpoints.Pattern + "/") };

        using var view = JsonDocument.Parse(await http.GetStringAsync("api/view"));

        var node = Assert.Single(view.RootElement.GetProperty("nodes").EnumerateArray());
        Assert.Equal("web@127.0.0.1", node.GetProperty("name").GetString());
        Assert.Contains(
            node.GetProperty("snapshot").GetProperty("processes").EnumerateArray(),
            p => p.GetProperty("registeredName").GetString() == AppSupervisor.Name);
        Assert.Equal("/observer", endpoints.Pattern);
        Assert.Equal(32, endpoints.AccessToken.Length);
        await app.StopAsync();
    }

    [Theory]
    [InlineData(false, HttpStatusCode.Forbidden)]
    [InlineData(true, HttpStatusCode.OK)]
    public async Task A_client_that_is_not_on_loopback_is_refused_unless_allowed(bool allowRemote, HttpStatusCode expected)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();

        // What the forwarded-headers middleware does behind a proxy: the client is someone else.
        app.Use((context, next) =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.10");
            return next(context);
        });
        app.MapTypedObserver("/observer", _cluster[0], new ObserverOptions { AllowRemoteClients = allowRemote });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient { BaseAddress = new Uri(address + "/observer/") };

        Assert.Equal(expected, (await http.GetAsync("api/view")).StatusCode);
        Assert.Equal(expected, (await http.GetAsync("")).StatusCode);
        await app.StopAsync();
    }

    async Task<HttpResponseMessage> Post(string path, object body, string? token)
    {
        var content = JsonContent.Create(body);
        await content.LoadIntoBufferAsync();
        if (token is not null)
        {
            content.Headers.Add("X-Typed-Observer-Token", token);
        }

        return await _http.PostAsync(path, content);
    }
}
