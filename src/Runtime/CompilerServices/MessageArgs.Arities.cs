// Carriers of 1 to 8 arguments, one shape for every arity (written once, here; nothing of them is generated per handler).
using System.ComponentModel;
using MemoryPack;

namespace Typed.CompilerServices;

/// <summary>The arguments of a handler that takes 1 parameter (see <see cref="MessageArgs"/>).</summary>
/// <typeparam name="T1">The type of parameter 1.</typeparam>
/// <param name="arg1">Argument 1.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class Args<T1>(T1 arg1) : MessageArgs, IMessageArgs<Args<T1>>
{
    /// <summary>Argument 1.</summary>
    public T1 Arg1 { get; } = arg1;

    static void IMessageArgs<Args<T1>>.Register() => ArgsFields.Register(new Formatter(), ArgsFields.Immutable<T1>());

    internal override object? Get(int index) => index switch { 0 => Arg1, _ => throw new ArgumentOutOfRangeException(nameof(index)) };

    sealed class Formatter() : MessageFormatter<Args<T1>>(1)
    {
        const string Owner = "Args`1";

        protected override void Write<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, Args<T1> value)
        {
            ArgsFields.Write(ref writer, value.Arg1);
        }

        protected override Args<T1> Read(ref MemoryPackReader reader) => new(ArgsFields.Read<T1>(ref reader, Owner));
    }
}

/// <summary>The arguments of a handler that takes 2 parameters (see <see cref="MessageArgs"/>).</summary>
/// <typeparam name="T1">The type of parameter 1.</typeparam>
/// <typeparam name="T2">The type of parameter 2.</typeparam>
/// <param name="arg1">Argument 1.</param>
/// <param name="arg2">Argument 2.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class Args<T1, T2>(T1 arg1, T2 arg2) : MessageArgs, IMessageArgs<Args<T1, T2>>
{
    /// <summary>Argument 1.</summary>
    public T1 Arg1 { get; } = arg1;

    /// <summary>Argument 2.</summary>
    public T2 Arg2 { get; } = arg2;

    static void IMessageArgs<Args<T1, T2>>.Register() => ArgsFields.Register(new Formatter(), ArgsFields.Immutable<T1>() && ArgsFields.Immutable<T2>());

    internal override object? Get(int index) => index switch { 0 => Arg1, 1 => Arg2, _ => throw new ArgumentOutOfRangeException(nameof(index)) };

    sealed class Formatter() : MessageFormatter<Args<T1, T2>>(2)
    {
        const string Owner = "Args`2";

        protected override void Write<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, Args<T1, T2> value)
        {
            ArgsFields.Write(ref writer, value.Arg1);
            ArgsFields.Write(ref writer, value.Arg2);
        }

        protected override Args<T1, T2> Read(ref MemoryPackReader reader) => new(ArgsFields.Read<T1>(ref reader, Owner), ArgsFields.Read<T2>(ref reader, Owner));
    }
}

/// <summary>The arguments of a handler that takes 3 parameters (see <see cref="MessageArgs"/>).</summary>
/// <typeparam name="T1">The type of parameter 1.</typeparam>
/// <typeparam name="T2">The type of parameter 2.</typeparam>
/// <typeparam name="T3">The type of parameter 3.</typeparam>
/// <param name="arg1">Argument 1.</param>
/// <param name="arg2">Argument 2.</param>
/// <param name="arg3">Argument 3.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class Args<T1, T2, T3>(T1 arg1, T2 arg2, T3 arg3) : MessageArgs, IMessageArgs<Args<T1, T2, T3>>
{
    /// <summary>Argument 1.</summary>
    public T1 Arg1 { get; } = arg1;

    /// <summary>Argument 2.</summary>
    public T2 Arg2 { get; } = arg2;

    /// <summary>Argument 3.</summary>
    public T3 Arg3 { get; } = arg3;

    static void IMessageArgs<Args<T1, T2, T3>>.Register() => ArgsFields.Register(new Formatter(), ArgsFields.Immutable<T1>() && ArgsFields.Immutable<T2>() && ArgsFields.Immutable<T3>());

    internal override object? Get(int index) => index switch { 0 => Arg1, 1 => Arg2, 2 => Arg3, _ => throw new ArgumentOutOfRangeException(nameof(index)) };

    sealed class Formatter() : MessageFormatter<Args<T1, T2, T3>>(3)
    {
        const string Owner = "Args`3";

        protected override void Write<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, Args<T1, T2, T3> value)
        {
            ArgsFields.Write(ref writer, value.Arg1);
            ArgsFields.Write(ref writer, value.Arg2);
            ArgsFields.Write(ref writer, value.Arg3);
        }

        protected override Args<T1, T2, T3> Read(ref MemoryPackReader reader) => new(ArgsFields.Read<T1>(ref reader, Owner), ArgsFields.Read<T2>(ref reader, Owner), ArgsFields.Read<T3>(ref reader, Owner));
    }
}

