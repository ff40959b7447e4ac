namespace Typed;

/// <summary>A name could not be registered because another live process holds it.</summary>
public sealed class NameTakenException : TypedException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="name">The name asked for.</param>
    /// <param name="holder">The process that holds it.</param>
    public NameTakenException(string name, Pid holder)
        : base($"The name '{name}' is already registered to {holder}")
    {
        Name = name;
        Holder = holder;
    }

    /// <summary>The name asked for.</summary>
    public string Name { get; }

    /// <summary>The process that holds it.</summary>
    public Pid Holder { get; }
}
