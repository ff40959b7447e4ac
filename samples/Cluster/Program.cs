// samples/Cluster: the README's main job. Node a (this process) narrates typed processes, a call, a
// cast, a link, a crash and its exit reason, and a supervision tree restarting a crashed child; then
// it forms a cluster with nodes b and c, two child OS processes running this same program, calls a
// process on b, shows the cluster services (rpc calls and a work dispatcher, a global name settled by
// a resolve function of its own, a process group broadcast), supervises children on b and c, spawns a
// linked process on c, kills c's OS process and watches NodeDown, the link firing with noconnection,
// c's group member going and the supervised child coming back on b.
// With --observe, before c is killed, it serves the observer (Typed.Observer) and waits for Enter,
// so the three nodes can be looked at in a browser; then c's end shows on the page too.
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Typed;
using Typed.Observer;
using Typed.Samples;
using Typed.Samples.Cluster;

if (ChildNode.IsChild(args))
{
    return await ChildNode.RunAsync(args);
}

const string B = "b@127.0.0.1", C = "c@127.0.0.1";
var observe = args.Contains("--observe");
var cookie = Guid.NewGuid().ToString("N");
var events = new ClusterEvents();

// A port mapper of our own on a free loopback port, so the sample never touches epmd's 4369.
var options = Clustering.Configure(new NodeOptions
{
    Name = "a@127.0.0.1",
    Cookie = cookie,
    Services = new ServiceCollection().AddLogging().AddSingleton(events).BuildServiceProvider(),
});
options.Distribution.PortMapperPort = FreeLoopbackPort();
await using var node = await Node.StartAsync(options);       // the first node starts the port mapper
using var nodeEvents = events.Watch(node);
Console.WriteLine($"node {node.Name} started");

// The other nodes boot while node a narrates on its own.
var mapperPort = options.Distribution.PortMapperPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
using var b = NodeProcess.Start(B, "--node", B, "--cookie", cookie, "--port-mapper", mapperPort);
using var c = NodeProcess.Start(C, "--node", C, "--cookie", cookie, "--port-mapper", mapperPort);

var counter = node.Spawn<Counter>(new SpawnOptions { Name = "counter" });
Console.WriteLine($"spawned Counter {counter.Pid}, registered as 'counter'");

Console.WriteLine($"call  Add(5)      -> {await counter.Add(5)}");
Console.WriteLine($"call  Add(3)      -> {await counter.Add(3)}");
counter.Reset();
Console.WriteLine("cast  Reset()     -> returned at once");
Console.WriteLine($"call  Get()       -> {await node.At<Counter>("counter").Get()} (through the registered name)");

var session = node.Spawn(new Session.StartArgs("ada"));
Console.WriteLine($"spawned Session {session.Pid} with start arguments");
Console.WriteLine($"call  Say(\"hi\")   -> {await session.Say("hi")}");
var sessionExit = node.WaitForExitAsync(session.Pid);
session.Leave();
Console.WriteLine($"cast  Leave()     -> the session exited with {await sessionExit}");

var guardian = node.Spawn<Guardian>();
var parser = await guardian.StartParser();
Console.WriteLine($"Guardian {guardian.Pid} traps exits and is linked to Parser {parser.Pid}");
Console.WriteLine($"call  Parse(\"42\") -> {await parser.Parse("42")}");
try
{
    await parser.Parse("forty-two");
}
catch (ProcessExitedException ex)
{
    Console.WriteLine($"call  Parse(\"forty-two\") failed: the parser crashed with {ex.Reason.ExceptionType}");
}

// The EXIT message is served ahead of user messages, so the next call already sees it.
var reports = await guardian.Reports();

Console.WriteLine($"Guardian got the link's exit signal: {reports[0]}");
Console.WriteLine($"the guardian lives on: {await guardian.Reports() is { Count: 1 }}");

var app = node.Spawn<AppSupervisor>(new SpawnOptions { Name = "app" });
foreach (var child in await app.WhichChildren())
{
    Console.WriteLine($"AppSupervisor {app.Pid} runs {child.Id} as {child.Pid} ({child.Status})");
}

