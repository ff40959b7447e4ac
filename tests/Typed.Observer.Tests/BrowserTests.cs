using Xunit.Abstractions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Typed.Observer.Tests;

/// <summary>
/// The observer in a real browser: Debian's chromium driven by Playwright, against a three-node cluster
/// over TCP on 127.0.0.1. Every wait is Playwright's own (a condition with a generous deadline).
/// With <c>TYPED_OBSERVER_SCREENSHOTS</c> set to a directory, the test also saves a screenshot of each page
/// there (docs/observer/ holds the ones the documentation shows).
/// </summary>
public sealed class BrowserTests(ITestOutputHelper output)
{
    const string Chromium = "/usr/bin/chromium";

    static BrowserTests() => SetDefaultExpectTimeout(30_000);

    [Fact]
    public async Task The_observer_on_node_a_shows_the_cluster_acts_on_node_c_and_sees_c_go()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install -y chromium (.ci/run installs it)");
        await using var cluster = await ObserverCluster.StartAsync(3);
        var (a, b, c) = (cluster[0], cluster[1], cluster[2]);
        var member = c.Spawn<Worker>(new SpawnOptions { Name = "c_worker" });
        Assert.True(await c.Global.RegisterAsync("c_worker", member.Pid));
        await c.Groups.JoinAsync("workers", member.Pid);
        await using var observer = await a.StartObserverAsync(0, new ObserverOptions { RefreshInterval = TimeSpan.FromMilliseconds(250) });

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 860 } });
        var screenshots = Environment.GetEnvironmentVariable("TYPED_OBSERVER_SCREENSHOTS");
        var pageErrors = new List<string>();
        page.PageError += (_, error) => { lock (pageErrors) { pageErrors.Add(error); } output.WriteLine("page error: " + error); };
        page.Console += (_, message) => output.WriteLine($"console {message.Type}: {message.Text}");

        // Nodes: the three of them, up, each connected to the two others.
        await page.GotoAsync(observer.UrlWithToken.ToString());
        await Expect(page.GetByTestId("observer-node")).ToHaveTextAsync(a.Name);
        var nodeRows = page.GetByTestId("node-row");
        await Expect(nodeRows).ToHaveCountAsync(3);
        foreach (var node in cluster.Nodes)
        {
            await Expect(page.Locator($"[data-testid=node-row][data-node='{node.Name}']")).ToContainTextAsync("up");
        }

        await Expect(page.GetByTestId("connection-row")).ToHaveCountAsync(6);
        await Shoot(page, screenshots, "nodes");

        // Processes: find c's cache among every node's processes, open its page.
        await page.GetByTestId("tab-processes").ClickAsync();
        await page.GetByTestId("process-filter").FillAsync("Cache");
        var cacheOnC = page.Locator($"[data-testid=process-row][data-node='{c.Name}']");
        await Expect(cacheOnC).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("process-row")).ToHaveCountAsync(3);
        await page.GetByTestId("process-filter").FillAsync("");
        await page.Locator("th[data-sort=messagesHandled]").ClickAsync();
        await Shoot(page, screenshots, "processes");
        await page.GetByTestId("process-filter").FillAsync("Cache");
        var cachePid = c.WhereIs(Cache.Name)!.Value.ToString();
        await cacheOnC.GetByTestId("pid-link").ClickAsync();
        await Expect(page.GetByTestId("detail-pid")).ToHaveTextAsync(cachePid);
        await Expect(page.GetByTestId("detail-behaviour")).ToContainTextAsync("Cache");
        await Expect(page.GetByTestId("detail-links")).ToContainTextAsync(c.WhereIs(AppSupervisor.Name)!.Value.ToString());

        // Supervision: open c's app tree, terminate its cache and restart it.
        await page.GetByTestId("tab-supervision").ClickAsync();
        var app = page.Locator($"[data-testid=supervisor][data-pid='{c.WhereIs(AppSupervisor.Name)}']");
        await app.GetByTestId("toggle").First.ClickAsync();
        var cacheRow = app.Locator("[data-testid=child-row][data-child=cache]").First;
        await Expect(cacheRow.GetByTestId("child-status")).ToHaveTextAsync("Running");
        await cacheRow.GetByTestId("terminate-child").ClickAsync();
        await Expect(page.GetByTestId("confirm-dialog")).ToBeVisibleAsync();
        await page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(cacheRow.GetByTestId("child-status")).ToHaveTextAsync("Terminated");
        Assert.Null(c.WhereIs(Cache.Name));
        await cacheRow.GetByTestId("restart-child").ClickAsync();
        await page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(cacheRow.GetByTestId("child-status")).ToHaveTextAsync("Running");
        Assert.NotNull(c.WhereIs(Cache.Name));

        // An exit signal to c's worker, from its page: the supervisor restarts it and its count rises.
        var workerRow = app.Locator("[data-testid=child-row][data-child=worker]").First;
        await Expect(workerRow.GetByTestId("child-restarts")).ToHaveTextAsync("0");
        var workerPid = (await workerRow.GetByTestId("pid-link").TextContentAsync())!;
        await workerRow.GetByTestId("pid-link").ClickAsync();
        await Expect(page.GetByTestId("detail-pid")).ToHaveTextAsync(workerPid);
        await page.GetByTestId("exit-button").ClickAsync();
        await page.GetByTestId("exit-reason").SelectOptionAsync("kill");
        await Shoot(page, screenshots, "process");
        await page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(page.GetByTestId("detail-missing")).ToBeVisibleAsync();
        await page.GetByTestId("tab-supervision").ClickAsync();
        await Expect(workerRow.GetByTestId("child-restarts")).ToHaveTextAsync("1");
        await Expect(workerRow.GetByTestId("child-status")).ToHaveTextAsync("Running");
        await Expect(workerRow.GetByTestId("pid-link")).Not.ToHaveTextAsync(workerPid);
        await Expect(app.GetByTestId("intensity").First).ToHaveTextAsync("intensity left 4 of 5 in 60 s");
        var pool = app.Locator("[data-testid=supervisor][data-behaviour=PoolSupervisor]");
        await pool.GetByTestId("toggle").ClickAsync();
        await Expect(pool.GetByTestId("child-row")).ToHaveCountAsync(2);
        await Shoot(page, screenshots, "supervision");

        // Names and groups: c's global name and its group member.
        await page.GetByTestId("tab-names").ClickAsync();
        await Expect(page.Locator("[data-testid=global-name-row][data-name=c_worker]")).ToContainTextAsync(member.Pid.ToString());
        await Expect(page.Locator("[data-testid=group-row][data-group=workers]")).ToContainTextAsync(member.Pid.ToString());
        await Shoot(page, screenshots, "names");

        // c goes: its row goes from the nodes page, and its connections with it.
        await page.GetByTestId("tab-nodes").ClickAsync();
        await cluster.KillAsync(c);
        await Expect(nodeRows).ToHaveCountAsync(2);
        await Expect(page.Locator($"[data-testid=node-row][data-node='{c.Name}']")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("connection-row")).ToHaveCountAsync(2);
        Assert.Equal([b.Name], a.Nodes);
        lock (pageErrors)
        {
            Assert.Empty(pageErrors);
        }
    }

    static async Task Shoot(IPage page, string? directory, string name)
    {
        if (string.IsNullOrEmpty(directory))
        {
            return;
        }

        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(directory, name + ".png"), FullPage = true });
    }
}
