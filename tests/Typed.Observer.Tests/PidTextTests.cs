using Typed.Observer.Views;

namespace Typed.Observer.Tests;

/// <summary>Pids come back from the page as text: only the exact <c>&lt;node.id.creation&gt;</c> form is read.</summary>
public sealed class PidTextTests
{
    [Fact]
    public void A_pid_reads_back_from_its_text()
    {
        var pid = new Pid("a.b@127.0.0.1", 42, 7);
        Assert.True(PidText.TryParse(pid.ToString(), out var back));
        Assert.Equal(pid, back);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a@host.1.2")]
    [InlineData("<a@host.1>")]
    [InlineData("<.1.2>")]
    [InlineData("<a@host.x.2>")]
    [InlineData("<a@host.1.-2>")]
    [InlineData("<a@host.1.99999999999>")]
    public void Anything_else_is_not_a_pid(string? text) => Assert.False(PidText.TryParse(text, out _));

    [Fact]
    public void A_very_long_text_is_not_read()
    {
        var text = "<" + new string('a', 400) + ".1.2>";
        Assert.False(PidText.TryParse(text, out _));
    }
}
