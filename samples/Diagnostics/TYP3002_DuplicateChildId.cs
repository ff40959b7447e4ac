namespace Typed.Samples.Diagnostics;

// TYP3002: child ids name children; they must be unique.
[Supervisor(Strategy.OneForOne)]
[Child<Kettle>("kettle")]
[Child<Kettle>("kettle")]
public partial class Kitchen;
