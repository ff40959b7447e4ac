using Typed.CompilerServices;
using System.ComponentModel;

namespace Typed.Rpc;

/// <summary>
/// One public static method of an <c>[Rpc]</c> class as the runtime knows it: its generated id, its
/// name for logs, the codecs of its generated arguments record and of its result, and how to invoke
/// it. Generated module initializers register one per method in <see cref="RpcRegistry"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class RpcFunction
{
    private protected RpcFunction(int id, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Id = id;
        Name = name;
    }

    /// <summary>The function id on the wire.</summary>
    public int Id { get; }

    /// <summary>The method's signature, for logs and errors (never sent).</summary>
    public string Name { get; }

    /// <summary>The module and the method's name (<c>Calc.Maths</c>, <c>Add</c>), for spans and metrics; split from <see cref="Name"/> once.</summary>
    internal (string Module, string Method) Names => _names ??= Split(Name);

    (string, string)? _names;

    static (string, string) Split(string signature)
    {
        var open = signature.IndexOf('(', StringComparison.Ordinal);
        var qualified = open < 0 ? signature : signature[..open];
        var dot = qualified.LastIndexOf('.');
        return dot < 0 ? ("", qualified) : (qualified[..dot], qualified[(dot + 1)..]);
    }

    /// <summary>The module and method names of the function with <paramref name="id"/>, or the id when it is not loaded here.</summary>
    internal static (string Module, string Method) NamesOf(int id) =>
        RpcRegistry.Find(id, out _) is { } function ? function.Names : ("rpc", id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The codec of the generated arguments record.</summary>
    /// <summary>
    /// Describes a function whose arguments travel in a shared carrier (<see cref="Args{T1}"/>...): registers
    /// the carrier's formatter once, and refuses null where the function's parameters do; called by generated code.
    /// </summary>
    /// <typeparam name="TArgs">The carrier of the function's arguments.</typeparam>
    /// <typeparam name="TResult">The function's result (<see cref="Unit"/> for none).</typeparam>
    /// <param name="id">The function id used on the wire.</param>
    /// <param name="name">The function's signature, for logs and errors.</param>
    /// <param name="nonNull">Bit i set: argument i refuses null.</param>
    /// <param name="nonNullItems">Bit i set: argument i refuses null items.</param>
    /// <param name="invoke">Runs the function with the decoded arguments.</param>
    public static RpcFunction<TArgs, TResult> Of<TArgs, TResult>(int id, string name, int nonNull, int nonNullItems, Func<TArgs, CancellationToken, ValueTask<TResult>> invoke)
        where TArgs : MessageArgs, IMessageArgs<TArgs>
    {
        TArgs.Register();
        return new(id, name, invoke, CheckedArgsCodec<TArgs>.For(name, nonNull, nonNullItems));
    }

    internal abstract MessageCodec Args { get; }

    /// <summary>The codec of the result (<see cref="Unit"/> for methods that return nothing).</summary>
    internal abstract MessageCodec Result { get; }

    /// <summary>Runs the method and completes <paramref name="reply"/> with its result; exceptions propagate.</summary>
    internal abstract ValueTask RunAsync(object args, ReplySink? reply, CancellationToken cancellationToken);
}

/// <summary>An RPC function taking the generated arguments record <typeparamref name="TArgs"/> and returning <typeparamref name="TResult"/>.</summary>
/// <typeparam name="TArgs">The generated arguments record.</typeparam>
/// <typeparam name="TResult">The result (<see cref="Unit"/> for none).</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class RpcFunction<TArgs, TResult> : RpcFunction
    where TArgs : class
{
    readonly Func<TArgs, CancellationToken, ValueTask<TResult>> _invoke;

    /// <summary>Creates the function; called by generated code only.</summary>
    /// <param name="id">The function id on the wire.</param>
    /// <param name="name">The method's signature, for logs.</param>
    /// <param name="invoke">Calls the method with the record's values; the token is the worker process's Stopping token.</param>
    public RpcFunction(int id, string name, Func<TArgs, CancellationToken, ValueTask<TResult>> invoke)
        : this(id, name, invoke, MessageCodec<TArgs>.Instance)
    {
    }

    internal RpcFunction(int id, string name, Func<TArgs, CancellationToken, ValueTask<TResult>> invoke, MessageCodec args)
        : base(id, name)
    {
        ArgumentNullException.ThrowIfNull(invoke);
        _invoke = invoke;
        Args = args;
    }

    internal override MessageCodec Args { get; }

    internal override MessageCodec Result => MessageCodec<TResult>.Instance;

    internal override async ValueTask RunAsync(object args, ReplySink? reply, CancellationToken cancellationToken)
    {
        var value = await _invoke((TArgs)args, cancellationToken).ConfigureAwait(SimulationContext.Capture);
        (reply as ReplyTo<TResult>)?.Complete(value);
    }
}