/// <summary>The arguments of a handler that takes 4 parameters (see <see cref="MessageArgs"/>).</summary>
/// <typeparam name="T1">The type of parameter 1.</typeparam>
/// <typeparam name="T2">The type of parameter 2.</typeparam>
/// <typeparam name="T3">The type of parameter 3.</typeparam>
/// <typeparam name="T4">The type of parameter 4.</typeparam>
/// <param name="arg1">Argument 1.</param>
/// <param name="arg2">Argument 2.</param>
/// <param name="arg3">Argument 3.</param>
/// <param name="arg4">Argument 4.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class Args<T1, T2, T3, T4>(T1 arg1, T2 arg2, T3 arg3, T4 arg4) : MessageArgs, IMessageArgs<Args<T1, T2, T3, T4>>
{
    /// <summary>Argument 1.</summary>
    public T1 Arg1 { get; } = arg1;

    /// <summary>Argument 2.</summary>
    public T2 Arg2 { get; } = arg2;

    /// <summary>Argument 3.</summary>
    public T3 Arg3 { get; } = arg3;

    /// <summary>Argument 4.</summary>
    public T4 Arg4 { get; } = arg4;

    static void IMessageArgs<Args<T1, T2, T3, T4>>.Register() => ArgsFields.Register(new Formatter(), ArgsFields.Immutable<T1>() && ArgsFields.Immutable<T2>() && ArgsFields.Immutable<T3>() && ArgsFields.Immutable<T4>());

    internal override object? Get(int index) => index switch { 0 => Arg1, 1 => Arg2, 2 => Arg3, 3 => Arg4, _ => throw new ArgumentOutOfRangeException(nameof(index)) };

    sealed class Formatter() : MessageFormatter<Args<T1, T2, T3, T4>>(4)
    {
        const string Owner = "Args`4";

        protected override void Write<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, Args<T1, T2, T3, T4> value)
        {
            ArgsFields.Write(ref writer, value.Arg1);
            ArgsFields.Write(ref writer, value.Arg2);
            ArgsFields.Write(ref writer, value.Arg3);
            ArgsFields.Write(ref writer, value.Arg4);
        }

        protected override Args<T1, T2, T3, T4> Read(ref MemoryPackReader reader) => new(ArgsFields.Read<T1>(ref reader, Owner), ArgsFields.Read<T2>(ref reader, Owner), ArgsFields.Read<T3>(ref reader, Owner), ArgsFields.Read<T4>(ref reader, Owner));
    }
}

