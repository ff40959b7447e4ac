namespace Typed.Messaging;

/// <summary>A call its waiter can fail from outside (its node went down, its reply did not decode).</summary>
internal interface IFailable
{
    void Fail(Exception exception);
}