var supervised = await app.Parser();                          // generated accessor: the child as it runs now
try
{
    await supervised.Parse("not a number");
}
catch (ProcessExitedException ex)
{
    Console.WriteLine($"call  Parse(...) on the supervised parser failed: it crashed with {ex.Reason.ExceptionType}");
}

// The supervisor serves the child's exit signal before this call: the restart has already happened.
var restarted = await app.Parser();
Console.WriteLine($"the supervisor restarted parser as {restarted.Pid}: Parse(\"7\") -> {await restarted.Parse("7")}");
Console.WriteLine($"children now: {await app.CountChildren()}");

// Every wait below has this deadline: a lost node fails the run instead of hanging it.
using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
var ct = deadline.Token;

await Task.WhenAll(b.WaitReadyAsync(ct), c.WaitReadyAsync(ct));
foreach (var peer in (string[])[B, C])
{
    if (!await node.ConnectAsync(peer, ct))
    {
        throw new InvalidOperationException($"{node.Name} could not connect to {peer}");
    }
}

await Task.WhenAll(events.Up(B), events.Up(C)).WaitAsync(ct);
Console.WriteLine($"nodes up: {node.Name} sees {string.Join(" and ", node.Nodes)} (OS processes {b.Id} and {c.Id})");

var remoteCounter = node.At<Counter>("counter", B);
Console.WriteLine($"call  Add(10) on 'counter' at {B} -> {await remoteCounter.Add(10)} (a typed call to another OS process)");
Console.WriteLine($"call  Get()   on 'counter' at {B} -> {await remoteCounter.Get()}");

Console.WriteLine($"rpc   Maths.Add(1, 2) on {B} -> {await Maths.On(node, B).Add(1, 2)}, ran in a fresh process: {await Maths.On(node, B).Where()}");
var everywhere = await Maths.Multicall(node, [node.Name, B, C]).Add(20, 22);
Console.WriteLine($"rpc   multicall Add(20, 22) -> {string.Join(", ", everywhere.Values.Select(v => $"{v.Key}: {v.Value}"))}; bad nodes: {everywhere.BadNodes.Count}");
try
{
    await Maths.On(node, B).Fail("no");
}
catch (RemoteException ex)
{
    Console.WriteLine($"rpc   Maths.Fail(\"no\") on {B} raised {ex.ExceptionType}: {ex.RemoteMessage}");
}

// A work dispatcher: jobs spread over the other nodes with rpc, each in a fresh process there.
string[] workers = [.. node.Nodes];
var jobs = Enumerable.Range(1, 6).Select(i => new Job(i, new string('x', i)));
var results = await Task.WhenAll(jobs.Select((job, i) => Work.On(node, workers[i % workers.Length]).Crunch(job, ct).AsTask()));
Console.WriteLine($"rpc   dispatched {results.Length} jobs: {string.Join(", ", results.GroupBy(r => r.Node).Select(g => $"{g.Key} ran {string.Join("+", g.Select(r => r.Id))}"))}");

// Global names: b and c each registered a leader before they met; by now the resolve function
// has kept one of them on every node, and the other's node has told it.
await node.Global.SyncAsync(ct);
Console.WriteLine($"global 'leader' -> {node.Global.WhereIs("leader")} (b and c both registered it apart; 'by-priority' kept b's)");
var leaderOnC = node.At<Leader>("leader", C);
while (await leaderOnC.Status(ct) == "leader")
{
    await Task.Delay(10, ct);
}

Console.WriteLine($"the leader on {C} says: {await leaderOnC.Status(ct)}");
var ledger = node.Spawn<Counter>();
Console.WriteLine($"global 'ledger' registered for {ledger.Pid}: {await node.Global.RegisterAsync("ledger", ledger.Pid, GlobalResolve.Custom("by-priority"), ct)}");
Console.WriteLine($"rpc   AddToLedger(5) on {C} -> {await Work.On(node, C).AddToLedger(5, ct)} (c calls node a's counter through the global name)");

