namespace Typed.Observer.Views;

/// <summary>The answer to an action: done, or why not.</summary>
/// <param name="Ok">Whether it was done.</param>
/// <param name="Error">Why not.</param>
internal sealed record ActionResult(bool Ok, string? Error);