/// <summary>The arguments of a handler that takes 5 parameters (see <see cref="MessageArgs"/>).</summary>
/// <typeparam name="T1">The type of parameter 1.</typeparam>
/// <typeparam name="T2">The type of parameter 2.</typeparam>
/// <typeparam name="T3">The type of parameter 3.</typeparam>
/// <typeparam name="T4">The type of parameter 4.</typeparam>
/// <typeparam name="T5">The type of parameter 5.</typeparam>
/// <param name="arg1">Argument 1.</param>
/// <param name="arg2">Argument 2.</param>
/// <param name="arg3">Argument 3.</param>
/// <param name="arg4">Argument 4.</param>
/// <param name="arg5">Argument 5.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class Args<T1, T2, T3, T4, T5>(T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5) : MessageArgs, IMessageArgs<Args<T1, T2, T3, T4, T5>>
{
    /// <summary>Argument 1.</summary>
    public T1 Arg1 { get; } = arg1;

    /// <summary>Argument 2.</summary>
    public T2 Arg2 { get; } = arg2;

    /// <summary>Argument 3.</summary>
    public T3 Arg3 { get; } = arg3;

    /// <summary>Argument 4.</summary>
    public T4 Arg4 { get; } = arg4;

    /// <summary>Argument 5.</summary>
    public T5 Arg5 { get; } = arg5;

    static void IMessageArgs<Args<T1, T2, T3, T4, T5>>.Register() => ArgsFields.Register(new Formatter(), ArgsFields.Immutable<T1>() && ArgsFields.Immutable<T2>() && ArgsFields.Immutable<T3>() && ArgsFields.Immutable<T4>() && ArgsFields.Immutable<T5>());

    internal override object? Get(int index) => index switch { 0 => Arg1, 1 => Arg2, 2 => Arg3, 3 => Arg4, 4 => Arg5, _ => throw new ArgumentOutOfRangeException(nameof(index)) };

    sealed class Formatter() : MessageFormatter<Args<T1, T2, T3, T4, T5>>(5)
    {
        const string Owner = "Args`5";

        protected override void Write<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, Args<T1, T2, T3, T4, T5> value)
        {
            ArgsFields.Write(ref writer, value.Arg1);
            ArgsFields.Write(ref writer, value.Arg2);
            ArgsFields.Write(ref writer, value.Arg3);
            ArgsFields.Write(ref writer, value.Arg4);
            ArgsFields.Write(ref writer, value.Arg5);
        }

        protected override Args<T1, T2, T3, T4, T5> Read(ref MemoryPackReader reader) => new(ArgsFields.Read<T1>(ref reader, Owner), ArgsFields.Read<T2>(ref reader, Owner), ArgsFields.Read<T3>(ref reader, Owner), ArgsFields.Read<T4>(ref reader, Owner), ArgsFields.Read<T5>(ref reader, Owner));
    }
}

/// <summary>The arguments of a handler that takes 6 parameters (see <see cref="MessageArgs"/>).</summary>
/// <typeparam name="T1">The type of parameter 1.</typeparam>
/// <typeparam name="T2">The type of parameter 2.</typeparam>
/// <typeparam name="T3">The type of parameter 3.</typeparam>
/// <typeparam name="T4">The type of parameter 4.</typeparam>
/// <typeparam name="T5">The type of parameter 5.</typeparam>
/// <typeparam name="T6">The type of parameter 6.</typeparam>
/// <param name="arg1">Argument 1.</param>
/// <param name="arg2">Argument 2.</param>
/// <param name="arg3">Argument 3.</param>
/// <param name="arg4">Argument 4.</param>
/// <param name="arg5">Argument 5.</param>
/// <param name="arg6">Argument 6.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class Args<T1, T2, T3, T4, T5, T6>(T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6) : MessageArgs, IMessageArgs<Args<T1, T2, T3, T4, T5, T6>>
{
    /// <summary>Argument 1.</summary>
    public T1 Arg1 { get; } = arg1;

    /// <summary>Argument 2.</summary>
    public T2 Arg2 { get; } = arg2;

    /// <summary>Argument 3.</summary>
    public T3 Arg3 { get; } = arg3;

    /// <summary>Argument 4.</summary>
    public T4 Arg4 { get; } = arg4;

    /// <summary>Argument 5.</summary>
    public T5 Arg5 { get; } = arg5;

    /// <summary>Argument 6.</summary>
    public T6 Arg6 { get; } = arg6;

    static void IMessageArgs<Args<T1, T2, T3, T4, T5, T6>>.Register() => ArgsFields.Register(new Formatter(), ArgsFields.Immutable<T1>() && ArgsFields.Immutable<T2>() && ArgsFields.Immutable<T3>() && ArgsFields.Immutable<T4>() && ArgsFields.Immutable<T5>() && ArgsFields.Immutable<T6>());

    internal override object? Get(int index) => index switch { 0 => Arg1, 1 => Arg2, 2 => Arg3, 3 => Arg4, 4 => Arg5, 5 => Arg6, _ => throw new ArgumentOutOfRangeException(nameof(index)) };

    sealed class Formatter() : MessageFormatter<Args<T1, T2, T3, T4, T5, T6>>(6)
    {
        const string Owner = "Args`6";

        protected override void Write<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, Args<T1, T2, T3, T4, T5, T6> value)
        {
            ArgsFields.Write(ref writer, value.Arg1);
            ArgsFields.Write(ref writer, value.Arg2);
            ArgsFields.Write(ref writer, value.Arg3);
            ArgsFields.Write(ref writer, value.Arg4);
            ArgsFields.Write(ref writer, value.Arg5);
            ArgsFields.Write(ref writer, value.Arg6);
        }

        protected override Args<T1, T2, T3, T4, T5, T6> Read(ref MemoryPackReader reader) => new(ArgsFields.Read<T1>(ref reader, Owner), ArgsFields.Read<T2>(ref reader, Owner), ArgsFields.Read<T3>(ref reader, Owner), ArgsFields.Read<T4>(ref reader, Owner), ArgsFields.Read<T5>(ref reader, Owner), ArgsFields.Read<T6>(ref reader, Owner));
    }
}