// Process groups: b and c each put a Chat in 'lobby'; so does a. A broadcast casts to each member.
var chat = node.Spawn<Chat>();
await node.Groups.JoinAsync("lobby", chat.Pid);
while (node.Groups.GetMembers("lobby").Count < 3)
{
    await Task.Delay(10, ct);
}

var reached = node.Groups.Broadcast<Chat>("lobby", member => member.Say("hello from a"));
Console.WriteLine($"pg    'lobby' has {node.Groups.GetMembers("lobby").Count} members; a broadcast reached {reached}");
foreach (var member in node.Groups.Members<Chat>("lobby").OrderBy(m => m.Pid.Node, StringComparer.Ordinal))
{
    Console.WriteLine($"pg    {member.Pid} on {member.Pid.Node} heard: {string.Join(" | ", await member.Lines(ct))}");
}

// A distributed supervisor: its child "on-b" runs on b; "tally" prefers c, then b (failover).
var tallies = node.Spawn<Tallies>();
var tally = await tallies.StartChild(ChildSpec.Of<Counter>("tally").On(Placement.Preferred([C, B])), ct);
Console.WriteLine($"sup   Tallies on {node.Name} supervises {string.Join(" and ", (await tallies.WhichChildren(ct)).Select(k => $"'{k.Id}' on {k.Pid.Node}"))}");

var watchman = node.Spawn<Watchman>();
var remoteParser = await watchman.SpawnLinkedOn(C);
Console.WriteLine($"Watchman {watchman.Pid} traps exits and spawned Parser {remoteParser.Pid} on {C}, linked to it");
Console.WriteLine($"call  Parse(\"12\") on {C} -> {await remoteParser.Parse("12")}");

ObserverHost? observer = null;
if (observe)
{
    // Loopback only; the token in the address's fragment lets the page act (it never reaches the server).
    // No deadline while someone looks.
    deadline.CancelAfter(Timeout.InfiniteTimeSpan);
    observer = await node.StartObserverAsync();
    Console.WriteLine($"observer: {observer.UrlWithToken}");
    Console.WriteLine($"          (actions need the token {observer.AccessToken}); press Enter to kill {C} and go on");
    await Task.Run(Console.ReadLine);
    deadline.CancelAfter(TimeSpan.FromSeconds(30));
}

var linkFired = events.Exit(remoteParser.Pid);
c.Kill();
Console.WriteLine($"killed node {C}'s OS process {c.Id}");
var down = await events.Down(C).WaitAsync(ct);
Console.WriteLine($"NodeDown {down.Node} ({down.Reason})");
var signal = await linkFired.WaitAsync(ct);
Console.WriteLine($"Watchman got the link's exit signal: {signal.From} exited: {signal.Reason}");
Console.WriteLine($"nodes now: {string.Join(", ", node.Nodes)}");
while (node.Groups.GetMembers("lobby").Count > 2)
{
    await Task.Delay(10, ct);
}

Console.WriteLine($"pg    'lobby' now has {node.Groups.GetMembers("lobby").Count} members: {C}'s went with its node");
Pid moved;
while ((moved = (await tallies.WhichChildren(ct)).Single(k => k.Id == "tally").Pid).IsEmpty || moved.Node != B)
{
    await Task.Delay(10, ct);
}

Console.WriteLine($"sup   'tally' exited with noconnection on {C} and Tallies restarted it on {B} ({tally} -> {moved})");
await tallies.TerminateChild("on-b", ct);
await tallies.TerminateChild("tally", ct);

// Closing b's stdin is its cue to stop its node and exit.
b.CloseInput();
await b.WaitForExitAsync(ct);
Console.WriteLine($"node {B} exited when its stdin closed");

if (observer is not null)
{
    Console.WriteLine("observer: the page shows what is left; press Enter to stop");
    await Task.Run(Console.ReadLine);
    await observer.DisposeAsync();
}

await node.StopAsync();
Console.WriteLine($"node stopped; {node.ProcessCount} processes left");
return 0;

static int FreeLoopbackPort()
{
    using var probe = new TcpListener(IPAddress.Loopback, 0);
    probe.Start();
    return ((IPEndPoint)probe.LocalEndpoint).Port;
}
