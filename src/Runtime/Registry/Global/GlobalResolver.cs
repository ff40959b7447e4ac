namespace Typed;

/// <summary>
/// A custom resolve function for clashing global names (see <see cref="GlobalResolve.Custom(string)"/>):
/// given the name and the two processes registered under it, returns the one to keep; any other
/// value unregisters the name. It runs on every node that sees the clash, so it must be deterministic.
/// </summary>
/// <param name="name">The clashing name.</param>
/// <param name="first">One registration's process (the lower pid of the two).</param>
/// <param name="second">The other's.</param>
/// <returns><paramref name="first"/> or <paramref name="second"/> to keep it; anything else to unregister both.</returns>
public delegate Pid GlobalResolver(string name, Pid first, Pid second);
