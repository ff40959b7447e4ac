namespace Typed.Samples.Diagnostics;

// TYP3001: only [Process] and [Supervisor] classes can be children.
public class Cache;

[Supervisor(Strategy.OneForOne)]
[Child<Cart>("cart")]
[Child<Cache>("cache")]
public partial class Shop;
