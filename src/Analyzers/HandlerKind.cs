namespace Typed.Analyzers;

/// <summary>What a method of a behaviour is to the generator, by its attribute.</summary>
internal enum HandlerKind
{
    /// <summary>An ordinary method.</summary>
    None,

    /// <summary><c>[Call]</c>: a request with a reply.</summary>
    Call,

    /// <summary><c>[Cast]</c>: a request without a reply.</summary>
    Cast,

    /// <summary><c>[Info]</c>: a plain message.</summary>
    Info,

    /// <summary><c>[Init]</c>: the start hook.</summary>
    Init,

    /// <summary><c>[Terminate]</c>: the stop hook.</summary>
    Terminate,
}
