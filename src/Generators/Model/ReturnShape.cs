namespace Typed.Generators.Model;

/// <summary>What a handler or hook returns, as far as dispatch cares.</summary>
internal enum ReturnShape
{
    Void,
    Value,
    ValueTask,
    ValueTaskOfT,
    Task,
    TaskOfT,
}
