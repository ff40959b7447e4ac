namespace Typed.Rpc;

/// <summary>Timeout checks shared by the targets.</summary>
internal static class RpcTimeouts
{
    public static TimeSpan Check(TimeSpan timeout) => timeout == TimeSpan.Zero ? timeout : CheckExplicit(timeout);

    public static TimeSpan CheckExplicit(TimeSpan timeout) =>
        timeout > TimeSpan.Zero || timeout == System.Threading.Timeout.InfiniteTimeSpan
            ? timeout
            : throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "An RPC timeout is positive or infinite");
}
