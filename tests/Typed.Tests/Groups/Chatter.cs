using Typed;

namespace Typed.Tests.Groups;

/// <summary>A group member: remembers what it was told, so a test can see a broadcast arrive.</summary>
[Process]
public partial class Chatter
{
    readonly List<string> _heard = [];

    [Cast]
    public void Say(string text) => _heard.Add(text);

    [Call]
    public List<string> Heard() => _heard;

    [Cast]
    public void Quit() => Context.Stop();
}
