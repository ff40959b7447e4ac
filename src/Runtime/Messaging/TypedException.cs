namespace Typed;

/// <summary>The base of the exceptions Typed raises at its public boundary.</summary>
public abstract class TypedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    protected TypedException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
