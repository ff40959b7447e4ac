using Typed;

namespace Typed.TestNode.Shared;

/// <summary>
/// A worker the multi-process tests reach in another OS process: calls answer, casts are kept in
/// arrival order, and <see cref="Crash"/> makes it exit with an exception.
/// </summary>
[Process]
public partial class EchoWorker
{
    readonly List<string> _notes = [];

    /// <summary>Answers with the text and where it was handled.</summary>
    [Call]
    public string Ping(string text) => $"{text} from {Context.Node.Name}";

    /// <summary>The worker's own pid, as its node names it.</summary>
    [Call]
    public Pid Whoami() => Context.Self;

    /// <summary>The notes cast so far, in arrival order.</summary>
    [Call]
    public List<string> Notes() => _notes;

    /// <summary>Keeps a note.</summary>
    [Cast]
    public void Note(string text) => _notes.Add(text);

    /// <summary>Crashes the worker with an <see cref="InvalidOperationException"/>.</summary>
    [Cast]
    public void Crash(string message) => throw new InvalidOperationException(message);
}
