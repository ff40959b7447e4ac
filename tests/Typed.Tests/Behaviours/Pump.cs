using Typed;

namespace Typed.Tests.Behaviours;

/// <summary>Forwards each numbered cast as a <see cref="Bulk"/> to a sink: one send per message it takes, as an actor does.</summary>
[Process]
public partial class Pump(Journal journal)
{
    int _forwarded;

    [Cast]
    public void Forward(int n, Pid sink)
    {
        Context.Send(sink, new Bulk(1, n, Bulk.Kilobyte));
        if (++_forwarded % 100 == 0)
        {
            journal.Write("forwarded " + _forwarded);   // readable while the pump waits for room
        }
    }

    [Call]
    public int Forwarded() => _forwarded;
}
