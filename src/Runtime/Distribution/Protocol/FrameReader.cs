using System.Buffers;
using System.Text;

namespace Typed.Distribution.Protocol;

/// <summary>
/// Reads a frame's fields with every length checked before it is used: a field that runs past the
/// frame, a string over its bound or not UTF-8, an unknown enum value all throw
/// <see cref="ProtocolException"/>. Nothing here trusts a length header.
/// </summary>
internal ref struct FrameReader(in ReadOnlySequence<byte> body)
{
    /// <summary>The longest string a runtime field may hold (names, reasons, stack texts).</summary>
    public const int MaxString = 1024 * 1024;

    static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    SequenceReader<byte> _reader = new(body);

    public readonly long Remaining => _reader.Remaining;

    public byte Byte()
    {
        if (!_reader.TryRead(out var value))
        {
            Short("a byte");
        }

        return value;
    }

    public bool Bool() => Byte() switch
    {
        0 => false,
        1 => true,
        var other => Invalid<bool>($"a boolean of {other}"),
    };

    public ushort UInt16()
    {
        if (!_reader.TryReadLittleEndian(out short value))
        {
            Short("a u16");
        }

        return (ushort)value;
    }

    public uint UInt32()
    {
        if (!_reader.TryReadLittleEndian(out int value))
        {
            Short("a u32");
        }

        return (uint)value;
    }

    public int Int32()
    {
        if (!_reader.TryReadLittleEndian(out int value))
        {
            Short("an i32");
        }

        return value;
    }

    public ulong UInt64()
    {
        if (!_reader.TryReadLittleEndian(out long value))
        {
            Short("a u64");
        }

        return (ulong)value;
    }

    public long Int64()
    {
        if (!_reader.TryReadLittleEndian(out long value))
        {
            Short("an i64");
        }

        return value;
    }

    /// <summary>A string of at most <paramref name="maxBytes"/> UTF-8 bytes, or null.</summary>
    public string? String(int maxBytes = MaxString)
    {
        var count = Int32();
        if (count == -1)
        {
            return null;
        }

        if (count < 0 || count > maxBytes || count > _reader.Remaining)
        {
            return Invalid<string>($"a string of {count} bytes (at most {Math.Min(maxBytes, _reader.Remaining)} here)");
        }

        var bytes = _reader.UnreadSequence.Slice(0, count);
        _reader.Advance(count);
        try
        {
            return bytes.IsSingleSegment ? Utf8.GetString(bytes.FirstSpan) : Utf8.GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            return Invalid<string>("a string that is not UTF-8");
        }
    }

    /// <summary>A string that must be present.</summary>
    public string RequiredString(string what, int maxBytes = MaxString) =>
        String(maxBytes) ?? Invalid<string>(what + " is missing");

    public void Bytes(scoped Span<byte> destination)
    {
        if (!_reader.TryCopyTo(destination))
        {
            Short($"{destination.Length} bytes");
        }

        _reader.Advance(destination.Length);
    }

    public void Skip(int count)
    {
        if (count > _reader.Remaining)
        {
            Short($"{count} bytes");
        }

        _reader.Advance(count);
    }

    public Pid Pid(FramePeers peers) => peers.Read(ref this);

    public ExitReason Reason()
    {
        var kind = Byte();
        if (kind > (byte)ExitReasonKind.Custom)
        {
            return Invalid<ExitReason>($"an exit reason of kind {kind}");
        }

        var term = String();
        var type = String();
        var message = String();
        var stack = String();
        return (ExitReasonKind)kind switch
        {
            ExitReasonKind.Normal when term is null => ExitReason.Normal,
            ExitReasonKind.Shutdown when term is null => ExitReason.Shutdown,
            ExitReasonKind.Kill => ExitReason.Kill,
            ExitReasonKind.Killed => ExitReason.Killed,
            ExitReasonKind.NoProc => ExitReason.NoProc,
            ExitReasonKind.NoConnection => ExitReason.NoConnection,
            var k => new ExitReason(k, term, type, message, stack),
        };
    }

    public MonitorRef Monitor()
    {
        var node = RequiredString("a monitor's node", NodeNames.MaxLength);
        return new MonitorRef(node, UInt64());
    }

    /// <summary>What is left of the frame: a user payload, for its codec.</summary>
    public ReadOnlySequence<byte> Rest()
    {
        var rest = _reader.UnreadSequence;
        _reader.AdvanceToEnd();
        return rest;
    }

    /// <summary>The frame must end here.</summary>
    public readonly void End()
    {
        if (_reader.Remaining != 0)
        {
            ProtocolException.Throw($"{_reader.Remaining} bytes after the end of a frame");
        }
    }

    static void Short(string what) => ProtocolException.Throw($"the frame ends before {what}");

    static T Invalid<T>(string what)
    {
        ProtocolException.Throw("invalid frame: " + what);
        return default!;
    }
}
