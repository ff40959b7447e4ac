namespace Typed;

/// <summary>The kind of an <see cref="ExitReason"/>, after Erlang's exit reason atoms.</summary>
public enum ExitReasonKind
{
    /// <summary><c>normal</c>: the process finished its work. Linked processes are not affected.</summary>
    Normal = 0,

    /// <summary><c>shutdown</c> or <c>{shutdown, Term}</c>: an orderly stop asked for by a supervisor or the process.</summary>
    Shutdown = 1,

    /// <summary><c>kill</c>: an untrappable exit signal; the process dies with <see cref="Killed"/>.</summary>
    Kill = 2,

    /// <summary><c>killed</c>: the process was killed by a <see cref="Kill"/> signal.</summary>
    Killed = 3,

    /// <summary><c>noproc</c>: the process did not exist.</summary>
    NoProc = 4,

    /// <summary><c>noconnection</c>: the connection to the process's node was lost.</summary>
    NoConnection = 5,

    /// <summary>A handler or hook threw: the exception's type, message and stack text are kept.</summary>
    Exception = 6,

    /// <summary>Any other reason, named by <see cref="ExitReason.Term"/>.</summary>
    Custom = 7,
}
