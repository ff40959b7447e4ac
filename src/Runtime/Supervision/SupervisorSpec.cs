namespace Typed;

/// <summary>
/// A supervisor's flags and children (what OTP's <c>init/1</c> returns). The generator builds it
/// from <see cref="SupervisorAttribute"/> and <see cref="ChildAttribute{T}"/>; the constructor checks
/// it as OTP's <c>supervisor:check_childspecs</c> would.
/// </summary>
public sealed class SupervisorSpec
{
    /// <summary>Creates and checks a supervisor spec.</summary>
    /// <param name="strategy">How children are restarted.</param>
    /// <param name="intensity">At most this many restarts within <paramref name="period"/>; zero or more.</param>
    /// <param name="period">The window, in seconds; at least one.</param>
    /// <param name="autoShutdown">Whether significant children's exits stop the supervisor.</param>
    /// <param name="children">The children in start order; under simple_one_for_one, exactly one template.</param>
    /// <exception cref="ArgumentException">The values are out of range, ids repeat, or simple_one_for_one has other than one child.</exception>
    public SupervisorSpec(Strategy strategy, int intensity, int period, AutoShutdown autoShutdown, IReadOnlyList<ChildSpec> children)
    {
        ArgumentNullException.ThrowIfNull(children);
        if (!Enum.IsDefined(strategy))
        {
            throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Not a strategy");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(intensity);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        if (strategy == Strategy.SimpleOneForOne && children.Count != 1)
        {
            throw new ArgumentException("A simple_one_for_one supervisor declares exactly one child: the template of its dynamic children", nameof(children));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var child in children)
        {
            ArgumentNullException.ThrowIfNull(child, nameof(children));
            if (!ids.Add(child.Id))
            {
                throw new ArgumentException($"Two children have the id '{child.Id}'", nameof(children));
            }
        }

        Strategy = strategy;
        Intensity = intensity;
        Period = period;
        AutoShutdown = autoShutdown;
        Children = [.. children];
    }

    /// <summary>How children are restarted.</summary>
    public Strategy Strategy { get; }

    /// <summary>At most this many restarts within <see cref="Period"/> seconds.</summary>
    public int Intensity { get; }

    /// <summary>The window, in seconds, over which restarts count.</summary>
    public int Period { get; }

    /// <summary>Whether significant children's exits stop the supervisor.</summary>
    public AutoShutdown AutoShutdown { get; }

    /// <summary>The children in start order.</summary>
    public IReadOnlyList<ChildSpec> Children { get; }
}
