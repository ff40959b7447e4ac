using MemoryPack;
using Typed;

namespace Typed.TestNode.Shared;

/// <summary>A user record with a string, a collection and a nested record, decoded by MemoryPack's own formatter.</summary>
/// <param name="Name">Any text.</param>
/// <param name="Count">Any number.</param>
/// <param name="Tags">Any texts.</param>
/// <param name="Next">Another item, or null.</param>
[MemoryPackable]
public sealed partial record FuzzItem(string Name, int Count, List<string> Tags, FuzzItem? Next);

/// <summary>
/// The fuzz target's user process (registered as <see cref="RegisteredName"/>): handlers whose
/// parameters are strings, collections and user records, so fuzzed payloads run user decoders.
/// </summary>
[Process]
public partial class FuzzEcho
{
    /// <summary>The name the process registers itself under.</summary>
    public const string RegisteredName = "fuzz_echo";

    FuzzItem? _kept;

    /// <summary>Registers the process's name (a restarted one takes it again).</summary>
    [Init]
    public void Start() => Context.Node.Register(RegisteredName, Context.Self);

    /// <summary>Answers with the text.</summary>
    [Call]
    public string Echo(string text) => text;

    /// <summary>Adds up both collections.</summary>
    [Call]
    public long Sum(List<int> numbers, int[] more) => numbers.Sum(n => (long)n) + more.Sum(n => (long)n);

    /// <summary>Describes the item (its name and how many tags it has).</summary>
    [Call]
    public string Describe(FuzzItem item) => $"{item.Name}:{item.Tags.Count}";

    /// <summary>Counts the map's values.</summary>
    [Call]
    public int Count(Dictionary<string, List<string>> map) => map.Values.Sum(v => v.Count);

    /// <summary>Keeps the item.</summary>
    [Cast]
    public void Keep(FuzzItem item, string? note) => _kept = note is null ? item : item with { Name = note };

    /// <summary>Takes an item sent as a plain message.</summary>
    [Info]
    public void Handle(FuzzItem item) => _kept = item;
}

/// <summary>Keeps <see cref="FuzzEcho"/> running on the fuzz target, however often fuzzed messages crash it.</summary>
[Supervisor(Strategy.OneForOne, Intensity = 1000, Period = 1)]
[Child<FuzzEcho>("fuzz_echo")]
public partial class FuzzTargetSupervisor
{
    /// <summary>The name it is registered under on the fuzz target, so the fuzzer can send it supervisor requests.</summary>
    public const string RegisteredName = "fuzz_sup";
}

/// <summary>Functions the fuzz target runs for RPC calls, with string and collection arguments.</summary>
[Rpc]
public static partial class FuzzFunctions
{
    /// <summary>Joins the numbers after the text.</summary>
    public static string Join(string text, List<int> numbers) => text + string.Join(',', numbers);

    /// <summary>The item's name.</summary>
    public static string NameOf(FuzzItem item) => item.Name;
}
