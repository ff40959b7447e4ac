using Typed;

namespace Typed.Tests.Behaviours;

/// <summary>A supervisor with no declared children: the tests add children on other nodes at run time.</summary>
[Supervisor(Strategy.OneForOne, Intensity = 10, Period = 60)]
public partial class Dispatcher;

/// <summary>As <see cref="Dispatcher"/>, but it gives up at the second restart within a minute.</summary>
[Supervisor(Strategy.OneForOne, Intensity = 1, Period = 60)]
public partial class FragileDispatcher;
