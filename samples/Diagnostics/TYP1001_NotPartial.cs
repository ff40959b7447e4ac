namespace Typed.Samples.Diagnostics;

// TYP1001: the generator adds members to a [Process] class, and to the types around it.
[Process]
public class Thermostat
{
    [Call] public double Target() => 21.5;
}

public class Building
{
    [Process]
    public partial class Lift
    {
        [Cast] public void Call(int floor) { }
    }
}