/// <summary>The arguments of a handler that takes 7 parameters (see <see cref="MessageArgs"/>).</summary>
/// <typeparam name="T1">The type of parameter 1.</typeparam>
/// <typeparam name="T2">The type of parameter 2.</typeparam>
/// <typeparam name="T3">The type of parameter 3.</typeparam>
/// <typeparam name="T4">The type of parameter 4.</typeparam>
/// <typeparam name="T5">The type of parameter 5.</typeparam>
/// <typeparam name="T6">The type of parameter 6.</typeparam>
/// <typeparam name="T7">The type of parameter 7.</typeparam>
/// <param name="arg1">Argument 1.</param>
/// <param name="arg2">Argument 2.</param>
/// <param name="arg3">Argument 3.</param>
/// <param name="arg4">Argument 4.</param>
/// <param name="arg5">Argument 5.</param>
/// <param name="arg6">Argument 6.</param>
/// <param name="arg7">Argument 7.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class Args<T1, T2, T3, T4, T5, T6, T7>(T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7) : MessageArgs, IMessageArgs<Args<T1, T2, T3, T4, T5, T6, T7>>
{
    /// <summary>Argument 1.</summary>
    public T1 Arg1 { get; } = arg1;

    /// <summary>Argument 2.</summary>
    public T2 Arg2 { get; } = arg2;

    /// <summary>Argument 3.</summary>
    public T3 Arg3 { get; } = arg3;

    /// <summary>Argument 4.</summary>
    public T4 Arg4 { get; } = arg4;

    /// <summary>Argument 5.</summary>
    public T5 Arg5 { get; } = arg5;

    /// <summary>Argument 6.</summary>
    public T6 Arg6 { get; } = arg6;

    /// <summary>Argument 7.</summary>
    public T7 Arg7 { get; } = arg7;

    static void IMessageArgs<Args<T1, T2, T3, T4, T5, T6, T7>>.Register() => ArgsFields.Register(new Formatter(), ArgsFields.Immutable<T1>() && ArgsFields.Immutable<T2>() && ArgsFields.Immutable<T3>() && ArgsFields.Immutable<T4>() && ArgsFields.Immutable<T5>() && ArgsFields.Immutable<T6>() && ArgsFields.Immutable<T7>());

    internal override object? Get(int index) => index switch { 0 => Arg1, 1 => Arg2, 2 => Arg3, 3 => Arg4, 4 => Arg5, 5 => Arg6, 6 => Arg7, _ => throw new ArgumentOutOfRangeException(nameof(index)) };

    sealed class Formatter() : MessageFormatter<Args<T1, T2, T3, T4, T5, T6, T7>>(7)
    {
        const string Owner = "Args`7";

        protected override void Write<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, Args<T1, T2, T3, T4, T5, T6, T7> value)
        {
            ArgsFields.Write(ref writer, value.Arg1);
            ArgsFields.Write(ref writer, value.Arg2);
            ArgsFields.Write(ref writer, value.Arg3);
            ArgsFields.Write(ref writer, value.Arg4);
            ArgsFields.Write(ref writer, value.Arg5);
            ArgsFields.Write(ref writer, value.Arg6);
            ArgsFields.Write(ref writer, value.Arg7);
        }

        protected override Args<T1, T2, T3, T4, T5, T6, T7> Read(ref MemoryPackReader reader) => new(ArgsFields.Read<T1>(ref reader, Owner), ArgsFields.Read<T2>(ref reader, Owner), ArgsFields.Read<T3>(ref reader, Owner), ArgsFields.Read<T4>(ref reader, Owner), ArgsFields.Read<T5>(ref reader, Owner), ArgsFields.Read<T6>(ref reader, Owner), ArgsFields.Read<T7>(ref reader, Owner));
    }
}

