using Typed;
using Typed.TestNode.Shared;

namespace Typed.LoadProbe;

/// <summary>
/// Sends large casts from a process of its own (scenario e): what another process sends meanwhile,
/// or code outside processes, may go between their pieces; only this sender's own later frames wait
/// behind them.
/// </summary>
[Process]
public partial class BigSender
{
    /// <summary>Casts <paramref name="payload"/> to <paramref name="sink"/> <paramref name="count"/> times.</summary>
    [Cast]
    public void Send(ProcessRef<LoadSink> sink, byte[] payload, int count)
    {
        for (var i = 0; i < count; i++)
        {
            sink.Big(payload);
        }
    }
}
