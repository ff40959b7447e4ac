namespace Typed.Samples.Diagnostics;

// TYP2004: a static is shared by every process of the behaviour.
[Process]
public partial class Session
{
    static int s_open;

    [Init] public void Start() => s_open++;
}