/// <summary>The arguments of a handler that takes 8 parameters (see <see cref="MessageArgs"/>).</summary>
/// <typeparam name="T1">The type of parameter 1.</typeparam>
/// <typeparam name="T2">The type of parameter 2.</typeparam>
/// <typeparam name="T3">The type of parameter 3.</typeparam>
/// <typeparam name="T4">The type of parameter 4.</typeparam>
/// <typeparam name="T5">The type of parameter 5.</typeparam>
/// <typeparam name="T6">The type of parameter 6.</typeparam>
/// <typeparam name="T7">The type of parameter 7.</typeparam>
/// <typeparam name="T8">The type of parameter 8.</typeparam>
/// <param name="arg1">Argument 1.</param>
/// <param name="arg2">Argument 2.</param>
/// <param name="arg3">Argument 3.</param>
/// <param name="arg4">Argument 4.</param>
/// <param name="arg5">Argument 5.</param>
/// <param name="arg6">Argument 6.</param>
/// <param name="arg7">Argument 7.</param>
/// <param name="arg8">Argument 8.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class Args<T1, T2, T3, T4, T5, T6, T7, T8>(T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7, T8 arg8) : MessageArgs, IMessageArgs<Args<T1, T2, T3, T4, T5, T6, T7, T8>>
{
    /// <summary>Argument 1.</summary>
    public T1 Arg1 { get; } = arg1;

    /// <summary>Argument 2.</summary>
    public T2 Arg2 { get; } = arg2;

    /// <summary>Argument 3.</summary>
    public T3 Arg3 { get; } = arg3;

    /// <summary>Argument 4.</summary>
    public T4 Arg4 { get; } = arg4;

    /// <summary>Argument 5.</summary>
    public T5 Arg5 { get; } = arg5;

    /// <summary>Argument 6.</summary>
    public T6 Arg6 { get; } = arg6;

    /// <summary>Argument 7.</summary>
    public T7 Arg7 { get; } = arg7;

    /// <summary>Argument 8.</summary>
    public T8 Arg8 { get; } = arg8;

    static void IMessageArgs<Args<T1, T2, T3, T4, T5, T6, T7, T8>>.Register() => ArgsFields.Register(new Formatter(), ArgsFields.Immutable<T1>() && ArgsFields.Immutable<T2>() && ArgsFields.Immutable<T3>() && ArgsFields.Immutable<T4>() && ArgsFields.Immutable<T5>() && ArgsFields.Immutable<T6>() && ArgsFields.Immutable<T7>() && ArgsFields.Immutable<T8>());

    internal override object? Get(int index) => index switch { 0 => Arg1, 1 => Arg2, 2 => Arg3, 3 => Arg4, 4 => Arg5, 5 => Arg6, 6 => Arg7, 7 => Arg8, _ => throw new ArgumentOutOfRangeException(nameof(index)) };

    sealed class Formatter() : MessageFormatter<Args<T1, T2, T3, T4, T5, T6, T7, T8>>(8)
    {
        const string Owner = "Args`8";

        protected override void Write<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, Args<T1, T2, T3, T4, T5, T6, T7, T8> value)
        {
            ArgsFields.Write(ref writer, value.Arg1);
            ArgsFields.Write(ref writer, value.Arg2);
            ArgsFields.Write(ref writer, value.Arg3);
            ArgsFields.Write(ref writer, value.Arg4);
            ArgsFields.Write(ref writer, value.Arg5);
            ArgsFields.Write(ref writer, value.Arg6);
            ArgsFields.Write(ref writer, value.Arg7);
            ArgsFields.Write(ref writer, value.Arg8);
        }

        protected override Args<T1, T2, T3, T4, T5, T6, T7, T8> Read(ref MemoryPackReader reader) => new(ArgsFields.Read<T1>(ref reader, Owner), ArgsFields.Read<T2>(ref reader, Owner), ArgsFields.Read<T3>(ref reader, Owner), ArgsFields.Read<T4>(ref reader, Owner), ArgsFields.Read<T5>(ref reader, Owner), ArgsFields.Read<T6>(ref reader, Owner), ArgsFields.Read<T7>(ref reader, Owner), ArgsFields.Read<T8>(ref reader, Owner));
    }
}
