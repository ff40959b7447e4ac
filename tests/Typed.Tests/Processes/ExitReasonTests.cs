namespace Typed.Tests.Processes;

public class ExitReasonTests
{
    [Fact]
    public void Equality_operators_compare_reasons_by_content()
    {
        var reason = ExitReason.Custom("timeout");

        Assert.True(reason == ExitReason.Custom("timeout"));
        Assert.False(reason != ExitReason.Custom("timeout"));
        Assert.True(reason != ExitReason.Custom("other"));
        Assert.True(ExitReason.ShutdownWith("left") == ExitReason.ShutdownWith("left"));
        Assert.True(ExitReason.ShutdownWith("left") != ExitReason.Shutdown);
        Assert.True(ExitReason.Normal == ExitReason.Normal);
    }

    [Fact]
    public void Equality_operators_handle_null()
    {
        ExitReason? none = null;

        Assert.True(none == null);
        Assert.False(ExitReason.Normal == none);
        Assert.True(ExitReason.Normal != none);
        Assert.False(none != null);
    }
}
