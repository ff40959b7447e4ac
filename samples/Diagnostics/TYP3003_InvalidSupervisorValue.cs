namespace Typed.Samples.Diagnostics;

// TYP3003: OTP's limits on supervisor flags and child specs.
[Supervisor(Strategy.OneForOne, Intensity = -1, Period = 0)]
[Child<Feed>("feed", Shutdown = -5)]
public partial class Newsroom;
