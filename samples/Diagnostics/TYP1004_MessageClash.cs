namespace Typed.Samples.Diagnostics;

// TYP1004: one message name, one id, two handlers.
[Process]
public partial class Scoreboard
{
    [Call] public int Add(int points) => points;

    [Call] public int Add(int points, int times) => points * times;

    [Call(Id = 5)] public int Total() => 0;

    [Cast(Id = 5)] public void Reset() { }
}
