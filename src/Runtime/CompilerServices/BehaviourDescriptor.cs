using System.ComponentModel;

namespace Typed.CompilerServices;

/// <summary>
/// What the generator knows of one behaviour: its stable id, its name, the messages it accepts and
/// how to build it from dependency injection. Registered by generated code at module load
/// (<see cref="BehaviourRegistry"/>), so nothing is discovered by reflection.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class BehaviourDescriptor
{
    readonly Dictionary<int, MessageSpec> _byId;
    readonly Dictionary<Type, MessageSpec> _infoByType;

    private protected BehaviourDescriptor(int id, string name, MessageSpec[] messages, MessageCodec? startArgs, bool isSupervisor)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(messages);
        Id = id;
        Name = name;
        Messages = messages;
        StartArgs = startArgs;
        IsSupervisor = isSupervisor;
        _byId = new Dictionary<int, MessageSpec>(messages.Length);
        _infoByType = new Dictionary<Type, MessageSpec>();
        foreach (var spec in messages)
        {
            if (!_byId.TryAdd(spec.Id, spec))
            {
                throw new ArgumentException($"Behaviour {name} declares message id {spec.Id} twice", nameof(messages));
            }

            if (spec.Kind == MessageKind.Info)
            {
                _infoByType.TryAdd(spec.Message.Type, spec);
            }
        }
    }

    /// <summary>The behaviour id used on the wire for remote spawn.</summary>
    public int Id { get; }

    /// <summary>The behaviour's fully qualified type name, for logs and tools.</summary>
    public string Name { get; }

    /// <summary>Every message the behaviour accepts.</summary>
    public IReadOnlyList<MessageSpec> Messages { get; }

    /// <summary>The codec of the generated <c>StartArgs</c> record when the <c>[Init]</c> hook takes parameters; otherwise null.</summary>
    public MessageCodec? StartArgs { get; }

    /// <summary>Whether the behaviour is a <c>[Supervisor]</c> (a subtree when it is a child).</summary>
    public bool IsSupervisor { get; }

    /// <summary>Finds a call, cast or info message by its id.</summary>
    /// <param name="id">The message id.</param>
    /// <param name="spec">The message, when found.</param>
    public bool TryGetMessage(int id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MessageSpec? spec) =>
        _byId.TryGetValue(id, out spec);

    /// <summary>Finds the info message of a given message type.</summary>
    /// <param name="type">The message's runtime type.</param>
    /// <param name="spec">The message, when found.</param>
    public bool TryGetInfo(Type type, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MessageSpec? spec) =>
        _infoByType.TryGetValue(type, out spec);

    /// <summary>Builds a new instance of the behaviour, its constructor dependencies taken from <paramref name="services"/>.</summary>
    /// <param name="services">Where the constructor's dependencies come from.</param>
    public abstract IProcessBehaviour CreateBehaviour(IServiceProvider services);
}

/// <summary>The descriptor of the behaviour <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The behaviour class.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class BehaviourDescriptor<T> : BehaviourDescriptor
    where T : class, IProcessBehaviour<T>
{
    readonly Func<IServiceProvider, T> _factory;

    /// <summary>Creates the descriptor; called by generated code only.</summary>
    /// <param name="id">The behaviour id used on the wire.</param>
    /// <param name="name">The behaviour's fully qualified type name.</param>
    /// <param name="factory">Builds the behaviour, its constructor dependencies taken from the service provider.</param>
    /// <param name="messages">Every message the behaviour accepts.</param>
    /// <param name="startArgs">The codec of the <c>StartArgs</c> record, if the init hook takes parameters.</param>
    /// <param name="isSupervisor">Whether the behaviour is a <c>[Supervisor]</c>.</param>
    public BehaviourDescriptor(int id, string name, Func<IServiceProvider, T> factory, MessageSpec[] messages, MessageCodec? startArgs = null, bool isSupervisor = false)
        : base(id, name, messages, startArgs, isSupervisor)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _factory = factory;
    }

    /// <summary>Creates the descriptor of a behaviour built by its own <see cref="IDescribedBehaviour.Create"/>; called by generated code only.</summary>
    /// <param name="id">The behaviour id used on the wire.</param>
    /// <param name="name">The behaviour's fully qualified type name.</param>
    /// <param name="messages">Every message the behaviour accepts.</param>
    /// <param name="startArgs">The codec of the <c>StartArgs</c> record, if the init hook takes parameters.</param>
    public BehaviourDescriptor(int id, string name, MessageSpec[] messages, MessageCodec? startArgs = null)
        : this(id, name, static services => (T)T.Create(services), messages, startArgs)
    {
    }

    /// <summary>Builds a new instance of the behaviour.</summary>
    /// <param name="services">Where the constructor's dependencies come from.</param>
    public T Create(IServiceProvider services) => _factory(services);

    /// <inheritdoc />
    public override IProcessBehaviour CreateBehaviour(IServiceProvider services) => _factory(services);
}
