using System.Net;

namespace Typed.Distribution.Discovery;

/// <summary>A port mapper request failed; <see cref="Failure"/> says how.</summary>
internal sealed class EpmdException(EpmdFailure failure, EndPoint mapper, string message, Exception? inner = null)
    : TypedException($"Port mapper at {mapper}: {message}", inner)
{
    /// <summary>How the request failed.</summary>
    public EpmdFailure Failure { get; } = failure;

    /// <summary>The mapper that was asked.</summary>
    public EndPoint Mapper { get; } = mapper;
}
